"""audioldm.generator: prompt, length, Generate and Transform, the take and its preview.

The presentation is the instrument: the controls, labelled. In the patching view each control sits
above the subpatcher that uses it: [p defaults], [p tempo] (the transport's or typed), [p request]
(Generate), [p transform] (the take → a file → init_audio), [audioldm.client 7401], [p replies]
(events → the displays, the take menu), [p player] (the take's buffer~ and its preview), [p history]
(the history menu: history.py).
"""

from __future__ import annotations

from types import SimpleNamespace

from history import history_menu
from maxdsl import Patch
from morph import generator_controls, generator_morph
from package import GENERATOR_PORT, engine_controls, wire_take_path


def controls(p: Patch) -> SimpleNamespace:
    """Every control at its place in the patching view (by function) and in the presentation (the panel)."""
    c = SimpleNamespace()
    p.comment("audioldm.generator — type a prompt, set the length, press Generate. "
              "The engine must be running: audioldm-bridge serve", 20, 10, 700, panel=(20, 10))
    c.prompt = p.ui("textedit", 20, 80, 420, 40, panel=(20, 60), keymode=0, lines=2, text="", varname="prompt")
    p.label("prompt", c.prompt, 0, -20)
    c.negative = p.ui("textedit", 20, 150, 300, 40, panel=(460, 60), keymode=0, lines=2, text="",
                      varname="negative")
    p.label("negative prompt (optional)", c.negative, 0, -20, 300)
    c.bars = p.ui("number", 20, 220, 50, 22, panel=(20, 130), minimum=1, varname="bars")
    p.label("bars", c.bars, 0, -20, 60)
    c.variations = p.ui("number", 90, 220, 50, 22, panel=(400, 130), minimum=1, varname="variations")
    p.label("variations", c.variations, 0, -20)
    c.seed = p.ui("number", 180, 220, 90, 22, panel=(480, 130), minimum=0, varname="seed")
    p.label("seed", c.seed, 0, -20, 60)
    c.new_seed = p.ui("button", 280, 220, panel=(580, 130), varname="new_seed")
    p.label("new seed", c.new_seed, 26, 2, 70)
    c.generate = p.ui("button", 20, 270, 40, 40, panel=(20, 180), varname="generate")
    p.label("Generate", c.generate, 46, 10)
    c.cancel = p.ui("button", 160, 270, 40, 40, panel=(160, 180), varname="cancel")
    p.label("Cancel", c.cancel, 46, 10, 60)

    c.follow = p.ui("toggle", 480, 80, panel=(170, 130), varname="follow")
    p.label("follow transport", c.follow, 0, -20, 110)
    p.label("(typing a BPM or signature turns it off)", c.follow, -80, 24, 310)
    c.bpm = p.ui("flonum", 480, 150, 60, 22, panel=(90, 130), format=6, varname="bpm")
    p.label("BPM", c.bpm, 0, -20, 60)
    c.ts_num = p.ui("number", 480, 220, 40, 22, panel=(290, 130), minimum=1, varname="ts_num")
    p.label("time sig", c.ts_num, 0, -20)
    c.ts_den = p.ui("number", 525, 220, 40, 22, panel=(335, 130), minimum=1, varname="ts_den")

    c.strength = p.ui("flonum", 720, 150, 60, 22, panel=(800, 130), format=6, minimum=0.0, maximum=1.0,
                      varname="strength")
    p.label("Transform the take: its audio goes to the engine with the prompt, negative prompt, variations and "
            "seed; the result keeps its length.", c.strength, 0, -52, 300, 50)
    p.label("strength 0..1: 0 keeps the take, 1 ignores it", c.strength, 66, -2, 220, 30)
    c.transform = p.ui("button", 720, 200, 40, 40, panel=(800, 180), varname="transform")
    p.label("Transform", c.transform, 46, 10)

    c.play = p.ui("button", 1020, 80, panel=(600, 330), varname="play")
    p.label("play", c.play, 26, 2, 40)
    c.stop = p.ui("button", 1020, 110, panel=(600, 360), varname="stop")
    p.label("stop", c.stop, 26, 2, 40)
    c.loop = p.ui("toggle", 1020, 140, panel=(600, 390), varname="loop")
    p.label("loop", c.loop, 26, 2, 40)
    c.open = p.ui("button", 1020, 170, panel=(760, 330), varname="open")
    p.label("open a sound file into the take…", c.open, 26, 2, 220)
    p.ui("ezdac~", 1020, 210, 45, 45, panel=(680, 340))

    c.engine = p.msg("engine ?", 90, 490, 200, panel=(370, 176), varname="engine")
    p.label("engine", c.engine, -70, 2, 60)
    c.status = p.msg("empty", 90, 520, 200, panel=(370, 204), varname="status")
    p.label("status", c.status, -70, 2, 60)
    c.progress = p.ui("slider", 100, 550, 460, 20, panel=(100, 235), orientation=1, size=101.0, varname="progress")
    p.label("progress", c.progress, -80, 0)
    c.error = p.msg("", 90, 580, 660, panel=(90, 263), varname="error")
    p.label("error", c.error, -70, 2, 60)
    c.file = p.msg("", 90, 610, 660, panel=(90, 293), varname="file")
    p.label("file", c.file, -70, 2, 60)
    c.takes = p.ui("umenu", 90, 640, 240, 22, panel=(760, 362), parameter_enable=0, varname="takes")
    p.label("take: the variations of the last result — pick one to audition it", c.takes, 0, 26, 240, 34)
    p.ui("waveform~", 780, 490, 560, 90, panel=(20, 325), buffername="audioldm.generator.take")
    c.host, c.port = engine_controls(p, 1280, 60, panel=(960, 235), at=(1280, 350))

    with p.group("defaults", 240, 290, "The controls' values on load (the BPM and signature boxes get theirs from "
                 "the transport: 'follow transport' is on)."):
        for i, (value, box) in enumerate((("2", c.bars), ("1", c.variations), ("0.5", c.strength), ("1", c.follow))):
            p.wire(p.obj(f"loadmess {value}", 100 * i, 0, 80), 0, box, port=p.get(box)["varname"])
    return c


