"""Musical fit in REAPER (reaper_scripts/lib/stretch.lua, fit.lua): the key beside the prompt, the fit fields a
request carries, stretch markers that put detected beats on the project's grid (tempo changes included) and the
take pitch — applied to generated takes and, by "Fit selected item to tempo and key", to any audio item."""

import numpy as np
import pytest
import soundfile as sf

from bench import synth
from engine.key import parse_key
from reaper_fake import read_wav_header
from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    TEMPO_MAP, command, engine_service, job_files, lua_lib, make_fake, run_action, sidecar, write_input,
)

KEY = "Key (blank = none / e.g. D minor)"


def grid_time(qn: float) -> float:
    return TEMPO_MAP.qn_to_time(qn)


def lua_table(fake, value):
    """A Python dict/list → a Lua table, nested."""
    if isinstance(value, dict):
        return fake.lua.table_from({k: lua_table(fake, v) for k, v in value.items()})
    if isinstance(value, list):
        return fake.lua.table_from([lua_table(fake, v) for v in value])
    return value


def tempo_report(detected_bpm, first, count, confidence=0.9, target_bpm=None, **more):
    period = 60.0 / detected_bpm
    report = {"lock": "report", "detected_bpm": detected_bpm, "confidence": confidence, "action": "left",
              "beats_s": [first + i * period for i in range(count)], "downbeat_s": first, "reason": "measured only"}
    if target_bpm is not None:
        report["target_bpm"] = target_bpm
    report.update(more)
    return report


def take_on(fake, wav, position, length, **values):
    track = fake.add_track()
    return fake.add_item(track, wav, position, length, **values).active


def apply(fake, lib, take, fit, place, modes):
    """What the actions do after a result: plan, then apply inside one undo block."""
    fit_t = lua_table(fake, fit)
    plan = lib.fit_plan(fit_t, lua_table(fake, modes), place.get("target_bpm"))
    fake.Undo_BeginBlock2(0)
    markers, semitones = lib.apply_fit(take, fit_t, lua_table(fake, place), plan)
    fake.Undo_EndBlock2(0, "test", -1)
    return plan, markers, semitones


# --- beats to the grid (lib/stretch.lua) -------------------------------------------------------------


def test_detected_beats_play_on_the_grid_across_a_tempo_change(make_fake, tmp_path):
    """A take made for 3.0–5.5 s (120 BPM until 4 s, then 90): the loop it holds runs at 103 BPM. After the fit
    every detected beat plays exactly on quarter note n after the item's start, along the tempo map."""
    fake = make_fake()
    lib = lua_lib(fake)
    wav = write_input(tmp_path / "loop.wav", 3 * 44100, 44100)
    take = take_on(fake, wav, 3.0, 2.5)
    fit = {"tempo": tempo_report(103.0, 0.01, 6, target_bpm=102.0)}
    place = {"position": 3.0, "length": 2.5, "playrate": 1.0, "start_offset": 0.0, "file_offset": 0.0, "target_bpm": 102.0}
    plan, markers, semitones = apply(fake, lib, take, fit, place, {"tempo": "auto", "key": "auto"})
    assert plan.tempo and semitones is None
    start_qn = TEMPO_MAP.time_to_qn(3.0)  # 6 QN
    beats = fit["tempo"]["beats_s"]
    played = [take.played_at(b) for b in beats[:markers]]
    assert played == pytest.approx([grid_time(start_qn + n) for n in range(markers)], abs=1e-9)
    assert played[1] - played[0] == pytest.approx(0.5) and played[3] - played[2] == pytest.approx(2 / 3)  # 120, then 90
    # the beats up to one past the item's end have markers; none before its start; the take keeps its pitch
    assert grid_time(start_qn + markers - 2) <= 5.5 < grid_time(start_qn + markers - 1)
    assert [m[1] for m in take.stretch_markers] == pytest.approx(beats[:markers])
    assert take.values["B_PPITCH"] == 1.0 and take.values["D_PITCH"] == 0.0


