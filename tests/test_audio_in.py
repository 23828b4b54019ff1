"""Audio in: AudioLDM's mel front end against librosa, exact round-trip lengths, and the sampler's
init latents (strength) and kept frames (inpainting) with the tiny model."""

import numpy as np
import pytest
import soundfile as sf
import torch

from engine import audio_in
from engine.errors import InvalidInput
from engine.sampler import SamplingJob


def tone(samples, rate=16000, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(samples) / rate
    return (0.3 * np.sin(2 * np.pi * 330 * t) * (1 + np.sin(2 * np.pi * 3 * t)) / 2
            + 0.02 * rng.standard_normal(samples)).astype(np.float32)


def librosa_log_mel(wave):
    """The original's front end spelled with librosa alone (keywords: librosa ≥0.10 refuses positionals;
    pad_mode given: its default became "constant" in 0.10, the original pads by reflection)."""
    import librosa

    mel = librosa.feature.melspectrogram(y=wave, sr=16000, n_fft=1024, hop_length=160, win_length=1024,
                                         window="hann", center=True, pad_mode="reflect", power=1.0, n_mels=64,
                                         fmin=0.0, fmax=8000.0, htk=False, norm="slaney")
    return np.log(np.maximum(mel, 1e-5)).T


@pytest.mark.parametrize("samples", [1280, 16000, 40960])
def test_front_end_matches_an_independent_librosa_computation(samples):
    wave, gain = audio_in.prepare_waveform(tone(samples) + 0.1)
    assert abs(wave.mean()) < 1e-6 and np.abs(wave).max() == pytest.approx(0.5, abs=1e-6)
    ours = audio_in.log_mel(wave)
    assert ours.shape == (1, 1, samples // 160, 64)  # time on H, mel bins on W
    reference = librosa_log_mel(wave)
    assert reference.shape == (samples // 160 + 1, 64)  # centred STFT: one frame more, dropped as _pad_spec does
    np.testing.assert_allclose(ours[0, 0].numpy(), reference[: samples // 160], rtol=0, atol=2e-4)
    assert ours.min() >= np.log(1e-5) - 1e-6


def test_front_end_refuses_lengths_off_the_latent_grid():
    with pytest.raises(InvalidInput, match="multiple of 640"):
        audio_in.log_mel(np.zeros(1000, dtype=np.float32))


def test_silence_is_not_amplified():
    wave, gain = audio_in.prepare_waveform(np.zeros(640, dtype=np.float32))
    assert gain == 1.0 and not wave.any()


def test_files_are_mixed_to_mono_at_their_own_rate(tmp_path):
    left, right = tone(44100, 44100), tone(44100, 44100, seed=1)
    sf.write(tmp_path / "st.flac", np.stack([left, right], axis=1), 44100)
    source = audio_in.read_audio(tmp_path / "st.flac")
    assert source.rate == 44100 and source.seconds == 1
    np.testing.assert_allclose(source.audio, (left + right) / 2, atol=1e-4)  # FLAC is 16/24-bit
    assert len(audio_in.to_model_rate(source.audio, source.rate)) == 16000


@pytest.mark.parametrize("bad, message", [("notes.txt", "not a readable audio file"), ("empty.wav", "holds no audio")])
def test_unreadable_inputs_are_named(tmp_path, bad, message):
    (tmp_path / "notes.txt").write_text("not audio")
    sf.write(tmp_path / "empty.wav", np.zeros(0, dtype=np.float32), 48000)
    with pytest.raises(InvalidInput, match=message):
        audio_in.read_audio(tmp_path / bad)


def encode(components, samples, seed=0):
    wave, _ = audio_in.prepare_waveform(tone(samples, seed=seed))
    return audio_in.encode_latents(components, audio_in.log_mel(wave))[0]


def vae_vocoder(components, latents):
    """Decode → vocode, spelled out apart from the sampler."""
    with torch.inference_mode():
        mel = components.vae.decode(latents.unsqueeze(0) / components.vae.config.scaling_factor).sample
        return components.vocoder(mel.squeeze(1))[0].numpy()


@pytest.mark.parametrize("frames", [4, 64, 100])
def test_round_trip_lengths_are_exact(sampler, tiny_components, frames):
    """wave (frames × 160) → mel (frames) → latents (frames/4) → mel (frames) → vocoder (frames × 160 + 32)."""
    latents = encode(tiny_components, frames * 160)
    assert latents.shape == (8, frames // 4, 16)
    [[wave]] = sampler([SamplingJob("x", frames, [0], strength=0.0, init_latents=latents)])
    reference = vae_vocoder(tiny_components, latents)
    assert len(wave) == len(reference) == frames * 160 + 32


def test_strength_zero_returns_the_init_through_the_vae(sampler, tiny_components):
    latents = encode(tiny_components, 64 * 160)
    steps = []
    [[wave]] = sampler([SamplingJob("glass", 64, [1], strength=0.0, init_latents=latents)],
                       callback=lambda s, t: steps.append(s))
    assert steps == []  # no denoising at all
    np.testing.assert_allclose(wave, vae_vocoder(tiny_components, latents), rtol=0, atol=1e-5)


def test_strength_one_is_plain_generation(sampler, tiny_components):
    latents = encode(tiny_components, 48 * 160)
    plain = sampler([SamplingJob("glass", 48, [5], steps=3)])[0][0]
    full = sampler([SamplingJob("glass", 48, [5], steps=3, strength=1.0, init_latents=latents)])[0][0]
    np.testing.assert_array_equal(plain, full)


def test_strength_runs_the_tail_of_the_schedule_and_moves_from_the_init(sampler, tiny_components):
    latents = encode(tiny_components, 16 * 160)
    outputs = {}
    for strength in (0.0, 0.6, 1.0):
        seen = []
        outputs[strength] = sampler([SamplingJob("glass", 16, [5], steps=5, strength=strength, init_latents=latents)],
                                    callback=lambda s, t: seen.append(t))[0][0]
        assert set(seen) <= {round(5 * strength)} and len(seen) == round(5 * strength)  # 0, 3, 5 steps
    assert np.abs(outputs[0.6] - outputs[0.0]).max() > 1e-3 and np.abs(outputs[0.6] - outputs[1.0]).max() > 1e-3


def test_jobs_starting_at_different_steps_are_not_batched(sampler, tiny_components):
    latents = encode(tiny_components, 16 * 160)
    a = SamplingJob("a", 16, [0], strength=0.5, init_latents=latents)
    b = SamplingJob("b", 16, [0])
    assert a.batch_key() != b.batch_key()
    with pytest.raises(InvalidInput, match="must share"):
        sampler([a, b])
    with pytest.raises(InvalidInput, match="need init latents"):
        sampler([SamplingJob("a", 16, [0], strength=0.5)])
    with pytest.raises(InvalidInput, match="strength must be a number 0..1, got 2"):
        sampler([SamplingJob("a", 16, [0], strength=2, init_latents=latents)])
    with pytest.raises(InvalidInput, match="init latents must have shape"):
        sampler([SamplingJob("a", 20, [0], strength=0.5, init_latents=latents)])


@pytest.mark.parametrize("scheduler", ["ddim", "dpmsolver++"])
def test_kept_latent_frames_are_the_inits_and_the_rest_is_new(sampler, tiny_components, scheduler):
    """Inpainting: what reaches the VAE decoder holds the init latents exactly in the kept frames.

    (The decoded audio cannot: the VAE's mid-block attention mixes all frames; render stitches.)
    """
    latents = encode(tiny_components, 32 * 160)
    keep = torch.ones(8)
    keep[3:6] = 0
    seen = []
    hook = tiny_components.vae.post_quant_conv.register_forward_pre_hook(lambda m, args: seen.append(args[0].clone()))
    try:
        sampler([SamplingJob("glass", 32, [2], steps=3, scheduler=scheduler, init_latents=latents, keep=keep)])
        sampler([SamplingJob("glass", 32, [2], steps=3, scheduler=scheduler)])
    finally:
        hook.remove()
    inpainted, plain = (x[0] * tiny_components.vae.config.scaling_factor for x in seen)
    kept = keep.bool()
    torch.testing.assert_close(inpainted[:, kept], latents[:, kept], rtol=0, atol=1e-6)
    assert (inpainted[:, ~kept] - latents[:, ~kept]).abs().max() > 0.1
    # the regenerated frames saw the known ones: they differ from a plain generation with the same seed
    assert (inpainted[:, ~kept] - plain[:, ~kept]).abs().max() > 1e-3


def test_an_inpainting_job_batched_with_a_plain_one_changes_neither(sampler, tiny_components):
    latents = encode(tiny_components, 16 * 160)
    keep = torch.ones(4)
    keep[1:3] = 0
    edit = SamplingJob("glass", 16, [4], steps=2, init_latents=latents, keep=keep)
    plain = SamplingJob("kick", 16, [9], steps=2)
    assert edit.batch_key() == plain.batch_key()
    together = sampler([plain, edit])
    np.testing.assert_allclose(together[0][0], sampler([plain])[0][0], rtol=0, atol=1e-5)
    np.testing.assert_allclose(together[1][0], sampler([edit])[0][0], rtol=0, atol=1e-5)
