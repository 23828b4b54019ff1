"""Style transfer, repaint and extend end to end (request → written file) with the tiny model, their
validation, onset alignment and best-of ranking, and the CLI's options for them."""

import json
import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from bridge.protocol import parse_request
from engine import audio_in
from engine.errors import InvalidInput
from engine.length import MusicalLength
from engine.request import RenderRequest

REPO = Path(__file__).resolve().parents[1]


def write_tone(path, seconds, rate=48000, channels=1, level=0.25):
    n = round(seconds * rate)
    t = np.arange(n) / rate
    mono = level * np.sin(2 * np.pi * 220 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 2 * t))
    data = mono if channels == 1 else np.stack([mono, 0.5 * mono], axis=1)
    sf.write(path, data.astype(np.float32), rate, subtype="FLOAT")
    return data


def render(engine, tmp_path, **fields):
    fields.setdefault("prompt", "glass marimba")
    fields.setdefault("seed", 7)
    fields.setdefault("steps", 2)
    return engine.render(parse_request(fields, tmp_path / "out").render)


# --- style transfer ---------------------------------------------------------------------------------


def test_transfer_writes_the_inputs_exact_length_at_the_output_rate(engine, tmp_path):
    write_tone(tmp_path / "in.wav", 1.3, rate=44100, channels=2)  # 57330 frames
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "in.wav"), strength=0.6)
    audio, rate = sf.read(out.path)
    assert rate == 48000 and len(audio) == round(57330 * 48000 / 44100) == out.metadata["samples"]
    meta = json.loads(out.sidecar.read_text())
    assert meta["edit"] == "transfer" and meta["strength"] == 0.6 and meta["init_audio"] == str(tmp_path / "in.wav")
    assert meta["loudness_mode"] == "lufs" and meta["lufs"] == pytest.approx(-14, abs=0.5)


@pytest.mark.parametrize("seconds", [0.5, 2.0])
def test_transfer_to_a_requested_length_trims_or_loops_the_input(engine, tmp_path, seconds):
    write_tone(tmp_path / "in.wav", 1.0)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "in.wav"), seconds=seconds, strength=0.5)
    assert sf.info(out.path).frames == seconds * 48000


def test_transfer_strength_zero_is_the_input_through_the_vae_and_vocoder(engine, tmp_path):
    """No denoising: the file is what the model's own round trip makes of the input."""
    write_tone(tmp_path / "in.wav", 0.64, rate=16000)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "in.wav"), strength=0.0, loudness="off",
                   format="wav32f")
    source = audio_in.read_audio(tmp_path / "in.wav")
    wave, _ = audio_in.prepare_waveform(source.audio)
    latents = audio_in.encode_latents(engine.components, audio_in.log_mel(wave))
    [[round_trip]] = engine.sampler([_job(latents)])
    from engine.resample import resample

    expected = resample(round_trip, 16000, 48000)[: sf.info(out.path).frames]
    inner = slice(96, -480)  # past the default 2 ms fade-in and 10 ms fade-out
    np.testing.assert_allclose(sf.read(out.path, dtype="float32")[0][inner], expected[inner], rtol=0, atol=1e-5)


def _job(latents):
    from engine.sampler import SamplingJob

    return SamplingJob("glass marimba", latents.shape[2] * 4, [7], steps=2, strength=0.0, init_latents=latents[0])


# --- repaint and extend -----------------------------------------------------------------------------


def vae_round_trip_error(engine, path, rate, spans):
    """Largest |round trip − input| over ``spans`` (output samples) for a strength-0 pass of the model,
    at the input's own level: what keeping audio 'through the VAE' would cost."""
    source = audio_in.read_audio(path)
    wave16k, gain = audio_in.prepare_waveform(audio_in.to_model_rate(source.audio, source.rate))
    frames = len(wave16k) // 640 * 4
    latents = audio_in.encode_latents(engine.components, audio_in.log_mel(wave16k[: frames * 160]))
    [[decoded]] = engine.sampler([_job(latents)])
    from engine.resample import resample

    back = resample(decoded / gain, 16000, rate)
    return max(np.abs(back[a:b] - source.audio[a:b]).max() for a, b in spans)