def test_a_trimmed_section_at_another_rate_counts_from_what_the_item_plays(make_fake, tmp_path):
    """Start offset and playrate: beats before the take's start are left out; the first one played goes to the
    nearest quarter note after the item's start and the others follow one detected beat (2 QN at half tempo) each."""
    fake = make_fake()
    lib = lua_lib(fake)
    wav = write_input(tmp_path / "half.wav", 8 * 44100, 44100)
    take = take_on(fake, wav, 1.0, 4.0, D_STARTOFFS=1.0, D_PLAYRATE=1.25)
    fit = {"tempo": tempo_report(62.0, 0.3, 8)}  # felt at half of the project's 120: a beat is 2 QN
    place = {"position": 1.0, "length": 4.0, "playrate": 1.25, "start_offset": 1.0, "file_offset": 0.0, "target_bpm": 120.0}
    plan, markers, _ = apply(fake, lib, take, fit, place, {"tempo": "on", "key": "off"})
    beats = [b for b in fit["tempo"]["beats_s"] if b >= 1.0]  # 1.2677, 2.2355 …
    first_now = 1.0 + (beats[0] - 1.0) / 1.25  # where the first played beat sounds before the fit: 1.214 s
    first_qn = round(TEMPO_MAP.time_to_qn(first_now))  # the nearest quarter note: 2 (t = 1.0 s)
    played = [take.played_at(b) for b in beats[:markers]]
    assert played == pytest.approx([grid_time(first_qn + 2 * n) for n in range(markers)], abs=1e-9)
    assert all(pos >= 0 for pos, _ in take.stretch_markers)


def test_auto_leaves_an_unclear_or_far_tempo_and_says_why(make_fake, tmp_path):
    fake = make_fake()
    lib = lua_lib(fake)
    wav = write_input(tmp_path / "pad.wav", 44100 * 3, 44100)
    take = take_on(fake, wav, 0.0, 2.0)
    place = {"position": 0.0, "length": 2.0, "target_bpm": 120.0}
    unclear = {"tempo": tempo_report(118.0, 0.0, 4, confidence=0.2)}
    plan, markers, _ = apply(fake, lib, take, unclear, place, {"tempo": "auto", "key": "auto"})
    assert not plan.tempo and markers is None and "not clear (confidence 0.20)" in plan.left[1]
    far = {"tempo": tempo_report(85.0, 0.0, 4)}  # 120 / 85 = 1.41 after folding: beyond ±25 %
    plan, markers, _ = apply(fake, lib, take, far, place, {"tempo": "auto", "key": "auto"})
    assert not plan.tempo and "too far from the project's (120.0 BPM)" in plan.left[1]
    said = {"tempo": tempo_report(118.0, 0.0, 4, auto_action="left", reason="no clear beat: rain")}
    plan, _, _ = apply(fake, lib, take, said, place, {"tempo": "auto", "key": "auto"})
    assert not plan.tempo and plan.left[1] == "the tempo was left as it is: no clear beat: rain"
    plan, markers, _ = apply(fake, lib, take, far, place, {"tempo": "on", "key": "auto"})  # on: applied anyway
    assert plan.tempo and markers == len(take.stretch_markers) > 0
    assert fake.undo_blocks == ["test"] * 4


def test_key_becomes_the_take_pitch(make_fake, tmp_path):
    fake = make_fake()
    lib = lua_lib(fake)
    wav = write_input(tmp_path / "keys.wav", 44100 * 2, 44100)
    take = take_on(fake, wav, 0.0, 2.0)
    key = {"lock": "report", "target": "F major", "detected": "D major", "confidence": 0.8, "semitones": 3,
           "action": "left", "reason": "measured only"}
    plan, markers, semitones = apply(fake, lib, take, {"key": key}, {"position": 0.0, "length": 2.0},
                                     {"tempo": "auto", "key": "auto"})
    assert plan.key and semitones == 3 and markers is None
    assert take.values["D_PITCH"] == 3.0 and take.values["B_PPITCH"] == 1.0 and not take.stretch_markers
    take.values["D_PITCH"] = 0.0
    plan, _, _ = apply(fake, lib, take, {"key": dict(key, confidence=0.1)}, {"position": 0.0, "length": 2.0},
                       {"tempo": "auto", "key": "auto"})
    assert not plan.key and take.values["D_PITCH"] == 0.0 and "the key is not clear" in plan.left[1]


# --- the key and the request's fields (lib/fit.lua) --------------------------------------------------


@pytest.mark.parametrize("text, key", [
    ("D minor", "D minor"), ("F#", "F# major"), ("Bbm", "Bb minor"), ("Eb major", "Eb major"), ("C# min", "C# minor"),
    ("  a  ", "A major"), ("G♭ maj", "Gb major"), ("c♯m", "C# minor"), ("B", "B major"),
    ("H minor", None), ("D dorian", None), ("DM", None), ("", None), ("D# minor!", None), ("Cbb", None),
])
def test_keys_are_read_as_the_engine_reads_them(make_fake, text, key):
    assert lua_lib(make_fake()).parse_key(text) == key


