"""Morphs in the Max patches (issue 22), run from the patches' own objects by the evaluator over real UDP:
the generator's morph target and amount reach the engine; a live slot's sweep (one background request of
5 points after its render, the render's seed), its position dial — turned, or moved by a learnt MIDI CC —
choosing the nearest point, which swaps in at the next bar line and not before."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from maxpatches import PATCHERS, RENDER_TIMEOUT, engine_service, free_udp_port, max_runtime, send_osc
from maxsim import BANG, Msg, Runtime  # noqa: E402

__all__ = ["engine_service", "max_runtime"]  # fixtures
POINTS = 5


def requests(rt) -> list[dict]:
    return [dict(zip(args[::2], args[1::2])) for address, args in rt.sent if address == "/audioldm/generate"]


def test_generator_sends_morph_to_and_amount_only_with_a_target(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as nobody:
        nobody.bind(("127.0.0.1", 0))
        rt = Runtime(PATCHERS, tempo=100.0, engine_address=nobody.getsockname())
        try:
            generator = rt.load("audioldm.generator.maxpat")
            assert generator.named("morph").value == 0.5  # the amount's default
            generator.named("prompt").type("rain on a tin roof")
            generator.named("generate").receive(0, BANG)
            generator.named("morph_to").type("distant thunder")
            amount = generator.named("morph")
            amount.receive(0, Msg("float", (1.5,)))
            assert amount.value == 1.0  # bounded to 0..1
            amount.receive(0, Msg("float", (0.3,)))
            generator.named("negative").type("hiss")
            generator.named("generate").receive(0, BANG)
            plain, morphed = requests(rt)
            assert "morph_to" not in plain and "morph" not in plain
            assert morphed["prompt"] == "rain on a tin roof" and morphed["morph_to"] == "distant thunder"
            assert isinstance(morphed["morph"], float) and morphed["morph"] == pytest.approx(0.3)
            assert morphed["negative_prompt"] == "hiss" and morphed["bars"] == 2
            generator.named("morph_to").type("")  # emptied: no morph again
            generator.named("generate").receive(0, BANG)
            assert "morph_to" not in requests(rt)[-1]
        finally:
            rt.close()


def test_generator_morph_reaches_the_engine(max_runtime, engine_service):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    generator.named("follow").receive(0, Msg("int", (0,)))
    generator.named("bpm").receive(0, Msg("float", (240.0,)))
    generator.named("bars").receive(0, Msg("int", (1,)))
    generator.named("prompt").type("rain on a tin roof")
    generator.named("morph_to").type("distant thunder")
    generator.named("morph").receive(0, Msg("float", (0.25,)))
    generator.named("generate").receive(0, BANG)
    take = generator.one(text="buffer~ audioldm.generator.take")
    assert rt.pump(lambda: take.frames is not None or generator.named("error").text, timeout=RENDER_TIMEOUT)
    assert generator.named("error").text == "" and take.frames == 48000
    sidecar = json.loads(Path(take.file).with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["prompt"] == "rain on a tin roof"
    assert sidecar["morph"] == {"to": "distant thunder", "amount": pytest.approx(0.25)}  # the blend is recorded


# --- the live slot --------------------------------------------------------------------------------------


def slot_of(live, n: int):
    return sorted(live.find("bpatcher"), key=lambda o: o.box["patching_rect"][1])[n - 1].child


def point_files(tmp_path: Path) -> list[str]:
    """Five one-bar takes (240 BPM: 1 s) told apart by their level, as the engine's sweep would deliver."""
    paths = []
    for k in range(POINTS):
        path = tmp_path / f"sweep {k + 1}.wav"
        sf.write(path, np.full(48000, 0.1 * (k + 1), dtype=np.float32), 48000)
        paths.append(str(path))
    return paths


def render_with_target(live, rt, slot):
    slot.named("prompt").type("dusty vinyl drums")
    slot.named("morph_to").type("glass marimba")
    slot.named("prompt").press_return()
    render, sweep = requests(rt)
    return render, sweep


def test_live_slot_sweeps_after_its_render_and_the_dial_swaps_the_nearest_point_in_at_the_next_bar(tmp_path):
    rt = Runtime(PATCHERS, tempo=240.0, engine_address=("127.0.0.1", free_udp_port()))  # nothing answers there
    try:
        live = rt.load("audioldm.live.maxpat")
        slot = slot_of(live, 2)
        render, sweep = render_with_target(live, rt, slot)
        # the render first (live lane), then its sweep: same values and seed, background, 5 points to the target
        assert render["priority"] == "live" and "sweep" not in render and render["reply_port"] == 7412
        assert sweep["priority"] == "background" and sweep["sweep"] == POINTS and sweep["morph_to"] == "glass marimba"
        assert sweep["reply_port"] == 7512 and sweep["loop"] == 1
        for key in ("prompt", "bars", "bpm", "time_sig", "seed"):
            assert sweep[key] == render[key], key

        # the engine's done for the sweep: its files in order (amount 0 first) load into the slot's point buffers
        paths = point_files(tmp_path)
        send_osc(7512, "/audioldm/done", [sweep["id"], *paths])
        status = slot.named("status")
        assert rt.pump(lambda: status.text == f"morph ready: {POINTS} points", timeout=10), status.text
        assert [slot.one(text=f"buffer~ #0-m{k + 1}").file for k in range(POINTS)] == paths

        player = slot.one(text="groove~ #0-a")
        dial = slot.named("position")
        live.one("toggle").receive(0, Msg("int", (1,)))  # the transport starts: bar lines at 0, 1, 2 … s
        live.one(text="notein").play(61, 100)  # D♭3 → slot 2: it plays from the first bar
        rt.advance(0)
        assert player.buffer == f"{slot.instance}-a"  # a sweep arriving swaps nothing in: the dial has not moved
        rt.advance(300)
        dial.turn(100)  # 100/127 of the way: nearest point is 4 (amount 0.75)
        rt.advance(699)
        assert player.buffer == f"{slot.instance}-a", "swapped before the bar"
        rt.advance(1)
        assert player.buffer == f"{slot.instance}-m4" and player.audible()
        dial.turn(98)  # still nearest to point 4: nothing new to swap
        before = len(player.received)
        rt.advance(1000)
        assert player.received[before:] == [] and player.buffer == f"{slot.instance}-m4"
        for value, point in ((0, 1), (15, 1), (16, 2), (47, 2), (48, 3), (79, 3), (80, 4), (111, 4), (112, 5),
                             (127, 5)):
            dial.turn(value)
            rt.advance(1000)
            assert player.buffer == f"{slot.instance}-m{point}", (value, point)
    finally:
        rt.close()