def test_repaint_keeps_the_rest_within_the_vae_round_trip_error(engine, tmp_path):
    """The done criterion: a repaint of 1.0–2.0 s in a 4 s file keeps 0–1 s and 2–4 s."""
    original = write_tone(tmp_path / "take.wav", 4.0, level=0.1)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "take.wav"), repaint_start=1.0, repaint_end=2.0,
                   format="wav32f")
    audio, rate = sf.read(out.path, dtype="float32")
    assert rate == 48000 and len(audio) == len(original) == 192000
    kept = [(0, 48000), (96000, 192000)]
    error = max(np.abs(audio[a:b] - original[a:b]).max() for a, b in kept)
    round_trip = vae_round_trip_error(engine, tmp_path / "take.wav", rate, kept)
    assert error <= round_trip
    assert error < 1e-6  # stitched: the input's own samples, untouched by the VAE
    inside = np.abs(audio[49000:95000] - original[49000:95000]).max()
    assert inside > 0.01  # the region was regenerated
    meta = json.loads(out.sidecar.read_text())
    assert meta["edit"] == "repaint" and meta["repaint"] == [1.0, 2.0] and meta["loudness_mode"] == "off"


def test_extend_has_the_exact_length_along_a_tempo_change(engine, tmp_path):
    """A 1-bar take at 120 BPM continued by 1 bar of 7/8 at 93.5 BPM: the bar lengths add up exactly."""
    take = MusicalLength.from_bars(1, 120, "4/4")
    original = write_tone(tmp_path / "take.wav", float(take.seconds), level=0.1).astype(np.float32)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "take.wav"), extend_bars=1, bpm=93.5, time_sig="7/8",
                   format="wav32f")
    audio, rate = sf.read(out.path, dtype="float32")
    extension = MusicalLength.from_bars(1, Fraction("93.5"), "7/8").samples(48000)
    assert len(audio) == take.samples(48000) + extension == out.metadata["samples"]
    seam = 960  # the input's last 20 ms are crossfaded into the continuation
    np.testing.assert_array_equal(audio[: len(original) - seam], original[: len(original) - seam])
    assert np.abs(audio[len(original):]).max() > 1e-3 and abs(audio[-1]) < 1e-3  # new audio, faded out
    meta = json.loads(out.sidecar.read_text())
    assert meta["edit"] == "extend" and meta["extend"]["bars"] == 1 and meta["extend"]["time_signature"] == "7/8"


def test_a_stereo_take_keeps_its_own_two_channels_outside_the_region(engine, tmp_path):
    """Repaint and extend keep the input's samples: for a stereo take both channels, not a mono mix;
    the new audio (the model is mono) is the same on both sides. channels 1 still asks for a mix."""
    original = write_tone(tmp_path / "st.wav", 2.0, channels=2, level=0.1).astype(np.float32)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "st.wav"), repaint_start=0.5, repaint_end=1.0,
                   format="wav32f")
    audio, _ = sf.read(out.path, dtype="float32")
    assert audio.shape == original.shape == (96000, 2) and out.metadata["channels"] == 2
    np.testing.assert_array_equal(audio[:24000], original[:24000])
    np.testing.assert_array_equal(audio[48000:], original[48000:])
    np.testing.assert_array_equal(audio[25000:47000, 0], audio[25000:47000, 1])  # the model's audio, dual mono
    [ext] = render(engine, tmp_path, init_audio=str(tmp_path / "st.wav"), extend_seconds=0.5, format="wav32f")
    audio, _ = sf.read(ext.path, dtype="float32")
    assert audio.shape == (120000, 2)
    np.testing.assert_array_equal(audio[:96000 - 960], original[:96000 - 960])
    [mono] = render(engine, tmp_path, init_audio=str(tmp_path / "st.wav"), repaint_start=0.5, repaint_end=1.0,
                    channels=1, format="wav32f")
    audio, _ = sf.read(mono.path, dtype="float32")
    np.testing.assert_allclose(audio[:24000], original[:24000].mean(axis=1), atol=1e-7)


def test_repaint_in_a_long_file_only_generates_a_window_around_the_region(engine, tmp_path):
    write_tone(tmp_path / "long.wav", 70.0, rate=16000, level=0.1)  # longer than the 60 s a generation may be
    request = parse_request({"prompt": "x", "init_audio": str(tmp_path / "long.wav"), "repaint_start": 30.0,
                             "repaint_end": 30.5}, tmp_path).render
    job = request.sampling_job()
    assert job.frames * 160 <= (0.5 + 2 * 5.12 + 0.08) * 16000  # region + context on each side (+ grid)
    assert request.output_samples() == 70 * 48000


# --- hot takes and off-grid lengths (a mastered REAPER item whose bar lines fall between samples) ------

#: 2 bars at 133 BPM: 173233.08 samples at 48 kHz, so the item's end is not on a sample.
TWO_BARS_133 = float(MusicalLength.from_bars(2, 133).seconds)


