"""Choosing, finding and loading AudioLDM checkpoints.

A model id is one of:

* a Hugging Face hub id (``cvssp/audioldm-s-full-v2`` is the default) — resolved through
  huggingface_hub, so the HF cache, ``HF_HUB_OFFLINE`` and download progress bars behave as in
  every other HF tool;
* a local folder in the diffusers layout (``model_index.json`` + component subfolders);
* ``tiny`` — a seeded tiny model with the real structure (see :mod:`engine.tiny`), for tests and
  offline demos: its output is noise;
* ``random:audioldm-s-full-v2`` (``-m-full``, ``-l-full``) — the full-size architecture with
  random weights, for benchmarks and loader tests.

Weights may be ``.safetensors`` or ``.bin``; both load. Finding a checkpoint (a folder, the HF
cache, offline) and reading its components is :mod:`engine.checkpoints`; this module picks the
device and each stage's dtype and makes the model resident.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

import torch

from .building import (SHIPPED_CONFIG_DIR, build_random_components, read_configs,  # noqa: F401 (re-exported)
                       save_components)
from .building import cast as _cast
from .catalog import DEFAULT_MODEL, KNOWN_MODELS, LICENCE_NOTE, RANDOM_UNET_WIDTHS  # noqa: F401 (re-exported)
from .checkpoints import (cached_models, check_model_folder, load_components_from_folder,  # noqa: F401 (re-exported)
                          resolve_model_folder)
from .errors import ModelUnavailable

logger = logging.getLogger(__name__)


COMPONENTS = ("tokenizer", "text_encoder", "unet", "vae", "vocoder", "scheduler")
#: The four model stages, in data-path order; each may run in its own dtype.
STAGES = ("text_encoder", "unet", "vae", "vocoder")

#: Stages that ``--dtype auto`` keeps in fp32 on a CPU that runs bf16 natively. Chosen by
#: measurement (``python -m bench.run --only D1``, BENCHMARKS.md "bf16 deviation"): the text
#: encoder costs < 1 % of a request, so bf16 buys nothing there, while its embedding steers every
#: denoising step.
CPU_BF16_FP32_STAGES = ("text_encoder",)

_DTYPES = {"fp32": torch.float32, "float32": torch.float32, "fp16": torch.float16, "float16": torch.float16,
           "bf16": torch.bfloat16, "bfloat16": torch.bfloat16}


@dataclass
class AudioLDMComponents:
    """The loaded model: what the sampler needs, resident on one device in one dtype."""

    # repr=False: a repr names the model, not every layer (and a diffusers scheduler's repr
    # rewrites its config's _diffusers_version)
    tokenizer: object = field(repr=False)
    text_encoder: torch.nn.Module = field(repr=False)
    unet: torch.nn.Module = field(repr=False)
    vae: torch.nn.Module = field(repr=False)
    vocoder: torch.nn.Module = field(repr=False)
    scheduler: object = field(repr=False)
    model_id: str
    device: torch.device
    dtype: torch.dtype  # the UNet's (the denoising loop's) dtype; see stage_dtypes for the others
    is_test_model: bool = False
    source: str = ""
    extra: dict = field(default_factory=dict)
    stage_dtypes: dict = field(default_factory=dict)  # stage name → torch.dtype (empty: all ``dtype``)
    compiled: str | None = None  # torch.compile backend the stages were compiled with, if any

    def __post_init__(self):
        self.stage_dtypes = {stage: self.stage_dtypes.get(stage, self.dtype) for stage in STAGES}

    def stage_dtype(self, stage: str) -> torch.dtype:
        return self.stage_dtypes[stage]

    @property
    def dtype_name(self) -> str:
        """``bfloat16``, or ``bfloat16 (text_encoder float32)`` when stages differ: sidecars and status show it."""
        main = _dtype_name(self.dtype)
        others = [f"{stage} {_dtype_name(dt)}" for stage, dt in self.stage_dtypes.items() if dt != self.dtype]
        return f"{main} ({', '.join(others)})" if others else main

    @property
    def stage_dtype_names(self) -> dict[str, str]:
        return {stage: _dtype_name(dt) for stage, dt in self.stage_dtypes.items()}

    @property
    def parameter_count(self) -> int:
        return sum(
            p.numel() for m in (self.text_encoder, self.unet, self.vae, self.vocoder) for p in m.parameters()
        )


def pick_device(requested: str | None = "auto") -> torch.device:
    """``auto`` → cuda, then mps, then cpu; anything else is passed to torch."""
    if requested in (None, "", "auto"):
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(requested)
    except (RuntimeError, TypeError):
        raise ModelUnavailable(f"unknown device {requested!r} (use auto, cpu, cuda, cuda:1 or mps)") from None
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ModelUnavailable(f"device {requested!r} requested but CUDA is not available")
    return device


def cpu_has_native_bf16() -> bool:
    """True where the CPU computes bf16 in hardware (AVX512-BF16 or AMX), as torch reports it.

    Elsewhere torch still runs bf16, but emulated: measured 7× (convolutions) to 70× (matmuls)
    slower than fp32 on an AVX2-only EPYC, so ``auto`` must not pick it there.
    """
    cpu = getattr(torch, "cpu", None)
    checks = [getattr(cpu, name, None) for name in ("_is_avx512_bf16_supported", "_is_amx_tile_supported")]
    try:
        return any(check() for check in checks if check is not None)
    except RuntimeError:  # cpuinfo could not initialise: assume the common case, no bf16
        return False


#: Environment variable that overrides :func:`cpu_has_native_bf16` for ``--dtype auto``: ``1`` treats
#: the CPU as computing bf16 natively (auto picks bf16), ``0`` as not (auto picks fp32); unset or
#: empty asks the hardware. For a CPU that torch misjudges, and for tests that cover both answers.
CPU_BF16_ENV = "AUDIOLDM_BRIDGE_CPU_BF16"


def auto_uses_cpu_bf16() -> bool:
    """Whether ``--dtype auto`` treats this CPU as computing bf16 natively: ``AUDIOLDM_BRIDGE_CPU_BF16``
    (``0`` or ``1``) where set, else :func:`cpu_has_native_bf16`."""
    value = os.environ.get(CPU_BF16_ENV, "").strip()
    if not value:
        return cpu_has_native_bf16()
    if value not in ("0", "1"):
        raise ModelUnavailable(f"{CPU_BF16_ENV} must be 0 (auto picks fp32 on the CPU) or 1 (auto picks bf16), "
                               f"or unset (ask the CPU), got {value!r}")
    return value == "1"


def _dtype_name(dtype: torch.dtype) -> str:
    return str(dtype).removeprefix("torch.")


def pick_dtype(device: torch.device, requested: str | None = "auto") -> torch.dtype:
    """The denoising loop's dtype: fp16 on CUDA (half the memory, tensor cores), bf16 on a CPU
    with native bf16 (≈1.8× faster, see BENCHMARKS.md), fp32 elsewhere (CPU fp16 and emulated
    bf16 are slow; ``fp32`` is also the bit-faithful choice the conformance test uses)."""
    return pick_stage_dtypes(device, requested)["unet"]


def pick_stage_dtypes(device: torch.device, requested: str | None = "auto") -> dict[str, torch.dtype]:
    """Stage → dtype. An explicit dtype applies to every stage; ``auto`` may mix (see CPU_BF16_FP32_STAGES).

    On the CPU, ``auto`` follows :func:`auto_uses_cpu_bf16` (the hardware, or ``AUDIOLDM_BRIDGE_CPU_BF16``).
    """
    if requested in (None, "", "auto"):
        if device.type == "cuda":
            return dict.fromkeys(STAGES, torch.float16)
        if device.type == "cpu" and auto_uses_cpu_bf16():
            return {stage: torch.float32 if stage in CPU_BF16_FP32_STAGES else torch.bfloat16 for stage in STAGES}
        return dict.fromkeys(STAGES, torch.float32)
    if requested not in _DTYPES:
        raise ModelUnavailable(f"unknown dtype {requested!r} (use auto, fp32, fp16 or bf16)")
    return dict.fromkeys(STAGES, _DTYPES[requested])


def load_model(model_id: str = DEFAULT_MODEL, device: str | None = "auto", dtype: str | None = "auto",
               cache_dir: str | os.PathLike | None = None, compile: bool | str = False) -> AudioLDMComponents:
    """Load (or build) a model and make it resident: eval mode, on ``device``, each stage in its dtype.

    Weights arrive in their final dtype (``torch_dtype`` for checkpoints; built models are cast one
    component at a time), so no full fp32 copy is ever held next to a bf16/fp16 model.
    ``compile`` (True or a torch.compile backend name) compiles the UNet, VAE decoder and vocoder;
    each new input shape then compiles once, which :meth:`engine.render.Engine.warm_up` front-loads.
    """
    torch_device = pick_device(device)
    dtypes = pick_stage_dtypes(torch_device, dtype)
    if model_id == "tiny":
        from .tiny import build_tiny_components

        parts, source = build_tiny_components(dtypes=dtypes), "built in-process (seeded tiny test model)"
    elif model_id.startswith("random:"):
        parts = build_random_components(model_id.split(":", 1)[1], dtypes=dtypes)
        source = "full-size architecture, random weights"
    else:
        folder = resolve_model_folder(model_id, cache_dir=cache_dir)
        parts, source = load_components_from_folder(folder, dtypes=dtypes), str(folder)
    for name in STAGES:
        parts[name] = _cast(parts[name], dtypes[name]).to(device=torch_device).eval().requires_grad_(False)
    optimize_for_inference(parts)
    use_sdpa_attention(parts)
    components = AudioLDMComponents(
        **parts, model_id=model_id, device=torch_device, dtype=dtypes["unet"], stage_dtypes=dtypes,
        is_test_model=model_id == "tiny", source=source,
    )
    if compile:
        compile_stages(components, backend="inductor" if compile is True else compile)
    logger.info("loaded %s (%s) on %s/%s, %.1fM parameters", model_id, source, torch_device,
                components.dtype_name, components.parameter_count / 1e6)
    return components


def use_sdpa_attention(parts) -> None:
    """PyTorch's fused scaled-dot-product attention in the UNet and the VAE (flash / memory-efficient
    kernels on CUDA, the fused CPU kernel elsewhere). diffusers ≥ 0.20 defaults to it; set it
    explicitly so an older default or a checkpoint's saved processor cannot silently differ."""
    try:
        from diffusers.models.attention_processor import AttnProcessor2_0
    except ImportError:
        return
    if not hasattr(torch.nn.functional, "scaled_dot_product_attention"):
        return
    for name in ("unet", "vae"):
        model = parts[name] if isinstance(parts, dict) else getattr(parts, name)
        if hasattr(model, "set_attn_processor"):
            model.set_attn_processor(AttnProcessor2_0())


