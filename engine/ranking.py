"""Best of N: rank candidates by CLAP audio–text similarity, as AudioLDM's own command line does.

AudioLDM scores each candidate with the CLAP it is conditioned on (HTSAT + RoBERTa, unfused) and
keeps the best per prompt. The diffusers checkpoint holds only CLAP's text tower, so ranking uses
transformers' ``ClapModel`` of ``laion/clap-htsat-unfused`` (the config and tokenizer the
conversion took AudioLDM's text encoder from), resolved like the main model: the Hugging Face
cache, ``HF_HUB_OFFLINE``, a local folder, or ``tiny`` — a seeded random CLAP for tests.

Scoring follows MusicLDM's ``score_waveforms``: 16 kHz → 48 kHz, ``ClapFeatureExtractor`` (with
``truncation="rand_trunc"``, the single-channel input an unfused model takes, and at most 10 s so
its unseeded random crop never runs), then the cosine similarity of the projected embeddings (a
monotone function of ``logits_per_text``). Each prompt is ranked over its own candidates only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import ModelUnavailable

logger = logging.getLogger(__name__)

DEFAULT_RANKING_MODEL = "laion/clap-htsat-unfused"
CLAP_RATE = 48000
MAX_CLAP_SAMPLES = 10 * CLAP_RATE
TINY_CLAP_SEED = 4321


@dataclass
class ClapRanker:
    model: object  # transformers.ClapModel
    feature_extractor: object
    tokenizer: object
    model_id: str
    device: object

    def score(self, text: str, waves16k: Sequence[np.ndarray]) -> list[float]:
        """Cosine similarity between ``text`` and each 16 kHz waveform."""
        import torch

        from .resample import resample

        audio = [resample(np.asarray(w, dtype=np.float32), 16000, CLAP_RATE)[:MAX_CLAP_SAMPLES] for w in waves16k]
        features = self.feature_extractor(audio, sampling_rate=CLAP_RATE, return_tensors="pt",
                                          truncation="rand_trunc", padding="repeatpad")
        tokens = self.tokenizer([text], padding=True, truncation=True, return_tensors="pt")
        dtype = next(self.model.parameters()).dtype
        with torch.inference_mode():
            out = self.model(input_ids=tokens.input_ids.to(self.device),
                             attention_mask=tokens.attention_mask.to(self.device),
                             input_features=features.input_features.to(self.device, dtype),
                             is_longer=features.is_longer.to(self.device))
            similarity = (out.audio_embeds.float() @ out.text_embeds.float().T)[:, 0]  # both unit-normalised
        return [float(s) for s in similarity.cpu()]


def load_ranker(model_id: str = DEFAULT_RANKING_MODEL, device="cpu", cache_dir=None) -> ClapRanker:
    """Load (once per engine) the CLAP used for ranking; ModelUnavailable says how to get it."""
    import torch
    from transformers import ClapFeatureExtractor

    if model_id == "tiny":
        model, feature_extractor, tokenizer = build_tiny_clap()
    else:
        folder = _resolve(model_id, cache_dir)
        from transformers import AutoTokenizer, ClapModel

        try:
            model = ClapModel.from_pretrained(folder)
            feature_extractor = ClapFeatureExtractor.from_pretrained(folder)
            tokenizer = AutoTokenizer.from_pretrained(folder)
        except (OSError, ValueError, KeyError) as err:
            raise ModelUnavailable(f"could not load the ranking model in {folder}: {err}") from err
    model = model.to(device=torch.device(device)).eval().requires_grad_(False)
    logger.info("loaded ranking model %s", model_id)
    return ClapRanker(model, feature_extractor, tokenizer, model_id, torch.device(device))


def _resolve(model_id: str, cache_dir) -> Path:
    path = Path(model_id).expanduser()
    if path.is_dir():
        return path
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError, RepositoryNotFoundError

    how_to_get = (f"On a machine with internet access run `hf download {model_id}` to fill the Hugging Face "
                  f"cache, or ask without best_of (ranking needs this model; generation does not)")
    try:
        return Path(snapshot_download(model_id, cache_dir=cache_dir,
                                      allow_patterns=["*.json", "*.txt", "*.safetensors", "merges.txt", "vocab.json"],
                                      ignore_patterns=["*.msgpack", "*.h5", "*.onnx"]))
    except RepositoryNotFoundError:
        raise ModelUnavailable(f"ranking model {model_id!r} was not found on the Hugging Face hub") from None
    except LocalEntryNotFoundError:
        raise ModelUnavailable(f"ranking model {model_id!r} is not in the local Hugging Face cache and the hub "
                               f"cannot be reached. {how_to_get}.") from None
    except OSError as err:
        raise ModelUnavailable(f"could not download ranking model {model_id!r}: {err}. {how_to_get}.") from None


def build_tiny_clap(seed: int = TINY_CLAP_SEED):
    """A ClapModel with laion's structure (HTSAT, unfused; RoBERTa) at toy widths, seeded: for tests."""
    import torch
    from transformers import AutoTokenizer, ClapAudioConfig, ClapConfig, ClapFeatureExtractor, ClapModel
    from transformers import ClapTextConfig

    from .building import SHIPPED_CONFIG_DIR

    text = ClapTextConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=37,
                          projection_dim=16)
    audio = ClapAudioConfig(patch_embeds_hidden_size=8, hidden_size=64, depths=[1, 1, 1, 1],
                            num_attention_heads=[1, 2, 4, 8], projection_dim=16, window_size=8, spec_size=256,
                            num_mel_bins=64, enable_fusion=False)
    config = ClapConfig(text_config=text.to_dict(), audio_config=audio.to_dict(), projection_dim=16)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = ClapModel(config)
        # At toy widths the default init collapses the ReLU projections to all-zero embeddings.
        for projection in (model.audio_projection, model.text_projection):
            for linear in (projection.linear1, projection.linear2):
                torch.nn.init.normal_(linear.weight, std=linear.in_features ** -0.5)
                torch.nn.init.zeros_(linear.bias)
    tokenizer = AutoTokenizer.from_pretrained(SHIPPED_CONFIG_DIR / "tokenizer")  # RoBERTa, as laion's
    return model, ClapFeatureExtractor(), tokenizer
