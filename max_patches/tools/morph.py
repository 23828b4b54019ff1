"""Morphs (issue 22) in the generator and the live slots: the prompt blended toward a second text.

- Generator: a morph target (text) and an amount (0..1); with a target, Generate's request carries
  ``morph_to <text> morph <amount>`` (Transform's does not: it keeps its own audio as the condition).
- Slot: a morph target, a position dial (MIDI-CC learnable: learn, then move a controller) and the
  CC it follows. With a target, each render of the slot is followed by a background sweep of
  MORPH_POINTS points (amount 0 … 1, the render's seed, one request on the slot's second client);
  the points load into their own buffer~s, and the dial's nearest point swaps in at the next bar
  through the slot's own bar-quantized swap.
"""

from __future__ import annotations

from types import SimpleNamespace

from maxdsl import Patch
from package import MORPH_POINTS


def generator_controls(p: Patch) -> SimpleNamespace:
    """The generator's morph target and amount, in the patching view and on the panel (under the take)."""
    c = SimpleNamespace()
    c.morph_to = p.ui("textedit", 1280, 160, 300, 22, panel=(20, 445), keymode=0, lines=1, text="",
                      varname="morph_to", hint="blend the prompt toward this text (empty: no morph)")
    p.label("morph to (optional): the prompt blends toward this text by the amount", c.morph_to, 0, -20, 440)
    c.morph = p.ui("flonum", 1600, 160, 60, 22, panel=(340, 445), format=6, minimum=0.0, maximum=1.0,
                   varname="morph")
    p.label("amount 0..1", c.morph, 66, 2, 90)
    p.wire(p.obj("loadmess 0.5", 1600, 130), 0, c.morph, port="morph")
    return c


def generator_morph(p: Patch, c, request: str, to_engine: str) -> None:
    """[p morph]: Generate's request → (with a morph target) + morph_to <text> morph <amount> → ``to_engine``
    (the generator's negative-prompt gate). The target is read when the request is made, so what is sent is
    what the boxes show then."""
    with p.group("morph", 1150, 290, "Morph: Generate's request gathers the morph target first; an empty target "
                 "passes the request on as it is, else morph_to <target> morph <amount> is appended."):
        request_t = p.obj("t a b", 0, 0)
        target_text = p.obj("route text", 100, 30)
        target_empty = p.obj("route bang", 100, 60)
        without = p.msg("1", 100, 90)
        target_symbol = p.obj("tosymbol", 200, 90)
        target_t = p.obj("t b s b", 200, 120)
        amount_fields = p.obj("pack s 0.5", 260, 160)
        fields = p.msg("morph_to $1 morph $2", 260, 190, 160)
        with_ = p.msg("2", 200, 160)
        choose = p.obj("gate 2 1", 0, 230)
        append = p.obj("zl join", 60, 260)
    p.wire(request, 0, request_t, port="generate …")
    p.wire(request_t, 1, c.morph_to, port="bang: the morph target")
    p.wire(c.morph_to, 0, target_text, port="the morph target")
    p.wire(target_text, 0, target_empty)
    p.wire(target_empty, 0, without)
    p.wire(without, 0, choose, 0)
    p.wire(target_empty, 1, target_symbol)
    p.wire(target_symbol, 0, target_t)
    p.wire(target_t, 2, c.morph, port="bang: the amount")
    p.wire(c.morph, 0, amount_fields, 1, port="the amount")
    p.wire(target_t, 1, amount_fields, 0)
    p.wire(amount_fields, 0, fields)
    p.wire(fields, 0, append, 1)
    p.wire(target_t, 0, with_)
    p.wire(with_, 0, choose, 0)
    p.wire(request_t, 0, choose, 1)
    p.wire(choose, 0, to_engine, 1, port="generate … [morph_to … morph …]")
    p.wire(choose, 1, append, 0)
    p.wire(append, 0, to_engine, 1, port="generate … [morph_to … morph …]")


