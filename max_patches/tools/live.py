"""audioldm.live: 8 slots, the bar clock, MIDI notes to slots, panic, the engine's address."""

from __future__ import annotations

from maxdsl import Patch
from package import BAR_CLOCK, FIRST_NOTE, SLOT_BASE_PORT, SLOTS, engine_controls


def live(abstractions) -> Patch:
    p = Patch(900, 800, abstractions)
    p.comment("audioldm.live — 8 prompt slots. Type a prompt and press Return: the slot renders at once "
              "(live priority). A click on a slot's play button or a MIDI note starts it at the next bar line "
              "of the transport, in its time signature; evolve renders a new take with a new seed in the "
              "background lane and swaps it in at a bar.", 20, 10, 860, 50)
    p.comment("transport", 20, 70, 80)
    running = p.ui("toggle", 20, 90)
    transport = p.obj("transport", 60, 90, 120)
    bars = p.obj(BAR_CLOCK, 200, 90, 240)
    bar = p.msg("bar", 450, 90)
    p.wire(running, 0, transport)
    p.wire(running, 0, bars)
    p.wire(bars, 0, bar)
    p.comment("panic", 510, 70, 60)
    panic = p.ui("button", 510, 90, varname="panic")
    panic_msg = p.msg("panic", 550, 90)
    p.wire(panic, 0, panic_msg)
    dac = p.ui("ezdac~", 620, 80, 45, 45)
    engine_host, engine_port = engine_controls(p, 690, 70)
    p.comment(f"MIDI: notes {FIRST_NOTE}–{FIRST_NOTE + SLOTS - 1} (C3–G3) → slots 1–8, any channel",
              20, 130, 500)
    notes = p.obj("notein", 20, 150, 80)
    note_on = p.obj("stripnote", 20, 180, 80)
    mapping = p.obj("sel " + " ".join(str(FIRST_NOTE + i) for i in range(SLOTS)), 20, 210, 300)
    p.wire(notes, 1, note_on, 1)
    p.wire(notes, 0, note_on, 0)
    p.wire(note_on, 0, mapping)
    for i in range(SLOTS):
        y = 260 + 62 * i
        trigger = p.msg("trigger", 20, y)
        strip = p.bpatcher("audioldm.slot", [i + 1, SLOT_BASE_PORT + i + 1], 100, y, 560, 56)
        p.wire(mapping, i, trigger)
        p.wire(trigger, 0, strip)
        p.wire(bar, 0, strip)
        p.wire(panic_msg, 0, strip)
        p.wire(engine_host, 0, strip)
        p.wire(engine_port, 0, strip)
    return p
