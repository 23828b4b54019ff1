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

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import torch

from .building import (SHIPPED_CONFIG_DIR, build_random_components, read_configs,  # noqa: F401 (re-exported)
                       save_components)
from .catalog import DEFAULT_MODEL, KNOWN_MODELS, LICENCE_NOTE, RANDOM_UNET_WIDTHS  # noqa: F401 (re-exported)
from .errors import ModelUnavailable

logger = logging.getLogger(__name__)


COMPONENTS = ("tokenizer", "text_encoder", "unet", "vae", "vocoder", "scheduler")
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

    tokenizer: object
    text_encoder: torch.nn.Module
    unet: torch.nn.Module
    vae: torch.nn.Module
    vocoder: torch.nn.Module
    scheduler: object
    model_id: str
    device: torch.device
    dtype: torch.dtype
    is_test_model: bool = False
    source: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def dtype_name(self) -> str:
        return str(self.dtype).removeprefix("torch.")

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


def pick_dtype(device: torch.device, requested: str | None = "auto") -> torch.dtype:
    """fp16 on CUDA (half the memory, tensor cores), fp32 elsewhere (CPU fp16 is slow)."""
    if requested in (None, "", "auto"):
        return torch.float16 if device.type == "cuda" else torch.float32
    table = {"fp32": torch.float32, "float32": torch.float32, "fp16": torch.float16, "float16": torch.float16,
             "bf16": torch.bfloat16, "bfloat16": torch.bfloat16}
    if requested not in table:
        raise ModelUnavailable(f"unknown dtype {requested!r} (use auto, fp32, fp16 or bf16)")
    return table[requested]


def load_model(model_id: str = DEFAULT_MODEL, device: str | None = "auto", dtype: str | None = "auto",
               cache_dir: str | os.PathLike | None = None) -> AudioLDMComponents:
    """Load (or build) a model and make it resident: eval mode, on ``device``, in ``dtype``."""
    torch_device = pick_device(device)
    torch_dtype = pick_dtype(torch_device, dtype)
    if model_id == "tiny":
        from .tiny import build_tiny_components

        parts, source = build_tiny_components(), "built in-process (seeded tiny test model)"
    elif model_id.startswith("random:"):
        parts, source = build_random_components(model_id.split(":", 1)[1]), "full-size architecture, random weights"
    else:
        folder = resolve_model_folder(model_id, cache_dir=cache_dir)
        parts, source = load_components_from_folder(folder), str(folder)
    for name in ("text_encoder", "unet", "vae", "vocoder"):
        module = parts[name]
        if module.dtype != torch_dtype:  # diffusers warns on every .to(dtype=…), even a no-op one
            module = module.to(dtype=torch_dtype)
        parts[name] = module.to(device=torch_device).eval().requires_grad_(False)
    optimize_for_inference(parts)
    components = AudioLDMComponents(
        **parts, model_id=model_id, device=torch_device, dtype=torch_dtype,
        is_test_model=model_id == "tiny", source=source,
    )
    logger.info("loaded %s (%s) on %s/%s, %.1fM parameters", model_id, source, torch_device,
                components.dtype_name, components.parameter_count / 1e6)
    return components


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
        f"On a machine with internet access run `hf download {repo_id}` (or start once without "
        f"HF_HUB_OFFLINE) to fill the Hugging Face cache, pass a local diffusers folder with --model, "
        f"or try the engine offline with --model tiny."
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
        raise ModelUnavailable(f"model {repo_id!r} was not found on the Hugging Face hub (typo? known: {known})") from None
    except LocalEntryNotFoundError:
        raise ModelUnavailable(
            f"model {repo_id!r} is not in the local Hugging Face cache and the hub cannot be reached "
            f"(offline{' mode: HF_HUB_OFFLINE=1' if _offline() else ''}). {how_to_get}"
        ) from None
    except OSError as err:  # network failures surface as OSError subclasses in huggingface_hub
        raise ModelUnavailable(f"could not download {repo_id!r}: {err}. {how_to_get}") from None
    return folder


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


def load_components_from_folder(folder: Path) -> dict:
    from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
    from transformers import AutoTokenizer, ClapTextModelWithProjection, SpeechT5HifiGan

    try:
        return {
            "tokenizer": AutoTokenizer.from_pretrained(folder / "tokenizer"),
            "text_encoder": ClapTextModelWithProjection.from_pretrained(folder / "text_encoder"),
            "unet": UNet2DConditionModel.from_pretrained(folder / "unet"),
            "vae": AutoencoderKL.from_pretrained(folder / "vae"),
            "vocoder": SpeechT5HifiGan.from_pretrained(folder / "vocoder"),
            "scheduler": DDIMScheduler.from_pretrained(folder / "scheduler"),
        }
    except (OSError, ValueError, KeyError) as err:
        raise ModelUnavailable(f"could not load the model in {folder}: {err}") from err
