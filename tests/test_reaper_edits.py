"""The REAPER edit actions (transform, repaint, extend the selected item) under real Lua 5.4 (lupa) in the
fake REAPER, against a real engine with the tiny model on loopback (the fixtures of reaper_support), end to end.
What they refuse, and how they read the selected item: tests/test_reaper_edit_refusals.py."""

from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile as sf

from reaper_fake import Source, TempoMap
from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    LONG_PROMPT, STRENGTH, bar_starts, command, engine_service, job_files, make_fake, press_cancel_when_generating,
    run_action, sidecar, untouched, write_input,
)


# --- end to end -----------------------------------------------------------------------------------


def test_transform_makes_a_new_active_take_lined_up_with_the_item(make_fake, tmp_path):
    """A trimmed item at playrate 2: 0.75 s on the timeline plays file seconds 0.5 .. 2 of its 3 s 48 kHz
    stereo file. The result is those 1.5 s at the project's 44.1 kHz, to the sample, on a new take at the
    same playrate from its start — so it lines up; normalized like a generation."""
    fake = make_fake(project_rate=44100)
    track = fake.add_track("loop")
    source = write_input(tmp_path / "drum loop.wav", 3 * 48000, 48000, channels=2)
    item = fake.add_item(track, source, position=2.0, length=0.75, D_STARTOFFS=0.5, D_PLAYRATE=2.0, D_VOL=0.5,
                         B_PPITCH=1.0)
    original = item.active
    fake.dialog_answers = [["glass marimba, bright", "0.6", "1", "7", ""]]
    run_action(fake, "Transform selected item")
    assert fake.messages == []
    assert fake.dialogs[0]["captions"] == ["Prompt", STRENGTH, "Variations", "Seed (blank = random)", "Negative prompt"]
    assert (item.position, item.length) == (2.0, 0.75) and len(item.takes) == 2 and item.takes[0] is original
    new = item.takes[1]
    assert item.active is new and new.name == "transform: glass marimba, bright · seed 7" and item.selected
    assert new.values["D_PLAYRATE"] == 2.0 and new.values["D_STARTOFFS"] == 0 and new.values["B_PPITCH"] == 1.0
    assert new.values["D_VOL"] == 1.0  # normalized anew: the old take's gain is not carried over
    audio, rate = sf.read(new.source.path)
    assert rate == 44100 and len(audio) == round(0.75 * 2.0 * 44100) == new.source.frames
    assert abs(pyloudnorm.Meter(rate).integrated_loudness(audio) - -14) < 0.5
    meta = sidecar(new)
    assert meta["edit"] == "transfer" and meta["strength"] == 0.6 and meta["init_audio"] == source.path
    assert meta["init_range"] == [0.5, 2.0] and meta["init_seconds"] == 1.5
    assert Path(new.source.path).parent == Path(fake.media_path) / "AudioLDM"
    assert fake.undo_begins == 1 and fake.undo_blocks == ["AudioLDM: transform glass marimba, bright"]
    assert fake.refresh_depth == 0 and not job_files(fake) and not fake.gfx_open and max(fake.tick_times) < 0.1
    [request] = fake.launched("request")
    assert all("marimba" not in arg for arg in request)  # the prompt travels in the request file
    # the strength is remembered for next time
    fake.dialog_answers = [None]
    run_action(fake, "Transform selected item")
    assert fake.dialogs[-1]["defaults"][:2] == ["glass marimba, bright", "0.6"] and fake.undo_begins == 1