def compile_stages(components: AudioLDMComponents, backend: str = "inductor") -> AudioLDMComponents:
    """torch.compile the UNet, the VAE decoder and the vocoder in place (each module stays the same
    object, so a pipeline built from the components uses the compiled code too).

    Shapes are static (``dynamic=False``: the fastest kernels per shape); each clip length and
    batch size compiles once and is cached, up to ``MAX_COMPILED_SHAPES`` per module.
    """
    import torch._dynamo

    config = torch._dynamo.config
    for name in ("recompile_limit", "cache_size_limit"):  # the name changed across torch versions
        if hasattr(config, name):
            setattr(config, name, max(getattr(config, name), MAX_COMPILED_SHAPES))
    for module in (components.unet, components.vae.decoder, components.vocoder):
        module.compile(backend=backend, dynamic=False)
    components.compiled = backend
    return components


#: Distinct shapes (clip length × batch) each compiled module keeps before falling back to eager.
MAX_COMPILED_SHAPES = 64


def optimize_for_inference(parts: dict) -> dict:
    """Load-time changes that keep the math: fold weight-norm into plain weights.

    HiFi-GAN checkpoints trained with weight norm may carry it as a parametrization (or the old
    forward pre-hook), which recomputes every convolution's weight on every call; folding it
    leaves the same weights. The AudioLDM checkpoints and the random/tiny models have none, so
    this is a no-op there. Layout changes (channels-last) are made per call in the sampler, where
    they were measured to help (see BENCHMARKS.md).
    """
    from torch.nn.utils import parametrize

    for name in ("text_encoder", "unet", "vae", "vocoder"):
        model = parts.get(name)
        if not isinstance(model, torch.nn.Module):
            continue
        for module in model.modules():
            if parametrize.is_parametrized(module, "weight") and any(
                "WeightNorm" in type(p).__name__ or "weight_norm" in type(p).__name__.lower()
                for p in module.parametrizations["weight"]
            ):
                parametrize.remove_parametrizations(module, "weight", leave_parametrized=True)
            for key, hook in list(module._forward_pre_hooks.items()):
                if type(hook).__name__ == "WeightNorm":
                    torch.nn.utils.remove_weight_norm(module, hook.name)
    return parts
