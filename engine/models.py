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

Weights may be ``.safetensors`` or ``.bin``; both load.
"""

from __future__ import annotations

import difflib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import torch

from .building import (SHIPPED_CONFIG_DIR, build_random_components, read_configs,  # noqa: F401 (re-exported)
                       save_components)
from .building import cast as _cast
from .catalog import DEFAULT_MODEL, KNOWN_MODELS, LICENCE_NOTE, RANDOM_UNET_WIDTHS  # noqa: F401 (re-exported)
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
_WEIGHT_FILES = {
    "text_encoder": ("model.safetensors", "pytorch_model.bin"),
    "vocoder": ("model.safetensors", "pytorch_model.bin"),
    "unet": ("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.bin"),
    "vae": ("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.bin"),
}
_CONFIG_PATTERNS = ["model_index.json", "*/config.json", "scheduler/*.json", "tokenizer/*"]


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


# --- finding a checkpoint ------------------------------------------------------------------------


def resolve_model_folder(model_id: str, cache_dir=None) -> Path:
    """A local diffusers folder for ``model_id``: the folder itself, or the HF cache snapshot."""
    path = Path(model_id).expanduser()
    if path.is_dir():
        check_model_folder(path)
        return path
    if _looks_like_path(model_id):
        raise ModelUnavailable(f"model folder {model_id!r} does not exist")
    if model_id.count("/") != 1:
        raise ModelUnavailable(
            f"unknown model {model_id!r}: use a hub id like {DEFAULT_MODEL}, a local folder, "
            f"'tiny' or 'random:audioldm-s-full-v2' (see `audioldm-bridge models`)"
        )
    folder = _download(model_id, cache_dir)
    check_model_folder(folder)
    return folder


def _looks_like_path(model_id: str) -> bool:
    return model_id.startswith((".", "/", "~")) or os.sep in model_id.replace("/", "") or model_id.count("/") > 1


def _download(repo_id: str, cache_dir) -> Path:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (GatedRepoError, LocalEntryNotFoundError, RepositoryNotFoundError,
                                        RevisionNotFoundError)

    how_to_get = (
        f"On a machine with internet access run `hf download {repo_id}` to fill the Hugging Face cache, "
        f"pass a local diffusers folder with --model, or try the engine offline with --model tiny."
    )
    # safetensors first; fall back to .bin for components that have no safetensors (older revisions).
    patterns = _CONFIG_PATTERNS + ["*/*.safetensors"]
    ignore = ["*.fp16.*", "*.ckpt", "*.onnx", "*.msgpack", "*.h5"]
    try:
        folder = Path(snapshot_download(repo_id, allow_patterns=patterns, ignore_patterns=ignore, cache_dir=cache_dir))
        missing = [name for name in _WEIGHT_FILES if _weights_file(folder, name) is None]
        if missing:
            folder = Path(snapshot_download(repo_id, allow_patterns=[f"{m}/*.bin" for m in missing] + patterns,
                                            ignore_patterns=ignore, cache_dir=cache_dir))
    except (RepositoryNotFoundError, RevisionNotFoundError, GatedRepoError):
        known = ", ".join(KNOWN_MODELS)
        guess = difflib.get_close_matches(repo_id, list(KNOWN_MODELS), n=1, cutoff=0.8)
        raise ModelUnavailable(f"model {repo_id!r} was not found on the Hugging Face hub ("
                               f"{f'did you mean {guess[0]}? ' if guess else 'typo? '}known: {known})") from None
    except LocalEntryNotFoundError:
        raise ModelUnavailable(_not_cached(repo_id, cache_dir)) from None
    except OSError as err:  # network failures surface as OSError subclasses in huggingface_hub
        raise ModelUnavailable(f"could not download {repo_id!r}: {err}. {how_to_get}") from None
    return folder


def _not_cached(repo_id: str, cache_dir) -> str:
    """Why a hub id could not be had without the hub: what was tried (HF_HUB_OFFLINE, or a hub that
    did not answer), and — since the hub cannot say whether the repo exists — for an id that is
    not a known AudioLDM model, what is cached and what is known instead of download advice."""
    from huggingface_hub import constants

    if _offline():
        tried = f"HF_HUB_OFFLINE={os.environ.get('HF_HUB_OFFLINE') or '1'} is set: the hub was not asked"
        where = "Where the hub is reachable, with HF_HUB_OFFLINE unset,"
    else:
        tried = f"the hub at {constants.ENDPOINT} could not be reached"
        where = "On a machine with internet access"
    try:
        cached = sorted(cached_models(cache_dir))
    except Exception:  # noqa: BLE001 — an unreadable cache only shortens the message
        cached = []
    if repo_id in KNOWN_MODELS or repo_id in cached:
        return (f"model {repo_id!r} is not in the local Hugging Face cache ({tried}). {where} run "
                f"`hf download {repo_id}` to fill the cache; or pass a local diffusers folder with --model, or "
                f"try the engine offline with --model tiny.")
    guess = difflib.get_close_matches(repo_id, [*KNOWN_MODELS, *cached], n=1, cutoff=0.8)
    return (f"model {repo_id!r} is not a known AudioLDM model and is not in the local Hugging Face cache; "
            f"whether the hub has it could not be checked ({tried}). "
            f"{f'Did you mean {guess[0]}? ' if guess else ''}"
            f"{'In the cache: ' + ', '.join(cached) if cached else 'The cache holds no models'}; "
            f"known: {', '.join(KNOWN_MODELS)} (`audioldm-bridge models`). Or pass a local diffusers folder "
            f"with --model, or try the engine offline with --model tiny.")


def _offline() -> bool:
    from huggingface_hub import constants

    return bool(constants.is_offline_mode())


def _weights_file(folder: Path, component: str) -> Path | None:
    for name in _WEIGHT_FILES[component]:
        if (folder / component / name).is_file():
            return folder / component / name
    return None


def check_model_folder(folder: Path) -> None:
    """Fail early, naming what is missing, instead of deep inside from_pretrained."""
    problems = [f"{c}/config.json" for c in ("text_encoder", "unet", "vae", "vocoder")
                if not (folder / c / "config.json").is_file()]
    problems += [f"{c}/{' or '.join(_WEIGHT_FILES[c])}" for c in _WEIGHT_FILES
                 if (folder / c).is_dir() and _weights_file(folder, c) is None]
    if not (folder / "scheduler" / "scheduler_config.json").is_file():
        problems.append("scheduler/scheduler_config.json")
    if not (folder / "tokenizer").is_dir():
        problems.append("tokenizer/")
    if problems:
        raise ModelUnavailable(f"{folder} is not a complete AudioLDM diffusers folder: missing {', '.join(problems)}")


def cached_models(cache_dir=None) -> dict[str, int]:
    """Known hub ids found in the local HF cache → bytes on disk."""
    from huggingface_hub import scan_cache_dir
    from huggingface_hub.errors import CacheNotFound

    try:
        info = scan_cache_dir(cache_dir)
    except CacheNotFound:
        return {}
    return {repo.repo_id: repo.size_on_disk for repo in info.repos if repo.repo_type == "model"}


# --- building and loading components -------------------------------------------------------------


def load_components_from_folder(folder: Path, dtypes: dict | None = None) -> dict:
    """Every component from a diffusers folder; weights are converted to ``dtypes[stage]`` as they load."""
    from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
    from transformers import AutoTokenizer, ClapTextModelWithProjection, SpeechT5HifiGan

    dtypes = dtypes or dict.fromkeys(STAGES, torch.float32)
    hf_dtype = _transformers_dtype_kwarg()
    try:
        return {
            "tokenizer": AutoTokenizer.from_pretrained(folder / "tokenizer"),
            "text_encoder": ClapTextModelWithProjection.from_pretrained(folder / "text_encoder",
                                                                        **{hf_dtype: dtypes["text_encoder"]}),
            "unet": UNet2DConditionModel.from_pretrained(folder / "unet", torch_dtype=dtypes["unet"]),
            "vae": AutoencoderKL.from_pretrained(folder / "vae", torch_dtype=dtypes["vae"]),
            "vocoder": SpeechT5HifiGan.from_pretrained(folder / "vocoder", **{hf_dtype: dtypes["vocoder"]}),
            "scheduler": DDIMScheduler.from_pretrained(folder / "scheduler"),
        }
    except (OSError, ValueError, KeyError) as err:
        raise ModelUnavailable(f"could not load the model in {folder}: {err}") from err


def _transformers_dtype_kwarg() -> str:
    """transformers renamed ``torch_dtype`` to ``dtype`` in 4.56 (the old name still works, with a warning)."""
    import transformers

    major, minor = (int(x) for x in transformers.__version__.split(".")[:2])
    return "dtype" if (major, minor) >= (4, 56) else "torch_dtype"
