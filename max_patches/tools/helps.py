"""The help patches (help/*.maxhelp): a working example of each patcher, wired as the patchers are."""

from __future__ import annotations

from maxdsl import Patch
from package import (BAR_CLOCK, ENGINE_PORT, FIRST_NOTE, HELP_PORT, MORPH_PORT_OFFSET, REPLY_PORT, SLOT_STRIP, SLOTS,
                     wire_take_path)


def client_help(abstractions) -> Patch:
    p = Patch(900, 700, abstractions)
    p.comment("audioldm.client PORT HOST ENGINE_PORT — talks to the audioldm-bridge engine over OSC (UDP). "
              f"Arguments (defaults {REPLY_PORT} 127.0.0.1 {ENGINE_PORT}): the port this client listens on, the "
              "engine's host and OSC port. Every request carries reply_port PORT, so each client gets only its "
              "own replies; use a different PORT for every instance.", 20, 10, 860, 40)
    p.comment("Start the engine first:  audioldm-bridge serve   (--model tiny for a quick test). An engine on "
              "another machine takes OSC from this one only with --host and --osc-allow (docs/SECURITY.md); "
              "then give its host and port here or as arguments.", 20, 55, 860)
    examples = [
        'generate prompt "warm analog pad" bars 2 bpm 100. time_sig 4/4 seed 42',
        'generate prompt "glitchy hats" bars 1 bpm 133.7 time_sig 7/8 variations 2 priority live',
        'generate prompt "rain on a tin roof" seconds 4 loop 1 negative_prompt "low quality"',
        "cancel",
        "ping",
        "status",
        "history query rain limit 5",
        "host 127.0.0.1",
        f"port {ENGINE_PORT}",
    ]
    engine = p.obj(f"audioldm.client {HELP_PORT}", 20, 400, 180)
    for i, text in enumerate(examples):
        box = p.msg(text, 20, 90 + 36 * i, 620)
        p.wire(box, 0, engine)
    log = p.obj("print audioldm", 20, 440)
    p.wire(engine, 0, log)
    p.comment("host <name> / port <n>: where requests go from now on (then a ping shows whether an engine "
              "answers there); reply_port <n>: listen on another port. cancel is sent only while the latest "
              "job runs.", 660, 306, 220, 90)
    p.comment("Out (one outlet; job events only for the latest request): id <job id>, accepted <job id> "
              "<position>, started <job id>, progress <job id> <step> <total>, done <job id> <path…>, "
              "cancelled <job id>, error <job id> <code> <message> (all errors but not_cancellable), engine "
              "ready | absent (ping on load and on host/port), status <key value…>, history <key value…> (one per "
              "entry) then history_end count <n>.", 20, 480, 860, 50)
    p.comment("On the wire: /audioldm/generate <field value…> id <job id> reply_port PORT, "
              "/audioldm/cancel <job id> reply_port PORT, /audioldm/ping reply_port PORT, "
              "/audioldm/status reply_port PORT, /audioldm/history <field value…> reply_port PORT → replies "
              "/audioldm/accepted, /started, /progress, /done, /error, /cancelled, /pong, /status, "
              "/history/entry, /history/end (docs/PROTOCOL.md).", 20, 540, 860, 60)
    p.comment("Prompts go as one symbol (quotes here; [route text] → [tosymbol] from a textedit); numbers as "
              "ints and 32-bit floats. Ids are j-<n>-<port>-<session>, new for every request; a reply is the "
              "latest job's when [fromsymbol @separator -] of its id gives this load's session and the "
              "latest n.", 20, 610, 860, 50)
    return p


def history_help(p: Patch, engine: str) -> None:
    """The generator's history menu in three objects: ask, and see the entries the engine answers with."""
    p.comment("History: the search box and menu under the take ask the engine for what it made (history "
              "[query <text>] limit 25) and list the answers — prompt · seconds · created; picking one loads "
              "its file into the take, a missing one says so. The same request here (the entries go to the "
              "Max console):", 540, 140, 340, 80)
    ask = p.msg("history query rain limit 5", 540, 225, 180)
    answers = p.obj("route history history_end", 540, 255, 180)
    p.wire(ask, 0, engine)
    p.wire(engine, 0, answers)
    p.wire(answers, 0, p.obj("print history", 730, 255))
    p.wire(answers, 1, p.obj("print history", 730, 285))