def generator(abstractions) -> Patch:
    p = Patch(1100, 760, abstractions, presentation=True)
    c = controls(p)
    engine = p.obj(f"audioldm.client {GENERATOR_PORT}", 20, 400, 200)
    p.wire(c.host, 0, engine, port="host <name>")
    p.wire(c.port, 0, engine, port="port <n>")
    tempo = tempo_path(p, c)
    request = request_path(p, c, tempo, engine)
    generator_morph(p, generator_controls(p), request.generate, request.choose)  # Generate → [p morph] → …
    take = player(p, c)
    transform_path(p, c, request, take)
    replies(p, c, engine, take)
    history_menu(p, engine, take, c.file)
    return p


def tempo_path(p: Patch, c) -> SimpleNamespace:
    """[p tempo]; the request's values wait in [pack]'s cold inlets."""
    t = SimpleNamespace()
    with p.group("tempo", 480, 350, "Tempo and time signature: while 'follow transport' is on, the transport's "
                 "are shown (set: no output) and used; a value typed into the BPM or signature boxes is used and "
                 "turns following off."):
        t.transport = p.obj("transport", 20, 480, 160)
        follow_t = p.obj("t b i i", 200, 450)
        tempo_gate = p.obj("gate", 80, 520)
        sig_gate = p.obj("gate", 140, 520)
        t.tempo = p.obj("t f f", 80, 550)
        show_tempo = p.msg("set $1", 120, 580)
        sig_split = p.obj("unpack 0 0", 140, 550)
        num_t = p.obj("t i i", 140, 580)
        den_t = p.obj("t i i", 200, 580)
        show_num = p.msg("set $1", 140, 610)
        show_den = p.msg("set $1", 200, 610)
        t.sig_pack = p.obj("pack 4 4", 290, 560)
        t.sig_text = p.obj("sprintf symout %ld/%ld", 290, 590)
        follow_off = p.msg("0", 380, 480)
        t.typed_bpm = p.obj("t f b", 380, 510)
        typed_num = p.obj("t i b", 440, 510)
        typed_den = p.obj("t i b", 500, 510)
    p.wire(c.follow, 0, follow_t, port="follow transport")
    p.wire(follow_t, 2, tempo_gate, 0)
    p.wire(follow_t, 1, sig_gate, 0)
    p.wire(follow_t, 0, t.transport)  # following again: show and use the transport's values now
    p.wire(t.transport, 4, tempo_gate, 1)
    p.wire(tempo_gate, 0, t.tempo)
    p.wire(t.tempo, 1, show_tempo)
    p.wire(show_tempo, 0, c.bpm, port="set <the transport's tempo>")
    p.wire(t.transport, 5, sig_gate, 1)
    p.wire(sig_gate, 0, sig_split)
    p.wire(sig_split, 1, den_t)
    p.wire(den_t, 1, show_den)
    p.wire(show_den, 0, c.ts_den, port="set <the transport's signature>")
    p.wire(den_t, 0, t.sig_pack, 1)
    p.wire(sig_split, 0, num_t)
    p.wire(num_t, 1, show_num)
    p.wire(show_num, 0, c.ts_num, port="set <the transport's signature>")
    p.wire(num_t, 0, t.sig_pack, 0)
    p.wire(t.sig_pack, 0, t.sig_text)
    p.wire(c.bpm, 0, t.typed_bpm, port="a typed BPM")
    p.wire(t.typed_bpm, 1, follow_off)
    p.wire(c.ts_num, 0, typed_num, port="a typed signature")
    p.wire(typed_num, 1, follow_off)
    p.wire(typed_num, 0, t.sig_pack, 0)
    p.wire(c.ts_den, 0, typed_den, port="a typed signature")
    p.wire(typed_den, 1, follow_off)
    p.wire(typed_den, 0, t.sig_pack, 1)
    p.wire(follow_off, 0, c.follow, port="0: stop following")
    return t