def test_repaint_regenerates_the_selection_inside_the_item_and_keeps_the_rest(make_fake, tmp_path):
    """The take plays a section (from 0.25 s) of a 4 s file, starting 0.5 s into it: the item's 3 s are file
    seconds 0.75 .. 3.75. The time selection runs past the item's end: the region is the overlap (1.9 s to
    the end). Outside it the new take holds the item's own samples; it keeps the old take's volume."""
    fake = make_fake(project_rate=48000)
    track = fake.add_track("pad")
    wav = write_input(tmp_path / "pad.wav", 4 * 48000, 48000, channels=2)  # a stereo take stays stereo
    source = Source.section_of(wav, 0.25, 3.75)
    item = fake.add_item(track, source, position=10.0, length=3.0, D_STARTOFFS=0.5, D_VOL=0.5)
    fake.selection = (11.9, 14.0)
    fake.dialog_answers = [["warm analog pad", "1", "2", "3", "noise"]]
    run_action(fake, "Repaint time selection in item")
    assert fake.messages == []
    assert fake.dialogs[0]["captions"][1] == STRENGTH and fake.dialogs[0]["defaults"][1] == "1"
    assert (item.position, item.length) == (10.0, 3.0) and len(item.takes) == 3  # two variations
    assert item.active is item.takes[1] and [t.name for t in item.takes[1:]] == [
        "repaint: warm analog pad · seed 3", "repaint: warm analog pad · seed 4"]
    before = sf.read(wav.path)[0][36000:180000]  # 0.75 .. 3.75 s
    keep = round(1.9 * 48000)
    for new in item.takes[1:]:
        assert new.values["D_VOL"] == 0.5 and new.values["D_PLAYRATE"] == 1.0
        after, rate = sf.read(new.source.path)
        assert rate == 48000 and after.shape == before.shape == (144000, 2)
        assert np.max(np.abs(after[:keep] - before[:keep])) < 1e-6  # kept: the take's own samples
        assert np.max(np.abs(after[keep:] - before[keep:])) > 1e-3  # regenerated
        meta = sidecar(new)
        assert meta["edit"] == "repaint" and meta["repaint"] == pytest.approx([1.9, 3.0], abs=1e-9)
        assert meta["init_audio"] == wav.path and meta["init_range"] == [0.75, 3.75]
        assert meta["loudness_mode"] == "off" and meta["negative_prompt"] == "noise"
    assert fake.undo_begins == 1 and fake.undo_blocks == ["AudioLDM: repaint warm analog pad"]
    # more variations of a repainted take: the same repaint of the same audio, new seeds
    fake.dialog_answers = [["1"]]
    run_action(fake, "More variations of selected item")
    assert fake.messages == [] and len(item.takes) == 4 and item.active is item.takes[3]
    more = item.takes[3]
    assert more.name.startswith("repaint: warm analog pad · seed ") and item.length == 3.0
    meta = sidecar(more)
    assert meta["edit"] == "repaint" and meta["init_range"] == [0.75, 3.75] and meta["seed"] not in (3, 4)
    after, _ = sf.read(more.source.path)
    assert len(after) == 144000 and np.max(np.abs(after[:keep] - before[:keep])) < 1e-6
    assert fake.undo_begins == 2