def opener(p: Patch, name: str, x, y) -> None:
    """A message that opens the real patch (one instance: it listens on its own port)."""
    load = p.msg(f"load {name}", x, y)
    p.wire(load, 0, p.obj("pcontrol", x, y + 30))
    p.comment(f"← open {name}", x + 7 * len(name) + 60, y + 2, 200)


def generator_help(abstractions) -> Patch:
    p = Patch(900, 760, abstractions)
    p.comment("audioldm.generator — a prompt, a length in bars (BPM and time signature from the Max "
              "transport while 'follow transport' is on — the boxes show them — or typed: typing turns following "
              "off), variations, seed and negative prompt; Generate renders, the result is loaded into [buffer~ "
              "audioldm.generator.take] and shown, play/stop/loop previews it; with variations > 1 the take menu "
              "lists every file and loads the one you pick. Transform sends the take itself with the prompt and "
              "a strength (0..1); open… loads a sound file into it. engine host/port: where the engine runs.",
              20, 10, 860, 60)
    p.comment("Try it: type  warm analog pad, set 2 bars, type 100 in BPM (following turns off), press "
              "Generate: 2 × 4 × 60/100 s = 4.8 s = 230400 samples at 48 kHz. It sends  generate prompt "
              "<text> bars <n> bpm <f> time_sig <N/D> variations <n> seed <n> [negative_prompt <text>]  to "
              "[audioldm.client 7401] (see its help for the OSC on the wire); Transform sends  generate prompt "
              "<text> init_audio <file> strength <f> variations <n> seed <n> [negative_prompt <text>].",
              20, 72, 860, 60)
    opener(p, "audioldm.generator", 20, 140)
    p.comment("The same path in five objects (this help listens on port 7421):", 20, 200, 500)
    request = p.msg('generate prompt "warm analog pad" bars 2 bpm 100. time_sig 4/4', 20, 225)
    engine = p.obj("audioldm.client 7421", 20, 265, 160)
    done = p.obj("route done", 20, 300)
    path = p.obj("zl mth 1", 20, 330)
    load = p.msg("replace $1", 20, 360)
    take = p.obj("buffer~ audioldm.help.take", 20, 390, 200)
    p.ui("waveform~", 260, 300, 400, 110, buffername="audioldm.help.take")
    log = p.obj("print audioldm", 140, 330)
    p.chain(request, engine, done, path, load, take)
    p.wire(done, 1, log)
    history_help(p, engine)

    p.comment("Transform, as the generator's Transform button does it: buffer~ writes the take to a WAV file "
              "(writewave), the file's path in the OS's own form goes to the engine as init_audio with the "
              "strength — 0 keeps the take, 1 ignores it — and no length, so the result is exactly as long as "
              "the take (samples at the engine's 48 kHz). The file is ~/Music/audioldm-bridge-input-N.wav: the "
              "engine reads inputs under your home folder. Generate a take above, then click the path:",
              20, 440, 860, 60)
    source = p.msg("~:/Music/audioldm-bridge-input-help.wav", 20, 510, 280)
    p.comment("← Transform the take above", 310, 512, 200)
    p.comment("strength", 560, 490, 60)
    strength = p.ui("flonum", 560, 510, 60, 22, format=6, minimum=0.0, maximum=1.0, varname="strength")
    p.wire(p.obj("loadmess 0.6", 640, 510), 0, strength)
    platform_ask = p.obj("loadbang", 640, 540)
    platform_msg = p.msg("; max getsystem audioldm.help.platform", 640, 565, 240)
    platform = p.obj("r audioldm.help.platform", 640, 590, 170)
    which_os = p.obj("sel macintosh windows", 640, 615, 150)
    on_mac = p.msg("1", 640, 640)
    on_windows = p.msg("2", 700, 640)
    by_os = p.obj("gate 2 1", 20, 550)
    mac_path = p.obj("conformpath slash boot", 20, 580, 150)
    windows_path = p.obj("conformpath native_win absolute", 190, 580, 200)
    p.comment("macOS → /Users/…, Windows → C:…", 400, 582, 230)
    file_t = p.obj("t s s", 20, 610)
    write = p.msg("writewave $1", 120, 640)
    fields = p.obj("pack s 0.6", 20, 670)
    transform = p.msg('generate prompt "glass marimba" init_audio $1 strength $2', 20, 700, 380)
    after_write = p.obj("deferlow", 20, 730)
    wire_take_path(p, platform_ask, platform_msg, platform, which_os, on_mac, on_windows, by_os, source,
                   mac_path, windows_path, file_t, write)
    p.wire(write, 0, take)
    p.wire(strength, 0, fields, 1)
    p.wire(file_t, 0, fields, 0)
    p.chain(fields, transform, after_write, engine)
    return p


