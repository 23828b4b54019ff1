"""Musical fit (issue 20): the `fit` command and the engine's fit stage on real synthesized signals."""

import json
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from scipy.signal import butter, sosfilt

from bench import synth
from bridge import protocol
from bridge.cli import main
from engine.errors import InvalidInput
from engine.key import Key, estimate_key, parse_key, semitones_to

RATE = 48000


def write(tmp_path, name, audio, rate=RATE):
    path = tmp_path / name
    sf.write(path, audio, rate, subtype="FLOAT")
    return path


def run_fit(capsys, *argv):
    code = main(["fit", *map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def kick_attacks(audio, rate):
    """Where each kick starts: rising edges of the low band (< 120 Hz) through 30 % of its peak."""
    low = np.abs(sosfilt(butter(4, 120, "lowpass", fs=rate, output="sos"), audio))
    env = np.convolve(low, np.ones(96) / 96, mode="full")[: len(low)]
    above = env >= 0.3 * env.max()
    edges = np.flatnonzero(above[1:] & ~above[:-1]) + 1
    edges = list(edges) if not above[0] else [0, *edges]
    kept = []
    for e in edges:
        if not kept or e - kept[-1] > 0.2 * rate:
            kept.append(e)
    # the smoothing window delays the crossing; the kick's click starts it: back to where the raw band rises
    return np.array(kept) / rate


def test_a_97_bpm_drum_loop_fits_two_bars_of_120_with_every_kick_on_the_grid(tmp_path, capsys):
    audio, kicks = synth.drums(97, 7.0, swing=0.1, ghosts=True, lead_in_s=0.11)
    source = write(tmp_path, "drums97.wav", audio)
    code, out, _ = run_fit(capsys, source, "--bpm", 120, "--bars", 2, "--out", tmp_path / "out", "--json")
    assert code == 0
    meta = json.loads(out)
    result, rate = sf.read(meta["path"])
    assert rate == RATE and len(result) == 2 * 4 * RATE // 2 == meta["samples"]  # 2 bars of 4/4 at 120: 4 s
    tempo = meta["fit"]["tempo"]
    assert tempo["action"] == "warped" and abs(tempo["detected_bpm"] - 97) < 97 * 0.02
    assert tempo["downbeat_s"] == 0.0 and tempo["beats_s"][:3] == [0.0, 0.5, 1.0]
    found = kick_attacks(result, rate)
    assert len(found) == 4  # kicks on 1 and 3 of two bars
    off_grid = np.abs(found - np.round(found / 0.5) * 0.5)
    assert off_grid.max() < 0.010, found
    sidecar = json.loads(Path(meta["sidecar"]).read_text())
    assert sidecar["fit"] == meta["fit"]


def test_the_input_kicks_were_off_that_grid(tmp_path):
    """The check above can fail: the same measure on the unwarped loop finds kicks far from the grid."""
    audio, _ = synth.drums(97, 4.0, lead_in_s=0.11)
    found = kick_attacks(audio, RATE)
    assert np.abs(found - np.round(found / 0.5) * 0.5).max() > 0.05


def test_a_progression_in_d_major_shifted_to_f_major_estimates_as_f_major(tmp_path, capsys):
    source = write(tmp_path, "chords.wav", synth.progression(parse_key("D major"), 8.0))
    code, out, _ = run_fit(capsys, source, "--key", "F major", "--out", tmp_path, "--json")
    assert code == 0
    meta = json.loads(out)
    key = meta["fit"]["key"]
    assert (key["detected"], key["semitones"], key["action"]) == ("D major", 3, "shifted")
    result, rate = sf.read(meta["path"])
    assert estimate_key(result, rate).key == Key(5, "major")
    assert len(result) == 8 * RATE  # the file's own length


def test_rain_with_tempo_lock_auto_is_left_unwarped_and_says_why(tmp_path, capsys):
    rain = synth.noise_bed(5.0, "rain")
    source = write(tmp_path, "rain.wav", rain)
    code, out, _ = run_fit(capsys, source, "--bpm", 120, "--bars", 2, "--tempo-lock", "auto", "--out", tmp_path,
                           "--format", "wav32f", "--json")
    assert code == 0
    tempo = json.loads(out)["fit"]["tempo"]
    assert tempo["action"] == "left" and "unrhythmic material left unwarped" in tempo["reason"]
    result, _ = sf.read(json.loads(out)["path"])
    mid = slice(RATE // 10, 4 * RATE - RATE // 10)  # clear of the fades
    np.testing.assert_allclose(result[mid], rain[mid], atol=1e-6)


def test_report_mode_changes_nothing_but_records_beats(tmp_path, capsys):
    audio, kicks = synth.drums(104, 6.0, lead_in_s=0.2)
    source = write(tmp_path, "drums104.wav", audio)
    code, out, _ = run_fit(capsys, source, "--bpm", 120, "--bars", 2, "--tempo-lock", "report", "--out", tmp_path,
                           "--format", "wav32f", "--json")
    assert code == 0
    meta = json.loads(out)
    tempo = meta["fit"]["tempo"]
    assert tempo["action"] == "left" and tempo["lock"] == "report"
    assert abs(tempo["detected_bpm"] - 104) < 2 and abs(tempo["beats_s"][0] - 0.2) < 0.01
    assert np.allclose(np.diff(tempo["beats_s"]), 60 / 104, atol=0.01)
    result, _ = sf.read(meta["path"])
    np.testing.assert_allclose(result[RATE // 10: 3 * RATE], audio[RATE // 10: 3 * RATE], atol=1e-6)


def test_analyze_writes_nothing_and_reports_beats_in_the_files_time(tmp_path, capsys):
    audio, _ = synth.drums(97, 5.0, lead_in_s=0.3)
    source = write(tmp_path, "drums.wav", audio)
    result_file = tmp_path / "result.json"
    code, out, _ = run_fit(capsys, source, "--bpm", 120, "--key", "C", "--analyze", "--json", "--out",
                           tmp_path / "none", "--result-file", result_file)
    assert code == 0 and not (tmp_path / "none").exists()
    fit = json.loads(out)["fit"]
    assert abs(fit["tempo"]["beats_s"][0] - 0.3) < 0.01 and fit["tempo"]["action"] == "left"
    assert fit["key"]["action"] == "left"
    event = json.loads(result_file.read_text())
    assert event == {"event": "done", "id": "fit", "paths": [], "files": [], "fit": fit}


@pytest.mark.parametrize("text, tonic, mode", [
    ("D minor", 2, "minor"), ("F#", 6, "major"), ("Bbm", 10, "minor"), ("Eb major", 3, "major"),
    ("C# min", 1, "minor"), ("a", 9, "major"), ("am", 9, "minor"), ("B", 11, "major"), ("bb", 10, "major"),
    ("Cb", 11, "major"), ("E#m", 5, "minor"), (" G  Major ", 7, "major"), ("F♯ minor", 6, "minor"),
    ("D♭", 1, "major"), ("AM", 9, "major"), ("Gmaj", 7, "major"), ("c minor", 0, "minor"),
])
def test_key_parsing(text, tonic, mode):
    assert parse_key(text) == Key(tonic, mode)


@pytest.mark.parametrize("text", ["H major", "", "D dorian", "C##", "Dm7", "12"])
def test_bad_keys_are_refused_naming_the_value(text):
    with pytest.raises(InvalidInput, match="key must be a note") as err:
        parse_key(text)
    assert repr(text) in str(err.value)


@pytest.mark.parametrize("detected, target, shift", [
    ("Eb major", "D minor", 2), ("D minor", "F major", 0), ("B minor", "D major", 0), ("C major", "F# major", -6),
    ("A major", "C major", 3), ("E minor", "C minor", -4), ("C major", "B major", -1),
])
def test_the_smallest_shift_counts_the_relative_key_as_a_match(detected, target, shift):
    assert semitones_to(parse_key(detected), parse_key(target)) == shift


@pytest.mark.parametrize("fields, message", [
    ({"bars": 1, "tempo_lock": "sometimes"}, "tempo_lock must be one of off, auto, on, report, got 'sometimes'"),
    ({"seconds": 1, "key": "H major"}, "got 'H major'"),
    ({"seconds": 1, "key_lock": "on"}, "key_lock on needs a key"),
    ({"seconds": 1, "key": "C", "key_lock": "maybe"}, "key_lock must be one of off, auto, on, report, got 'maybe'"),
    ({"seconds": 1, "tempo_lock": "on"}, "tempo_lock on needs a tempo"),
    ({"seconds": 1, "key": 5}, "key must be text"),
])
def test_bad_fit_fields_are_refused_naming_the_value(fields, message, tmp_path):
    request = {"prompt": "x", **{k: v for k, v in fields.items()}}
    with pytest.raises(InvalidInput, match=None) as err:
        protocol.parse_request(request, tmp_path)
    assert message in str(err.value)


def test_fit_defaults_follow_the_request(tmp_path):
    with_bpm = protocol.parse_request({"prompt": "x", "bars": 1, "bpm": 100}, tmp_path).render
    assert with_bpm.fit.tempo_lock == "auto" and with_bpm.fit.key_lock == "off" and with_bpm.fit.target_bpm == 100
    plain = protocol.parse_request({"prompt": "x", "seconds": 1}, tmp_path).render
    assert plain.fit is None
    keyed = protocol.parse_request({"prompt": "x", "seconds": 1, "key": "Bbm"}, tmp_path).render
    assert keyed.fit.key_lock == "auto" and keyed.fit.key == Key(10, "minor") and keyed.fit.tempo_lock == "off"
    # the lock costs the sampler nothing: a take that ends early after warping is filled by repetition
    off = protocol.parse_request({"prompt": "x", "bars": 1, "bpm": 100, "tempo_lock": "off"}, tmp_path).render
    assert with_bpm.sampling_job().frames == off.sampling_job().frames


def test_cli_bad_value_is_a_usage_error_with_an_error_event(tmp_path, capsys):
    source = write(tmp_path, "rain.wav", synth.noise_bed(1.0))
    result_file = tmp_path / "r.json"
    code, _, err = run_fit(capsys, source, "--key", "Q minor", "--result-file", result_file, "--out", tmp_path)
    assert code == 2 and "'Q minor'" in err
    event = json.loads(result_file.read_text())
    assert event["event"] == "error" and event["id"] == "fit" and event["code"] == "bad_request"


def test_a_generation_through_the_tiny_engine_records_fit_in_its_sidecar(engine, tmp_path):
    request = protocol.parse_request({"prompt": "drums", "bars": 1, "bpm": 120, "tempo_lock": "report",
                                      "key": "D minor", "key_lock": "report", "seed": 1, "steps": 2}, tmp_path).render
    [written] = engine.render(request)
    sidecar = json.loads(written.sidecar.read_text())
    assert sidecar["fit"]["tempo"]["lock"] == "report" and sidecar["fit"]["tempo"]["target_bpm"] == 120
    assert sidecar["fit"]["key"]["target"] == "D minor" and sidecar["fit"]["key"]["action"] == "left"
    assert sf.info(written.path).frames == 2 * 48000
    assert "fit" in sidecar["timings_s"]


@pytest.mark.parametrize("loop", [False, True])
def test_deliver_warps_a_generated_take_onto_the_grid_loop_or_not(tiny_components, tmp_path, loop):
    """The engine's own delivery (16 kHz audio → file) with a tempo lock: a 103 BPM take as long as
    the request makes the sampler generate, warped to 2 bars of 120, kicks on the grid, beats from 0."""
    from engine.deliver import deliver
    from engine.length import MusicalLength
    from engine.request import RenderRequest

    request = RenderRequest(prompt="drums", length=MusicalLength.from_bars(2, 120), out_dir=tmp_path, loop=loop,
                            loudness="off", format="wav32f", seeds=[1])
    request.check_inputs()
    take_samples = request.sampling_job().frames * 160
    take, _ = synth.drums(103, take_samples / 16000 + 0.01, swing=0.1, ghosts=True, rate=16000, lead_in_s=0.17)
    written = deliver(request, take[:take_samples], 1, 0, tiny_components)
    audio, rate = sf.read(written.path)
    assert len(audio) == 4 * 48000
    tempo = written.metadata["fit"]["tempo"]
    assert tempo["action"] == "warped" and tempo["downbeat_s"] == 0.0 and tempo["beats_s"][0] == 0.0
    assert "repeated to fill it" in tempo["reason"]  # sped up onto the grid, the take ends early: no silence
    assert np.abs(audio[-rate // 2:]).max() > 0.1
    found = kick_attacks(audio, rate)
    assert len(found) >= 3 and np.abs(found - np.round(found / 0.5) * 0.5).max() < 0.010, found


@pytest.mark.parametrize("kind", ["silence", "short", "noise"])
def test_degenerate_audio_gives_a_json_safe_fit_and_keeps_the_length(kind):
    from engine.fit import FitSettings, fit

    n = {"silence": RATE, "short": RATE // 20, "noise": RATE}[kind]
    audio = np.zeros(n) if kind == "silence" else np.random.default_rng(0).standard_normal(n) * 0.1
    for lock in ("auto", "on", "report"):
        result = fit(audio, RATE, FitSettings(tempo_lock=lock, target_bpm=120, key_lock=lock, key=Key(2, "minor")),
                     out_len=n)
        assert len(result.audio) == n and np.all(np.isfinite(result.audio))
        json.dumps(result.info, allow_nan=False)  # NaN is not JSON: a sidecar must stay readable
        assert result.info["tempo"]["action"] == "left"


def test_history_rebuilds_the_fit_fields_from_a_sidecar(engine, tmp_path):
    """An entry rebuilt from its sidecar (history rebuild) asks for the same tempo and key lock."""
    from bridge.history import request_from_sidecar

    request = protocol.parse_request({"prompt": "drums", "bars": 1, "bpm": 120, "tempo_lock": "report",
                                      "key": "Bbm", "key_lock": "on", "seed": 2, "steps": 2}, tmp_path).render
    [written] = engine.render(request)
    fields = request_from_sidecar(json.loads(written.sidecar.read_text()))
    assert (fields["tempo_lock"], fields["key"], fields["key_lock"]) == ("report", "Bb minor", "on")
    assert protocol.parse_request({**fields, "bars": 1, "bpm": 120}, tmp_path).render.fit.key == Key(10, "minor")
def test_seconds_with_a_bpm_give_the_fit_its_tempo(tmp_path):
    """The contract: tempo_lock defaults to auto "when the request gives bpm" — with seconds too. REAPER sends the
    exact seconds of a span along its tempo map and the span's average tempo: the length stays those seconds."""
    render = protocol.parse_request({"prompt": "x", "seconds": 2.5, "bpm": 105.0, "tempo_lock": "report"}, tmp_path).render
    assert render.fit.tempo_lock == "report" and render.fit.target_bpm == 105.0
    assert render.length.seconds == 2.5 and render.length.bpm == 105
    assert protocol.parse_request({"prompt": "x", "seconds": 2.5, "bpm": 90}, tmp_path).render.fit.tempo_lock == "auto"
    with pytest.raises(InvalidInput, match="bpm must be 20..400, got 500"):
        protocol.parse_request({"prompt": "x", "seconds": 2.5, "bpm": 500}, tmp_path)