def test_fit_fields_follow_the_settings(make_fake):
    fake = make_fake()
    lib = lua_lib(fake)
    s = lib.load_settings()
    assert (s.tempo_lock, s.key_lock, s.reaper_fit) == ("auto", "auto", "yes")  # the defaults

    def fields(key="D minor", start=3.0, length=2.0):
        return dict(lib.fit_fields(s, fake.lua.table_from({"seconds": length}), key, start, length))

    # REAPER fits: the engine only measures; bpm is the grid's average over the item (120 for 1 s, 90 for 1 s)
    assert fields() == {"seconds": 2.0, "bpm": pytest.approx(105.0), "tempo_lock": "report", "key": "D minor",
                        "key_lock": "report"}
    assert fields(key="bbm", start=0.0) == {"seconds": 2.0, "bpm": pytest.approx(120.0), "tempo_lock": "report",
                                            "key": "Bb minor", "key_lock": "report"}
    assert "key" not in fields(key="")
    s.reaper_fit, s.key_lock = "no", "on"  # the engine warps and shifts the file itself
    assert fields() == {"seconds": 2.0, "bpm": pytest.approx(105.0), "tempo_lock": "auto", "key": "D minor",
                        "key_lock": "on"}
    s.tempo_lock, s.key_lock = "off", "off"
    assert fields() == {"seconds": 2.0}


def test_settings_check_the_lock_modes(make_fake):
    fake = make_fake()

    def bad(captions, defaults):
        assert captions[-3:] == ["Tempo lock (auto / on / off)", "Key lock (auto / on / off)",
                                 "Use REAPER stretch markers/take pitch (yes / no)"]
        assert defaults[-3:] == ["auto", "auto", "yes"]
        return defaults[:-3] + ["sometimes", "auto", "yes"]

    def fixed(captions, defaults):
        return defaults[:-3] + ["on", "off", "no"]

    fake.dialog_answers = [bad, fixed]
    run_action(fake, "Settings")
    assert fake.messages[0][0] == "Settings not saved: tempo lock must be auto, on or off, got sometimes."
    assert [fake.ext_state[("AudioLDM", k)] for k in ("tempo_lock", "key_lock", "reaper_fit")] == ["on", "off", "no"]


def test_a_bad_key_is_named_and_asked_again_and_a_good_one_remembered(make_fake):
    fake = make_fake()
    fake.cursor = 0.0
    fake.dialog_answers = [["pad", "H minor", "1", "1", "", ""], None]
    run_action(fake, "Generate at edit cursor")
    assert "the key must be a note A to G" in fake.messages[0][0] and "got H minor" in fake.messages[0][0]
    assert fake.dialogs[1]["defaults"][1] == "H minor" and not fake.processes
    assert fake.dialogs[0]["captions"][:2] == ["Prompt", KEY]
    assert ("AudioLDM", "last_key") not in fake.ext_state


# --- generated takes fitted by REAPER (the engine reports, REAPER applies) ---------------------------


def test_generate_inserts_an_item_with_stretch_markers_on_the_grid_and_the_take_pitch(make_fake):
    """2 bars from bar 1 (2.0 s): 120 BPM, then 90 from 4.0 s. The request asks the engine to measure only
    (tempo_lock / key_lock report, the grid's average bpm); the inserted take gets stretch markers that put the
    beats the engine detected on the project's quarter notes across the tempo change, and the take pitch to
    D minor; the file is as the engine made it; one undo point."""
    fake = make_fake(project_rate=44100, ext={"tempo_lock": "on", "key_lock": "on"})
    track = fake.add_track("loops", selected=True)
    fake.cursor = 2.0
    fake.dialog_answers = [["four on the floor techno kick", "D minor", "2", "1", "5", ""]]
    run_action(fake, "Generate at edit cursor")
    assert fake.messages == []
    [item] = track.items
    assert item.position == 2.0 and item.length == pytest.approx(2.0 + 8 / 3)
    [take] = item.takes
    fit = sidecar(take)["fit"]
    assert fit["tempo"]["lock"] == "report" and fit["tempo"]["action"] == "left"  # the file is not warped
    assert fit["tempo"]["target_bpm"] == pytest.approx(8 * 60 / (2.0 + 8 / 3), abs=1e-3)  # the grid's average
    assert fit["key"]["lock"] == "report" and fit["key"]["target"] == "D minor"
    beats = fit["tempo"]["beats_s"]
    assert len(beats) >= 2 and take.stretch_markers, fit["tempo"]
    assert [s for _, s in take.stretch_markers] == pytest.approx(beats[:len(take.stretch_markers)])
    fold = 2.0 ** round(np.log2(fit["tempo"]["target_bpm"] / fit["tempo"]["detected_bpm"]))
    first = round(TEMPO_MAP.time_to_qn(2.0 + beats[0]) / min(fold, 1)) * min(fold, 1)
    for n, (_, src) in enumerate(take.stretch_markers):
        assert take.played_at(src) == pytest.approx(grid_time(first + n * fold), abs=1e-9)
    assert take.values["D_PITCH"] == fit["key"]["semitones"] and take.values["B_PPITCH"] == 1.0
    assert fake.undo_begins == 1 and fake.undo_blocks == ["AudioLDM: insert four on the floor techno kick"]
    assert fake.ext_state[("AudioLDM", "last_key")] == "D minor"  # remembered like the prompt
    fake.dialog_answers = [None]
    run_action(fake, "Generate at edit cursor")
    assert fake.dialogs[-1]["defaults"][:2] == ["four on the floor techno kick", "D minor"]


