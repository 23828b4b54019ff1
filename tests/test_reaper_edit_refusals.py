"""What the edit actions refuse, before anything is asked or sent, and how they read the selected item
(reaper_scripts/lib/actions.lua: selected_audio)."""

import pytest

from reaper_fake import Source
from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    command, engine_service, job_files, lua_lib, make_fake, run_action, untouched, write_input,
)


# --- what is refused, before anything is asked or sent --------------------------------------------


def _wav(tmp_path):
    return write_input(tmp_path / "in.wav", 2 * 44100, 44100)


def _stretched(fake, track, tmp):
    item = fake.add_item(track, _wav(tmp), 1.0)
    item.active.stretch_markers = [(0.5, 0.4)]
    return item


BAD_STATES = {
    "nothing selected": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 1.0, selected=False),
                         "Transform selected item", "No item is selected"),
    "two selected": (lambda fake, track, tmp: [fake.add_item(track, _wav(tmp), 5.0), fake.add_item(track, _wav(tmp), 1.0)][1],
                     "Extend selected item", "2 items are selected"),
    "empty item": (lambda fake, track, tmp: fake.add_item(track, None, 1.0, length=2.0),
                   "Transform selected item", "has no take"),
    "MIDI take": (lambda fake, track, tmp: fake.add_item(track, Source.without_file("MIDI"), 1.0, length=2.0),
                  "Repaint time selection in item", "is MIDI"),
    "no file": (lambda fake, track, tmp: fake.add_item(track, Source.without_file("EMPTY"), 1.0, length=2.0),
                "Extend selected item", "does not play an audio file (its source is EMPTY)"),
    "reversed": (lambda fake, track, tmp: fake.add_item(track, Source.section_of(_wav(tmp), 0.0, 2.0, True), 1.0),
                 "Transform selected item", "is reversed"),
    "stretch markers": (_stretched, "Repaint time selection in item", "has stretch markers"),
    "one channel": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 1.0, I_CHANMODE=3),
                    "Transform selected item", "plays its channels in another mode"),
    "offline": (lambda fake, track, tmp: fake.add_item(track, Source(str(tmp / "gone.wav"), 44100, 1, 88200), 1.0),
                "Transform selected item", "file is missing"),
    "looped": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 1.0, length=3.0),
               "Transform selected item", "plays beyond its source's ends"),
    "two samples past the file": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 1.0, length=2.0 + 2 / 44100),
                                  "Repaint time selection in item", "plays beyond its source's ends"),
    "before the file": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 1.0, length=1.0, D_STARTOFFS=-0.5),
                        "Repaint time selection in item", "plays beyond its source's ends"),
    "no time selection": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 1.0),
                          "Repaint time selection in item", "There is no time selection"),
    "selection outside": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 5.0),
                          "Repaint time selection in item", "does not overlap the selected item"),
    "too short": (lambda fake, track, tmp: fake.add_item(track, _wav(tmp), 1.0, length=0.05),
                  "Transform selected item", "the engine transforms 0.1 to 60 s"),
}


@pytest.mark.parametrize("case", list(BAD_STATES))
def test_bad_states_say_what_to_do_and_change_nothing(make_fake, tmp_path, case):
    build, action, expected = BAD_STATES[case]
    fake = make_fake()
    track = fake.add_track()
    item = build(fake, track, tmp_path)
    if case == "selection outside":
        fake.selection = (1.0, 4.0)  # ends before the item at 5 s
    takes, length = list(item.takes), item.length
    run_action(fake, action)
    assert len(fake.messages) == 1 and expected in fake.messages[0][0], fake.messages
    assert not fake.dialogs and item.takes == takes and item.length == length
    assert not fake.processes and fake.undo_begins == 0 and not job_files(fake)


def test_an_extension_too_short_is_refused_after_the_dialog(make_fake, tmp_path):
    fake = make_fake()
    track = fake.add_track()
    item = fake.add_item(track, _wav(tmp_path), 1.0)
    takes = list(item.takes)
    fake.selection = (0.0, 3.05)  # 0.05 s past the item's end
    fake.dialog_answers = [["x", "1", "", ""]]
    run_action(fake, "Extend selected item")
    assert len(fake.messages) == 1 and "The extension is 0.050 s" in fake.messages[0][0]
    assert untouched(fake, item, takes) and item.length == 2.0


def test_cancelled_dialog_and_bad_strength(make_fake, tmp_path):
    fake = make_fake()
    track = fake.add_track()
    item = fake.add_item(track, _wav(tmp_path), 1.0)
    takes = list(item.takes)
    fake.dialog_answers = [["x", "1.5", "1", "", ""], None]
    run_action(fake, "Transform selected item")
    assert "the strength must be a number 0..1, got 1.5" in fake.messages[0][0]
    assert fake.dialogs[1]["defaults"][1] == "1.5" and untouched(fake, item, takes)


# --- the source range an item plays ---------------------------------------------------------------


def test_selected_audio_reads_sections_offsets_and_playrate(make_fake, tmp_path):
    """A section (offset 0.5 s) of a 4 s file, the take starting 0.25 s into it at playrate 1.5: the item's
    1 s plays file seconds 0.75 .. 2.25."""
    fake = make_fake()
    track = fake.add_track()
    wav = write_input(tmp_path / "long.wav", 4 * 44100, 44100)
    item = fake.add_item(track, Source.section_of(wav, 0.5, 3.0), 1.0, length=1.0, D_STARTOFFS=0.25, D_PLAYRATE=1.5)
    audio = lua_lib(fake).selected_audio()
    assert audio.path == wav.path and audio.item == item
    assert audio.init_start == pytest.approx(0.75, abs=1e-12) and audio.init_end == pytest.approx(2.25, abs=1e-12)
    assert audio.range == 1.5 and audio.playrate == 1.5 and audio.position == 1.0
    assert not fake.undo_begins and not fake.messages