def hot_take(path, seconds, rate=48000, peak=0.98):
    """A sine peaking at ``peak`` (most mastered takes peak above the -1 dBTP ceiling); the file's samples."""
    t = np.arange(round(seconds * rate)) / rate
    sf.write(path, (peak * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate, subtype="FLOAT")
    return sf.read(path, dtype="float64")[0]


def assert_limited_to_the_ceiling(audio, rate, span, ceiling=-1.0):
    from engine.loudness import true_peak_dbtp

    assert true_peak_dbtp(audio[span[0]:span[1]], rate) <= ceiling + 0.05


@pytest.mark.parametrize("fmt", ["wav24", "wav32f"])
@pytest.mark.parametrize("seconds, region", [(4.0, (1.5, 2.0)), (TWO_BARS_133, (60 / 133 * 2, 60 / 133 * 6))])
def test_a_repaint_of_a_hot_take_keeps_the_take_outside_the_region(engine, tmp_path, fmt, seconds, region):
    """A take peaking at 0.98 (over the -1 dBTP ceiling) keeps its own samples outside the region (the
    file's quantization aside); only the generated audio is limited, and the sidecar says where and how much."""
    original = hot_take(tmp_path / "take.wav", seconds)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "take.wav"), repaint_start=region[0],
                   repaint_end=region[1], format=fmt)
    audio, rate = sf.read(out.path, dtype="float64")
    assert len(audio) == len(original)
    start, end = round(region[0] * rate), round(region[1] * rate)
    assert np.abs(audio[:start] - original[:start]).max() < 1e-4
    assert np.abs(audio[end:] - original[end:]).max() < 1e-4
    assert np.abs(audio[start + 960:end - 960] - original[start + 960:end - 960]).max() > 0.01  # regenerated
    assert_limited_to_the_ceiling(audio, rate, (start + 960, end - 960))  # inside the 20 ms seams
    meta = json.loads(out.sidecar.read_text())
    limiter = meta["limiter"]
    assert limiter["span_s"] == pytest.approx([start / rate, end / rate], abs=1e-6)
    assert limiter["ceiling_dbtp"] == -1.0 and meta["limited"] is (limiter["gain_reduction_db"] > 0)
    assert meta["true_peak_dbtp"] > -1.0 and "outside" in meta["loudness_note"]  # the take's own peaks, kept


def test_only_the_new_audio_of_a_hot_repaint_is_limited(engine, tmp_path):
    """The model's audio, back at the take's level, peaks over the ceiling (here made so: a full-scale
    tone where the model would put its audio): it is limited to the ceiling, the take is not touched."""
    original = hot_take(tmp_path / "take.wav", 4.0)
    request = parse_request({"prompt": "x", "init_audio": str(tmp_path / "take.wav"), "repaint_start": 1.5,
                             "repaint_end": 2.0, "steps": 1}, tmp_path / "out").render
    engine.prepare(request)
    t = np.arange(request.sampling_job().frames * 160) / 16000
    out = engine.deliver(request, np.sin(2 * np.pi * 330 * t).astype(np.float32), seed=0, variation=0)
    audio, rate = sf.read(out.path, dtype="float64")
    assert np.abs(audio[:72000] - original[:72000]).max() < 1e-4 and np.abs(audio[96000:] - original[96000:]).max() < 1e-4
    assert_limited_to_the_ceiling(audio, rate, (72960, 95040))
    assert np.abs(audio[72960:95040]).max() > 0.8  # limited, not turned down
    limiter = out.metadata["limiter"]
    assert limiter["span_s"] == [1.5, 2.0] and limiter["gain_reduction_db"] > 3 and out.metadata["limited"] is True


@pytest.mark.parametrize("seconds, extend", [(4.0, {"extend_seconds": 1.0}),
                                             (TWO_BARS_133, {"extend_bars": 1, "bpm": 133})])
def test_an_extend_of_a_hot_take_keeps_the_take_before_its_seam(engine, tmp_path, seconds, extend):
    original = hot_take(tmp_path / "take.wav", seconds)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "take.wav"), format="wav24", **extend)
    audio, rate = sf.read(out.path, dtype="float64")
    n_in, seam = len(original), 960  # the take's last 20 ms are crossfaded into the continuation
    assert len(audio) == out.metadata["samples"] > n_in
    assert np.abs(audio[:n_in - seam] - original[:n_in - seam]).max() < 1e-4
    assert_limited_to_the_ceiling(audio, rate, (n_in, len(audio)))
    limiter = json.loads(out.sidecar.read_text())["limiter"]
    assert limiter["span_s"] == pytest.approx([(n_in - seam) / rate, len(audio) / rate], abs=1e-6)