def test_with_reaper_fit_off_the_engine_fits_the_file_and_no_marker_is_set(make_fake):
    fake = make_fake(ext={"reaper_fit": "no", "tempo_lock": "auto", "key_lock": "off"})
    track = fake.add_track(selected=True)
    fake.selection = (0.0, 1.5)
    fake.dialog_answers = [["soft rain", "E minor", "1", "", ""]]
    run_action(fake, "Generate for time selection")
    assert fake.messages == []
    [take] = track.items[0].takes
    fit = sidecar(take)["fit"]
    assert fit["tempo"]["lock"] == "auto" and "key" not in fit  # key lock off: no key sent
    assert not take.stretch_markers and take.values["D_PITCH"] == 0.0


# --- "Fit selected item to tempo and key" on any audio item ------------------------------------------


def drum_loop(path, bpm, seconds):
    """A 4/4 beat (bench/synth.py: kicks on 1 and 3, snares, hats on eighths) after a 0.11 s lead-in; returns
    REAPER's source and the kick times."""
    audio, kicks = synth.drums(bpm, seconds, lead_in_s=0.11)
    sf.write(path, audio, synth.RATE, subtype="PCM_24")
    return read_wav_header(str(path)), kicks


def chords(path, seconds=8.0):
    """I–IV–V–I–vi–IV–V–I in D major (bench/synth.py), one chord a bar."""
    sf.write(path, synth.progression(parse_key("D major"), seconds), synth.RATE, subtype="PCM_24")
    return read_wav_header(str(path))


def test_fit_action_puts_a_97_bpm_loop_on_the_grid_across_a_tempo_change(make_fake, tmp_path):
    """A 97 BPM drum loop trimmed (start offset 0.5 s) at 2.0 s, across the 120 → 90 BPM change at 4.0 s: the
    kicks it plays land on the project's quarter notes; the file is not touched; one undo point."""
    fake = make_fake()
    source, kicks = drum_loop(tmp_path / "loop 97.wav", 97.0, 8.0)
    before = (tmp_path / "loop 97.wav").read_bytes()
    track = fake.add_track()
    item = fake.add_item(track, source, 2.0, 4.0, D_STARTOFFS=0.5)
    fake.dialog_answers = [[""]]  # no key: the tempo only
    run_action(fake, "Fit selected item to tempo and key")
    assert fake.messages == []
    [argv] = fake.launched("fit")
    assert argv[1:5] == ["fit", str(tmp_path / "loop 97.wav"), "--analyze", "--bpm"]
    assert float(argv[5]) == pytest.approx(7 * 60 / 4)  # 4 QN + 3 QN in 4 s: the grid's average, 105 BPM
    take = item.active
    assert take.stretch_markers and take.values["B_PPITCH"] == 1.0 and take.values["D_PITCH"] == 0.0
    start_qn = TEMPO_MAP.time_to_qn(2.0)
    played = [k for k in kicks if k >= 0.5 and take.played_at(k) <= 6.0]
    assert len(played) >= 3  # kicks on 1 and 3
    for k in played:  # each kick within 10 ms of a quarter note after the item's start
        qn = TEMPO_MAP.time_to_qn(take.played_at(k))
        assert abs(take.played_at(k) - grid_time(round(qn))) < 0.010 and round(qn) >= start_qn
    assert fake.undo_begins == 1 and fake.undo_blocks == ["AudioLDM: fit item to tempo and key"]
    assert (tmp_path / "loop 97.wav").read_bytes() == before and item.length == 4.0


