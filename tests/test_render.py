"""Request → DAW-ready files, end to end with the tiny model: exact length, loudness, loop, formats,
atomic writes, sidecars, and the one-shot CLI."""

import itertools
import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from engine.errors import InvalidInput
from engine.length import MODEL_RATE, MusicalLength
from engine.request import RenderRequest

REPO = Path(__file__).resolve().parents[1]


def independent_true_peak_db(x):
    """BS.1770-4 annex 2 style: 4× oversampling, measured apart from engine.loudness."""
    return 20 * np.log10(np.abs(resample_poly(x, 4, 1, axis=0)).max())


def request(tmp_path, **kw):
    kw.setdefault("length", MusicalLength.from_seconds(1))
    kw.setdefault("seed", 11)
    return RenderRequest(prompt=kw.pop("prompt", "kick drum"), out_dir=tmp_path, **kw)


@pytest.mark.parametrize(
    "bars, bpm, sig, rate",
    [(2, 128, "4/4", 48000), (1, 133.7, "7/8", 44100), (3, 97, "3/4", 96000), (1, 174, "5/4", 22050),
     (2, 60, "6/8", 192000), (1, 133, "4/4", 16000)],
)
def test_written_file_is_exactly_long_and_loudness_normalized(engine, tmp_path, bars, bpm, sig, rate):
    length = MusicalLength.from_bars(bars, bpm, sig)
    [out] = engine.render(request(tmp_path, length=length, sample_rate=rate))
    audio, file_rate = sf.read(out.path)
    assert file_rate == rate
    assert len(audio) == length.samples(rate) == out.metadata["samples"]
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(audio) - (-14.0)) <= 0.5
    assert independent_true_peak_db(audio) <= -1.0 + 0.05  # 24-bit rounding of a sample at the ceiling
    assert sf.info(out.path).subtype == "PCM_24"


def test_8_khz_is_written_exactly_long_and_normalized(engine, tmp_path):
    """The lowest rate. (Its true peak is not checked with the 4x meter above: at 8 kHz that meter's
    short filter lets images of the band's top through and reads ~0.08 dB high; the engine's longer
    interpolator is what longer filters converge to.)"""
    length = MusicalLength.from_bars(1, 100)
    [out] = engine.render(request(tmp_path, length=length, sample_rate=8000))
    audio, rate = sf.read(out.path)
    assert rate == 8000 and len(audio) == length.samples(8000) == 19200
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(audio) - (-14.0)) <= 0.5
    assert out.metadata["true_peak_dbtp"] <= -1.0 + 0.01


def test_short_clip_under_one_gating_block(engine, tmp_path):
    [out] = engine.render(request(tmp_path, length=MusicalLength.from_seconds(0.2)))
    audio, rate = sf.read(out.path)
    assert len(audio) == 9600
    assert out.metadata["lufs"] == pytest.approx(-14.0, abs=0.5)
    assert np.isfinite(audio).all()


def test_silence_is_written_without_gain_or_nan(engine, tmp_path):
    req = request(tmp_path)
    req.check_inputs()
    out = engine.deliver(req, np.zeros(20000, dtype=np.float32), seed=11, variation=0)
    audio, _ = sf.read(out.path)
    assert len(audio) == 48000 and not audio.any()
    meta = json.loads(out.sidecar.read_text())
    assert meta["lufs"] is None and meta["true_peak_dbtp"] is None and "silen" in meta["loudness_note"]


LOOP = MusicalLength.from_bars(1, 120, "4/4")  # 2 s: 96000 samples at 48 kHz


def harmonic_tone(f0, seconds=6.0, rate=MODEL_RATE):
    """A band-limited tone (5 partials, the highest at 5·f0): stationary, so every part of it is
    like every other and a loop of it must have a flat level and no kink, wherever it is cut."""
    t = np.arange(int(seconds * rate)) / rate
    return (0.2 * sum(np.sin(2 * np.pi * k * f0 * t + 0.7 * k) / k for k in range(1, 6))).astype(np.float32)