def test_extend_by_a_bar_across_a_tempo_change_then_to_the_time_selection(make_fake, tmp_path):
    """The item ends 3 QN into bar 1 (120 BPM); one bar later along the tempo map is 3 QN into bar 2, after
    the change to 90 BPM: 6 s, not 3.5 + 2. The item is lengthened to exactly there and its new take is
    the old audio plus the continuation, to the sample. Then extending that take again, to the selection."""
    fake = make_fake(project_rate=48000)
    track = fake.add_track("keys")
    source = write_input(tmp_path / "keys.wav", round(2.25 * 48000), 48000)
    item = fake.add_item(track, source, position=1.25, D_VOL=0.7)
    starts = bar_starts()
    new_end = starts[2] + 3 * F(2, 3)  # 3 QN at 90 BPM past bar 2's line
    assert new_end == 6
    fake.dialog_answers = [["electric piano", "1", "1", "5", ""]]
    run_action(fake, "Extend selected item")
    assert fake.messages == []
    assert fake.dialogs[0]["captions"] == ["Prompt", "Bars", "Variations", "Seed (blank = random)", "Negative prompt"]
    assert item.position == 1.25 and abs(item.position + item.length - float(new_end)) < 1e-12
    assert len(item.takes) == 2 and item.active is item.takes[1] and item.takes[0].source is source
    first = item.takes[1]
    assert first.name == "extend: electric piano · seed 5" and first.values["D_VOL"] == 0.7
    after, rate = sf.read(first.source.path)
    assert rate == 48000 and len(after) == round((new_end - F(5, 4)) * 48000) == 228000
    before, _ = sf.read(source.path)
    seam = round(0.02 * 48000)  # the input's last 20 ms crossfade into the continuation
    assert np.max(np.abs(after[:len(before) - seam] - before[:-seam])) < 1e-6
    meta = sidecar(first)
    assert meta["edit"] == "extend" and meta["extend"]["seconds"] == pytest.approx(2.5, abs=1e-9)
    assert fake.undo_blocks == ["AudioLDM: extend electric piano"]

    # a time selection reaching past the item's end sets the end: no bars asked
    fake.selection = (0.0, 7.3)
    fake.dialog_answers = [["electric piano", "1", "9", ""]]
    run_action(fake, "Extend selected item")
    assert fake.messages == []
    assert fake.dialogs[-1]["captions"] == ["Prompt", "Variations", "Seed (blank = random)", "Negative prompt"]
    assert abs(item.position + item.length - 7.3) < 1e-12 and len(item.takes) == 3 and item.active is item.takes[2]
    again, _ = sf.read(item.takes[2].source.path)
    assert len(again) == round((7.3 - 1.25) * 48000) and sidecar(item.takes[2])["init_audio"] == first.source.path
    assert np.max(np.abs(again[:len(after) - seam] - after[:-seam])) < 1e-6
    assert fake.undo_begins == 2 and len(fake.undo_blocks) == 2


def test_extend_a_trimmed_take_at_another_rate_ends_on_the_sample(make_fake, tmp_path):
    """A 44.1 kHz take in a 48 kHz project, its edges between the file's samples: the engine reads whole
    frames of the file, and the extension sent makes up for the difference — the file is exactly as long
    as the lengthened item at the project's rate."""
    fake = make_fake(project_rate=48000)
    track = fake.add_track()
    source = write_input(tmp_path / "take.wav", 3 * 44100, 44100)
    position = 1.2499896
    item = fake.add_item(track, source, position=position, length=3.5 - position, D_STARTOFFS=0.123456)
    fake.dialog_answers = [["more", "1", "1", "1", ""]]
    run_action(fake, "Extend selected item")
    assert fake.messages == [] and abs(item.position + item.length - 6.0) < 1e-12
    frames = sf.info(item.active.source.path).frames
    # 228000.4992 samples; the read range (99226 frames of 44.1 kHz) + 2.5 s would round to 228001
    assert frames == round((6.0 - position) * 48000) == 228000
    assert sidecar(item.active)["init_range"] == [5444 / 44100, 104670 / 44100]


# --- takes as they come: lengths between samples, long prompts, hot levels ------------------------


BARS_133 = 8 * 60 / 133  # 2 bars of 4/4 at 133 BPM: 3.6090225563909772 s, 173233.08 samples at 48 kHz


FRAMES_133 = round(BARS_133 * 48000)  # 173233: what the engine writes for it, what it reads back


