"""Musical fit in REAPER (reaper_scripts/lib/stretch.lua, fit.lua): the key beside the prompt, the fit fields a
request carries, stretch markers that put detected beats on the project's grid (tempo changes included) and the
take pitch — applied to generated takes and, by "Fit selected item to tempo and key", to any audio item."""

import pytest

from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    TEMPO_MAP, command, engine_service, lua_lib, make_fake, run_action, write_input,
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
