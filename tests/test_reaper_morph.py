"""Morph between selected items and More like selected item (issue 22), end to end: the actions under real Lua
in the fake REAPER, `audioldm-bridge request` really launched against the tiny engine."""

import json
from pathlib import Path

import pytest

from bridge.client import BridgeClient
from reaper_fake import Item, Take, read_wav_header
from reaper_support import command, engine_service, job_files, make_fake, run_action, write_input  # noqa: F401

def generated(engine_service, out_dir, prompt, seed, seconds=1.5):
    with BridgeClient(engine_service.endpoints()["zmq"]["requests"], timeout=60) as client:
        done = client.generate({"prompt": prompt, "seconds": seconds, "steps": 1, "seed": seed, "sample_rate": 44100,
                                "out_dir": str(out_dir)})
    return read_wav_header(done["paths"][0])


def place(track, source, position, length, selected=True):
    item = Item(track=track, position=position, length=length, loop_source=0, selected=selected)
    take = Take(item=item, source=source, name="made")
    item.takes.append(take)
    item.active = take
    track.items.append(item)
    return item


def nothing_changed(fake, items):
    return (not fake.processes and fake.undo_begins == 0 and not job_files(fake)
            and all(len(item.takes) == 1 for item in items))


def test_morph_between_two_generated_items_is_one_item_of_ordered_takes(make_fake, engine_service, tmp_path):
    rain = generated(engine_service, tmp_path / "made", "rain on a tin roof", seed=7)
    thunder = generated(engine_service, tmp_path / "made", "distant thunder", seed=99)
    fake = make_fake()
    drums, _, fx = fake.add_track("drums"), fake.add_track("other"), fake.add_track("fx")
    second = place(fx, thunder, 6.0, 1.5)  # selected first in track order; later on the timeline
    first = place(drums, rain, 2.0, 1.25)  # the earlier one: the morph starts from it, at its place
    fake.dialog_answers = [["4"]]
    run_action(fake, "Morph between selected items")
    assert fake.messages == []
    assert fake.dialogs[0]["defaults"] == ["5"]
    assert [t.name for t in fake.tracks] == ["drums", "morph: rain on a tin ro… → distant thunder", "other", "fx"]
    [item] = fake.tracks[1].items
    assert item.position == 2.0 and item.length == 1.25 and item.loop_source == 0 and item.selected
    assert len(item.takes) == 4 and item.active is item.takes[0]
    assert [t.name.split(":")[0] for t in item.takes] == ["morph 0.00", "morph 0.33", "morph 0.67", "morph 1.00"]
    assert all(t.name.endswith("rain on a tin roof → distant thunder") for t in item.takes)
    paths = [t.source.path for t in item.takes]
    assert len(set(paths)) == 4
    for k, take in enumerate(item.takes):
        sidecar = json.loads(Path(take.source.path).with_suffix(".json").read_text(encoding="utf-8"))
        assert sidecar["seed"] == 7 and sidecar["prompt"] == "rain on a tin roof"
        assert sidecar["morph"] == {"to": "distant thunder", "amount": k / 3}  # the takes in the sweep's order
        assert take.source.rate == 44100 and take.source.frames == round(1.25 * 44100)
    assert len(first.takes) == 1 and len(second.takes) == 1  # the sources are untouched
    assert fake.undo_begins == 1 and fake.undo_blocks == ["AudioLDM: morph rain on a tin roof → distant thunder"]
    [request] = fake.launched("request")
    assert not job_files(fake) and max(fake.tick_times) < 0.1


@pytest.mark.parametrize("case", ["one", "three", "not generated"])
def test_morph_needs_exactly_two_generated_items(make_fake, engine_service, tmp_path, case):
    fake = make_fake()
    track = fake.add_track("t")
    made = generated(engine_service, tmp_path / "made", "rain on a tin roof", seed=3, seconds=1.0)
    items = [place(track, made, 0.0, 1.0)]
    if case == "three":
        items += [place(track, made, 2.0, 1.0), place(track, made, 4.0, 1.0)]
    elif case == "not generated":
        items.append(place(track, write_input(tmp_path / "my loop.wav", 44100, 44100), 2.0, 1.0))
    run_action(fake, "Morph between selected items")
    [(message, _)] = fake.messages
    if case == "not generated":
        assert "second selected item cannot be morphed" in message and "my loop.json" in message
    else:
        assert message.startswith("Select exactly two items made by AudioLDM (" + str(len(items)) + " selected)")
    assert fake.dialogs == [] and nothing_changed(fake, items) and len(fake.tracks) == 1


def test_more_like_refused_by_the_model_shows_the_engines_message_and_changes_nothing(make_fake, engine_service,
                                                                                        tmp_path):
    """The tiny model's CLAP has no audio tower matching its text tower: the engine refuses audio_prompt."""
    fake = make_fake()
    track = fake.add_track("t")
    made = generated(engine_service, tmp_path / "made", "rain on a tin roof", seed=3, seconds=1.0)
    item = place(track, made, 1.0, 1.0)
    fake.dialog_answers = [["2"]]
    run_action(fake, "More like selected item")
    [(message, _)] = fake.messages
    assert message.startswith("The engine could not generate this:\naudio_prompt needs a CLAP audio tower")
    assert message.endswith("(model_unavailable)")
    [request] = fake.launched("request")
    assert fake.undo_begins == 0 and len(item.takes) == 1 and item.active.source is made and not job_files(fake)
    assert len(fake.tracks) == 1 and fake.tracks[0].items == [item]
