"""Building components from configs (seeded random weights) and saving them in the hub's layout.

Shared by the loader (``random:`` models), the tiny test model and the tests; it imports neither,
so the dependencies run one way: models → tiny → building.
"""

from __future__ import annotations

import copy
from pathlib import Path

import torch

from .catalog import RANDOM_UNET_WIDTHS
from .errors import ModelUnavailable

#: Configs and tokenizer of cvssp/audioldm-s-full-v2, shipped as package data.
SHIPPED_CONFIG_DIR = Path(__file__).parent / "data" / "audioldm-s-full-v2"


def read_configs(folder: Path = SHIPPED_CONFIG_DIR) -> dict:
    """Component configs of a diffusers folder as dicts (no weights read)."""
    import json

    def read(rel):
        return json.loads((folder / rel).read_text())

    return {
        "text_encoder": read("text_encoder/config.json"),
        "unet": read("unet/config.json"),
        "vae": read("vae/config.json"),
        "vocoder": read("vocoder/config.json"),
        "scheduler": read("scheduler/scheduler_config.json"),
    }


def build_components(configs: dict, seed: int = 0) -> dict:
    """Instantiate every component from config dicts with seeded random weights."""
    from diffusers import AutoencoderKL, DDIMScheduler, UNet2DConditionModel
    from transformers import AutoTokenizer, ClapTextConfig, ClapTextModelWithProjection, SpeechT5HifiGan
    from transformers import SpeechT5HifiGanConfig

    def hf_kwargs(cfg):
        return {k: v for k, v in cfg.items() if not k.startswith("_") and k not in ("architectures", "model_type",
                                                                                     "transformers_version", "torch_dtype")}

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        parts = {
            "text_encoder": ClapTextModelWithProjection(ClapTextConfig(**hf_kwargs(configs["text_encoder"]))),
            "unet": UNet2DConditionModel.from_config(configs["unet"]),
            "vae": AutoencoderKL.from_config(configs["vae"]),
            "vocoder": SpeechT5HifiGan(SpeechT5HifiGanConfig(**hf_kwargs(configs["vocoder"]))),
        }
    parts["scheduler"] = DDIMScheduler.from_config(configs["scheduler"])
    parts["tokenizer"] = AutoTokenizer.from_pretrained(SHIPPED_CONFIG_DIR / "tokenizer")
    return parts


def build_random_components(name: str, seed: int = 0) -> dict:
    name = name.removeprefix("cvssp/")
    if name not in RANDOM_UNET_WIDTHS:
        raise ModelUnavailable(f"unknown random model {name!r}: use one of "
                               + ", ".join(f"random:{n}" for n in RANDOM_UNET_WIDTHS))
    configs = copy.deepcopy(read_configs())
    configs["unet"]["block_out_channels"] = list(RANDOM_UNET_WIDTHS[name])
    configs["unet"]["cross_attention_dim"] = list(RANDOM_UNET_WIDTHS[name])
    return build_components(configs, seed=seed)


def save_components(parts: dict, folder: Path, weights: str | dict = "safetensors") -> Path:
    """Write components in the hub's diffusers layout (used by tests and `bench/`).

    ``weights`` is ``"safetensors"``, ``"bin"`` (the format of the original hub upload) or a dict
    per component. transformers ≥5 only writes safetensors, so ``.bin`` is written as the plain
    state dict that older hub revisions hold.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("text_encoder", "unet", "vae", "vocoder"):
        kind = weights[name] if isinstance(weights, dict) else weights
        model = parts[name]
        if kind == "safetensors" or name in ("unet", "vae"):
            model.save_pretrained(folder / name, safe_serialization=kind == "safetensors")
        else:
            model.config.save_pretrained(folder / name)
            torch.save(model.state_dict(), folder / name / "pytorch_model.bin")
    parts["scheduler"].save_pretrained(folder / "scheduler")
    parts["tokenizer"].save_pretrained(folder / "tokenizer")
    (folder / "model_index.json").write_text((SHIPPED_CONFIG_DIR / "model_index.json").read_text())
    return folder
