"""The generate actions (edit cursor, time selection) and More variations, end to end against the tiny engine;
what their requests carry."""

import json
import os
import re
from pathlib import Path

import pyloudnorm
import pytest
import soundfile as sf

from bridge.client import BridgeClient
from reaper_fake import Item, Take, read_wav_header
from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    AWKWARD, LONG_PROMPT, bar_starts, command, engine_service, job_files, lua_lib, make_fake, run_action,
)


# --- bars from the edit cursor --------------------------------------------------------------------


def test_generate_at_edit_cursor_four_bars_across_tempo_and_signature_changes(make_fake):
    fake = make_fake(project_rate=44100, device_rate=48000)  # PROJECT_SRATE_USE set: the project's rate wins
    track = fake.add_track("drums", selected=True)
    starts = bar_starts()
    fake.cursor = float(starts[1])  # bar 1 (0-based), before 120 → 90 BPM (bar 2) and 4/4 → 7/8 (bar 3)
    fake.dialog_answers = [["rain on a tin roof", "", "4", "1", "5", ""]]
    run_action(fake, "Generate at edit cursor")
    assert fake.messages == []
    [item] = track.items
    expected = starts[5] - starts[1]  # 2 + 8/3 + 7/3 + 7/3 s, not 4 bars × 2 s
    assert abs(item.position - float(starts[1])) < 1e-9 and abs(item.length - float(expected)) < 1e-9
    assert abs(float(expected) - 28 / 3) < 1e-12
    [take] = item.takes
    assert item.active is take and item.loop_source == 0 and item.selected
    assert take.name == "rain on a tin roof · seed 5"
    info = sf.info(take.source.path)
    assert info.samplerate == 44100 and info.frames == round(item.length * 44100)
    assert take.source.frames == info.frames  # the fake read the WAV header
    assert fake.undo_begins == 1 and fake.undo_blocks == ["AudioLDM: insert rain on a tin roof"]
    assert fake.arrange_updates >= 1 and fake.refresh_depth == 0
    assert Path(take.source.path).parent == Path(fake.media_path) / "AudioLDM"
    assert not job_files(fake)
    assert any("step" in t or "generating" in t or "queued" in t or "starting" in t for t in fake.gfx_text)
    assert not fake.gfx_open and max(fake.tick_times) < 0.1
    # the prompt history offers the last prompt (and bars) next time
    fake.dialog_answers = [None]
    run_action(fake, "Generate at edit cursor")
    assert fake.dialogs[-1]["defaults"][:3] == ["rain on a tin roof", "", "4"]
    assert len(track.items) == 1 and fake.undo_begins == 1


# --- time selection, variations, long prompts -----------------------------------------------------


def test_done_criterion_time_selection_over_tempo_change_three_variations_one_item(make_fake):
    """On the selected track: one item exactly as long as the selection (to the sample at the project's
    rate), loudness-normalized, its takes the variations, one undo step — engine running the tiny model."""
    fake = make_fake(project_rate=None, device_rate=44100)  # no project rate: the device's
    track = fake.add_track(selected=True)
    fake.selection = (3.0, 5.5)  # across the 120 → 90 BPM change at 4 s
    prompt = 'glass bells, "bright", it\'s café ☕'
    fake.dialog_answers = [[prompt, "", "3", "11", "hiss, hum"]]
    run_action(fake, "Generate for time selection")
    assert fake.messages == []
    [item] = track.items
    assert item.position == 3.0 and abs(item.length - 2.5) < 1e-12
    assert len(item.takes) == 3 and item.active is item.takes[0]
    assert [t.name for t in item.takes] == [f"{prompt} · seed {s}" for s in (11, 12, 13)]
    for take in item.takes:
        audio, rate = sf.read(take.source.path)
        assert rate == 44100 and len(audio) == round(2.5 * 44100) == take.source.frames
        assert abs(pyloudnorm.Meter(rate).integrated_loudness(audio) - -14) < 0.5  # normalized (-1 dBTP ceiling)
        sidecar = json.loads(Path(take.source.path).with_suffix(".json").read_text(encoding="utf-8"))
        assert sidecar["prompt"] == prompt and sidecar["negative_prompt"] == "hiss, hum"
    assert fake.undo_begins == 1 and len(fake.undo_blocks) == 1 and fake.undo_blocks[0].startswith("AudioLDM: insert")
    request = [argv for argv in fake.launched("request")][0]
    assert all(not re.search(r"[\"',\n☕]", arg) for arg in request)  # the prompt never reaches a command line


