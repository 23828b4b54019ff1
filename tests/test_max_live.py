"""audioldm.live and its slots (audioldm.slot), run from the patches' own objects by the evaluator in
virtual time over real UDP against the tiny-model engine: Return renders, a note starts the slot on the
next bar line of the transport's signature, silence until the note, evolve, panic."""

from __future__ import annotations

import numpy as np
import soundfile as sf

from maxpatches import (PATCHERS, RENDER_TIMEOUT, Listener, engine_service, free_udp_port, max_runtime,
                        send_osc)
from maxsim import BANG, Msg, Runtime  # noqa: E402

__all__ = ["engine_service", "max_runtime"]  # fixtures


def live_slots(live) -> list:
    return [o.child for o in sorted(live.find("bpatcher"), key=lambda o: o.box["patching_rect"][1])]


def starts(player) -> int:
    return [m for _, m in player.received].count(Msg("startloop"))


def test_live_slot_renders_on_return_and_starts_on_the_next_bar_after_a_midi_note(max_runtime):
    rt = max_runtime
    rt.tempo = 240.0  # one 4/4 bar = 1 s: the render is not what this test is about
    live = rt.load("audioldm.live.maxpat")
    slots = live_slots(live)
    slot3 = slots[2]
    slot3.named("prompt").type("dusty vinyl drums")
    slot3.named("prompt").press_return()
    [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    fields = dict(zip(args[::2], args[1::2]))
    assert fields["prompt"] == "dusty vinyl drums" and fields["priority"] == "live" and fields["loop"] == 1
    assert fields["bars"] == 1 and fields["bpm"] == 240.0 and fields["reply_port"] == 7413
    take_a = slot3.one(text="buffer~ #0-a")
    assert rt.pump(lambda: take_a.frames is not None, timeout=RENDER_TIMEOUT)
    assert take_a.frames == 4 * 60 * 48000 // 240  # one bar at the transport's tempo
    assert slot3.named("status").text == "ready"

    player = slot3.one(text="groove~ #0-a")
    live.one("toggle").receive(0, Msg("int", (1,)))  # the transport starts: a bar line now, then every 1 s
    t0 = rt.now
    rt.advance(0)  # the bar at t0 swaps the new take in, but nothing plays before a trigger
    assert [m for _, m in player.received if m.selector == "set"][-1] == Msg("set", (f"{slot3.instance}-a",))
    assert starts(player) == 0 and not player.audible()
    rt.advance(400)
    live.one(text="notein").play(62, 100)  # D3 → slot 3
    rt.advance(599)
    assert starts(player) == 0 and not player.audible()  # waits for the bar
    rt.advance(1)
    assert rt.now == t0 + 1000 and starts(player) == 1 and player.audible()
    other = slots[1].one(text="groove~ #0-a")
    assert starts(other) == 0 and not other.audible()
    live.one(text="notein").play(62, 0)  # a note-off triggers nothing
    rt.advance(1000)
    assert starts(player) == 1 and player.audible()

    # evolve: a new seed in the background lane while take a plays; take b swaps in at a bar
    slot3.named("evolve").receive(0, BANG)
    [_, (_, again)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    again = dict(zip(again[::2], again[1::2]))
    assert again["priority"] == "background" and again["seed"] != fields["seed"] and again["id"] != fields["id"]
    take_b = slot3.one(text="buffer~ #0-b")
    assert rt.pump(lambda: take_b.frames is not None, timeout=RENDER_TIMEOUT)
    assert take_a.file != take_b.file and player.buffer == f"{slot3.instance}-a" and starts(player) == 1
    rt.advance(1000)
    assert [m for _, m in player.received][-2:] == [Msg("set", (f"{slot3.instance}-b",)), Msg("startloop")]
    assert player.audible()
    live.named("panic").receive(0, BANG)  # stop all, no more starts
    assert not player.audible()
    rt.advance(1000)
    assert not player.audible() and starts(player) == 2


def test_live_slot_starts_on_the_bar_line_of_a_3_4_transport(engine_service):
    """3/4 at 120 BPM: bars are 1.5 s. A note at 2.5 s starts the slot at the bar line at 3.0 s (a
    whole-note clock — 2 s — would start it at 4.0 s), and the slot renders one bar of 3/4."""
    rt = Runtime(PATCHERS, tempo=120.0, time_signature=(3, 4),
                 engine_address=("127.0.0.1", engine_service.transports["osc"].port))
    try:
        live = rt.load("audioldm.live.maxpat")
        slot = live_slots(live)[0]
        slot.named("prompt").type("dusty vinyl drums")
        slot.named("prompt").press_return()
        [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
        fields = dict(zip(args[::2], args[1::2]))
        assert (fields["bars"], fields["bpm"], fields["time_sig"]) == (1, 120.0, "3/4")
        take = slot.one(text="buffer~ #0-a")
        assert rt.pump(lambda: take.frames is not None, timeout=RENDER_TIMEOUT)
        assert take.frames == 72000  # one 3/4 bar at 120 BPM: 1.5 s at 48 kHz, the loop a bar line apart

        player = slot.one(text="groove~ #0-a")
        live.one("toggle").receive(0, Msg("int", (1,)))  # the transport starts now: 0.0 s
        t0 = rt.now
        rt.advance(2500)
        live.one(text="notein").play(60, 100)  # C3 → slot 1, at 2.5 s
        rt.advance(499)
        assert starts(player) == 0
        rt.advance(1)
        assert rt.now - t0 == 3000 and starts(player) == 1, "not started on the bar line at 3.0 s"
        rt.advance(1500)
        assert starts(player) == 1  # it loops on its own; the next bar line does not restart it
    finally:
        rt.close()


def test_live_slot_is_silent_until_its_note(tmp_path):
    """groove~ "begins playing at the current speed" on loop 1 (MSP tutorial 14), which the slot sends at
    load: its player must not sound when a take arrives or at a bar line — only from the bar after its
    note, and not after stop."""
    take_file = tmp_path / "take.wav"
    sf.write(take_file, np.full(48000, 0.25, dtype=np.float32), 48000)
    rt = Runtime(PATCHERS, tempo=240.0, engine_address=("127.0.0.1", free_udp_port()))
    try:
        live = rt.load("audioldm.live.maxpat")
        slot = live_slots(live)[0]
        player, take = slot.one(text="groove~ #0-a"), slot.one(text="buffer~ #0-a")
        assert not player.audible()
        take.receive(0, Msg("replace", (str(take_file),)))  # as the slot's done path loads a finished take
        assert slot.named("status").text == "ready" and not player.audible(), "the take sounds before its note"
        live.one("toggle").receive(0, Msg("int", (1,)))
        rt.advance(2500)  # bar lines at 0, 1, 2 s: the take is swapped in, still silent
        assert player.buffer == take.args[0] and not player.audible()
        live.one(text="notein").play(60, 100)
        rt.advance(499)
        assert not player.audible()
        rt.advance(1)
        assert player.audible()
        slot.named("stop").receive(0, BANG)  # the slot's stop button
        assert not player.audible()
        rt.advance(2000)
        assert not player.audible()
    finally:
        rt.close()


def test_live_panic_cancels_only_running_jobs_and_leaves_sane_states(max_runtime, engine_service):
    rt = max_runtime
    rt.tempo = 240.0
    listener = Listener()
    port = engine_service.transports["osc"].port
    try:
        live = rt.load("audioldm.live.maxpat")
        slots = live_slots(live)
        done, queued = slots[0], slots[1]
        done.named("prompt").type("dusty vinyl drums")
        done.named("prompt").press_return()
        take = done.one(text="buffer~ #0-a")
        assert rt.pump(lambda: take.frames is not None, timeout=RENDER_TIMEOUT)
        live.one("toggle").receive(0, Msg("int", (1,)))
        live.one(text="notein").play(60, 100)
        rt.advance(1000)
        player = done.one(text="groove~ #0-a")
        assert player.audible() and done.named("status").text == "ready"

        # a long job keeps the engine busy, so slot 2's render waits in the queue
        send_osc(port, "/audioldm/generate", ["prompt", "blocker", "seconds", 0.5, "steps", 500, "id", "blk",
                                              "reply_port", listener.port])
        listener.wait(lambda m: m[0] == "/audioldm/started")
        queued.named("prompt").type("glass marimba")
        queued.named("prompt").press_return()
        assert rt.pump(lambda: queued.named("status").text == "queued", timeout=30)
        [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"][1:]
        queued_id = dict(zip(args[::2], args[1::2]))["id"]

        before = len(rt.sent)
        live.named("panic").receive(0, BANG)
        cancels = [args for address, args in rt.sent[before:] if address == "/audioldm/cancel"]
        assert [c[0] for c in cancels] == [queued_id], cancels  # not the finished job, nothing for empty slots
        assert not player.audible()
        assert rt.pump(lambda: queued.named("status").text == "cancelled", timeout=30), queued.named("status").text
        assert done.named("status").text == "ready"  # its take is kept: a note starts it again
        assert [s.named("status").text for s in slots[2:]] == ["empty"] * 6
        live.one(text="notein").play(60, 100)
        rt.advance(1000)
        assert player.audible()
    finally:
        engine_service.cancel("blk", ("osc", "127.0.0.1", listener.port))
        listener.close()