def request_path(p: Patch, c, tempo, engine: str) -> SimpleNamespace:
    """[p request]; Transform's request goes out through its negative-prompt gate too."""
    r = SimpleNamespace()
    with p.group("request", 20, 350, "Generate: gather every value (right to left: the transport's tempo and "
                 "signature, negative prompt, bars, variations, seed), the prompt last into pack's hot inlet. The "
                 "prompt goes to Generate's pack (1) or Transform's (2). The negative prompt is appended only when "
                 "there is one. A new seed on load and on 'new seed'."):
        generate_t = p.obj("t b b", 20, 640)
        as_generate = p.msg("1", 90, 640)  # the prompt goes to Generate's pack, not Transform's
        steps = p.obj("t b b b b b b b", 20, 670, 300)
        request = p.msg("generate prompt $1 bars $2 bpm $3 time_sig $4 variations $5 seed $6", 20, 820, 470)
        prompt_text = p.obj("route text", 20, 700)
        prompt_empty = p.obj("route bang", 20, 725)
        prompt_symbol = p.obj("tosymbol", 20, 750)
        r.prompt_to = p.obj("gate 2 1", 20, 775)  # 1: Generate, 2: Transform
        need_prompt = p.msg("set type a prompt first", 110, 750)
        fields = p.obj("pack s 2 120. 4/4 1 0", 20, 790, 260)
        negative_text = p.obj("route text", 460, 640)
        negative_empty = p.obj("route bang", 460, 665)
        without = p.msg("1", 460, 690)
        negative_symbol = p.obj("tosymbol", 540, 690)
        negative_t = p.obj("t b s", 540, 720)
        with_ = p.msg("2", 540, 750)
        negative_field = p.msg("negative_prompt $1", 620, 750)
        r.choose = p.obj("gate 2 1", 400, 860)
        append = p.obj("zl join", 460, 900)
        cancel = p.msg("cancel", 160, 900)
        random = p.obj("random 1000000", 620, 820)
        seed_load = p.obj("loadbang", 620, 790)
    p.wire(c.generate, 0, generate_t, port="Generate")
    p.wire(generate_t, 1, as_generate)
    p.wire(as_generate, 0, r.prompt_to, 0)
    p.wire(generate_t, 0, steps)
    p.wire(steps, 6, tempo.transport, port="bang: the transport's tempo and signature")  # only while following
    p.wire(steps, 5, tempo.sig_pack, port="bang: the signature")
    p.wire(steps, 4, c.negative, port="bang: the negative prompt")
    p.wire(steps, 3, c.bars, port="bang: bars")
    p.wire(steps, 2, c.variations, port="bang: variations")
    p.wire(steps, 1, c.seed, port="bang: seed")
    p.wire(steps, 0, c.prompt, port="bang: the prompt")
    p.wire(c.prompt, 0, prompt_text, port="the prompt")
    p.wire(prompt_text, 0, prompt_empty)
    p.wire(prompt_empty, 0, need_prompt)
    p.wire(need_prompt, 0, c.status, port="set type a prompt first")
    p.wire(prompt_empty, 1, prompt_symbol)
    p.wire(prompt_symbol, 0, r.prompt_to, 1)
    p.wire(r.prompt_to, 0, fields, 0)
    p.wire(c.bars, 0, fields, 1, port="bars")
    p.wire(tempo.tempo, 0, fields, 2, port="the tempo")
    p.wire(tempo.typed_bpm, 0, fields, 2, port="the tempo")
    p.wire(tempo.sig_text, 0, fields, 3, port="the time signature")
    p.wire(c.variations, 0, fields, 4, port="variations")
    p.wire(c.seed, 0, fields, 5, port="seed")
    p.wire(fields, 0, request)
    p.wire(c.negative, 0, negative_text, port="the negative prompt")
    p.wire(negative_text, 0, negative_empty)
    p.wire(negative_empty, 0, without)
    p.wire(without, 0, r.choose, 0)
    p.wire(negative_empty, 1, negative_symbol)  # one symbol first: [t s] would keep only the first word
    p.wire(negative_symbol, 0, negative_t)
    p.wire(negative_t, 1, negative_field)
    p.wire(negative_field, 0, append, 1)
    p.wire(negative_t, 0, with_)
    p.wire(with_, 0, r.choose, 0)
    r.generate = request  # Generate's request goes on through [p morph] (morph.py) into r.choose
    p.wire(r.choose, 1, append, 0)
    p.wire(r.choose, 0, engine, port="generate …, cancel")
    p.wire(append, 0, engine, port="generate …, cancel")
    p.wire(c.cancel, 0, cancel, port="Cancel")
    p.wire(cancel, 0, engine, port="generate …, cancel")
    p.wire(c.new_seed, 0, random, port="new seed")
    p.wire(seed_load, 0, random)
    p.wire(random, 0, c.seed, port="a new seed")
    return r