def test_a_repaint_to_the_end_of_an_item_between_samples_is_accepted(engine, tmp_path):
    """2 bars at 133 BPM at 48 kHz: the file holds 173233 samples, the item ends 0.08 samples later.
    An end within one sample of the input's end is its end; further out is still refused."""
    original = hot_take(tmp_path / "take.wav", TWO_BARS_133)
    assert len(original) == 173233
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "take.wav"), repaint_start=1.0,
                   repaint_end=TWO_BARS_133, format="wav32f")
    audio, rate = sf.read(out.path, dtype="float64")
    assert len(audio) == 173233
    np.testing.assert_array_equal(audio[:48000], original[:48000])
    assert json.loads(out.sidecar.read_text())["repaint"] == [1.0, 173233 / 48000]
    with pytest.raises(InvalidInput, match=re.escape("got 1.0..3.6091")):
        parse_request({"prompt": "x", "init_audio": str(tmp_path / "take.wav"), "repaint_start": 1.0,
                       "repaint_end": 3.6091}, tmp_path)


def test_a_16_khz_project_repaints_at_16_khz(engine, tmp_path):
    """The model's own rate, and a REAPER project rate: the take keeps its samples, no resampling."""
    original = hot_take(tmp_path / "take.wav", 2.0, rate=16000, peak=0.3)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "take.wav"), repaint_start=0.5, repaint_end=1.0,
                   sample_rate=16000, format="wav32f")
    audio, rate = sf.read(out.path, dtype="float64")
    assert rate == 16000 and len(audio) == len(original) == 32000
    np.testing.assert_array_equal(audio[:8000], original[:8000])
    np.testing.assert_array_equal(audio[16000:], original[16000:])


# --- long edits: the context shrinks near the length limit --------------------------------------------


def test_an_extend_near_the_length_limit_sees_less_context_instead_of_failing(engine, tmp_path):
    """56 s appended to an 8 s take: 5.12 s of context would make the model's window 61.12 s, over the
    60 s limit; the context shrinks to fit, and what was typed (56 s) is what counts."""
    original = write_tone(tmp_path / "take.wav", 8.0, rate=16000, level=0.1).astype(np.float32)
    request = parse_request({"prompt": "x", "init_audio": str(tmp_path / "take.wav"), "extend_seconds": 56,
                             "steps": 1, "format": "wav32f", "sample_rate": 16000}, tmp_path / "out").render
    plan = request.plan
    assert (plan.window_end - plan.window_start) <= 60 * 16000 and plan.window_start > 0
    assert request.sampling_job().frames * 160 <= 60 * 16000
    [out] = engine.render(request)
    audio, _ = sf.read(out.path, dtype="float32")
    assert len(audio) == 64 * 16000
    np.testing.assert_array_equal(audio[:8 * 16000 - 320], original[:8 * 16000 - 320])
    before, after = out.metadata["context_s"]
    assert 3.9 <= before < 5.12 and after == 0


def test_a_long_repaint_sees_less_context_and_too_long_a_region_names_the_real_limit(tmp_path):
    write_tone(tmp_path / "long.wav", 70.0, rate=16000, level=0.1)
    fields = {"prompt": "x", "init_audio": str(tmp_path / "long.wav")}
    request = parse_request({**fields, "repaint_start": 5.0, "repaint_end": 58.0}, tmp_path).render
    plan = request.plan
    assert plan.window_end - plan.window_start <= 60 * 16000
    assert plan.window_start <= 5.0 * 16000 - 3 * 16000 and plan.window_end >= 58.0 * 16000 + 3 * 16000  # ~3.5 s a side
    assert request.sampling_job().frames * 160 <= 60 * 16000
    with pytest.raises(InvalidInput, match=re.escape("a repaint region must be at most 60 s (what the model "
                                                     "generates at once), got 61 s (1.0..62.0 s)")):
        parse_request({**fields, "repaint_start": 1.0, "repaint_end": 62.0}, tmp_path)
    # a region that fits only with no context at all still runs: its window is the region on the 40 ms grid
    edge = parse_request({**fields, "repaint_start": 0.01, "repaint_end": 60.01}, tmp_path).render
    assert edge.sampling_job().frames * 160 <= 60 * 16000 + 640


# --- a source range (a REAPER take plays a section of its file) ---------------------------------------