@pytest.mark.parametrize("file_frames", [FRAMES_133, 4 * 48000], ids=["as generated", "trimmed from a longer file"])
def test_repaint_to_the_end_of_an_item_between_samples(make_fake, tmp_path, file_frames):
    """The item is 2 bars at 133 BPM, an end between samples at 48 kHz: as AudioLDM made it (its file
    ends 0.08 sample before the item does), or cut from a longer file. A repaint from 1 s to the item's
    end (the selection runs past it) regenerates to the last sample read and keeps the rest."""
    fake = make_fake(project_rate=48000, tempo_map=TempoMap(tempos=[(0, 133)]))
    track = fake.add_track()
    source = write_input(tmp_path / "groove.wav", file_frames, 48000)
    item = fake.add_item(track, source, position=0.0, length=BARS_133)
    fake.selection = (1.0, 9.0)
    fake.dialog_answers = [["rimshot groove", "1", "1", "4", ""]]
    run_action(fake, "Repaint time selection in item")
    assert fake.messages == []
    assert len(item.takes) == 2 and item.active is item.takes[1] and item.length == BARS_133
    after, rate = sf.read(item.active.source.path)
    before = sf.read(source.path)[0][:FRAMES_133]
    assert rate == 48000 and len(after) == FRAMES_133
    assert np.max(np.abs(after[:48000] - before[:48000])) < 1e-6  # kept
    assert np.max(np.abs(after[48000:] - before[48000:])) > 1e-3  # regenerated
    repaint = sidecar(item.active)["repaint"]
    assert repaint[0] == 1.0 and FRAMES_133 / 48000 - 1e-6 < repaint[1] <= FRAMES_133 / 48000


def test_a_repaint_after_the_files_last_sample_is_refused(make_fake, tmp_path):
    """The selection meets the item only in the 0.08 sample its file does not hold: nothing to repaint."""
    fake = make_fake(project_rate=48000)
    track = fake.add_track()
    item = fake.add_item(track, write_input(tmp_path / "groove.wav", FRAMES_133, 48000), position=0.0, length=BARS_133)
    takes = list(item.takes)
    fake.selection = (FRAMES_133 / 48000 + 1e-6, 9.0)
    run_action(fake, "Repaint time selection in item")
    assert len(fake.messages) == 1 and "after its file's last sample only" in fake.messages[0][0]
    assert not fake.dialogs and untouched(fake, item, takes)


def test_extend_an_item_between_samples_by_a_bar(make_fake, tmp_path):
    """AudioLDM's 2 bars at 133 BPM (the file 0.08 sample shorter than the item), extended by a bar: the
    item ends on bar 3's line and its new file is as long as the item to the sample."""
    fake = make_fake(project_rate=48000, tempo_map=TempoMap(tempos=[(0, 133)]))
    track = fake.add_track()
    source = write_input(tmp_path / "groove.wav", FRAMES_133, 48000)
    item = fake.add_item(track, source, position=0.0, length=BARS_133)
    fake.dialog_answers = [["rimshot groove", "1", "1", "4", ""]]
    run_action(fake, "Extend selected item")
    assert fake.messages == []
    assert abs(item.length - 12 * 60 / 133) < 1e-12 and len(item.takes) == 2
    after, _ = sf.read(item.active.source.path)
    assert len(after) == round(12 * 60 / 133 * 48000) == 259850
    before, _ = sf.read(source.path)
    seam = round(0.02 * 48000)
    assert np.max(np.abs(after[:FRAMES_133 - seam] - before[:-seam])) < 1e-6


def test_a_long_prompt_edits_the_item(make_fake, tmp_path):
    """A 240-character prompt (accents, CJK): the engine gets all of it; the take's name and the file's
    name are short."""
    fake = make_fake(project_rate=44100)
    track = fake.add_track()
    item = fake.add_item(track, write_input(tmp_path / "in.wav", 44100, 44100), position=0.0)
    fake.dialog_answers = [[LONG_PROMPT, "0.5", "1", "2", ""]]
    run_action(fake, "Transform selected item")
    assert fake.messages == [] and len(item.takes) == 2 and item.active is item.takes[1]
    assert sidecar(item.active)["prompt"] == LONG_PROMPT
    assert item.active.name.startswith("transform: " + LONG_PROMPT[:40]) and len(item.active.name) < 100
    assert len(Path(item.active.source.path).name) < 80


