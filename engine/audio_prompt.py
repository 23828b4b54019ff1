""""More like this": a sound as the condition, through CLAP's audio tower.

AudioLDM was trained on CLAP *audio* embeddings (text ones stand in for them at generation), so a
sound's CLAP embedding is a condition the model knows. The diffusers checkpoints hold only CLAP's
text tower; a full ``ClapModel`` (the one best-of ranking loads, ``laion/clap-htsat-unfused`` by
default) has both. Its audio tower speaks the model's space only if its text tower *is* the
model's: every weight of the checkpoint's text encoder (``text_model.*``, ``text_projection.*``)
must be present and equal in the CLAP. Where one differs the request is refused — never
conditioned on a mismatched space.

The sound is read like an init audio (mono), resampled to 48 kHz, its first 10 s fed to
``ClapFeatureExtractor`` as ranking does, and the projected audio embedding normalized to the unit
sphere the pipeline normalizes text embeddings to.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .errors import ModelUnavailable


def text_tower_mismatch(clap_model, text_encoder) -> str | None:
    """None where ``clap_model``'s text tower equals ``text_encoder`` weight for weight, else what differs.

    Compared in the text encoder's dtype (a fp16 model's weights are the CLAP's, rounded)."""
    import torch

    theirs = clap_model.state_dict()
    for key, ours in text_encoder.state_dict().items():
        other = theirs.get(key)
        if other is None:
            return f"the CLAP model has no {key}"
        if tuple(other.shape) != tuple(ours.shape):
            return f"{key} is {list(other.shape)} in the CLAP model, {list(ours.shape)} in the checkpoint"
        if not torch.equal(other.to(device=ours.device, dtype=ours.dtype), ours):
            delta = (other.to(ours.device).double() - ours.double()).abs().max()
            return f"{key} differs (largest difference {float(delta):.3g})"
    return None


def check_towers(ranker, components) -> None:
    """Refuse (model_unavailable) where the CLAP's text tower is not the checkpoint's text encoder."""
    if not hasattr(components, "text_encoder"):  # serve --ray: the front holds no model to compare with
        raise ModelUnavailable("audio_prompt needs the model in the engine's own process (not served with --ray)")
    problem = text_tower_mismatch(ranker.model, components.text_encoder)
    if problem is not None:
        raise ModelUnavailable(
            f"audio_prompt needs a CLAP audio tower in the space the text encoder of model {components.model_id!r} "
            f"maps to, and the text tower of CLAP model {ranker.model_id!r} is not that encoder ({problem}): its audio "
            f"embeddings would condition on a mismatched space, so the request is refused. Use a text prompt, or "
            f"start the engine with --clap-model naming a CLAP whose text tower equals the checkpoint's")


def audio_condition(ranker, path: Path) -> np.ndarray:
    """A sound file's normalized CLAP audio embedding, (1, D) float32 (the towers already checked)."""
    import torch
    import torch.nn.functional as F

    from .audio_in import read_audio
    from .ranking import CLAP_RATE, MAX_CLAP_SAMPLES
    from .resample import resample

    sound = read_audio(Path(path))
    audio = resample(sound.audio, sound.rate, CLAP_RATE)[:MAX_CLAP_SAMPLES]
    features = ranker.feature_extractor([audio], sampling_rate=CLAP_RATE, return_tensors="pt",
                                        truncation="rand_trunc", padding="repeatpad")
    dtype = next(ranker.model.parameters()).dtype
    with torch.inference_mode():
        embeds = ranker.model.get_audio_features(input_features=features.input_features.to(ranker.device, dtype),
                                                 is_longer=features.is_longer.to(ranker.device))
    if not isinstance(embeds, torch.Tensor):  # transformers 5 returns an output object (pooler_output: the projection)
        embeds = embeds.pooler_output
    return F.normalize(embeds.float(), dim=-1).cpu().numpy().reshape(1, -1)
