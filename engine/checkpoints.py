"""Finding and loading AudioLDM checkpoints: a local diffusers folder or the Hugging Face cache.

Hub ids resolve through huggingface_hub, so the HF cache, ``HF_HUB_OFFLINE`` and download progress
bars behave as in every other HF tool; an id that cannot be had says what was tried and how to get
it. Weights may be ``.safetensors`` or ``.bin``; both load, each component converted to its stage's
dtype as it loads. :mod:`engine.models` picks the device and dtypes and makes the model resident.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import torch

from .catalog import DEFAULT_MODEL, KNOWN_MODELS
from .errors import ModelUnavailable

_WEIGHT_FILES = {
    "text_encoder": ("model.safetensors", "pytorch_model.bin"),
    "vocoder": ("model.safetensors", "pytorch_model.bin"),
    "unet": ("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.bin"),
    "vae": ("diffusion_pytorch_model.safetensors", "diffusion_pytorch_model.bin"),
}
_CONFIG_PATTERNS = ["model_index.json", "*/config.json", "scheduler/*.json", "tokenizer/*"]


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

    dtypes = {**dict.fromkeys(("text_encoder", "unet", "vae", "vocoder"), torch.float32), **(dtypes or {})}
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
