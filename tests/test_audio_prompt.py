""""More like this" (engine.audio_prompt): a sound conditions the model through a CLAP audio tower
only where that CLAP's text tower is the checkpoint's text encoder; a mismatched CLAP is refused."""

import json

import numpy as np
import pytest
import soundfile as sf
import torch

from engine.errors import ModelUnavailable
from engine.length import MusicalLength
from engine.request import RenderRequest


def matching_clap(text_encoder, folder, perturb: str | None = None):
    """A tiny ClapModel whose text tower is ``text_encoder`` (its config and weights copied), saved as a
    hub folder with feature extractor and tokenizer; ``perturb`` changes that one text weight."""
    from transformers import AutoTokenizer, ClapAudioConfig, ClapConfig, ClapFeatureExtractor, ClapModel

    from engine.building import SHIPPED_CONFIG_DIR

    text = text_encoder.config.to_dict()
    dim = text_encoder.config.projection_dim
    audio = ClapAudioConfig(patch_embeds_hidden_size=8, hidden_size=64, depths=[1, 1, 1, 1],
                            num_attention_heads=[1, 2, 4, 8], projection_dim=dim, window_size=8, spec_size=256,
                            num_mel_bins=64, enable_fusion=False)
    torch.manual_seed(99)
    model = ClapModel(ClapConfig(text_config=text, audio_config=audio.to_dict(), projection_dim=dim)).eval()
    for linear in (model.audio_projection.linear1, model.audio_projection.linear2):  # toy widths: no all-zero ReLU
        torch.nn.init.normal_(linear.weight, std=linear.in_features ** -0.5)
    missing, unexpected = model.load_state_dict(text_encoder.state_dict(), strict=False)
    assert not unexpected and not [k for k in missing if k.startswith(("text_model.", "text_projection."))]
    if perturb:
        with torch.no_grad():
            model.state_dict()[perturb].add_(1e-3)
    model.save_pretrained(folder)
    ClapFeatureExtractor().save_pretrained(folder)
    AutoTokenizer.from_pretrained(SHIPPED_CONFIG_DIR / "tokenizer").save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "bell.wav"
    t = np.arange(48000 * 2) / 48000
    sf.write(path, (0.3 * np.sin(2 * np.pi * 660 * t) * np.exp(-2 * t)).astype(np.float32), 48000)
    return path


def request(tmp_path, **fields):
    return RenderRequest(prompt="", length=MusicalLength.from_seconds(0.32), out_dir=tmp_path, seed=2, steps=2,
                         **fields)


def test_a_matching_clap_conditions_on_the_sounds_audio_embedding(tiny_components, tmp_path, sound):
    from transformers import ClapFeatureExtractor, ClapModel

    from engine.render import Engine

    folder = matching_clap(tiny_components.text_encoder, tmp_path / "clap")
    engine = Engine(tiny_components, ranking_model=str(folder))
    # the condition, computed here from transformers' own API: CLAP features at 48 kHz, projected, unit length
    clap = ClapModel.from_pretrained(folder).eval()
    features = ClapFeatureExtractor.from_pretrained(folder)([sf.read(sound, dtype="float32")[0]], sampling_rate=48000,
                                                             return_tensors="pt", truncation="rand_trunc",
                                                             padding="repeatpad")
    with torch.inference_mode():
        out = clap.get_audio_features(input_features=features.input_features, is_longer=features.is_longer)
    expected = torch.nn.functional.normalize(getattr(out, "pooler_output", out), dim=-1).numpy()
    np.testing.assert_allclose(engine.audio_condition(sound), expected, rtol=0, atol=1e-6)

    [liked] = engine.render(request(tmp_path, audio_prompt=sound))
    [given] = engine.render(request(tmp_path, prompt_embeds=expected.astype(np.float32)))
    np.testing.assert_allclose(sf.read(liked.path)[0], sf.read(given.path)[0], rtol=0, atol=1e-5)
    meta = json.loads(liked.sidecar.read_text())
    assert meta["audio_prompt"] == str(sound) and meta["prompt"] == "like bell"


@pytest.mark.parametrize("clap", ["tiny", "perturbed"])
def test_a_mismatched_clap_is_refused_and_nothing_is_generated(tiny_components, tmp_path, sound, clap):
    from engine.render import Engine

    if clap == "perturbed":  # the same structure, one weight off
        key = "text_model.encoder.layer.0.attention.self.query.weight"
        ranking, differs = str(matching_clap(tiny_components.text_encoder, tmp_path / "clap", perturb=key)), key
    else:  # the ranking test model: another CLAP altogether
        ranking, differs = "tiny", "text_model.embeddings.word_embeddings.weight differs (largest difference"
    engine = Engine(tiny_components, ranking_model=ranking)
    with pytest.raises(ModelUnavailable) as refused:
        engine.render(request(tmp_path, audio_prompt=sound))
    message = str(refused.value)
    assert f"the text tower of CLAP model {ranking!r} is not that encoder" in message and differs in message
    assert "mismatched space" in message and "model 'tiny'" in message
    assert list(tmp_path.glob("*.wav")) == []