def white_noise(seconds=6.0, rate=MODEL_RATE):
    return (0.1 * np.random.default_rng(5).standard_normal(int(seconds * rate))).astype(np.float32)


def deliver_loop(engine, tmp_path, wave16k):
    """Loop ``wave16k`` (much more audio than the loop needs, so any layout of pre-roll or tail fits)
    as generate would, written as float so nothing but the engine's own processing shows."""
    req = request(tmp_path, length=LOOP, loop=True, format="wav32f")
    req.check_inputs()
    out = engine.deliver(req, wave16k, seed=11, variation=0)
    audio, rate = sf.read(out.path)
    assert rate == 48000 and len(audio) == LOOP.samples(48000)
    return audio


def circular_rms_db(y, window, hop):
    """Level of each ``window``-sample span of ``y`` played as a loop (spans wrap around the end)."""
    wrapped = np.concatenate([y, y[:window]])
    starts = np.arange(0, len(y), hop)
    power = np.array([np.mean(wrapped[i:i + window] ** 2) for i in starts])
    return starts, 10 * np.log10(power)


@pytest.mark.parametrize("f0", [100.0, 100.25], ids=["whole-periods", "half-period-off"])
def test_loop_of_a_tone_is_seamless_and_level(engine, tmp_path, f0):
    """100 Hz fits 200 whole periods in the loop (tail and head in phase); 100.25 Hz leaves half a
    period over (odd partials in antiphase). A plain cut of the latter clicks; an equal-power
    crossfade of in-phase material bumps the level by up to 3 dB, of antiphase material cancels it."""
    y = deliver_loop(engine, tmp_path, harmonic_tone(f0))
    n = len(y)
    # The wrap y[n-1] -> y[0] continues the waveform: its first and second differences are no
    # larger than the tone's own (a kink or a step shows in the second difference at once).
    around = np.array([y[n - 2], y[n - 1], y[0], y[1]])
    assert abs(y[0] - y[n - 1]) <= 1.05 * np.abs(np.diff(y)).max()
    assert np.abs(np.diff(around, 2)).max() <= 1.5 * np.abs(np.diff(y, 2)).max()
    # The level is flat all the way round, seam included, in 50 ms windows (what a listener
    # integrates). Shorter windows would measure the beating of partials that meet in different
    # phases (here odd in antiphase, even in phase), which no crossfade with one gain per side
    # avoids: one-period windows move by ~2 dB on the half-period case whatever the curve. An
    # equal-power crossfade bumps the whole-periods case by ~3 dB, and a fixed curve of any kind
    # misses one of the two cases by more than 1 dB.
    _, level = circular_rms_db(y, 2400, 120)
    assert level.max() - level.min() <= 1.0, (level.min(), level.max())


def test_loop_of_noise_has_no_level_bump_or_dip_at_the_seam(engine, tmp_path):
    """Uncorrelated material: a linear crossfade would dip ~1.8 dB over the seam, a fade to silence
    much more, a gain step of the limiter shows as a jump; 50 ms windows of the noise itself
    vary by about ±0.25 dB, so 1 dB leaves room without letting those through."""
    y = deliver_loop(engine, tmp_path, white_noise())
    n, window = len(y), 2400
    starts, level = circular_rms_db(y, window, 480)
    ends = starts + window
    near_seam = (ends >= n - 4800) | (starts <= 4800)  # spans within 100 ms of the wrap, either side
    typical = np.median(level[~near_seam])
    assert np.abs(level[near_seam] - typical).max() <= 1.0, level[near_seam] - typical
    assert np.abs(level[~near_seam] - typical).max() <= 1.0  # the yardstick itself is steady