def test_init_range_reads_only_that_section_of_the_file(engine, tmp_path):
    """init_start/init_end pick the take's section: a repaint of it keeps that section's own samples,
    and its times are relative to the section's start."""
    original = write_tone(tmp_path / "take.wav", 4.0, rate=48000, level=0.1).astype(np.float32)
    [out] = render(engine, tmp_path, init_audio=str(tmp_path / "take.wav"), init_start=1.25, init_end=3.0,
                   repaint_start=0.5, repaint_end=1.0, format="wav32f")
    audio, rate = sf.read(out.path, dtype="float32")
    section = original[60000:144000]
    assert rate == 48000 and len(audio) == len(section) == out.metadata["samples"]
    np.testing.assert_array_equal(audio[:24000], section[:24000])  # kept before the region
    np.testing.assert_array_equal(audio[48000:], section[48000:])  # kept after it
    assert np.abs(audio[25000:47000] - section[25000:47000]).max() > 0.01
    meta = json.loads(out.sidecar.read_text())
    assert meta["init_range"] == [1.25, 3.0] and meta["init_seconds"] == 1.75


def test_an_input_rewritten_after_the_request_was_accepted_is_refused_not_used(engine, tmp_path):
    """A client that reuses a scratch file (Max's take ring) must not get another take transformed."""
    write_tone(tmp_path / "take.wav", 1.0)
    request = parse_request({"prompt": "x", "init_audio": str(tmp_path / "take.wav"), "steps": 1}, tmp_path).render
    write_tone(tmp_path / "take.wav", 1.5, level=0.2)  # the next click wrote over it
    with pytest.raises(InvalidInput, match="changed after the request was accepted"):
        engine.render(request)
    assert not list(tmp_path.glob("*.wav"))[1:]  # nothing written besides the input


def test_init_end_a_few_ms_past_a_compressed_files_end_reads_to_its_end(tmp_path):
    """A DAW can see an MP3/AAC a few ms longer than libsndfile (encoder delay, padding)."""
    write_tone(tmp_path / "take.wav", 1.0)
    request = parse_request({"prompt": "x", "init_audio": str(tmp_path / "take.wav"), "init_start": 0.5,
                             "init_end": 1.04}, tmp_path).render
    assert request.init_frames == (24000, 48000) and request.output_samples() == 24000


def test_init_range_sets_a_transfers_length_and_may_lie_in_a_file_longer_than_the_input_limit(engine, tmp_path):
    sf.write(tmp_path / "long.wav", np.zeros(601 * 8000, dtype=np.float32), 8000)  # 601 s: over the 600 s limit
    request = parse_request({"prompt": "x", "init_audio": str(tmp_path / "long.wav"), "init_start": 590.0,
                             "init_end": 591.5}, tmp_path).render
    assert request.output_samples() == 72000
    with pytest.raises(InvalidInput, match="init_audio's range is 601.0 s long; the limit is 600 s"):
        parse_request({"prompt": "x", "init_audio": str(tmp_path / "long.wav")}, tmp_path)