def transform_path(p: Patch, c, request, take: str) -> None:
    """[p transform]: the take → a WAV file the engine can read → init_audio with the strength."""
    with p.group("transform", 720, 350, "Transform: the take is written to ~/Music/audioldm-bridge-input-N.wav "
                 "(N = 1..8, reused in turn: a folder under the user's home on macOS and Windows, an allowed input "
                 "root of a local engine, not one of macOS's privacy-protected folders such as Documents), then sent "
                 "as init_audio with the strength; no length is sent, so the result is exactly as long as the take. "
                 "Max paths (Macintosh HD:/Users/…) → the OS's own form, which the engine reads: on macOS slash style "
                 "relative to the boot volume (/Users/…; 'native' there is the old colon style), on Windows "
                 "native_win absolute (C:\\Users\\…); the platform comes from Max's getsystem. The request waits for "
                 "the low-priority queue, where buffer~ may defer writing the file."):
        transform_t = p.obj("t b b", 700, 610)
        as_transform = p.msg("2", 770, 610)
        steps = p.obj("t b b b b b b", 700, 640, 200)
        fields = p.obj("pack s s 0.5 1 0", 700, 800, 200)
        transform_request = p.msg("generate prompt $1 init_audio $2 strength $3 variations $4 seed $5", 700, 830,
                                  470)
        count = p.obj("i 0", 900, 660)
        count_t = p.obj("t i i", 900, 685)
        count_next = p.obj("+ 1", 970, 710)
        ring = p.obj("% 8", 900, 710)
        number = p.obj("+ 1", 900, 735)
        file_name = p.obj("sprintf symout ~:/Music/audioldm-bridge-input-%ld.wav", 900, 760, 330)
        platform_ask = p.obj("loadbang", 1000, 560)
        platform_msg = p.msg("; max getsystem audioldm.generator.platform", 1000, 585, 300)
        platform = p.obj("r audioldm.generator.platform", 1000, 610, 200)
        which_os = p.obj("sel macintosh windows", 1000, 635, 160)
        on_mac = p.msg("1", 1000, 660)
        on_windows = p.msg("2", 1060, 660)
        by_os = p.obj("gate 2 1", 900, 790)
        mac_path = p.obj("conformpath slash boot", 900, 820, 150)
        windows_path = p.obj("conformpath native_win absolute", 1060, 820, 200)
        file_t = p.obj("t s s", 900, 850)
        write = p.msg("writewave $1", 1000, 880)
        after_write = p.obj("deferlow", 700, 860)
    p.wire(c.transform, 0, transform_t, port="Transform")
    p.wire(transform_t, 1, as_transform)
    p.wire(as_transform, 0, request.prompt_to, 0, port="2: the prompt to Transform")
    p.wire(transform_t, 0, steps)
    p.wire(steps, 5, c.negative, port="bang: the negative prompt")
    p.wire(steps, 4, c.seed, port="bang: seed")
    p.wire(steps, 3, c.variations, port="bang: variations")
    p.wire(steps, 2, c.strength, port="bang: strength")
    p.wire(steps, 0, c.prompt, port="bang: the prompt")
    p.wire(request.prompt_to, 1, fields, 0, port="the prompt")
    p.wire(c.strength, 0, fields, 2, port="strength")
    p.wire(c.variations, 0, fields, 3, port="variations")
    p.wire(c.seed, 0, fields, 4, port="seed")
    p.wire(fields, 0, transform_request)
    p.wire(steps, 1, count)
    p.wire(count, 0, count_t)
    p.wire(count_t, 1, count_next)
    p.wire(count_next, 0, count, 1)
    p.wire(count_t, 0, ring)
    p.chain(ring, number, file_name)
    wire_take_path(p, platform_ask, platform_msg, platform, which_os, on_mac, on_windows, by_os, file_name,
                   mac_path, windows_path, file_t, write)
    p.wire(file_t, 0, fields, 1)
    p.wire(write, 0, take, port="writewave <file>")
    p.wire(transform_request, 0, after_write)
    p.wire(after_write, 0, request.choose, 1, port="generate … init_audio …")


