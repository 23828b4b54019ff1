"""Blends on the sphere the model conditions on (engine.conditioning): the rule, and conformance with
diffusers' AudioLDMPipeline called with ``prompt_embeds`` = our blended embedding."""

import numpy as np
import pytest
import torch

from engine.conditioning import mix
from engine.errors import InvalidInput
from engine.length import MODEL_RATE, MusicalLength, frames_for_samples
from engine.prompts import Blend
from engine.sampler import SamplingJob


def reference_slerp(a, b, t):
    """The textbook formula (Shoemake 1985), in float64: not engine.conditioning's code."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    theta = np.arccos(np.clip(a @ b, -1, 1))
    return (np.sin((1 - t) * theta) * a + np.sin(t * theta) * b) / np.sin(theta)


def test_two_prompts_are_slerped_and_more_are_a_normalized_weighted_sum(sampler):
    rain, thunder, wind = sampler.encode_texts(["rain", "thunder", "wind"])
    for t in (0.25, 0.5, 0.9):
        ours = mix(torch.stack([rain, thunder]), (1 - t, t))
        np.testing.assert_allclose(ours.numpy(), reference_slerp(rain, thunder, t), rtol=0, atol=1e-6)
        assert abs(float(ours.norm()) - 1) < 1e-6  # on the sphere
    # weights are relative: 7:3 is 0.7:0.3
    torch.testing.assert_close(mix(torch.stack([rain, thunder]), (7, 3)), mix(torch.stack([rain, thunder]), (0.7, 0.3)))
    three = mix(torch.stack([rain, thunder, wind]), (0.5, 0.3, 0.2))
    total = 0.5 * rain.double() + 0.3 * thunder.double() + 0.2 * wind.double()
    np.testing.assert_allclose(three.numpy(), (total / total.norm()).numpy(), rtol=0, atol=1e-6)
    # one text is itself, bit for bit
    assert torch.equal(mix(rain[None], (0.4,)), rain)


def test_opposite_or_cancelling_embeddings_are_refused_by_name():
    e = torch.nn.functional.normalize(torch.arange(1.0, 5.0), dim=0)
    with pytest.raises(InvalidInput, match="opposite directions"):
        mix(torch.stack([e, -e]), (0.5, 0.5))
    with pytest.raises(InvalidInput, match=r"cancel out \(weights \[1.0, 1.0, 0.0\]\)"):
        mix(torch.stack([e, -e, e]), (1.0, 1.0, 0.0))


def test_a_given_embedding_of_the_wrong_size_is_refused(sampler):
    job = SamplingJob("x", 16, [1], conditions=[np.zeros((1, 512), np.float32)])
    with pytest.raises(InvalidInput, match=r"prompt_embeds must have shape \[1, 32\] .*got \[1, 512\]"):
        sampler([job])


@pytest.mark.parametrize("weights, guidance", [((0.5, 0.5), 2.5), ((0.3, 0.7), 1.0), ((0.5, 0.3, 0.2), 3.0)])
def test_a_blend_conforms_to_the_pipeline_given_the_blended_embedding(sampler, tiny_components, weights, guidance):
    from diffusers import DDIMScheduler

    try:
        from diffusers import AudioLDMPipeline
    except ImportError:
        pytest.skip("diffusers.AudioLDMPipeline cannot be imported")
    texts = ["rain on a tin roof", "distant thunder", "wind in pine trees"][: len(weights)]
    c = tiny_components
    pipe = AudioLDMPipeline(vae=c.vae, text_encoder=c.text_encoder, tokenizer=c.tokenizer, unet=c.unet,
                            scheduler=DDIMScheduler.from_config(c.scheduler.config), vocoder=c.vocoder)
    pipe.set_progress_bar_config(disable=True)
    embeds = sampler.encode_texts(texts).double()
    if len(weights) == 2:  # the blend, computed here from the rule PROTOCOL.md states
        blend = torch.from_numpy(reference_slerp(embeds[0], embeds[1], weights[1] / sum(weights)))
    else:
        total = sum(w * e for w, e in zip(weights, embeds))
        blend = total / total.norm()
    seeds, seconds = [3, 4], 0.64
    reference = pipe(prompt_embeds=blend.float()[None], audio_length_in_s=seconds, num_inference_steps=5,
                     guidance_scale=guidance, num_waveforms_per_prompt=2,
                     generator=[torch.Generator().manual_seed(s) for s in seeds]).audios
    samples = MusicalLength.from_seconds(seconds).samples(MODEL_RATE)
    condition = Blend.of(zip(texts, weights))
    ours = sampler([SamplingJob(texts[0], frames_for_samples(samples), seeds, steps=5, guidance=guidance,
                                conditions=[condition] * 2)])[0]
    for wave, ref in zip(ours, reference):
        assert np.abs(ref).max() > 1e-3
        np.testing.assert_allclose(wave[:samples], ref, rtol=0, atol=1e-5)