# --- validation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(init_audio="relative/take.wav"), "init_audio must be an absolute path"),
        (dict(init_audio="{tmp}/../take.wav"), "init_audio must not contain '..'"),
        (dict(init_audio="{tmp}"), "is not a regular file"),
        (dict(init_audio="{tmp}/missing.wav"), "does not exist"),
        (dict(init_audio="{tmp}/notes.txt"), "is not a readable audio file"),
        (dict(strength=1.5), "strength must be a number 0..1, got 1.5"),
        (dict(strength=0.5, init_audio=None), "strength needs init_audio"),
        (dict(repaint_start=0.5), "needs both repaint_start and repaint_end"),
        (dict(repaint_start=0.5, repaint_end=0.4), "0 <= start < end <= 1 s"),
        (dict(repaint_start=0.5, repaint_end=1.5), "0 <= start < end <= 1 s"),
        (dict(repaint_start=0.2, repaint_end=0.4, seconds=1), "takes its length from init_audio"),
        (dict(repaint_start=0.2, repaint_end=0.4, align="onset"), "loop and align apply to new audio"),
        (dict(extend_seconds=1, extend_bars=1), "either extend_seconds or extend_bars"),
        (dict(extend_seconds=1, repaint_start=0.1, repaint_end=0.2), "either repaint_start/repaint_end or extend"),
        (dict(best_of=1, variations=2), "best_of must be an integer 2..16"),
        (dict(init_start=0.5, init_end=0.5), "init_start < init_end"),
        (dict(init_start=-0.1), "init_start must be"),
        (dict(init_end=1.5), "init_end 1.5 s is past the end of init_audio (1 s)"),
        (dict(init_end=1.051), "init_end 1.051 s is past the end of init_audio (1 s)"),
        (dict(init_start=0.2, init_end=0.6, repaint_start=0.1, repaint_end=0.5), "<= 0.4 s"),
        (dict(init_start=0.2, init_audio=None), "init_start needs init_audio"),
        (dict(align="grid"), "align must be one of none, onset, got 'grid'"),
    ],
)
def test_bad_edit_requests_name_the_problem(tmp_path, change, message):
    write_tone(tmp_path / "take.wav", 1.0)
    (tmp_path / "notes.txt").write_text("not audio")
    fields = {"prompt": "x", "init_audio": str(tmp_path / "take.wav"), **change}
    if fields["init_audio"] is None:
        del fields["init_audio"]
        fields["seconds"] = 1
    else:
        fields["init_audio"] = fields["init_audio"].replace("{tmp}", str(tmp_path))
    with pytest.raises(InvalidInput, match=re.escape(message)):
        parse_request(fields, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- beat-aligned starts ----------------------------------------------------------------------------


def click_track(rate, lead_in, seconds=3.0, bpm=120, seed=0):
    """A click every beat after ``lead_in`` samples of quiet noise."""
    rng = np.random.default_rng(seed)
    x = (0.003 * rng.standard_normal(round(seconds * rate))).astype(np.float32)
    burst = 0.8 * np.sin(2 * np.pi * 2000 * np.arange(480) / rate) * np.exp(-np.arange(480) / 80)
    for start in range(lead_in, len(x) - 480, round(60 / bpm * rate)):
        x[start:start + 480] += burst
    return x


@pytest.mark.parametrize("rate, lead_in_s", [(48000, 0.3), (44100, 0.123), (48000, 0.0)])
def test_onset_alignment_puts_the_first_click_at_sample_zero(rate, lead_in_s):
    from engine.align import align_to_onset, describe_rhythm, lookahead_samples

    lead_in = round(lead_in_s * rate)
    x = click_track(rate, lead_in)
    keep = len(x) - lookahead_samples(rate)
    y, info = align_to_onset(x, rate, keep)
    assert len(y) >= keep
    first_click = int(np.argmax(np.abs(y) > 0.1))
    assert first_click <= 0.005 * rate  # within 5 ms of sample 0
    assert info["shift_s"] == pytest.approx(lead_in_s, abs=0.005)
    rhythm = describe_rhythm(y[:keep], rate)
    assert rhythm["tempo_bpm"] == pytest.approx(120, rel=0.02)
    assert rhythm["onsets_s"][:3] == pytest.approx([0.0, 0.5, 1.0], abs=0.012)


def test_a_lead_in_longer_than_the_lookahead_is_left_alone():
    from engine.align import align_to_onset, lookahead_samples

    x = click_track(48000, lead_in=round(0.8 * 48000))
    y, info = align_to_onset(x, 48000, len(x) - lookahead_samples(48000))
    assert y is x and info["shift_s"] == 0.0 and "no strong onset" in info["note"]


def test_aligned_render_keeps_the_exact_length_and_records_the_rhythm(engine, tmp_path):
    [out] = render(engine, tmp_path, seconds=1.5, align="onset", loop=True)
    assert sf.info(out.path).frames == 72000
    meta = json.loads(out.sidecar.read_text())["align"]
    assert meta["mode"] == "onset" and 0 <= meta["shift_s"] <= 0.5
    assert meta["tempo_bpm"] > 0 and all(0 <= t < 1.5 for t in meta["onsets_s"])


@pytest.mark.parametrize("lead_in_s", [0.3, 0.02])
def test_an_aligned_loop_starts_on_its_onset_and_still_crossfades_into_it(engine, tmp_path, lead_in_s):
    """loop + align onset: the first hit is the loop's sample 0 (not crossfaded into its last 50 ms),
    and the loop's end flows into that hit as the audio before the hit did (its pre-roll; shorter
    when the hit comes less than 50 ms into the audio)."""
    from engine.edit import loop_crossfade_samples
    from engine.resample import resample

    # tempo_lock off: the onset alignment alone (a tempo lock puts the downbeat on sample 0 itself: below)
    req = RenderRequest(prompt="drum loop", length=MusicalLength.from_bars(1, 120), out_dir=tmp_path, seeds=[1],
                        loop=True, align="onset", loudness="off", format="wav32f", tempo_lock="off")
    req.check_inputs()
    clicks = 0.6 * click_track(16000, lead_in=round(lead_in_s * 16000),
                               seconds=req.sampling_job().frames * 160 / 16000)
    out = engine.deliver(req, clicks, seed=1, variation=0)
    loop, rate = sf.read(out.path, dtype="float32")
    assert len(loop) == 96000
    first_hit = int(np.argmax(np.abs(loop) > 0.1))
    assert first_hit <= 0.003 * rate  # on sample 0, within 3 ms
    assert np.abs(loop[-round(0.1 * rate):-round(0.003 * rate)]).max() < 0.05  # the hit is not in the loop's tail
    source = resample(clicks, 16000, rate)
    onset = round(out.metadata["align"]["shift_s"] * rate)
    assert onset == pytest.approx(lead_in_s * rate, abs=0.003 * rate)
    p = min(loop_crossfade_samples(96000, rate), onset)
    assert out.metadata["align"]["loop_crossfade_ms"] == pytest.approx(p * 1000 / rate, abs=1e-3)
    np.testing.assert_array_equal(loop[:96000 - p], source[onset:onset + 96000 - p])  # the downbeat as generated
    assert loop[-1] == pytest.approx(source[onset - 1], abs=1e-6)  # ...and the seam's end is the pre-roll's


def test_a_tempo_locked_aligned_loop_starts_on_its_first_hit_too(engine, tmp_path):
    """bars at a BPM lock the tempo by default (tempo_lock auto): the warp puts the first downbeat on
    sample 0, so the loop still starts on its hit and keeps its exact length."""
    req = RenderRequest(prompt="drum loop", length=MusicalLength.from_bars(1, 120), out_dir=tmp_path, seeds=[1],
                        loop=True, align="onset", loudness="off", format="wav32f")
    req.check_inputs()
    assert req.fit is not None and req.fit.tempo_lock == "auto"
    clicks = 0.6 * click_track(16000, lead_in=round(0.3 * 16000), seconds=req.sampling_job().frames * 160 / 16000)
    out = engine.deliver(req, clicks, seed=1, variation=0)
    loop, rate = sf.read(out.path, dtype="float32")
    assert len(loop) == 96000
    assert int(np.argmax(np.abs(loop) > 0.1)) <= 0.003 * rate
    assert out.metadata["fit"]["tempo"]["lock"] == "auto"


# --- best of N --------------------------------------------------------------------------------------


def independent_clap_scores(ranker, prompt, waves16k):
    """MusicLDM's score_waveforms: librosa resampling, the feature extractor, logits_per_text."""
    import librosa
    import torch

    audio = [librosa.resample(np.asarray(w, dtype=np.float64), orig_sr=16000, target_sr=48000).astype(np.float32)
             for w in waves16k]
    inputs = ranker.feature_extractor(audio, sampling_rate=48000, return_tensors="pt", truncation="rand_trunc")
    text = ranker.tokenizer([prompt], padding=True, return_tensors="pt")
    with torch.inference_mode():
        return ranker.model(input_ids=text.input_ids, attention_mask=text.attention_mask,
                            input_features=inputs.input_features).logits_per_text[0].numpy()


def test_best_of_keeps_the_candidates_clap_prefers(engine, tmp_path):
    requests = [parse_request({"prompt": p, "seconds": 0.5, "seed": s, "steps": 2, "best_of": 4, "variations": 2},
                              tmp_path).render for p, s in (("glass marimba", 10), ("rain on a tin roof", 50))]
    waveforms, _ = engine.sample(requests)
    for request, waves in zip(requests, waveforms):  # each prompt ranked over its own candidates
        files = engine.deliver_all(request, waves)
        scores = independent_clap_scores(engine.ranker, request.prompt, [w[:8000] for w in waves])
        best = list(np.argsort(-scores)[:2])
        assert [f.metadata["seed"] for f in files] == [request.seeds[i] for i in best]
        assert [f.metadata["rank"] for f in files] == [1, 2] and files[0].metadata["best_of"] == 4
        assert files[0].metadata["clap_score"] >= files[1].metadata["clap_score"]
        assert json.loads(files[0].sidecar.read_text())["clap_model"] == "tiny"


def test_best_of_without_the_ranking_model_fails_before_sampling(tiny_components, tmp_path, monkeypatch):
    from huggingface_hub import constants

    from engine.errors import ModelUnavailable
    from engine.render import Engine

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    engine = Engine(tiny_components, ranking_model="laion/clap-htsat-unfused")
    request = parse_request({"prompt": "x", "seconds": 0.5, "best_of": 2}, tmp_path / "out").render
    steps = []
    with pytest.raises(ModelUnavailable, match="not in the local Hugging Face cache.*without best_of"):
        engine.render(request, progress=lambda s, t: steps.append(s))
    assert steps == [] and not (tmp_path / "out").exists()


# --- the CLI ----------------------------------------------------------------------------------------


def cli(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "bridge.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=300)


def test_cli_style_transfer_done_criterion(tmp_path, capsys, monkeypatch):
    """`audioldm-bridge generate "glass marimba" --init-audio loop.wav --strength 0.6 --model tiny`
    (in-process: the console script's code; tests/test_render.py runs the script itself)."""
    from bridge.cli import main

    write_tone(tmp_path / "loop.wav", 1.234, rate=44100)
    monkeypatch.chdir(tmp_path)  # a relative --init-audio, as typed
    code = main(["generate", "glass marimba", "--init-audio", "loop.wav", "--strength", "0.6", "--model", "tiny",
                 "--steps", "2", "--out", str(tmp_path / "out"), "--json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    [entry] = json.loads(out.out)["files"]
    audio, rate = sf.read(entry["path"])
    assert rate == 48000 and len(audio) == round(sf.info(tmp_path / "loop.wav").frames * 48000 / 44100)
    assert entry["init_audio"] == str(tmp_path / "loop.wav") and entry["strength"] == 0.6


def test_cli_options_become_protocol_fields(tmp_path):
    from bridge.cli import build_parser, request_fields

    write_tone(tmp_path / "take.wav", 1.0)
    args = build_parser().parse_args(["request", "pad", "--init-audio", str(tmp_path / "take.wav"), "--repaint",
                                      "0.25:0.75", "--best-of", "3", "--align", "none", "--init-range", "0.1:0.9"])
    fields = request_fields(args)
    assert fields["init_start"] == 0.1 and fields["init_end"] == 0.9
    assert fields["init_audio"] == str(tmp_path / "take.wav") and fields["repaint_start"] == 0.25
    assert fields["repaint_end"] == 0.75 and fields["best_of"] == 3 and "seconds" not in fields
    args = build_parser().parse_args(["generate", "pad", "--init-audio", "take.wav", "--extend-bars", "2", "--bpm",
                                      "90", "--time-sig", "3/4"])
    fields = request_fields(args)
    assert fields["extend_bars"] == 2 and fields["bpm"] == 90 and fields["time_sig"] == "3/4"
    assert Path(fields["init_audio"]).is_absolute()
    parse_request(fields | {"init_audio": str(tmp_path / "take.wav")}, tmp_path)


@pytest.mark.parametrize("args, message", [
    (["--repaint", "1-2"], "--repaint must be START:END in seconds"),
    (["--init-range", "0.5"], "--init-range must be START:END in seconds"),
    (["--init-range", "0.5:2"], "init_end 2 s is past the end of init_audio (1 s)"),
    (["--repaint", "1:2"], "repaint region must satisfy"),
    (["--strength", "0.5"], "strength needs init_audio"),
    (["--extend-bars", "2"], "extend needs init_audio"),
])
def test_cli_bad_edit_arguments_one_line_exit_2(tmp_path, capsys, args, message):
    from bridge.cli import main

    write_tone(tmp_path / "take.wav", 1.0)
    base = ["generate", "kick", "--model", "tiny", "--out", str(tmp_path / "out")]
    if args[0] in ("--repaint", "--init-range"):
        base += ["--init-audio", str(tmp_path / "take.wav")]
    else:
        base += ["--seconds", "1"]
    code = main([*base, *args])
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and message in err, err
    assert not (tmp_path / "out").exists()


# --- docs/PROTOCOL.md's audio-in examples -----------------------------------------------------------


def test_documented_edit_requests_are_valid(tmp_path):
    import re

    from bridge.osc_args import parse_key_values

    doc = (REPO / "docs" / "PROTOCOL.md").read_text()
    write_tone(tmp_path / "take.wav", 8.0, rate=16000)
    examples = [json.loads(text) for text in re.findall(r"```json edit\n(.*?)```", doc, flags=re.S)]
    from test_protocol_doc import max_atoms  # what Max's [udpsend] makes of a typed message

    examples += [parse_key_values(max_atoms(text)) for text in re.findall(r"```osc edit\n(.*?)```", doc, flags=re.S)]
    assert len(examples) == 5
    for fields in examples:
        if "init_audio" in fields:
            assert Path(fields["init_audio"]).is_absolute()
            fields["init_audio"] = str(tmp_path / "take.wav")
        parse_request(fields, tmp_path)


def test_client_side_edit_options_import_no_model_or_audio_libraries(tmp_path):
    from test_service import modules_loaded

    code = ("from bridge.cli import build_parser, request_fields; "
            "request_fields(build_parser().parse_args(['request', 'x', '--init-audio', 'a.wav', '--repaint', '1:2', "
            "'--best-of', '2', '--align', 'none']))")
    assert modules_loaded(code, ("torch", "librosa", "transformers", "soundfile"), cwd=tmp_path) == []
