"""Request → DAW-ready files, end to end with the tiny model: exact length, loudness, loop, formats,
atomic writes, sidecars, and the one-shot CLI."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf
from scipy.signal import resample_poly

from engine.errors import InvalidInput
from engine.length import MusicalLength
from engine.render import RenderRequest

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
     (2, 60, "6/8", 192000)],
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


def test_loop_seam_is_as_smooth_as_the_rest(engine, tmp_path):
    [out] = engine.render(request(tmp_path, length=MusicalLength.from_bars(1, 120, "4/4"), loop=True))
    audio, rate = sf.read(out.path)
    assert len(audio) == 96000
    jumps = np.abs(np.diff(audio))
    seam = abs(audio[0] - audio[-1])
    assert seam <= np.percentile(jumps, 99)
    # no fade to silence at either end: a loop must not dip
    assert np.abs(audio[:240]).max() > 0.05 and np.abs(audio[-240:]).max() > 0.05


def test_fades_against_clicks(engine, tmp_path):
    [out] = engine.render(request(tmp_path, fade_in_ms=5, fade_out_ms=20))
    audio, rate = sf.read(out.path)
    assert abs(audio[0]) < 1e-3 and abs(audio[-1]) < 1e-3
    assert np.abs(audio[rate // 2: rate // 2 + 480]).max() > 0.05


@pytest.mark.parametrize("fmt, subtype, suffix", [("wav16", "PCM_16", ".wav"), ("wav32f", "FLOAT", ".wav"),
                                                  ("flac", "PCM_24", ".flac")])
def test_formats_and_dual_mono(engine, tmp_path, fmt, subtype, suffix):
    [out] = engine.render(request(tmp_path, format=fmt, channels=2, sample_rate=44100))
    info = sf.info(out.path)
    assert out.path.suffix == suffix and info.subtype == subtype and info.channels == 2 and info.frames == 44100
    audio, _ = sf.read(out.path)
    np.testing.assert_array_equal(audio[:, 0], audio[:, 1])


def test_peak_mode_and_off(engine, tmp_path):
    [peak] = engine.render(request(tmp_path, loudness="peak", target=-6.0))
    audio, _ = sf.read(peak.path)
    assert 20 * np.log10(np.abs(audio).max()) == pytest.approx(-6.0, abs=0.05)
    [off] = engine.render(request(tmp_path, loudness="off"))
    assert off.metadata["gain_db"] == 0.0 or off.metadata["limited"] is False


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


def test_writes_are_atomic_and_never_overwrite(engine, tmp_path):
    outs = [engine.render(request(tmp_path, seed=5))[0] for _ in range(3)]
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len({o.path for o in outs}) == 3  # same prompt and seed: the short id keeps them apart
    assert len(names) == 6 and not [n for n in names if n.startswith(".")]


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(variations=0), "variations must be an integer 1..16, got 0"),
        (dict(seed=-5), "seed must be an integer"),
        (dict(sample_rate=8000), "8000"),
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


def test_cli_prints_paths_without_json(tmp_path):
    result = cli("generate", "hat", "--seconds", "0.5", "--model", "tiny", "--variations", "2", "--out",
                 str(tmp_path), "--seed", "3", "--stereo", "--format", "flac", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    paths = result.stdout.split()
    assert len(paths) == 2 and all(Path(p).suffix == ".flac" and Path(p).is_file() for p in paths)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--bars", "2", "--seconds", "3"], "give either --seconds or --bars/--beats, not both"),
        ([], "give a length"),
        (["--bars", "2", "--bpm", "1000"], "bpm must be 20..400, got 1000"),
        (["--seconds", "1", "--sample-rate", "8000"], "8000"),
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