def test_generated_loop_is_exactly_long_and_normalized(engine, tmp_path):
    [out] = engine.render(request(tmp_path, length=LOOP, loop=True))
    audio, rate = sf.read(out.path)
    assert len(audio) == LOOP.samples(rate) == 96000
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(audio) - (-14.0)) <= 0.5
    # no fade to silence at either end: a loop must not dip
    assert np.abs(audio[:240]).max() > 0.05 and np.abs(audio[-240:]).max() > 0.05


def test_fades_against_clicks(engine, tmp_path):
    [out] = engine.render(request(tmp_path, fade_in_ms=5, fade_out_ms=20))
    audio, rate = sf.read(out.path)
    assert abs(audio[0]) < 1e-3 and abs(audio[-1]) < 1e-3
    assert np.abs(audio[rate // 2: rate // 2 + 480]).max() > 0.05


@pytest.fixture(scope="module")
def kick16k(engine, tmp_path_factory):
    """One second of the tiny model's 16 kHz output, sampled once for the delivery tests below."""
    req = request(tmp_path_factory.mktemp("kick"))
    waves, _ = engine.sample([req])
    return waves[0][0]


def deliver(engine, tmp_path, wave16k, **kw):
    req = request(tmp_path, **kw)
    req.check_inputs()
    return engine.deliver(req, wave16k, seed=req.seeds[0], variation=0)


FORMATS = [("wav24", "PCM_24", ".wav"), ("wav16", "PCM_16", ".wav"), ("wav32f", "FLOAT", ".wav"),
           ("flac", "PCM_24", ".flac")]


@pytest.mark.parametrize("fmt, subtype, suffix", FORMATS)
def test_formats_and_dual_mono(engine, kick16k, tmp_path, fmt, subtype, suffix):
    out = deliver(engine, tmp_path, kick16k, format=fmt, channels=2, sample_rate=44100)
    info = sf.info(out.path)
    assert out.path.suffix == suffix and info.subtype == subtype and info.channels == 2 and info.frames == 44100
    audio, _ = sf.read(out.path)
    np.testing.assert_array_equal(audio[:, 0], audio[:, 1])
    assert np.abs(audio).max() > 0.05


@pytest.mark.parametrize("channels", [1, 2])
@pytest.mark.parametrize("fmt", [f[0] for f in FORMATS])
def test_written_file_measures_the_target_loudness(engine, kick16k, tmp_path, fmt, channels):
    """What a DAW plays is the file: measured from disk (BS.1770 sums the channels, so a dual-mono
    file normalized as mono reads 3 LU hot), and the sidecar records what the file measures."""
    out = deliver(engine, tmp_path, kick16k, format=fmt, channels=channels, sample_rate=44100)
    audio, rate = sf.read(out.path, always_2d=True)
    assert audio.shape == (44100, channels)
    measured = pyloudnorm.Meter(rate).integrated_loudness(audio)
    assert abs(measured - (-14.0)) <= 0.5, measured
    assert out.metadata["lufs"] == pytest.approx(measured, abs=0.1)
    assert max(independent_true_peak_db(audio[:, c]) for c in range(channels)) <= -1.0 + 0.05


def test_peak_mode(engine, kick16k, tmp_path):
    out = deliver(engine, tmp_path, kick16k, loudness="peak", target=-6.0, format="wav32f")
    audio, _ = sf.read(out.path)
    assert 20 * np.log10(np.abs(audio).max()) == pytest.approx(-6.0, abs=0.05)


def sine16k(amplitude, freq=1000.0, seconds=1.5):
    t = np.arange(int(seconds * MODEL_RATE)) / MODEL_RATE
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def test_loudness_off_keeps_the_level_it_was_given(engine, tmp_path):
    """'off' applies no gain: a -20 dBFS sine is written at -20 dBFS, where 'lufs' would lift it to
    -14 LUFS (about -11 dBFS peak), and the sidecar says what was (not) done."""
    off = deliver(engine, tmp_path, sine16k(0.1), loudness="off", format="wav32f")
    audio, rate = sf.read(off.path)
    middle = audio[rate // 4: -rate // 4]  # clear of the fades
    assert 20 * np.log10(np.abs(middle).max()) == pytest.approx(-20.0, abs=0.05)
    assert off.metadata["gain_db"] == 0.0 and off.metadata["limited"] is False
    assert off.metadata["lufs"] == pytest.approx(pyloudnorm.Meter(rate).integrated_loudness(audio), abs=0.1)
    lufs = deliver(engine, tmp_path, sine16k(0.1), loudness="lufs", format="wav32f")
    assert pyloudnorm.Meter(rate).integrated_loudness(sf.read(lufs.path)[0]) == pytest.approx(-14.0, abs=0.5)


def test_loudness_off_still_keeps_the_true_peak_ceiling(engine, tmp_path):
    """No gain is not no protection: a sine peaking at +3.5 dBFS is limited to the ceiling, and
    turned down only as far as that needs (not normalized)."""
    off = deliver(engine, tmp_path, sine16k(1.5), loudness="off", format="wav32f", ceiling_dbtp=-1.0)
    audio, rate = sf.read(off.path)
    assert independent_true_peak_db(audio) <= -1.0 + 0.05
    middle = audio[rate // 4: -rate // 4]
    assert 20 * np.log10(np.abs(middle).max()) == pytest.approx(-1.0, abs=0.3)
    assert off.metadata["limited"] is True


@pytest.mark.parametrize("format", ["wav16", "wav24", "flac", "wav32f"])
def test_the_lowest_ceiling_is_delivered_in_every_format(engine, tmp_path, format):
    """-20 dBTP is an accepted ceiling; the small margin aimed under it against quantization (16/24
    bit) must not turn it into a refusal after sampling ("ceiling … must be in [-20, 0]")."""
    out = deliver(engine, tmp_path, sine16k(1.5), format=format, ceiling_dbtp=-20.0)
    audio, rate = sf.read(out.path)
    assert independent_true_peak_db(audio) <= -20.0 + 0.05
    assert out.metadata["true_peak_dbtp"] <= -20.0


def test_variations_seeds_and_reproducibility(engine, tmp_path):
    first = engine.render(request(tmp_path / "a", variations=3, seed=100))
    assert [f.metadata["seed"] for f in first] == [100, 101, 102]
    again = engine.render(request(tmp_path / "b", variations=1, seed=101))
    # the 2nd variation is seed 101 alone, up to float rounding of a bigger batch
    np.testing.assert_allclose(sf.read(first[1].path)[0], sf.read(again[0].path)[0], rtol=0, atol=2e-5)
    twice = engine.render(request(tmp_path / "c", variations=1, seed=101))
    np.testing.assert_array_equal(sf.read(twice[0].path)[0], sf.read(again[0].path)[0])
    assert not np.array_equal(sf.read(first[0].path)[0], sf.read(first[1].path)[0])


def test_batch_of_requests_equals_each_alone(engine, tmp_path):
    reqs = [request(tmp_path / "batch", prompt=p, seed=s) for p, s in [("kick", 1), ("snare", 2), ("hat", 3)]]
    batched = engine.render_batch(reqs)
    alone = engine.render(request(tmp_path / "alone", prompt="snare", seed=2))
    a, b = sf.read(batched[1][0].path)[0], sf.read(alone[0].path)[0]
    np.testing.assert_allclose(a, b, rtol=0, atol=2e-5)


def test_sidecar_recalls_the_generation(engine, tmp_path):
    [out] = engine.render(request(tmp_path, prompt="Rain / on a tin roof!", negative_prompt="hum",
                                  length=MusicalLength.from_bars(2, 90, "3/4"), steps=4, guidance=3.0,
                                  scheduler="dpm++"))
    meta = json.loads(out.sidecar.read_text())
    assert out.sidecar == out.path.with_suffix(".json")
    assert out.path.name.startswith("rain-on-a-tin-roof_11_")
    for key, value in {"prompt": "Rain / on a tin roof!", "negative_prompt": "hum", "seed": 11, "steps": 4,
                       "guidance": 3.0, "scheduler": "dpmsolver++", "model": "tiny", "bars": 2, "bpm": 90,
                       "time_signature": "3/4", "seconds": 4.0, "sample_rate": 48000, "samples": 192000,
                       "test_model": True}.items():
        assert meta[key] == value, key
    assert meta["lufs"] == pytest.approx(-14, abs=0.5) and meta["true_peak_dbtp"] <= -1.0
    assert meta["engine"].startswith("audioldm-bridge ") and "noise" in meta["note"]


def test_a_folder_watcher_only_ever_sees_complete_files(engine, kick16k, tmp_path):
    """A DAW or script polling the output folder may open a file the moment its name appears:
    every name that shows up (other than hidden temp names) must already be complete."""
    length = MusicalLength.from_seconds(6)  # big enough that a plain write takes a while
    expected_frames = length.samples(48000)
    wave = np.tile(kick16k, 7)
    problems, seen, stop = [], set(), threading.Event()

    def watch():
        while True:
            done = stop.is_set()  # look once more after the last write
            for p in tmp_path.iterdir():
                if p.name.startswith(".") or p.name in seen:
                    continue
                seen.add(p.name)
                try:
                    if p.suffix == ".json":
                        if json.loads(p.read_text())["samples"] != expected_frames:
                            problems.append((p.name, "sidecar names another length"))
                    elif sf.info(p).frames != expected_frames:
                        problems.append((p.name, sf.info(p).frames))
                except Exception as err:  # a half-written file: bad header, cut JSON...
                    problems.append((p.name, repr(err)))
            if done:
                return

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(3):
            deliver(engine, tmp_path, wave, length=length, format="wav32f")
    finally:
        stop.set()
        watcher.join(30)
    assert problems == []
    assert len(seen) == 6


def test_a_name_collision_never_replaces_a_written_file(engine, kick16k, tmp_path, monkeypatch):
    """Same prompt, same seed and (forced here) the same short id: the second result must not
    overwrite the first, and nothing half-written is left behind."""
    import engine.deliver as deliver_module

    fixed = uuid.UUID("0123456789abcdef0123456789abcdef")
    real_uuid4 = uuid.uuid4
    ids = itertools.chain([fixed, fixed], iter(real_uuid4, None))  # a retry gets fresh ids
    monkeypatch.setattr(deliver_module.uuid, "uuid4", lambda: next(ids))
    first = deliver(engine, tmp_path, kick16k, seed=5)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(before) == sorted([first.path.name, first.sidecar.name])
    try:
        second = deliver(engine, tmp_path, np.flip(kick16k).copy(), seed=5)
    except FileExistsError:
        second = None  # refusing is honest too; retrying under a new name is kinder
    for name, data in before.items():
        assert (tmp_path / name).read_bytes() == data, name
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    if second is not None:
        assert second.path != first.path and second.path.is_file() and second.sidecar.is_file()


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(variations=0), "variations must be an integer 1..16, got 0"),
        (dict(seed=-5), "seed must be an integer"),
        (dict(sample_rate=7999), "sample rate 7999 is out of range"),
        (dict(sample_rate=384001), "384001"),
        (dict(channels=6), "channels must be 1 (mono) or 2"),
        (dict(format="mp3"), "mp3"),
        (dict(loudness="loud"), "loudness must be one of lufs, peak, off, got 'loud'"),
        (dict(prompt=""), "prompt must be non-empty text"),
        (dict(length=MusicalLength.from_seconds(59), loop=False, steps=1000), "steps must be an integer 1..500"),
    ],
)
def test_bad_requests_name_the_problem_and_write_nothing(engine, tmp_path, change, message):
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        engine.render(request(tmp_path, **change))
    assert not tmp_path.exists() or not list(tmp_path.iterdir())


def test_a_long_name_hint_is_shortened_not_refused(engine, tmp_path):
    """REAPER sends the prompt as the name hint: a 240-character prompt must still give a file. The
    hint is cut to 200 characters at a word's end; a name that is not text is still refused."""
    from bridge.protocol import parse_request

    words = "warm analog pad with slow filter sweep and tape hiss under a distant choir "
    prompt = (words * 4)[:240]
    render = parse_request({"prompt": prompt, "name": prompt, "seconds": 0.3, "steps": 1}, tmp_path).render
    assert len(render.name_hint) <= 200 and prompt.startswith(render.name_hint)
    assert prompt[len(render.name_hint)] == " " and not render.name_hint.endswith(" ")  # a whole word last
    [out] = engine.render(render)
    assert out.path.is_file() and out.path.name.startswith("warm-analog-pad-with-slow-filter-sweep_")
    unbroken = "x" * 240  # no word boundary: cut at 200
    assert parse_request({"prompt": "x", "name": unbroken, "seconds": 1}, tmp_path).render.name_hint == "x" * 200
    with pytest.raises(InvalidInput, match="name must be text, got 5"):
        parse_request({"prompt": "x", "name": 5, "seconds": 1}, tmp_path)
    with pytest.raises(InvalidInput, match="name must be text"):
        request(tmp_path, name_hint=["a"]).check_inputs()


# --- the one-shot CLI ----------------------------------------------------------------------------------


def cli(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "bridge.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def test_cli_done_criterion(tmp_path):
    """`audioldm-bridge generate "kick drum" --bars 2 --bpm 128 --model tiny --json`."""
    result = cli("generate", "kick drum", "--bars", "2", "--bpm", "128", "--model", "tiny", "--json",
                 "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "test model" in result.stderr
    reply = json.loads(result.stdout)
    [entry] = reply["files"]
    audio, rate = sf.read(entry["path"])
    assert rate == 48000 and len(audio) == 180000
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(audio) + 14) <= 0.5
    assert json.loads(Path(entry["sidecar"]).read_text())["samples"] == 180000


def test_cli_prints_paths_without_json(tmp_path, capsys):
    from bridge.cli import main

    code = main(["generate", "hat", "--seconds", "0.5", "--model", "tiny", "--variations", "2", "--out",
                 str(tmp_path), "--seed", "3", "--stereo", "--format", "flac"])
    out = capsys.readouterr()
    assert code == 0, out.err
    paths = out.out.split()
    assert len(paths) == 2 and all(Path(p).suffix == ".flac" and Path(p).is_file() for p in paths)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bars", "2", "--seconds", "3"], "give either --seconds or --bars/--beats, not both"),
        ([], "give a length"),
        (["--bars", "2", "--bpm", "1000"], "bpm must be 20..400, got 1000"),
        (["--seconds", "1", "--sample-rate", "7999"], "sample rate 7999 is out of range"),
        (["--seconds", "abc"], "invalid float value: 'abc'"),
        (["--seconds", "1", "--lufs", "-14", "--peak", "-1"], "not allowed with argument"),
        (["--seconds", "1", "--time-sig", "4/3", "--bars", "1"], "not both"),
        (["--bars", "1", "--time-sig", "4/3"], "denominator must be one of"),
        (["--seconds", "500"], "length must be 0.1..60 s, got 500 s"),
    ],
)
def test_cli_bad_arguments_one_line_exit_2(tmp_path, capsys, args, message):
    from bridge.cli import main

    try:
        code = main(["generate", "kick", "--model", "tiny", "--out", str(tmp_path), *args])
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    assert code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert message in err
    assert not list(tmp_path.iterdir())


def test_cli_models_lists_the_family(tmp_path):
    result = cli("models", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    ids = [m["id"] for m in listed["models"]]
    assert ids[0] == "cvssp/audioldm-s-full-v2" and "tiny" in ids and "random:audioldm-l-full" in ids
    assert "non-commercial" in listed["licence"]