def test_repaint_of_a_hot_take_keeps_its_samples_outside_the_span(make_fake, tmp_path):
    """A mastered take (peak 0.98, above the -1 dBTP ceiling) repainted at 1.5..2 s: before and after
    the span the new take holds the take's own samples."""
    fake = make_fake(project_rate=48000)
    track = fake.add_track()
    source = write_input(tmp_path / "hot.wav", 4 * 48000, 48000, peak=0.98)
    item = fake.add_item(track, source, position=0.0)
    fake.selection = (1.5, 2.0)
    fake.dialog_answers = [["snare fill", "1", "1", "6", ""]]
    run_action(fake, "Repaint time selection in item")
    assert fake.messages == [] and len(item.takes) == 2
    before, _ = sf.read(source.path)
    after, _ = sf.read(item.active.source.path)
    assert np.max(np.abs(before)) == pytest.approx(0.98, abs=1e-6) and after.shape == before.shape
    start, end = 72000, 96000
    assert np.max(np.abs(after[start:end] - before[start:end])) > 1e-3  # regenerated
    assert np.max(np.abs(after[:start] - before[:start])) < 1e-4
    assert np.max(np.abs(after[end:] - before[end:])) < 1e-4


def test_extend_of_a_hot_take_keeps_its_samples(make_fake, tmp_path):
    fake = make_fake(project_rate=48000)
    track = fake.add_track()
    source = write_input(tmp_path / "hot.wav", 2 * 48000, 48000, peak=0.98)
    item = fake.add_item(track, source, position=0.0)
    fake.selection = (0.0, 3.0)
    fake.dialog_answers = [["snare fill", "1", "6", ""]]
    run_action(fake, "Extend selected item")
    assert fake.messages == [] and len(item.takes) == 2
    before, _ = sf.read(source.path)
    after, _ = sf.read(item.active.source.path)
    seam = round(0.02 * 48000)
    assert len(after) == 3 * 48000 and np.max(np.abs(after[:len(before) - seam] - before[:-seam])) < 1e-4


def test_cancel_during_an_edit_changes_nothing(make_fake, tmp_path):
    fake = make_fake(ext={"steps": "500"})
    track = fake.add_track()
    item = fake.add_item(track, write_input(tmp_path / "in.wav", 44100, 44100), position=0.0)
    takes = list(item.takes)
    fake.dialog_answers = [["long one", "0.5", "1", "", ""]]
    run_action(fake, "Transform selected item", on_tick=press_cancel_when_generating)
    assert fake.launched("cancel") and fake.messages == []
    assert item.takes == takes and item.active is takes[0] and item.length == 1.0
    assert fake.undo_begins == 0 and not job_files(fake) and not fake.gfx_open


def test_item_deleted_while_generating_gets_a_message_not_a_take(make_fake, tmp_path):
    fake = make_fake(ext={"steps": "20"})
    track = fake.add_track()
    item = fake.add_item(track, write_input(tmp_path / "in.wav", 44100, 44100), position=0.0)
    fake.dialog_answers = [["gone", "0.5", "1", "", ""]]

    def delete_item(f):
        if any(t.startswith("step") for t in f.gfx_text) and item in track.items:
            track.items.remove(item)

    run_action(fake, "Transform selected item", on_tick=delete_item)
    assert len(fake.messages) == 1 and "the item was deleted meanwhile" in fake.messages[0][0]
    assert fake.undo_begins == 0 and len(item.takes) == 1 and not job_files(fake)


def test_what_the_engine_refuses_is_shown_and_changes_nothing(make_fake, tmp_path):
    """A repaint of all of a 70 s item: the engine's window limit (60 s) refuses it; REAPER says why."""
    fake = make_fake()
    track = fake.add_track()
    item = fake.add_item(track, write_input(tmp_path / "long.wav", 70 * 16000, 16000, level=0.05), position=0.0)
    takes = list(item.takes)
    fake.selection = (0.0, 70.0)
    fake.dialog_answers = [["x", "1", "1", "", ""]]
    run_action(fake, "Repaint time selection in item")
    assert len(fake.messages) == 1 and "could not generate this" in fake.messages[0][0], fake.messages
    assert "bad_request" in fake.messages[0][0] and item.takes == takes and fake.undo_begins == 0
    assert not job_files(fake)