def slot_controls(p: Patch) -> SimpleNamespace:
    """The slot strip's morph part: target, position dial, learn toggle and the CC followed."""
    c = SimpleNamespace()
    c.morph_to = p.ui("textedit", 570, 2, 150, 22, panel=(570, 2), keymode=1, lines=1, text="", varname="morph_to",
                      hint="morph target: Return renders the sweep toward it (empty: no morph)")
    c.position = p.ui("dial", 726, 0, 26, 26, panel=(726, 0), parameter_enable=0, varname="position")
    c.learn = p.ui("toggle", 758, 2, 22, 22, panel=(758, 2), varname="learn")
    c.cc = p.ui("number", 784, 2, 40, 22, panel=(784, 2), minimum=-1, maximum=127, varname="cc")
    p.comment("morph to · position · learn · CC", 570, 30, 250, panel=(570, 30))
    p.wire(p.obj("loadmess -1", 840, 2), 0, c.cc, port="-1: no CC yet")
    return c


def slot_morph(p: Patch, c, s) -> None:
    """The slot's morph paths. ``s``: the slot's boxes this hooks into — ``fields`` (each render's values),
    ``host``/``port``/``cancel`` (to the clients), ``pending``/``open_swap`` (the bar-quantized swap),
    ``state`` (the status display)."""
    engine = p.obj("audioldm.client #3", 560, 240, 150)  # the sweeps' own client: a render never hides one
    for box in (s.host, s.port, s.cancel):
        p.wire(box, 0, engine, port="host <name>, port <n>, cancel")

    with p.group("sweep", 560, 180, f"The sweep: after each render of the slot (its values, its seed) and on Return "
                 f"in the morph target, a background request for {MORPH_POINTS} points from the prompt (amount 0) to "
                 "the target (amount 1). An empty target renders nothing. A new target or render makes the old "
                 "points stale: the dial stops choosing until the new ones are loaded."):
        render_t = p.obj("t b l", 0, 0)
        stored = p.obj("zl reg", 0, 120)
        target_text = p.obj("route text", 100, 30)
        target_empty = p.obj("route bang", 100, 60)
        target_symbol = p.obj("tosymbol", 200, 60)
        target_t = p.obj("t b s b", 200, 90)
        sweep_fields = p.obj("pack s 1 120. 4/4 live 0 s", 0, 160, 200)
        sweep = p.msg(f"generate prompt $1 bars $2 bpm $3 time_sig $4 priority background seed $6 loop 1 "
                      f"sweep {MORPH_POINTS} morph_to $7", 0, 200, 560)
        stale = p.msg("0", 300, 120)
    p.wire(s.fields, 0, render_t, port="a render's values: prompt bars bpm time_sig priority seed")
    p.wire(render_t, 1, stored, 1)
    p.wire(render_t, 0, c.morph_to, port="bang: the morph target")
    p.wire(c.morph_to, 0, target_text, port="the morph target (Return)")
    p.wire(target_text, 0, target_empty)
    p.wire(target_empty, 0, stale)
    p.wire(target_empty, 1, target_symbol)
    p.wire(target_symbol, 0, target_t)
    p.wire(target_t, 2, stale)
    p.wire(target_t, 1, sweep_fields, 6)
    p.wire(target_t, 0, stored)
    p.wire(stored, 0, sweep_fields, 0)
    p.wire(sweep_fields, 0, sweep)
    p.wire(sweep, 0, engine, port="generate … sweep … morph_to …")

    with p.group("points", 560, 280, f"The sweep's events → the slot's state; its {MORPH_POINTS} files (in order, "
                 f"amount 0 first) load into buffer~ #0-m1 … m{MORPH_POINTS}; when all are loaded the dial chooses "
                 "again (from its next move: a sweep arriving swaps nothing in by itself)."):
        events = p.obj("route accepted progress done error cancelled", 0, 0, 330)
        queued = p.msg("set morph queued", 0, 30)
        rendering = p.msg("set morph $2 of $3", 120, 30)
        failed = p.obj("prepend set morph error", 240, 30)
        cancelled = p.msg("set morph cancelled", 420, 30)
        done_t = p.obj("t l b", 0, 60)
        reset = p.msg("0", 80, 90)
        each = p.obj("t " + " ".join(["l"] * MORPH_POINTS), 0, 120, 200)
        loaded = p.obj("i 0", 0, 260)
        count = p.obj("+ 1", 0, 290)
        count_t = p.obj("t i i", 0, 320)
        all_loaded = p.obj(f"sel {MORPH_POINTS}", 0, 350)
        ready_t = p.obj("t b b b", 0, 380)
        ready = p.msg(f"set morph ready: {MORPH_POINTS} points", 200, 410)
        forget = p.msg("set -1", 140, 410)
        choose = p.msg("1", 80, 410)
        buffers = []
        for k in range(MORPH_POINTS):
            nth = p.obj(f"zl mth {k + 1}", 90 * k, 160)
            replace = p.msg("replace $1", 90 * k, 190)
            buffer = p.obj(f"buffer~ #0-m{k + 1}", 90 * k, 220, 85)
            p.wire(each, k, nth)
            p.chain(nth, replace, buffer)
            buffers.append(buffer)
    p.wire(engine, 0, events, port="the sweep client's events")
    p.wire(events, 0, queued)
    p.wire(events, 1, rendering)
    p.wire(events, 3, failed)
    p.wire(events, 4, cancelled)
    for box in (queued, rendering, failed, cancelled, ready):
        p.wire(box, 0, s.state, port="set <state>")
    p.wire(events, 2, done_t)
    p.wire(done_t, 1, reset)
    p.wire(reset, 0, loaded, 1)
    p.wire(done_t, 0, each)
    for buffer in buffers:
        p.wire(buffer, 1, loaded, port="a point is loaded")
    p.chain(loaded, count, count_t)
    p.wire(count_t, 1, loaded, 1)
    p.wire(count_t, 0, all_loaded)
    p.wire(all_loaded, 0, ready_t)
    p.wire(ready_t, 2, ready)

    with p.group("position", 700, 180, f"The dial (0..127) → the nearest of the {MORPH_POINTS} points, "
                 f"(v·{MORPH_POINTS - 1} + 63) / 127 in whole numbers; a new point (only a change) becomes the "
                 "slot's pending take and swaps in at the next bar, as a new take does. Closed while no points are "
                 "loaded."):
        scale = p.obj(f"* {MORPH_POINTS - 1}", 0, 0)
        offset = p.obj("+ 63", 0, 30)
        nearest = p.obj("/ 127", 0, 60)
        open_ = p.obj("gate", 0, 90)
        changed = p.obj("change -1", 0, 120)
        which = p.obj("sel " + " ".join(str(k) for k in range(MORPH_POINTS)), 0, 150, 200)
        swap_t = p.obj("t b l", 0, 230)
        for k in range(MORPH_POINTS):
            use = p.msg(f"set #0-m{k + 1}", 80 * k, 190)
            p.wire(which, k, use)
            p.wire(use, 0, swap_t)
    p.wire(c.position, 0, scale, port="the dial")
    p.chain(scale, offset, nearest)
    p.wire(nearest, 0, open_, 1)
    p.wire(open_, 0, changed)
    p.wire(changed, 0, which)
    p.wire(swap_t, 1, s.pending, 1, port="set <the point's buffer~>")
    p.wire(swap_t, 0, s.open_swap, port="a point is ready")
    p.wire(stale, 0, open_, 0, port="0: the points are stale")
    p.wire(ready_t, 1, forget)
    p.wire(forget, 0, changed)
    p.wire(ready_t, 0, choose)
    p.wire(choose, 0, open_, 0)

    with p.group("learn", 840, 180, "MIDI CC: [ctlin] takes every controller on every channel (channel, "
                 "controller, value: right to left). While learn is on, the next controller moved becomes the "
                 "slot's CC (shown; learn turns off). The value of the slot's CC (0..127) moves the dial."):
        ctlin = p.obj("ctlin", 0, 0, 60)
        controller_t = p.obj("t i i", 0, 40)
        learning = p.obj("gate", 100, 70)
        learnt_t = p.obj("t b i", 100, 100)
        done_learning = p.msg("0", 100, 130)
        ours = p.obj("== -1", 0, 100)
        follow = p.obj("gate", 0, 160)
    p.wire(ctlin, 1, controller_t)
    p.wire(controller_t, 1, learning, 1)
    p.wire(c.learn, 0, learning, 0, port="learn on/off")
    p.wire(learning, 0, learnt_t)
    p.wire(learnt_t, 1, c.cc, port="the learnt CC")
    p.wire(learnt_t, 0, done_learning)
    p.wire(done_learning, 0, c.learn, port="0: learnt")
    p.wire(c.cc, 0, ours, 1, port="the slot's CC")
    p.wire(controller_t, 0, ours)
    p.wire(ours, 0, follow, 0)
    p.wire(ctlin, 0, follow, 1)
    p.wire(follow, 0, c.position, port="the CC's value")