def test_a_long_prompt_inserts_an_item_and_more_variations_of_it(make_fake):
    """240 characters with accents and CJK: the engine gets all of it (the file name hint is short and
    cut between characters); the take, track and undo names are short."""
    assert len(LONG_PROMPT) == 240 and "é" in LONG_PROMPT and "鼓" in LONG_PROMPT
    fake = make_fake(project_rate=44100)
    fake.selection = (1.0, 2.0)
    fake.dialog_answers = [[LONG_PROMPT, "", "1", "3", ""]]
    run_action(fake, "Generate for time selection")
    assert fake.messages == []
    [track] = fake.tracks
    [item] = track.items
    [take] = item.takes
    assert take.name == LONG_PROMPT[:60] + "… · seed 3" and track.name == LONG_PROMPT[:40] + "…"
    sidecar = json.loads(Path(take.source.path).with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["prompt"] == LONG_PROMPT and sidecar["seconds"] == 1.0
    assert fake.undo_blocks == ["AudioLDM: insert " + LONG_PROMPT[:40] + "…"]
    fake.dialog_answers = [["1"]]
    run_action(fake, "More variations of selected item")  # its request repeats the sidecar's prompt
    assert fake.messages == [] and len(item.takes) == 2 and item.active is item.takes[1]


def test_a_16_khz_project_gets_16_khz_audio(make_fake):
    """16 kHz is the model's own rate: a project at 16 kHz gets a 16 kHz file, to the sample."""
    fake = make_fake(project_rate=16000)
    track = fake.add_track(selected=True)
    fake.selection = (0.5, 1.7)
    fake.dialog_answers = [["soft rain", "", "1", "", ""]]
    run_action(fake, "Generate for time selection")
    assert fake.messages == []
    [item] = track.items
    info = sf.info(item.active.source.path)
    assert info.samplerate == 16000 and info.frames == round(1.2 * 16000)


def test_more_variations_of_selected_item_adds_takes_with_new_seeds(make_fake, engine_service, tmp_path):
    with BridgeClient(engine_service.endpoints()["zmq"]["requests"], timeout=30) as client:
        done = client.generate({"prompt": AWKWARD, "seconds": 1.3, "steps": 1, "seed": 99, "sample_rate": 44100,
                                "out_dir": str(tmp_path / "made")})
    fake = make_fake()
    track = fake.add_track()
    item = Item(track=track, position=1.0, length=1.3, loop_source=0, selected=True)
    take = Take(item=item, source=read_wav_header(done["paths"][0]), name="first")
    item.takes.append(take)
    item.active = take
    track.items.append(item)
    fake.dialog_answers = [["2"]]
    run_action(fake, "More variations of selected item")
    assert fake.messages == []
    assert len(item.takes) == 3 and item.active is item.takes[1] and item.length == 1.3
    seeds = set()
    for new in item.takes[1:]:
        sidecar = json.loads(Path(new.source.path).with_suffix(".json").read_text(encoding="utf-8"))
        assert sidecar["prompt"] == AWKWARD and sidecar["seconds"] == 1.3 and sidecar["sample_rate"] == 44100
        assert new.source.frames == round(1.3 * 44100) and Path(new.source.path).parent == tmp_path / "made"
        seeds.add(sidecar["seed"])
        assert new.name.endswith(f"seed {sidecar['seed']}") and "\n" not in new.name
    assert len(seeds) == 2 and 99 not in seeds
    assert fake.undo_begins == 1 and len(fake.undo_blocks) == 1


# --- nothing asked, nothing done ------------------------------------------------------------------


def test_cancelled_dialog_does_nothing(make_fake):
    fake = make_fake()
    fake.cursor = 1.0
    fake.dialog_answers = [None]
    run_action(fake, "Generate at edit cursor")
    assert not fake.processes and not fake.messages and not fake.all_items()


def test_no_time_selection_says_so(make_fake):
    fake = make_fake()
    run_action(fake, "Generate for time selection")
    assert len(fake.messages) == 1 and "no time selection" in fake.messages[0][0]
    assert not fake.dialogs and not fake.processes


# --- what a request carries (lib/request.lua) -----------------------------------------------------


def test_output_folder_project_unsaved_and_fixed(make_fake, tmp_path):
    fake = make_fake(project_file=str(tmp_path / "song.rpp"))
    lib = lua_lib(fake)
    s = lib.load_settings()
    assert lib.output_folder(s) == os.path.join(fake.media_path, "AudioLDM")
    fake.project_file = ""  # unsaved: REAPER's default media folder, or the configured one
    assert lib.output_folder(s) == os.path.join(fake.media_path, "AudioLDM")
    s.unsaved_folder = str(tmp_path / "unsaved")
    assert lib.output_folder(s) == str(tmp_path / "unsaved")
    s.folder = str(tmp_path / "always")
    assert lib.output_folder(s) == str(tmp_path / "always")


@pytest.mark.parametrize("prompt, expected", [
    ("rain", "rain"),
    ("a" * 59 + "鼓é", "a" * 59 + "鼓"),  # 60 bytes would end inside 鼓
    ("鼓" * 100, "鼓" * 60),
    ("é" * 61, "é" * 60),
    ("line one\nline two", "line one line two"),
])
def test_name_hint_is_at_most_60_whole_characters(make_fake, prompt, expected):
    lib = lua_lib(make_fake())
    hint = lib.name_hint(prompt)
    assert hint == expected and len(hint) <= 60
    assert lib.name_hint(b"caf\xe9 latin-1") is None  # not UTF-8: no hint, the engine names the file
