"""audioldm.slot: one slot of audioldm.live (a bpatcher there): a prompt rendered as a loop, started
on a bar line."""

from __future__ import annotations

from types import SimpleNamespace

from maxdsl import Patch
from morph import slot_controls, slot_morph


def slot(abstractions) -> Patch:
    """bpatcher args: slot number, reply port, the morph sweeps' reply port.
    In: trigger | evolve | stop | panic | bar | host <name> | port <n>

    Its presentation is the strip audioldm.live shows (a bpatcher shows the presentation of a patch that
    opens in presentation): the slot's name, prompt, bars, play · evolve · stop and its state."""
    p = Patch(760, 760, abstractions, presentation=True)
    p.msg("slot #1", 0, 2, 60, panel=(0, 2), varname="name")
    prompt = p.ui("textedit", 64, 2, 300, 22, panel=(64, 2), keymode=1, lines=1, text="", varname="prompt",
                  hint="the slot's prompt: Return renders it")
    bars = p.ui("number", 370, 2, 40, 22, panel=(370, 2), minimum=1, varname="bars")
    play = p.ui("button", 415, 2, 22, 22, panel=(415, 2), varname="play")
    evolve = p.ui("button", 440, 2, 22, 22, panel=(440, 2), varname="evolve")
    stop = p.ui("button", 465, 2, 22, 22, panel=(465, 2), varname="stop")
    state = p.msg("empty", 64, 30, 300, panel=(64, 30), varname="status")
    p.comment("bars · play · evolve · stop", 370, 30, 190, panel=(370, 30))
    p.wire(p.obj("loadmess 1", 560, 2), 0, bars)
    morph = slot_controls(p)

    inlet = p.box("inlet", 0, 80, 30, 30, comment="trigger, evolve, stop, panic, bar, host <name>, port <n>")
    commands = p.obj("route trigger evolve stop panic bar host port", 0, 120, 300)
    p.wire(inlet, 0, commands)
    engine = p.obj("audioldm.client #2", 0, 240, 150)
    host = p.msg("host $1", 160, 200)  # the engine's address, from audioldm.live
    port = p.msg("port $1", 230, 200)
    p.wire(commands, 5, host)
    p.wire(commands, 6, port)
    p.wire(host, 0, engine)
    p.wire(port, 0, engine)

    with p.group("request", 0, 180, "Render: a new prompt renders at once with live priority; evolve re-renders in "
                 "the background lane. Priority first, then the transport's tempo and signature, bars, a fresh seed, "
                 "and the prompt last (hot). tempo_lock auto: a loop with a clear beat is warped onto the "
                 "transport's grid, a beatless texture left unwarped (it is exactly the bars long anyway)."):
        fields = p.obj("pack s 1 120. 4/4 live 0", 0, 480, 200)
        request = p.msg("generate prompt $1 bars $2 bpm $3 time_sig $4 priority $5 seed $6 loop 1 tempo_lock auto", 0,
                        520, 560)
        fields_t = p.obj("t l l", 0, 500)  # the render's request first, then its morph sweep
        steps = p.obj("t b b b b", 0, 360, 120)
        transport = p.obj("transport", 150, 390, 120)
        sig_text = p.obj("sprintf symout %ld/%ld", 300, 420)
        seed = p.obj("random 1000000", 150, 450)
        stored = p.obj("zl reg", 0, 420)
        to_symbol = p.obj("tosymbol", 0, 450)
        prompt_text = p.obj("route text", 380, 120)
        prompt_empty = p.obj("route bang", 380, 150)
        prompt_symbol = p.obj("tosymbol", 450, 180)
        prompt_t = p.obj("t b s", 450, 210)
        live = p.msg("live", 450, 250)
        live_t = p.obj("t b b", 450, 280)
        background = p.msg("background", 560, 250)
        evolve_t = p.obj("t b b", 560, 280)
    p.wire(steps, 3, transport)
    p.wire(transport, 4, fields, 2)
    p.wire(transport, 5, sig_text)
    p.wire(sig_text, 0, fields, 3)
    p.wire(steps, 2, bars, port="bars: bang")
    p.wire(bars, 0, fields, 1, port="bars")
    p.wire(steps, 1, seed)
    p.wire(seed, 0, fields, 5)
    p.wire(steps, 0, stored)
    p.wire(stored, 0, to_symbol)
    p.wire(to_symbol, 0, fields, 0)
    p.chain(fields, fields_t)
    p.wire(fields_t, 1, request)
    p.wire(request, 0, engine, port="generate …")
    p.wire(prompt, 0, prompt_text, port="the prompt (Return)")
    p.wire(prompt_text, 0, prompt_empty)
    p.wire(prompt_empty, 1, prompt_symbol)
    p.wire(prompt_symbol, 0, prompt_t)
    p.wire(prompt_t, 1, stored, 1)
    p.wire(prompt_t, 0, live_t)
    p.wire(live_t, 1, live)
    p.wire(live, 0, fields, 4)
    p.wire(live_t, 0, steps)
    p.wire(commands, 1, evolve_t, port="evolve")
    p.wire(evolve, 0, evolve_t, port="evolve")
    p.wire(evolve_t, 1, background)
    p.wire(background, 0, fields, 4)
    p.wire(evolve_t, 0, steps)

    with p.group("replies", 0, 280, "The client's events → the slot's state; a finished take's first file goes to "
                 "the takes."):
        events = p.obj("route accepted progress done error cancelled", 0, 600, 330)
        queued = p.msg("set queued", 0, 630)
        rendering = p.msg("set rendering $2 of $3", 100, 630)
        failed = p.obj("prepend set error", 250, 660)
        cancelled = p.msg("set cancelled", 380, 630)
        first_path = p.obj("zl mth 1", 0, 690)
    p.wire(engine, 0, events, port="the client's events")
    p.wire(events, 0, queued)
    p.wire(events, 1, rendering)
    p.wire(events, 3, failed)
    p.wire(events, 4, cancelled)
    for box in (queued, rendering, failed, cancelled):
        p.wire(box, 0, state, port="set <state>")
    p.wire(events, 2, first_path)

    with p.group("takes", 200, 320, "Two buffers: a finished take loads into the idle one (a while b plays, and "
                 "back); once loaded, it waits for the next bar to swap in."):
        path_t = p.obj("t s b", 0, 720)
        idle = p.obj("i 0", 120, 750)  # 0: next take goes to buffer a, 1: to buffer b
        which = p.obj("+ 1", 120, 780)
        replace = p.msg("replace $1", 0, 780)
        to_buffer = p.obj("gate 2 1", 0, 820)
        buffer_a = p.obj("buffer~ #0-a", 0, 860, 120)
        buffer_b = p.obj("buffer~ #0-b", 140, 860, 120)
        a_ready = p.obj("t b b b", 0, 900)
        b_ready = p.obj("t b b b", 140, 900)
        use_a = p.msg("set #0-a", 0, 940)
        use_b = p.msg("set #0-b", 140, 940)
        next_b = p.msg("1", 60, 930)
        next_a = p.msg("0", 200, 930)
        ready = p.msg("set ready", 360, 940)
    p.wire(first_path, 0, path_t, port="a finished take's file")
    p.wire(path_t, 1, idle)
    p.wire(idle, 0, which)
    p.wire(which, 0, to_buffer, 0)
    p.wire(path_t, 0, replace)
    p.wire(replace, 0, to_buffer, 1)
    p.wire(to_buffer, 0, buffer_a)
    p.wire(to_buffer, 1, buffer_b)
    p.wire(buffer_a, 1, a_ready)
    p.wire(buffer_b, 1, b_ready)
    p.wire(a_ready, 2, next_b)
    p.wire(next_b, 0, idle, 1)
    p.wire(a_ready, 1, use_a)
    p.wire(b_ready, 2, next_a)
    p.wire(next_a, 0, idle, 1)
    p.wire(b_ready, 1, use_b)
    p.wire(a_ready, 0, ready)
    p.wire(b_ready, 0, ready)
    p.wire(ready, 0, state, port="set ready")

    with p.group("player", 0, 360, "Bar-quantized launch: trigger (or play) arms, the next bar starts the loop; a new "
                 "take swaps in at a bar. Silent until its note: groove~ plays at the speed of the [sig~] in its left "
                 "inlet — 0 until a start, back to 0 on stop — and \"loop 1\" (which \"goes to the beginning of the "
                 "loop and begins playing at the current speed\") only sets it looping at speed 0. stop: playback "
                 "stops now and stays stopped; the take is kept, a trigger starts it again. panic also cancels the "
                 "render — the client sends cancel only while its job runs, so a finished take or an empty slot sends "
                 "nothing and keeps its state."):
        pending = p.obj("zl reg", 0, 980)
        open_swap = p.msg("1", 280, 940)
        swap_gate = p.obj("gate", 280, 1010)
        arm_gate = p.obj("gate", 420, 1010)
        arm = p.msg("1", 420, 980)
        bar_t = p.obj("t b b", 360, 1050)
        swap_t = p.obj("t b b b", 280, 1090)
        close_swap = p.msg("0", 380, 1120)
        playing_gate = p.obj("gate", 280, 1150)
        start_t = p.obj("t b b b b", 420, 1090)
        close_arm = p.msg("0", 520, 1120)
        now_playing = p.msg("1", 470, 1150)
        startloop = p.msg("startloop", 420, 1190)
        player = p.obj("groove~ #0-a", 280, 1230, 120)
        setup = p.msg("loop 1, loopinterp 1", 450, 1230)
        setup_load = p.obj("loadbang", 450, 1200)
        speed = p.obj("sig~ 0.", 280, 1200)
        play_speed = p.msg("1.", 560, 1150)
        level = p.obj("*~ 0.5", 280, 1270)
        out = p.obj("dac~", 280, 1300)
        stop_t = p.obj("t b b b", 620, 1050)
        not_playing = p.msg("0", 620, 1090)
        disarm = p.msg("0", 660, 1090)
        halt = p.msg("0.", 700, 1150)
        panic_t = p.obj("t b b", 700, 1010)
        cancel = p.msg("cancel", 760, 1050)
    p.wire(use_a, 0, pending, 1, port="set <the new take's buffer~>")
    p.wire(use_b, 0, pending, 1, port="set <the new take's buffer~>")
    p.wire(a_ready, 0, open_swap, port="a new take is ready")
    p.wire(b_ready, 0, open_swap, port="a new take is ready")
    p.wire(open_swap, 0, swap_gate, 0)
    p.wire(commands, 0, arm, port="trigger")
    p.wire(play, 0, arm, port="trigger")
    p.wire(arm, 0, arm_gate, 0)
    p.wire(commands, 4, bar_t, port="bar")
    p.wire(bar_t, 1, swap_gate, 1)
    p.wire(bar_t, 0, arm_gate, 1)
    p.wire(swap_gate, 0, swap_t)
    p.wire(swap_t, 2, close_swap)
    p.wire(close_swap, 0, swap_gate, 0)
    p.wire(swap_t, 1, pending)
    p.wire(swap_t, 0, playing_gate, 1)
    p.wire(arm_gate, 0, start_t)
    p.wire(start_t, 3, close_arm)
    p.wire(close_arm, 0, arm_gate, 0)
    p.wire(start_t, 2, now_playing)
    p.wire(now_playing, 0, playing_gate, 0)
    p.wire(start_t, 0, startloop)
    p.wire(playing_gate, 0, startloop)
    p.wire(pending, 0, player)
    p.wire(startloop, 0, player)
    p.wire(setup_load, 0, setup)
    p.wire(setup, 0, player)
    p.wire(speed, 0, player)
    p.wire(start_t, 1, play_speed)
    p.wire(play_speed, 0, speed)
    p.wire(player, 0, level)
    p.wire(level, 0, out, 0)
    p.wire(level, 0, out, 1)
    p.wire(commands, 2, stop_t, port="stop")
    p.wire(stop, 0, stop_t, port="stop")
    p.wire(stop_t, 2, not_playing)
    p.wire(not_playing, 0, playing_gate, 0)
    p.wire(stop_t, 1, disarm)
    p.wire(disarm, 0, arm_gate, 0)
    p.wire(stop_t, 0, halt)
    p.wire(halt, 0, speed)
    p.wire(commands, 3, panic_t, port="panic")
    p.wire(panic_t, 1, cancel)
    p.wire(cancel, 0, engine, port="cancel")
    p.wire(panic_t, 0, stop_t)
    slot_morph(p, morph, SimpleNamespace(fields=fields_t, host=host, port=port, cancel=cancel, pending=pending,
                                         open_swap=open_swap, state=state))
    return p
