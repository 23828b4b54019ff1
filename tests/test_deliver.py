"""engine.deliver: what is written is what is measured — stereo loudness, sidecars, all-or-nothing delivery."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pyloudnorm
import pytest
import soundfile as sf

from engine import deliver as deliver_module
from engine.length import MusicalLength
from engine.request import RenderRequest


def independent_lufs(path: Path) -> float:
    """Integrated loudness of a file on disk: ffmpeg's ebur128 filter where ffmpeg exists (a meter
    that shares no code with ours), pyloudnorm on the raw file otherwise."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg:
        out = subprocess.run([ffmpeg, "-nostats", "-hide_banner", "-i", str(path), "-af", "ebur128", "-f", "null", "-"],
                             capture_output=True, text=True, timeout=60).stderr
        return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", out)[-1])
    audio, rate = sf.read(path)
    return pyloudnorm.Meter(rate).integrated_loudness(audio)


def request(tmp_path, **kw):
    kw.setdefault("length", MusicalLength.from_seconds(2))
    kw.setdefault("seed", 21)
    return RenderRequest(prompt=kw.pop("prompt", "wide pad"), out_dir=tmp_path, **kw)


@pytest.mark.parametrize("channels", [1, 2])
@pytest.mark.parametrize("fmt", ["wav24", "wav16", "wav32f", "flac"])
def test_every_channel_count_and_format_measures_the_target_on_disk(engine, tmp_path, channels, fmt):
    [out] = engine.render(request(tmp_path, channels=channels, format=fmt))
    audio, rate = sf.read(out.path, always_2d=True)
    assert audio.shape[1] == channels
    lufs = independent_lufs(out.path)
    assert abs(lufs - (-14.0)) <= 0.5, f"{channels} ch {fmt}: {lufs} LUFS"
    # The sidecar states what the file measures, not what the mono signal measured.
    assert out.metadata["lufs"] == pytest.approx(pyloudnorm.Meter(rate).integrated_loudness(audio), abs=0.05)
    assert json.loads(out.sidecar.read_text())["lufs"] == out.metadata["lufs"]


def test_loop_files_are_normalized_and_limited_as_loops(engine, tmp_path):
    [out] = engine.render(request(tmp_path, loop=True, channels=2, length=MusicalLength.from_bars(1, 120)))
    assert abs(independent_lufs(out.path) - (-14.0)) <= 0.5
    assert out.metadata["true_peak_dbtp"] <= -1.0 + 0.05


def test_cli_stereo_and_shortest_length_done_criterion(tmp_path, capsys):
    from bridge import cli

    def generate(*args):  # in-process: the same code as the console script, without 2 × 10 s of imports
        code = cli.main(["generate", "texture", *args, "--model", "tiny", "--out", str(tmp_path), "--seed", "3"])
        out = capsys.readouterr()
        assert code == 0, out.err
        return Path(out.out.strip())

    stereo = generate("--seconds", "2", "--stereo")
    assert sf.info(stereo).channels == 2
    assert abs(independent_lufs(stereo) - (-14.0)) <= 0.5
    shortest = generate("--seconds", "0.1")
    assert sf.info(shortest).frames == 4800 and sf.info(shortest).samplerate == 48000


def test_a_taken_name_is_retried_with_a_new_suffix(engine, tmp_path, monkeypatch):
    suffixes = iter(["aaaaaa", "aaaaaa", "bbbbbb"])

    class FixedUUID:
        def __init__(self):
            self.hex = next(suffixes) + "0" * 26

    monkeypatch.setattr(deliver_module.uuid, "uuid4", FixedUUID)
    [first] = engine.render(request(tmp_path, seed=5))
    original = first.path.read_bytes()
    [second] = engine.render(request(tmp_path, seed=5))
    assert first.path.name.endswith("_5_aaaaaa.wav") and second.path.name.endswith("_5_bbbbbb.wav")
    assert first.path.read_bytes() == original  # nothing overwritten
    assert json.loads(second.sidecar.read_text())["file"] == second.path.name


def test_audio_and_sidecar_are_published_together_or_not_at_all(engine, tmp_path, monkeypatch):
    """A stranger's JSON under the sidecar's name: the audio is not left without its sidecar."""
    suffixes = iter(["cccccc", "dddddd"])

    class FixedUUID:
        def __init__(self):
            self.hex = next(suffixes) + "0" * 26

    monkeypatch.setattr(deliver_module.uuid, "uuid4", FixedUUID)
    squatter = tmp_path / "wide-pad_7_cccccc.json"
    squatter.write_text('{"mine": true}')
    [out] = engine.render(request(tmp_path, seed=7))
    assert out.path.name == "wide-pad_7_dddddd.wav"
    assert not (tmp_path / "wide-pad_7_cccccc.wav").exists()  # no audio without its sidecar
    assert squatter.read_text() == '{"mine": true}'
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([squatter.name, out.path.name, out.sidecar.name])


def test_a_failed_sidecar_write_takes_the_audio_back(engine, tmp_path, monkeypatch):
    from engine import writer

    real_publish = writer._publish
    calls = []

    def failing_publish(tmp, path):
        calls.append(Path(path).suffix)
        if Path(path).suffix == ".json":
            raise OSError(28, "No space left on device")
        return real_publish(tmp, path)

    monkeypatch.setattr(writer, "_publish", failing_publish)
    with pytest.raises(OSError, match="No space left"):
        engine.render(request(tmp_path, seed=8))
    assert calls == [".wav", ".json"]
    assert os.listdir(tmp_path) == []  # neither file, and no temp debris
