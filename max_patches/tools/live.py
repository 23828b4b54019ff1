"""audioldm.live: 8 slots, the bar clock, MIDI notes to slots, panic, the engine's address."""

from __future__ import annotations

from maxdsl import Patch
from package import BAR_CLOCK, FIRST_NOTE, MORPH_PORT_OFFSET, SLOT_BASE_PORT, SLOT_STRIP, SLOTS, engine_controls


def live(abstractions) -> Patch:
    """The presentation: the transport switch, panic, audio on/off, the engine's address and the 8 slot strips
    (bpatchers of audioldm.slot, which show its presentation). Behind them: [p clock] (the bar clock),
    [p notes] (MIDI notes → slots) and [p address]."""
    p = Patch(900, 800, abstractions, presentation=True)
    p.comment("audioldm.live — 8 prompt slots. Type a prompt and press Return: the slot renders at once "
              "(live priority). A click on a slot's play button or a MIDI note starts it at the next bar line "
              "of the transport, in its time signature; evolve renders a new take with a new seed in the "
              "background lane and swaps it in at a bar. MIDI: notes "
              f"{FIRST_NOTE}–{FIRST_NOTE + SLOTS - 1} (C3–G3) → slots 1–8, any channel.", 20, 10, 860, 50,
              panel=(20, 10))
    running = p.ui("toggle", 20, 90, panel=(20, 90), varname="transport")
    p.label("transport", running, 0, -20)
    panic = p.ui("button", 120, 90, panel=(120, 90), varname="panic")
    p.label("panic", panic, 0, -20, 60)
    p.ui("ezdac~", 200, 75, 45, 45, panel=(200, 75))
    engine_host, engine_port = engine_controls(p, 20, 140, panel=(300, 70), at=(20, 230))
    panic_msg = p.msg("panic", 120, 130)
    p.wire(panic, 0, panic_msg)

    with p.group("clock", 20, 270, "The bar clock: one bar of the transport's time signature, on the bar lines "
                 f"([{BAR_CLOCK}]: 1920 ticks in 4/4, 1440 in 3/4), while the transport runs."):
        transport = p.obj("transport", 0, 0, 120)
        bars = p.obj(BAR_CLOCK, 140, 0, 240)
        bar = p.msg("bar", 140, 40)
    p.wire(running, 0, transport, port="transport on/off")
    p.wire(running, 0, bars, port="transport on/off")
    p.wire(bars, 0, bar)

    with p.group("notes", 20, 310, f"MIDI notes {FIRST_NOTE}–{FIRST_NOTE + SLOTS - 1} (C3–G3), any channel: a "
                 "note-on triggers its slot (out of the outlet of the same number)."):
        notes = p.obj("notein", 0, 0, 80)
        note_on = p.obj("stripnote", 0, 30, 80)
        mapping = p.obj("sel " + " ".join(str(FIRST_NOTE + i) for i in range(SLOTS)), 0, 60, 300)
        triggers = [p.msg("trigger", 70 * i, 100, 60) for i in range(SLOTS)]
    p.wire(notes, 1, note_on, 1)
    p.wire(notes, 0, note_on, 0)
    p.wire(note_on, 0, mapping)
    for i in range(SLOTS):
        y = 150 + 62 * i
        port = SLOT_BASE_PORT + i + 1
        strip = p.bpatcher("audioldm.slot", [i + 1, port, port + MORPH_PORT_OFFSET], 300, 120 + y, *SLOT_STRIP,
                           panel=(20, y))
        p.wire(mapping, i, triggers[i])
        p.wire(triggers[i], 0, strip, port=f"trigger slot {i + 1}")
        p.wire(bar, 0, strip, port="bar")
        p.wire(panic_msg, 0, strip)
        p.wire(engine_host, 0, strip, port="host <name>")
        p.wire(engine_port, 0, strip, port="port <n>")
    return p