def test_fit_action_shifts_a_d_major_progression_to_f_major_by_take_pitch(make_fake, tmp_path):
    fake = make_fake(ext={"tempo_lock": "off"})
    track = fake.add_track()
    item = fake.add_item(track, chords(tmp_path / "keys.wav"), 0.0)
    fake.dialog_answers = [["f major"]]
    run_action(fake, "Fit selected item to tempo and key")
    assert fake.messages == []
    [argv] = fake.launched("fit")
    assert argv[argv.index("--key") + 1] == "F major" and argv[argv.index("--tempo-lock") + 1] == "off"
    take = item.active
    assert take.values["D_PITCH"] == 3.0 and take.values["B_PPITCH"] == 1.0 and not take.stretch_markers
    assert fake.undo_blocks == ["AudioLDM: fit item to tempo and key"]
    assert fake.ext_state[("AudioLDM", "last_key")] == "f major"


def test_fit_action_leaves_rain_as_it_is_and_says_why(make_fake, tmp_path):
    fake = make_fake()
    rng = np.random.default_rng(3)
    sf.write(tmp_path / "rain.wav", 0.1 * rng.standard_normal(44100 * 4), 44100, subtype="PCM_24")
    track = fake.add_track()
    item = fake.add_item(track, read_wav_header(str(tmp_path / "rain.wav")), 1.0)
    fake.dialog_answers = [[""]]
    run_action(fake, "Fit selected item to tempo and key")
    [(message, _)] = fake.messages
    assert message.startswith("Nothing was changed: The tempo was left as it is: ")
    assert fake.undo_begins == 0 and not item.active.stretch_markers


def test_fit_action_error_says_so_and_changes_nothing(make_fake, tmp_path):
    """A file REAPER's header reader accepts but the measuring cannot decode: the error is shown, nothing
    changes, no undo point."""
    fake = make_fake()
    source = write_input(tmp_path / "odd.wav", 44100 * 2, 44100)
    data = bytearray((tmp_path / "odd.wav").read_bytes())
    data[20:22] = (0x1234).to_bytes(2, "little")  # an unknown format tag
    (tmp_path / "odd.wav").write_bytes(bytes(data))
    track = fake.add_track()
    item = fake.add_item(track, source, 0.0)
    item.active.stretch_markers.append((0.5, 0.5))  # a take already stretched: the fit would replace it
    fake.dialog_answers = [["D minor"]]
    run_action(fake, "Fit selected item to tempo and key")
    [(message, _)] = fake.messages
    assert message.startswith("Measuring the item's tempo and key failed (nothing was changed):\n")
    assert "odd.wav" in message
    assert fake.undo_begins == 0 and item.active.stretch_markers == [(0.5, 0.5)]
    assert item.active.values["D_PITCH"] == 0.0 and not job_files(fake)


def test_fit_action_refuses_what_it_cannot_fit_before_asking(make_fake, tmp_path):
    fake = make_fake()
    run_action(fake, "Fit selected item to tempo and key")
    assert "No item is selected" in fake.messages[0][0] and not fake.dialogs
    fake = make_fake(ext={"tempo_lock": "off", "key_lock": "off"})
    fake.add_item(fake.add_track(), write_input(tmp_path / "x.wav", 44100, 44100), 0.0)
    run_action(fake, "Fit selected item to tempo and key")
    assert "both off" in fake.messages[0][0] and not fake.dialogs and not fake.processes


def test_more_variations_of_a_fitted_take_are_fitted_alike(make_fake):
    fake = make_fake(ext={"tempo_lock": "on", "key_lock": "on"})
    track = fake.add_track(selected=True)
    fake.selection = (3.0, 5.0)  # across 120 → 90 BPM at 4.0 s
    fake.dialog_answers = [["rimshot groove", "A minor", "1", "3", ""], ["1"]]
    run_action(fake, "Generate for time selection")
    [item] = track.items
    run_action(fake, "More variations of selected item")
    assert fake.messages == [] and len(item.takes) == 2 and item.active is item.takes[1]
    new = item.takes[1]
    fit = sidecar(new)["fit"]
    assert fit["tempo"]["lock"] == fit["key"]["lock"] == "report"  # asked again as the first take was
    assert fit["tempo"]["target_bpm"] == pytest.approx(105.0) and fit["key"]["target"] == "A minor"
    assert new.stretch_markers and new.values["D_PITCH"] == fit["key"]["semitones"]
    for _, src in new.stretch_markers:  # each of its beats on a quarter note after the item's start
        qn = TEMPO_MAP.time_to_qn(new.played_at(src))
        assert abs(qn - round(qn)) < 1e-9 and round(qn) >= TEMPO_MAP.time_to_qn(3.0)
    assert fake.undo_blocks[-1] == "AudioLDM: insert variations of rimshot groove"