def live_help(abstractions) -> Patch:
    p = Patch(900, 560, abstractions)
    p.comment("audioldm.live — 8 slots, each a prompt and a length in bars. Return in a prompt box renders "
              "it at once (priority live, loop 1, the transport's tempo and signature). A MIDI note "
              f"({FIRST_NOTE}–{FIRST_NOTE + SLOTS - 1}) or the slot's play button starts it at the next bar line "
              f"of the transport's time signature ([{BAR_CLOCK}]: one bar, 1440 ticks in 3/4, 1920 in 4/4); "
              "it loops in sync ([groove~] loop 1, loopinterp 1) and is silent until then (its speed is 0 until a "
              "start). evolve renders a new seed in the background lane; the new take swaps in at the next bar. "
              "panic stops all and cancels the renders still running (finished takes stay ready, empty slots "
              "send nothing). engine host/port: where the engine runs. Slots listen on ports 7411–7418 (their morph "
              "sweeps on 7511–7518) and show empty / queued / rendering n of N / ready / cancelled / error. Morph: "
              "a slot's morph target gets a background sweep of 5 points after each render; its dial (learn: a MIDI "
              "CC) swaps the nearest point in at the next bar.", 20, 10, 860, 90)
    opener(p, "audioldm.live", 20, 110)
    p.comment("One slot, wired as audioldm.live wires it (port 7431): start the transport, type a prompt, "
              "press Return, then play note 60 or click play.", 20, 175, 860)
    running = p.ui("toggle", 20, 200)
    transport = p.obj("transport", 60, 200, 100)
    bars = p.obj(BAR_CLOCK, 180, 200, 240)
    bar = p.msg("bar", 440, 200)
    p.wire(running, 0, transport)
    p.wire(running, 0, bars)
    p.wire(bars, 0, bar)
    notes = p.obj("notein", 20, 240, 80)
    note_on = p.obj("stripnote", 20, 270, 80)
    first = p.obj(f"sel {FIRST_NOTE}", 20, 300)
    trigger = p.msg("trigger", 20, 330)
    p.wire(notes, 1, note_on, 1)
    p.wire(notes, 0, note_on, 0)
    p.wire(note_on, 0, first)
    p.wire(first, 0, trigger)
    strip = p.bpatcher("audioldm.slot", [1, 7431, 7431 + MORPH_PORT_OFFSET], 20, 380, *SLOT_STRIP)
    p.wire(trigger, 0, strip)
    p.wire(bar, 0, strip)
    p.box("ezdac~", 880, 380, 45, 45)
    return p


def slot_help(abstractions) -> Patch:
    p = Patch(900, 300, abstractions)
    p.comment("audioldm.slot N PORT MORPH_PORT — one slot of audioldm.live (used there as a bpatcher; "
              "MORPH_PORT: its morph sweeps' client). In: trigger "
              "(start at the next bar), evolve, stop (the take is kept), panic (stop, and cancel the render if "
              "it still runs), bar (the bar clock), host <name> / port <n> (the engine's address).",
              20, 10, 860, 40)
    strip = p.bpatcher("audioldm.slot", [1, 7430, 7430 + MORPH_PORT_OFFSET], 20, 120, *SLOT_STRIP)
    for i, text in enumerate(["trigger", "evolve", "stop", "panic", "bar", "host 127.0.0.1", f"port {ENGINE_PORT}"]):
        box = p.msg(text, 20 + 80 * i, 70)
        p.wire(box, 0, strip)
    return p