def replies(p: Patch, c, engine: str, take: str) -> None:
    """[p replies]: the client's events → the displays and the take menu."""
    with p.group("replies", 20, 440, "The client's events → the engine state, the job's status, progress and "
                 "error. done <id> <path…>: one path per variation, listed in the take menu; the first is loaded, "
                 "and choosing another loads that one."):
        events = p.obj("route engine id accepted started progress done error cancelled status", 20, 980, 560)
        engine_show = p.msg("set engine $1", 20, 1010)
        queued = p.msg("set queued at $2", 220, 1010)
        started = p.msg("set rendering", 340, 1010)
        progress_steps = p.obj("zl slice 1", 460, 1040)
        progress_split = p.obj("unpack 0 0", 460, 1065)
        times100 = p.obj("* 100", 460, 1090)
        divide = p.obj("/ 1", 460, 1115)
        done_paths = p.obj("zl slice 1", 580, 1010)
        paths_t = p.obj("t b l b", 580, 1035)
        first_take = p.msg("0", 580, 1060)
        each_path = p.obj("zl iter 1", 640, 1060)
        add_take = p.msg("append $1", 640, 1085)
        clear_takes = p.msg("clear", 730, 1060)
        path_t = p.obj("t s s", 580, 1120)
        show_path = p.msg("set $1", 680, 1150)
        load_take = p.msg("replace $1", 580, 1150)
        show_error = p.obj("prepend set", 720, 1010)
        failed = p.msg("set error", 840, 1040)
        was_cancelled = p.msg("set cancelled", 920, 1010)
        log = p.obj("print audioldm", 1000, 1040)
    p.wire(engine, 0, events, port="the client's events")
    p.chain(events, engine_show)
    p.wire(engine_show, 0, c.engine, port="set engine ready/absent")
    p.wire(events, 2, queued)
    p.wire(events, 3, started)
    p.wire(events, 5, done_paths)
    p.wire(events, 6, failed)
    p.wire(events, 7, was_cancelled)
    for box in (queued, started, failed, was_cancelled):
        p.wire(box, 0, c.status, port="set <status>")
    p.wire(events, 4, progress_steps)
    p.wire(progress_steps, 1, progress_split)
    p.wire(progress_split, 1, divide, 1)
    p.wire(progress_split, 0, times100)
    p.chain(times100, divide)
    p.wire(divide, 0, c.progress, port="progress in %")
    p.wire(done_paths, 1, paths_t)
    p.wire(paths_t, 2, clear_takes)
    p.wire(paths_t, 1, each_path)
    p.wire(each_path, 0, add_take)
    p.wire(paths_t, 0, first_take)
    for box in (clear_takes, add_take, first_take):
        p.wire(box, 0, c.takes, port="the take menu: clear, append <file>, 0")
    p.wire(c.takes, 1, path_t, port="the take picked")
    p.wire(path_t, 1, show_path)
    p.wire(show_path, 0, c.file, port="set <file>")
    p.wire(path_t, 0, load_take)
    p.wire(load_take, 0, take, port="replace <file>")
    p.wire(events, 6, show_error)
    p.wire(show_error, 0, c.error, port="set <error>")
    p.wire(events, 8, log)