def test_live_slot_dial_follows_a_learnt_midi_cc(tmp_path):
    rt = Runtime(PATCHERS, tempo=240.0, engine_address=("127.0.0.1", free_udp_port()))
    try:
        live = rt.load("audioldm.live.maxpat")
        slot, other = slot_of(live, 1), slot_of(live, 3)
        _, sweep = render_with_target(live, rt, slot)
        send_osc(7511, "/audioldm/done", [sweep["id"], *point_files(tmp_path)])
        assert rt.pump(lambda: slot.named("status").text.startswith("morph ready"), timeout=10)
        ctlin = slot.one(text="ctlin")
        dial, cc, learn = slot.named("position"), slot.named("cc"), slot.named("learn")
        assert cc.value == -1
        ctlin.control(90, 21)  # no CC learnt: nothing follows
        assert dial.value == 0
        learn.receive(0, BANG)  # the learn toggle on; the next controller moved is the slot's
        assert learn.value == 1
        ctlin.control(127, 21, channel=3)
        assert cc.value == 21 and learn.value == 0 and dial.value == 127
        ctlin.control(0, 22)  # another controller: ignored
        assert dial.value == 127
        live.one("toggle").receive(0, Msg("int", (1,)))
        player = slot.one(text="groove~ #0-a")
        rt.advance(1)
        assert player.buffer == f"{slot.instance}-m5"  # CC 21 at 127: the last point, at the bar
        ctlin.control(64, 21)
        assert dial.value == 64
        rt.advance(999)
        assert player.buffer == f"{slot.instance}-m3"
        # every slot has its own ctlin and CC: slot 3 learnt nothing and did not move
        assert other.named("cc").value == -1 and other.named("position").value == 0
    finally:
        rt.close()


def test_live_slot_without_a_target_sends_no_sweep_and_a_new_render_makes_the_points_stale(tmp_path):
    rt = Runtime(PATCHERS, tempo=240.0, engine_address=("127.0.0.1", free_udp_port()))
    try:
        live = rt.load("audioldm.live.maxpat")
        slot = slot_of(live, 1)
        slot.named("prompt").type("dusty vinyl drums")
        slot.named("prompt").press_return()
        assert [r["priority"] for r in requests(rt)] == ["live"]  # no target: no sweep
        slot.named("morph_to").type("glass marimba")
        slot.named("morph_to").press_return()  # a target typed later: the sweep of the last render
        [render, sweep] = requests(rt)
        assert sweep["seed"] == render["seed"] and sweep["sweep"] == POINTS
        send_osc(7511, "/audioldm/done", [sweep["id"], *point_files(tmp_path)])
        assert rt.pump(lambda: slot.named("status").text.startswith("morph ready"), timeout=10)
        slot.named("evolve").receive(0, BANG)  # a new seed: the points no longer belong to the slot's take
        assert requests(rt)[-1]["sweep"] == POINTS and requests(rt)[-1]["seed"] == requests(rt)[-2]["seed"]
        live.one("toggle").receive(0, Msg("int", (1,)))
        player = slot.one(text="groove~ #0-a")
        slot.named("position").turn(127)
        rt.advance(2000)
        assert player.buffer == f"{slot.instance}-a"  # stale points are not chosen
    finally:
        rt.close()


def test_live_slot_sweep_from_the_engine_loads_five_ordered_points(max_runtime):
    rt = max_runtime
    rt.tempo = 240.0
    live = rt.load("audioldm.live.maxpat")
    slot = slot_of(live, 1)
    render_with_target(live, rt, slot)
    status = slot.named("status")
    assert rt.pump(lambda: status.text.startswith("morph ready") or "error" in status.text,
                   timeout=RENDER_TIMEOUT), status.text
    assert status.text == f"morph ready: {POINTS} points"
    for k in range(POINTS):
        buffer = slot.one(text=f"buffer~ #0-m{k + 1}")
        assert buffer.frames == 48000  # one bar at 240 BPM
        sidecar = json.loads(Path(buffer.file).with_suffix(".json").read_text(encoding="utf-8"))
        assert sidecar["prompt"] == "dusty vinyl drums" and sidecar["morph"]["to"] == "glass marimba"
        assert sidecar["morph"]["amount"] == k / (POINTS - 1) and sidecar["sweep"]["point"] == k + 1  # in order
    assert len({slot.one(text=f"buffer~ #0-m{k + 1}").file for k in range(POINTS)}) == POINTS