def player(p: Patch, c) -> str:
    """[p player]: the take's buffer~ and its preview; returns the buffer~."""
    with p.group("player", 1020, 350, "The take and its preview. groove~ plays at the speed of its [sig~]: play "
                 "sets it to 1 and goes to the start, stop sets it to 0 (loop 1 alone 'begins playing at the "
                 "current speed': silent when stopped). open… sends replace without a file: buffer~ asks with an "
                 "open dialog."):
        take = p.obj("buffer~ audioldm.generator.take", 580, 1180, 230)
        loaded = p.msg("set ready", 820, 1210)
        choose_file = p.msg("replace", 760, 1150)  # no file name: buffer~ asks with an open dialog
        player = p.obj("groove~ audioldm.generator.take", 600, 1270, 220)
        speed = p.obj("sig~ 0.", 600, 1240)
        play_t = p.obj("t b b", 700, 1180)
        play_speed = p.msg("1.", 760, 1210)
        startloop = p.msg("startloop", 700, 1210)
        stop_speed = p.msg("0.", 820, 1180)
        loop_msg = p.obj("prepend loop", 860, 1210)
        setup = p.obj("loadmess loopinterp 1", 860, 1240)
        level = p.obj("*~ 0.5", 600, 1310)
        dac_out = p.obj("dac~", 600, 1340)
    p.wire(c.open, 0, choose_file, port="open…")
    p.wire(choose_file, 0, take)
    p.wire(take, 1, loaded)
    p.wire(loaded, 0, c.status, port="set ready")
    p.wire(c.play, 0, play_t, port="play")
    p.wire(play_t, 1, play_speed)
    p.wire(play_t, 0, startloop)
    p.wire(play_speed, 0, speed)
    p.wire(c.stop, 0, stop_speed, port="stop")
    p.wire(stop_speed, 0, speed)
    p.wire(c.loop, 0, loop_msg, port="loop on/off")
    for box in (startloop, loop_msg, setup):
        p.wire(box, 0, player)
    p.wire(speed, 0, player)
    p.wire(player, 0, level)
    p.wire(level, 0, dac_out, 0)
    p.wire(level, 0, dac_out, 1)
    return take
