"""Writes the Max package in ../audioldm-bridge/ (patchers, help, package-info.json).

The patches are generated so that their wiring stays readable and reviewable as code; run
``python max_patches/tools/build.py`` after editing this file (a test checks the committed
files are what it writes). Counts of inlets/outlets come from maxobjects.py (Max's reference).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from maxobjects import shape  # noqa: E402

PACKAGE = HERE.parent / "audioldm-bridge"
ENGINE_PORT = 18000
REPLY_PORT = 18001  # audioldm.client's reply port when it is given no arguments
GENERATOR_PORT = 7401  # each client instance listens on its own port: replies are never stolen
SLOT_BASE_PORT = 7410  # live slot n (1..8) listens on 7410 + n
HELP_PORT = 7420
SLOTS = 8
FIRST_NOTE = 60  # C3 (Max/Live naming; C4 in others) triggers slot 1, one semitone per slot
# The bar clock: one bar of the transport's time signature, on the bar lines. A bars.beats.units
# interval is tempo-relative and counts bars of the current signature (Max's "Time Value Syntax":
# "A time of 1 1 0 as an interval in 4/4 time is (4 * 480) + 480 ticks"), so 1.0.0 is 1920 ticks in
# 4/4 and 1440 in 3/4; a note value (1n = 1920 ticks) is a bar only in 4/4. Units other than ms and
# note values go in the interval attribute (the metro reference).
BAR_CLOCK = "metro @interval 1.0.0 @quantize 1.0.0"


class Patch:
    def __init__(self, width: float = 900, height: float = 700, abstractions: dict | None = None):
        self.rect = [60.0, 80.0, float(width), float(height)]
        self.boxes: list[dict] = []
        self.lines: list[dict] = []
        self.abstractions = abstractions or {}  # name -> (inlets, outlets) of package abstractions

    def box(self, maxclass: str, x: float, y: float, w: float, h: float, text: str | None = None, **attrs) -> str:
        box_id = f"obj-{len(self.boxes) + 1}"
        name = (text or "").split(" ")[0]
        if maxclass == "newobj" and name in self.abstractions:
            inlets, outlets = self.abstractions[name]
            outlettype = [""] * outlets
        elif maxclass == "bpatcher":
            inlets, outlets = self.abstractions[attrs["name"].removesuffix(".maxpat")]
            outlettype = [""] * outlets
        else:
            inlets, outlettype = shape(maxclass, text or "")
        box = {"id": box_id, "maxclass": maxclass, "numinlets": inlets, "numoutlets": len(outlettype)}
        if outlettype:
            box["outlettype"] = outlettype
        box["patching_rect"] = [float(x), float(y), float(w), float(h)]
        if text is not None:
            box["text"] = text
        box.update(attrs)
        self.boxes.append({"box": dict(sorted(box.items()))})
        return box_id

    def obj(self, text: str, x, y, w=None, **attrs) -> str:
        return self.box("newobj", x, y, w or max(40, 7 * len(text) + 14), 22, text, **attrs)

    def msg(self, text: str, x, y, w=None, **attrs) -> str:
        return self.box("message", x, y, w or max(40, 7 * len(text) + 14), 22, text, **attrs)

    def comment(self, text: str, x, y, w=300, h=20, **attrs) -> str:
        return self.box("comment", x, y, w, h, text, **attrs)

    def ui(self, maxclass: str, x, y, w=24, h=24, **attrs) -> str:
        if maxclass in ("button", "toggle", "number", "flonum", "slider"):
            attrs.setdefault("parameter_enable", 0)
        return self.box(maxclass, x, y, w, h, **attrs)

    def bpatcher(self, name: str, args: list, x, y, w, h, scroll: bool = False) -> str:
        return self.box("bpatcher", x, y, w, h, name=f"{name}.maxpat", args=args, bgmode=0, border=1,
                        clickthrough=0, enablehscroll=int(scroll), enablevscroll=int(scroll), lockeddragscroll=0,
                        offset=[0.0, 0.0], viewvisibility=1)

    def wire(self, src: str, outlet: int, dst: str, inlet: int = 0) -> None:
        self.lines.append({"patchline": {"destination": [dst, inlet], "source": [src, outlet]}})

    def chain(self, *ids: str) -> None:
        for a, b in zip(ids, ids[1:]):
            self.wire(a, 0, b, 0)

    def ports(self) -> tuple[int, int]:
        kinds = [b["box"]["maxclass"] for b in self.boxes]
        return kinds.count("inlet"), kinds.count("outlet")

    def tidy(self) -> None:
        """Move each box right until it overlaps no box placed before it (readable patches; no cord
        here depends on the order of a fan-out, which Max derives from positions)."""
        placed: list[list[float]] = []
        for entry in self.boxes:
            rect = entry["box"]["patching_rect"]
            moved = True
            while moved:
                moved = False
                for other in placed:
                    if (rect[0] < other[0] + other[2] and other[0] < rect[0] + rect[2]
                            and rect[1] < other[1] + other[3] and other[1] < rect[1] + rect[3]):
                        rect[0] = other[0] + other[2] + 8.0
                        moved = True
            placed.append(rect)

    def to_json(self) -> dict:
        self.tidy()
        right = max(b["box"]["patching_rect"][0] + b["box"]["patching_rect"][2] for b in self.boxes)
        bottom = max(b["box"]["patching_rect"][1] + b["box"]["patching_rect"][3] for b in self.boxes)
        self.rect[2], self.rect[3] = min(right + 40, 1400.0), min(bottom + 40, 900.0)
        patcher = {
            "fileversion": 1,
            "appversion": {"major": 8, "minor": 6, "revision": 0, "architecture": "x64", "modernui": 1},
            "classnamespace": "box",
            "rect": self.rect,
            "bglocked": 0,
            "openinpresentation": 0,
            "default_fontsize": 12.0,
            "default_fontface": 0,
            "default_fontname": "Arial",
            "gridonopen": 1,
            "gridsize": [15.0, 15.0],
            "gridsnaponopen": 1,
            "objectsnaponopen": 1,
            "statusbarvisible": 2,
            "toolbarvisible": 1,
            "boxanimatetime": 200,
            "enablehscroll": 1,
            "enablevscroll": 1,
            "description": "",
            "digest": "",
            "tags": "",
            "style": "",
            "subpatcher_template": "",
            "assistshowspatchername": 0,
            "boxes": self.boxes,
            "lines": self.lines,
        }
        return {"patcher": patcher}


# --- audioldm.client: all OSC in one place ------------------------------------------------------------


def client() -> Patch:
    """[audioldm.client REPLY_PORT HOST ENGINE_PORT]: requests in, this client's events out.

    Arguments (defaults 18001 127.0.0.1 18000): the UDP port it listens on (sent as reply_port with
    every request), the engine's host and OSC port.
    In:  generate <field value…> | cancel | ping | status | host <name> | port <n> | reply_port <n>
    Out: id <job id> | accepted <job id> <position> | started <job id> | progress <job id> <step> <total> |
         done <job id> <path…> | cancelled <job id> | error <job id> <code> <message> |
         engine ready | engine absent | status <key value…>
    Job events are passed only for the latest request's id; errors always (but not the engine's
    not_cancellable refusal: the job's own final event says how it ended). cancel is sent only while
    the latest job runs (from the request to its done, cancelled or error).
    """
    p = Patch(1100, 760)
    p.comment("audioldm.client — every OSC message to and from the engine goes through here. Arguments: the UDP "
              f"port this client listens on (sent as reply_port with every request), the engine's host and port "
              f"(defaults {REPLY_PORT} 127.0.0.1 {ENGINE_PORT}).", 20, 10, 1000, 40)
    inlet = p.box("inlet", 20, 50, 30, 30,
                  comment="generate <field value…>, cancel, ping, status, host <name>, port <n>, reply_port <n>")
    route = p.obj("route generate cancel ping status host port reply_port", 20, 90, 380)
    udpsend = p.obj(f"udpsend 127.0.0.1 {ENGINE_PORT}", 20, 700)  # host and port set from the arguments
    p.wire(inlet, 0, route)

    # arguments → engine address, reply port; then a session number and a ping
    args = p.obj(f"patcherargs {REPLY_PORT} 127.0.0.1 {ENGINE_PORT}", 560, 50, 220)
    args_t = p.obj("t b l", 560, 80)
    args_split = p.obj("unpack 0 s 0", 600, 110)
    host_msg = p.msg("host $1", 700, 640)
    port_msg = p.msg("port $1", 780, 640)
    reply_set = p.obj("t i i i i i i", 560, 150, 200)  # the reply port, to everything that names it
    listen_msg = p.msg("port $1", 860, 680)
    receive = p.obj("udpreceive #1", 20, 760)
    p.wire(args, 0, args_t)
    p.wire(args_t, 1, args_split)
    p.wire(args_split, 2, port_msg)
    p.wire(args_split, 1, host_msg)
    p.wire(args_split, 0, reply_set)
    p.wire(host_msg, 0, udpsend)
    p.wire(port_msg, 0, udpsend)
    p.wire(reply_set, 5, listen_msg)
    p.wire(listen_msg, 0, receive)
    # host/port/reply_port messages: the new address, then a ping to show whether an engine answers there
    host_t = p.obj("t b l", 460, 130)
    port_t = p.obj("t b l", 520, 180)
    reply_t = p.obj("t b i", 580, 210)
    p.wire(route, 4, host_t)
    p.wire(host_t, 1, host_msg)
    p.wire(route, 5, port_t)
    p.wire(port_t, 1, port_msg)
    p.wire(route, 6, reply_t)
    p.wire(reply_t, 1, reply_set)

    # ids: j-<n>-<port>-<session>; the session number is random per load, so a reopened patch or a
    # second Max never reuses an id the engine already knows (a known id is replayed, not rerun)
    load_t = p.obj("t b b", 560, 240)
    session = p.obj("random 1000000", 600, 270)
    session_t = p.obj("t i i", 600, 300)
    request_t = p.obj("t a b", 20, 130)
    count = p.obj("i 1", 120, 170)
    count_t = p.obj("t i i i", 120, 200)
    plus = p.obj("+ 1", 220, 230)
    make_id = p.obj("sprintf symout j-%ld-%ld-%ld", 120, 270, 220)
    id_t = p.obj("t s s s b", 120, 310, 140)
    tail_pack = p.obj("pack s #1", 300, 350)
    tail = p.msg("id $1 reply_port $2", 300, 380)
    join = p.obj("zl join", 20, 420)
    address = p.obj("prepend /audioldm/generate", 20, 460)
    id_out = p.msg("id $1", 120, 350)
    p.wire(args_t, 0, load_t)
    p.wire(load_t, 1, session)
    p.wire(session, 0, session_t)
    p.wire(session_t, 1, make_id, 2)
    p.wire(reply_set, 4, make_id, 1)
    p.wire(route, 0, request_t)
    p.wire(request_t, 1, count)
    p.wire(count, 0, count_t)
    p.wire(count_t, 2, plus)
    p.wire(plus, 0, count, 1)
    p.wire(count_t, 0, make_id, 0)
    p.wire(make_id, 0, id_t)
    p.wire(reply_set, 3, tail_pack, 1)
    p.wire(id_t, 1, tail_pack, 0)
    p.wire(tail_pack, 0, tail)
    p.wire(tail, 0, join, 1)
    p.wire(request_t, 0, join, 0)
    p.chain(join, address, udpsend)
    p.wire(id_t, 0, id_out)

    # cancel: only while the latest job runs — the gate opens with a request and closes with its end
    running = p.obj("gate", 420, 420)
    opened = p.msg("1", 420, 390)
    ended = p.msg("0", 520, 390)
    current = p.obj("zl reg", 420, 460)  # the latest job's id
    cancel_pack = p.obj("pack s #1", 420, 500)
    cancel = p.msg("/audioldm/cancel $1 reply_port $2", 420, 540)
    p.wire(id_t, 3, opened)
    p.wire(opened, 0, running, 0)
    p.wire(ended, 0, running, 0)
    p.wire(id_t, 2, current, 1)
    p.wire(route, 1, running, 1)
    p.wire(running, 0, current)
    p.wire(current, 0, cancel_pack)
    p.wire(reply_set, 2, cancel_pack, 1)
    p.chain(cancel_pack, cancel, udpsend)

    # ping (on load and when the address changes; "engine absent" after 2 s without a pong) and status
    ping_t = p.obj("t b b", 700, 470)
    ping_port = p.obj("i #1", 700, 510)
    ping = p.msg("/audioldm/ping reply_port $1", 700, 550)
    timeout = p.obj("delay 2000", 880, 550)
    status_port = p.obj("i #1", 880, 470)
    status = p.msg("/audioldm/status reply_port $1", 880, 590)
    p.wire(load_t, 0, ping_t)
    p.wire(host_t, 0, ping_t)
    p.wire(port_t, 0, ping_t)
    p.wire(reply_t, 0, ping_t)
    p.wire(ping_t, 1, timeout)
    p.wire(ping_t, 0, ping_port)
    p.wire(reply_set, 1, ping_port, 1)
    p.chain(ping_port, ping, udpsend)
    p.wire(route, 3, status_port)
    p.wire(reply_set, 0, status_port, 1)
    p.chain(status_port, status, udpsend)

    # replies
    outlet = p.box("outlet", 20, 1180, 30, 30, comment="events of this client's current job, engine ready/absent")
    incoming = p.obj("t a a", 20, 790)  # every reply: to the job path (right), and by kind
    by_kind = p.obj("route /audioldm/pong /audioldm/status /audioldm/error", 20, 820, 360)
    pong_t = p.obj("t b b", 20, 840)
    stop = p.msg("stop", 90, 870)
    ready = p.msg("engine ready", 20, 910)
    absent = p.msg("engine absent", 880, 620)
    status_out = p.obj("prepend status", 150, 840)
    p.wire(receive, 0, incoming)
    p.wire(incoming, 0, by_kind)
    p.wire(by_kind, 0, pong_t)
    p.wire(pong_t, 1, stop)
    p.wire(stop, 0, timeout)
    p.wire(pong_t, 0, ready)
    p.wire(ready, 0, outlet)
    p.wire(timeout, 0, absent)
    p.wire(absent, 0, outlet)
    p.wire(by_kind, 1, status_out)
    p.wire(status_out, 0, outlet)

    # errors go out, all but not_cancellable: a refused cancel of a job that has just ended (its own
    # final event says how); in the job path below, an error of the latest job ends it
    error_t = p.obj("t a a", 270, 840)
    error_held = p.obj("zl reg", 270, 960)
    error_code = p.obj("zl mth 1", 270, 880)
    refused = p.obj("sel not_cancellable", 270, 910, 140)
    error_pass = p.obj("t b", 340, 935)
    error_out = p.obj("prepend error", 270, 1000)
    p.wire(by_kind, 2, error_t)
    p.wire(error_t, 1, error_held, 1)
    p.wire(error_t, 0, error_code)
    p.wire(error_code, 0, refused)
    p.wire(refused, 1, error_pass)
    p.wire(error_pass, 0, error_held)
    p.wire(error_held, 0, error_out)
    p.wire(error_out, 0, outlet)

    # job events pass only for the latest request: its id j-<n>-<port>-<session> is split at "-" into
    # numbers ([fromsymbol], documented for symbols), the session compared with ours ([==]) and n with the
    # latest request's ([sel 0]: a single int argument, so its right inlet exists and takes the number)
    job_t = p.obj("t a a", 600, 840)
    held = p.obj("zl reg", 600, 1040)
    job_id = p.obj("zl mth 1", 680, 870)
    id_parts = p.obj("fromsymbol @separator -", 680, 900, 160)
    ours = p.obj("route j", 680, 930)
    numbers = p.obj("unpack 0 0 0", 680, 960)
    same_session = p.obj("== 0", 800, 990)
    in_session = p.obj("gate", 680, 1010)
    is_latest = p.obj("sel 0", 680, 1040)
    p.wire(incoming, 1, job_t)
    p.wire(job_t, 1, held, 1)
    p.wire(job_t, 0, job_id)
    p.chain(job_id, id_parts, ours, numbers)
    p.wire(numbers, 2, same_session)
    p.wire(session_t, 0, same_session, 1)
    p.wire(same_session, 0, in_session, 0)
    p.wire(numbers, 0, in_session, 1)
    p.wire(in_session, 0, is_latest)
    p.wire(count_t, 1, is_latest, 1)
    p.wire(is_latest, 0, held)
    by_event = p.obj("route /audioldm/accepted /audioldm/started /audioldm/progress /audioldm/done "
                     "/audioldm/cancelled /audioldm/error", 600, 1080, 640)
    accepted = p.msg("accepted $1 $2", 600, 1120)
    started = p.msg("started $1", 720, 1120)
    progress = p.msg("progress $1 $2 $3", 810, 1120)
    done = p.obj("prepend done", 950, 1120)  # done <id> <path…>: as many paths as variations
    cancelled = p.msg("cancelled $1", 1060, 1120)
    p.wire(held, 0, by_event)
    for i, box in enumerate((accepted, started, progress, done, cancelled)):
        p.wire(by_event, i, box)
        p.wire(box, 0, outlet)
    for i in (3, 4, 5):  # done, cancelled, error: the latest job has ended
        p.wire(by_event, i, ended)
    p.wire(id_out, 0, outlet)
    return p


# --- audioldm.generator ---------------------------------------------------------------------------------


def generator(abstractions) -> Patch:
    p = Patch(1100, 760, abstractions)
    p.comment("audioldm.generator — type a prompt, set the length, press Generate. "
              "The engine must be running: audioldm-bridge serve", 20, 10, 700)
    p.comment("prompt", 20, 40)
    prompt = p.ui("textedit", 20, 60, 420, 40, keymode=0, lines=2, text="", varname="prompt")
    p.comment("negative prompt (optional)", 460, 40)
    negative = p.ui("textedit", 460, 60, 300, 40, keymode=0, lines=2, text="", varname="negative")
    p.comment("bars", 20, 110, 60)
    bars = p.ui("number", 20, 130, 50, 22, minimum=1, varname="bars")
    p.comment("BPM", 90, 110, 60)
    bpm = p.ui("flonum", 90, 130, 60, 22, format=6, varname="bpm")
    p.comment("follow transport", 170, 110, 110)
    follow = p.ui("toggle", 170, 130, varname="follow")
    p.comment("(typing a BPM or signature turns it off)", 170, 152, 120, 30)
    p.comment("time sig", 290, 110, 80)
    ts_num = p.ui("number", 290, 130, 40, 22, minimum=1, varname="ts_num")
    ts_den = p.ui("number", 335, 130, 40, 22, minimum=1, varname="ts_den")
    p.comment("variations", 400, 110, 80)
    variations = p.ui("number", 400, 130, 50, 22, minimum=1, varname="variations")
    p.comment("seed", 480, 110, 60)
    seed = p.ui("number", 480, 130, 90, 22, minimum=0)
    new_seed = p.ui("button", 580, 130)
    p.comment("new seed", 606, 132, 70)
    generate = p.ui("button", 20, 180, 40, 40, varname="generate")
    p.comment("Generate", 66, 190, 80)
    cancel_button = p.ui("button", 160, 180, 40, 40)
    p.comment("Cancel", 206, 190, 60)
    p.comment("Transform the take: the buffer's audio goes to the engine with the prompt (and negative "
              "prompt, variations, seed); the result keeps its length.", 800, 40, 280, 50)
    p.comment("strength 0..1", 800, 110, 100)
    strength = p.ui("flonum", 800, 130, 60, 22, format=6, minimum=0.0, maximum=1.0, varname="strength")
    p.comment("0 keeps the take, 1 ignores it", 866, 132, 200)
    transform = p.ui("button", 800, 180, 40, 40, varname="transform")
    p.comment("Transform", 846, 190, 80)
    p.comment("engine", 300, 170, 60)
    engine_state = p.msg("engine ?", 370, 168, 200, varname="engine")
    p.comment("status", 300, 200, 60)
    state = p.msg("empty", 370, 198, 200, varname="status")
    p.comment("progress", 20, 235, 80)
    progress = p.ui("slider", 100, 235, 460, 20, orientation=1, size=101.0, varname="progress")
    p.comment("error", 20, 265, 60)
    error = p.msg("", 90, 263, 660, varname="error")
    p.comment("file", 20, 295, 60)
    path = p.msg("", 90, 293, 660, varname="file")
    waveform = p.ui("waveform~", 20, 325, 560, 90, buffername="audioldm.generator.take")
    play = p.ui("button", 600, 330)
    p.comment("play", 626, 332, 40)
    stop = p.ui("button", 600, 360)
    p.comment("stop", 626, 362, 40)
    loop = p.ui("toggle", 600, 390)
    p.comment("loop", 626, 392, 40)
    dac = p.ui("ezdac~", 680, 340, 45, 45)
    open_file = p.ui("button", 760, 330, varname="open")
    p.comment("open a sound file into the take…", 786, 332, 220)
    takes = p.ui("umenu", 760, 362, 240, 22, parameter_enable=0, varname="takes")
    p.comment("take: the variations of the last result — pick one to audition it", 760, 388, 240, 34)
    engine_host, engine_port = engine_controls(p, 960, 235)

    # defaults (the BPM and signature boxes get theirs from the transport: "follow transport" is on)
    for i, (value, box) in enumerate((("2", bars), ("1", variations), ("0.5", strength), ("1", follow))):
        load = p.obj(f"loadmess {value}", 200 + 80 * i, 420)
        p.wire(load, 0, box)
    # tempo and time signature: while "follow transport" is on, the transport's are shown (set: no
    # output) and used; whatever the BPM and signature boxes themselves output is typed by the user, so
    # it is used and turns following off. The request's values wait in [pack]'s cold inlets.
    fields = p.obj("pack s 2 120. 4/4 1 0", 20, 780, 260)
    transport = p.obj("transport", 20, 480, 160)
    follow_t = p.obj("t b i i", 200, 450)
    tempo_gate = p.obj("gate", 80, 520)
    sig_gate = p.obj("gate", 140, 520)
    tempo_t = p.obj("t f f", 80, 550)
    show_tempo = p.msg("set $1", 120, 580)
    sig_split = p.obj("unpack 0 0", 140, 550)
    num_t = p.obj("t i i", 140, 580)
    den_t = p.obj("t i i", 200, 580)
    show_num = p.msg("set $1", 140, 610)
    show_den = p.msg("set $1", 200, 610)
    sig_pack = p.obj("pack 4 4", 290, 560)
    sig_text = p.obj("sprintf symout %ld/%ld", 290, 590)
    p.wire(follow, 0, follow_t)
    p.wire(follow_t, 2, tempo_gate, 0)
    p.wire(follow_t, 1, sig_gate, 0)
    p.wire(follow_t, 0, transport)  # following again: show and use the transport's values now
    p.wire(transport, 4, tempo_gate, 1)
    p.wire(tempo_gate, 0, tempo_t)
    p.wire(tempo_t, 1, show_tempo)
    p.wire(show_tempo, 0, bpm)
    p.wire(tempo_t, 0, fields, 2)
    p.wire(transport, 5, sig_gate, 1)
    p.wire(sig_gate, 0, sig_split)
    p.wire(sig_split, 1, den_t)
    p.wire(den_t, 1, show_den)
    p.wire(show_den, 0, ts_den)
    p.wire(den_t, 0, sig_pack, 1)
    p.wire(sig_split, 0, num_t)
    p.wire(num_t, 1, show_num)
    p.wire(show_num, 0, ts_num)
    p.wire(num_t, 0, sig_pack, 0)
    p.wire(sig_pack, 0, sig_text)
    p.wire(sig_text, 0, fields, 3)
    follow_off = p.msg("0", 380, 480)
    typed_bpm = p.obj("t f b", 380, 510)
    typed_num = p.obj("t i b", 440, 510)
    typed_den = p.obj("t i b", 500, 510)
    p.wire(bpm, 0, typed_bpm)
    p.wire(typed_bpm, 1, follow_off)
    p.wire(typed_bpm, 0, fields, 2)
    p.wire(ts_num, 0, typed_num)
    p.wire(typed_num, 1, follow_off)
    p.wire(typed_num, 0, sig_pack, 0)
    p.wire(ts_den, 0, typed_den)
    p.wire(typed_den, 1, follow_off)
    p.wire(typed_den, 0, sig_pack, 1)
    p.wire(follow_off, 0, follow)
    random = p.obj("random 1000000", 580, 450)
    p.wire(new_seed, 0, random)
    p.wire(random, 0, seed)
    seed_load = p.obj("loadbang", 680, 420)
    p.wire(seed_load, 0, random)

    # Generate: gather every value (right to left), the prompt last into pack's hot inlet
    generate_t = p.obj("t b b", 20, 640)
    as_generate = p.msg("1", 90, 640)  # the prompt goes to Generate's pack, not Transform's
    steps = p.obj("t b b b b b b b", 20, 670, 300)
    request = p.msg("generate prompt $1 bars $2 bpm $3 time_sig $4 variations $5 seed $6", 20, 820, 470)
    prompt_text = p.obj("route text", 20, 700)
    prompt_empty = p.obj("route bang", 20, 725)
    prompt_symbol = p.obj("tosymbol", 20, 750)
    prompt_to = p.obj("gate 2 1", 20, 765)  # 1: Generate, 2: Transform
    need_prompt = p.msg("set type a prompt first", 110, 750)
    p.wire(generate, 0, generate_t)
    p.wire(generate_t, 1, as_generate)
    p.wire(as_generate, 0, prompt_to, 0)
    p.wire(generate_t, 0, steps)
    p.wire(steps, 6, transport)  # through the gates only while following
    p.wire(steps, 5, sig_pack)
    p.wire(steps, 4, negative)
    p.wire(steps, 3, bars)
    p.wire(steps, 2, variations)
    p.wire(steps, 1, seed)
    p.wire(steps, 0, prompt)
    p.wire(prompt, 0, prompt_text)
    p.wire(prompt_text, 0, prompt_empty)
    p.wire(prompt_empty, 0, need_prompt)
    p.wire(need_prompt, 0, state)
    p.wire(prompt_empty, 1, prompt_symbol)
    p.wire(prompt_symbol, 0, prompt_to, 1)
    p.wire(prompt_to, 0, fields, 0)
    p.wire(bars, 0, fields, 1)
    p.wire(variations, 0, fields, 4)
    p.wire(seed, 0, fields, 5)
    p.wire(fields, 0, request)

    # negative prompt: appended only when there is one
    negative_text = p.obj("route text", 460, 640)
    negative_empty = p.obj("route bang", 460, 665)
    without = p.msg("1", 460, 690)
    negative_symbol = p.obj("tosymbol", 540, 690)
    negative_t = p.obj("t b s", 540, 720)
    with_ = p.msg("2", 540, 750)
    negative_field = p.msg("negative_prompt $1", 620, 750)
    choose = p.obj("gate 2 1", 400, 860)
    append = p.obj("zl join", 460, 900)
    p.wire(negative, 0, negative_text)
    p.wire(negative_text, 0, negative_empty)
    p.wire(negative_empty, 0, without)
    p.wire(without, 0, choose, 0)
    p.wire(negative_empty, 1, negative_symbol)  # one symbol first: [t s] would keep only the first word
    p.wire(negative_symbol, 0, negative_t)
    p.wire(negative_t, 1, negative_field)
    p.wire(negative_field, 0, append, 1)
    p.wire(negative_t, 0, with_)
    p.wire(with_, 0, choose, 0)
    p.wire(request, 0, choose, 1)
    p.wire(choose, 1, append, 0)

    # Transform: the take is written to a WAV file the engine can read, then sent as init_audio with
    # the strength; no length is sent, so the result is exactly as long as the take. The file is
    # ~/Music/audioldm-bridge-input-N.wav (N = 1..8, reused in turn): a folder under the user's home
    # on macOS and Windows (an allowed input root of a local engine; not one of macOS's privacy-
    # protected folders such as Documents) next to the engine's default output folder.
    transform_t = p.obj("t b b", 700, 610)
    as_transform = p.msg("2", 770, 610)
    transform_steps = p.obj("t b b b b b b", 700, 640, 200)
    transform_fields = p.obj("pack s s 0.5 1 0", 700, 800, 200)
    transform_request = p.msg("generate prompt $1 init_audio $2 strength $3 variations $4 seed $5", 700, 830, 470)
    p.wire(transform, 0, transform_t)
    p.wire(transform_t, 1, as_transform)
    p.wire(as_transform, 0, prompt_to, 0)
    p.wire(transform_t, 0, transform_steps)
    p.wire(transform_steps, 5, negative)
    p.wire(transform_steps, 4, seed)
    p.wire(transform_steps, 3, variations)
    p.wire(transform_steps, 2, strength)
    p.wire(transform_steps, 0, prompt)
    p.wire(prompt_to, 1, transform_fields, 0)
    p.wire(strength, 0, transform_fields, 2)
    p.wire(variations, 0, transform_fields, 3)
    p.wire(seed, 0, transform_fields, 4)
    p.wire(transform_fields, 0, transform_request)
    count = p.obj("i 0", 900, 660)
    count_t = p.obj("t i i", 900, 685)
    count_next = p.obj("+ 1", 970, 710)
    ring = p.obj("% 8", 900, 710)
    number = p.obj("+ 1", 900, 735)
    file_name = p.obj("sprintf symout ~:/Music/audioldm-bridge-input-%ld.wav", 900, 760, 330)
    p.wire(transform_steps, 1, count)
    p.wire(count, 0, count_t)
    p.wire(count_t, 1, count_next)
    p.wire(count_next, 0, count, 1)
    p.wire(count_t, 0, ring)
    p.chain(ring, number, file_name)
    # Max paths ("Macintosh HD:/Users/…") → the OS's own form, which the engine reads: on macOS
    # slash style relative to the boot volume (/Users/…; "native" there is the old colon style),
    # on Windows native_win absolute (C:\Users\…). The platform comes from Max's getsystem.
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
    p.wire(platform_ask, 0, platform_msg)
    p.wire(platform, 0, which_os)
    p.wire(which_os, 0, on_mac)
    p.wire(which_os, 1, on_windows)
    p.wire(on_mac, 0, by_os, 0)
    p.wire(on_windows, 0, by_os, 0)
    p.wire(file_name, 0, by_os, 1)
    p.wire(by_os, 0, mac_path)
    p.wire(by_os, 1, windows_path)
    p.wire(mac_path, 0, file_t)
    p.wire(windows_path, 0, file_t)
    p.wire(file_t, 1, write)
    p.wire(file_t, 0, transform_fields, 1)
    # the request waits for the low-priority queue, where buffer~ may defer writing the file
    after_write = p.obj("deferlow", 700, 860)
    p.wire(transform_request, 0, after_write)
    p.wire(after_write, 0, choose, 1)

    engine = p.obj(f"audioldm.client {GENERATOR_PORT}", 20, 940, 200)
    p.wire(choose, 0, engine)
    p.wire(append, 0, engine)
    cancel = p.msg("cancel", 160, 900)
    p.wire(cancel_button, 0, cancel)
    p.wire(cancel, 0, engine)
    p.wire(engine_host, 0, engine)
    p.wire(engine_port, 0, engine)

    # events
    events = p.obj("route engine id accepted started progress done error cancelled status", 20, 980, 560)
    p.wire(engine, 0, events)
    engine_show = p.msg("set engine $1", 20, 1010)
    p.chain(events, engine_show, engine_state)
    queued = p.msg("set queued at $2", 220, 1010)
    p.wire(events, 2, queued)
    p.wire(queued, 0, state)
    started = p.msg("set rendering", 340, 1010)
    p.wire(events, 3, started)
    p.wire(started, 0, state)
    progress_steps = p.obj("zl slice 1", 460, 1000)
    progress_split = p.obj("unpack 0 0", 460, 1025)
    times100 = p.obj("* 100", 460, 1050)
    divide = p.obj("/ 1", 460, 1075)
    p.wire(events, 4, progress_steps)
    p.wire(progress_steps, 1, progress_split)
    p.wire(progress_split, 1, divide, 1)
    p.wire(progress_split, 0, times100)
    p.chain(times100, divide, progress)
    # done <id> <path…>: one path per variation, listed in the take menu; the first is loaded, and
    # choosing another loads that one
    done_paths = p.obj("zl slice 1", 580, 1010)
    paths_t = p.obj("t b l b", 580, 1035)
    first_take = p.msg("0", 580, 1060)
    each_path = p.obj("zl iter 1", 640, 1060)
    add_take = p.msg("append $1", 640, 1085)
    clear_takes = p.msg("clear", 730, 1060)
    path_t = p.obj("t s s", 580, 1120)
    show_path = p.msg("set $1", 680, 1150)
    load_take = p.msg("replace $1", 580, 1150)
    take = p.obj("buffer~ audioldm.generator.take", 580, 1180, 230)
    loaded = p.msg("set ready", 820, 1210)
    p.wire(events, 5, done_paths)
    p.wire(done_paths, 1, paths_t)
    p.wire(paths_t, 2, clear_takes)
    p.wire(paths_t, 1, each_path)
    p.wire(each_path, 0, add_take)
    p.wire(paths_t, 0, first_take)
    for box in (clear_takes, add_take, first_take):
        p.wire(box, 0, takes)
    p.wire(takes, 1, path_t)
    p.wire(path_t, 1, show_path)
    p.wire(show_path, 0, path)
    p.wire(path_t, 0, load_take)
    p.wire(load_take, 0, take)
    p.wire(write, 0, take)
    choose_file = p.msg("replace", 760, 1180)  # no file name: buffer~ asks with an open dialog
    p.wire(open_file, 0, choose_file)
    p.wire(choose_file, 0, take)
    p.wire(take, 1, loaded)
    p.wire(loaded, 0, state)
    show_error = p.obj("prepend set", 720, 1010)
    p.wire(events, 6, show_error)
    p.wire(show_error, 0, error)
    failed = p.msg("set error", 840, 1040)
    p.wire(events, 6, failed)
    p.wire(failed, 0, state)
    was_cancelled = p.msg("set cancelled", 920, 1010)
    p.wire(events, 7, was_cancelled)
    p.wire(was_cancelled, 0, state)
    log = p.obj("print audioldm", 1000, 1040)
    p.wire(events, 8, log)

    # preview: play / stop / loop. groove~ plays at the speed of its [sig~]: play sets it to 1 and goes to
    # the start, stop sets it to 0 (loop 1 alone "begins playing at the current speed": silent when stopped)
    player = p.obj("groove~ audioldm.generator.take", 600, 480, 220)
    speed = p.obj("sig~ 0.", 600, 450)
    play_t = p.obj("t b b", 700, 390)
    play_speed = p.msg("1.", 760, 420)
    startloop = p.msg("startloop", 700, 420)
    stop_speed = p.msg("0.", 820, 420)
    loop_msg = p.obj("prepend loop", 860, 420)
    setup = p.obj("loadmess loopinterp 1", 860, 450)
    level = p.obj("*~ 0.5", 600, 520)
    dac_out = p.obj("dac~", 600, 550)
    p.wire(play, 0, play_t)
    p.wire(play_t, 1, play_speed)
    p.wire(play_t, 0, startloop)
    p.wire(play_speed, 0, speed)
    p.wire(stop, 0, stop_speed)
    p.wire(stop_speed, 0, speed)
    p.wire(loop, 0, loop_msg)
    for box in (startloop, loop_msg, setup):
        p.wire(box, 0, player)
    p.wire(speed, 0, player)
    p.wire(player, 0, level)
    p.wire(level, 0, dac_out, 0)
    p.wire(level, 0, dac_out, 1)
    return p


# --- audioldm.slot (one live slot, used 8 times by audioldm.live) ---------------------------------------


def slot(abstractions) -> Patch:
    """bpatcher args: slot number, reply port. In: trigger | evolve | stop | panic | bar | host <name> | port <n>"""
    p = Patch(760, 760, abstractions)
    # the visible strip (bpatcher shows 0..560 x 0..70)
    name = p.msg("slot #1", 0, 2, 60)
    prompt = p.ui("textedit", 64, 2, 300, 22, keymode=1, lines=1, text="", varname="prompt")
    bars = p.ui("number", 370, 2, 40, 22, minimum=1)
    play = p.ui("button", 415, 2, 22, 22)
    evolve = p.ui("button", 440, 2, 22, 22, varname="evolve")
    stop = p.ui("button", 465, 2, 22, 22, varname="stop")
    state = p.msg("empty", 64, 30, 300, varname="status")
    p.comment("bars · play · evolve · stop", 370, 30, 190)

    inlet = p.box("inlet", 0, 120, 30, 30, comment="trigger, evolve, stop, panic, bar, host <name>, port <n>")
    commands = p.obj("route trigger evolve stop panic bar host port", 0, 160, 300)
    p.wire(inlet, 0, commands)
    engine = p.obj("audioldm.client #2", 0, 560, 150)
    host = p.msg("host $1", 160, 520)  # the engine's address, from audioldm.live
    port = p.msg("port $1", 230, 520)
    p.wire(commands, 5, host)
    p.wire(commands, 6, port)
    p.wire(host, 0, engine)
    p.wire(port, 0, engine)

    # render: priority first, then tempo/signature, bars, a fresh seed, and the prompt last (hot)
    fields = p.obj("pack s 1 120. 4/4 live 0", 0, 480, 200)
    request = p.msg("generate prompt $1 bars $2 bpm $3 time_sig $4 priority $5 seed $6 loop 1", 0, 520, 500)
    steps = p.obj("t b b b b", 0, 360, 120)
    transport = p.obj("transport", 150, 390, 120)
    sig_text = p.obj("sprintf symout %ld/%ld", 300, 420)
    seed = p.obj("random 1000000", 150, 450)
    stored = p.obj("zl reg", 0, 420)
    to_symbol = p.obj("tosymbol", 0, 450)
    p.wire(steps, 3, transport)
    p.wire(transport, 4, fields, 2)
    p.wire(transport, 5, sig_text)
    p.wire(sig_text, 0, fields, 3)
    p.wire(steps, 2, bars)
    p.wire(bars, 0, fields, 1)
    p.wire(steps, 1, seed)
    p.wire(seed, 0, fields, 5)
    p.wire(steps, 0, stored)
    p.wire(stored, 0, to_symbol)
    p.wire(to_symbol, 0, fields, 0)
    p.chain(fields, request, engine)

    # a new prompt renders at once with live priority; evolve re-renders in the background lane
    prompt_text = p.obj("route text", 380, 120)
    prompt_empty = p.obj("route bang", 380, 150)
    prompt_symbol = p.obj("tosymbol", 450, 180)
    prompt_t = p.obj("t b s", 450, 210)
    live = p.msg("live", 450, 250)
    live_t = p.obj("t b b", 450, 280)
    background = p.msg("background", 560, 250)
    evolve_t = p.obj("t b b", 560, 280)
    p.wire(prompt, 0, prompt_text)
    p.wire(prompt_text, 0, prompt_empty)
    p.wire(prompt_empty, 1, prompt_symbol)
    p.wire(prompt_symbol, 0, prompt_t)
    p.wire(prompt_t, 1, stored, 1)
    p.wire(prompt_t, 0, live_t)
    p.wire(live_t, 1, live)
    p.wire(live, 0, fields, 4)
    p.wire(live_t, 0, steps)
    p.wire(commands, 1, evolve_t)
    p.wire(evolve, 0, evolve_t)
    p.wire(evolve_t, 1, background)
    p.wire(background, 0, fields, 4)
    p.wire(evolve_t, 0, steps)
    load_bars = p.obj("loadmess 1", 700, 120)
    p.wire(load_bars, 0, bars)

    # events → state; a finished take loads into the idle buffer and waits for the next bar
    events = p.obj("route accepted progress done error cancelled", 0, 600, 330)
    p.wire(engine, 0, events)
    queued = p.msg("set queued", 0, 630)
    rendering = p.msg("set rendering $2 of $3", 100, 630)
    failed = p.obj("prepend set error", 250, 660)
    cancelled = p.msg("set cancelled", 380, 630)
    p.wire(events, 0, queued)
    p.wire(events, 1, rendering)
    p.wire(events, 3, failed)
    p.wire(events, 4, cancelled)
    for box in (queued, rendering, failed, cancelled):
        p.wire(box, 0, state)
    first_path = p.obj("zl mth 1", 0, 690)
    path_t = p.obj("t s b", 0, 720)
    idle = p.obj("i 0", 120, 750)  # 0: next take goes to buffer a, 1: to buffer b
    which = p.obj("+ 1", 120, 780)
    replace = p.msg("replace $1", 0, 780)
    to_buffer = p.obj("gate 2 1", 0, 820)
    buffer_a = p.obj("buffer~ #0-a", 0, 860, 120)
    buffer_b = p.obj("buffer~ #0-b", 140, 860, 120)
    p.wire(events, 2, first_path)
    p.wire(first_path, 0, path_t)
    p.wire(path_t, 1, idle)
    p.wire(idle, 0, which)
    p.wire(which, 0, to_buffer, 0)
    p.wire(path_t, 0, replace)
    p.wire(replace, 0, to_buffer, 1)
    p.wire(to_buffer, 0, buffer_a)
    p.wire(to_buffer, 1, buffer_b)
    a_ready = p.obj("t b b b", 0, 900)
    b_ready = p.obj("t b b b", 140, 900)
    use_a = p.msg("set #0-a", 0, 940)
    use_b = p.msg("set #0-b", 140, 940)
    next_b = p.msg("1", 60, 930)
    next_a = p.msg("0", 200, 930)
    pending = p.obj("zl reg", 0, 980)
    open_swap = p.msg("1", 280, 940)
    ready = p.msg("set ready", 360, 940)
    p.wire(buffer_a, 1, a_ready)
    p.wire(buffer_b, 1, b_ready)
    p.wire(a_ready, 2, next_b)
    p.wire(next_b, 0, idle, 1)
    p.wire(a_ready, 1, use_a)
    p.wire(b_ready, 2, next_a)
    p.wire(next_a, 0, idle, 1)
    p.wire(b_ready, 1, use_b)
    p.wire(use_a, 0, pending, 1)
    p.wire(use_b, 0, pending, 1)
    swap_gate = p.obj("gate", 280, 1010)
    p.wire(a_ready, 0, open_swap)
    p.wire(b_ready, 0, open_swap)
    p.wire(open_swap, 0, swap_gate, 0)
    p.wire(a_ready, 0, ready)
    p.wire(b_ready, 0, ready)
    p.wire(ready, 0, state)

    # bar-quantized launch: trigger arms, the next bar starts the loop; a new take swaps in at a bar
    arm_gate = p.obj("gate", 420, 1010)
    arm = p.msg("1", 420, 980)
    p.wire(commands, 0, arm)
    p.wire(play, 0, arm)
    p.wire(arm, 0, arm_gate, 0)
    bar_t = p.obj("t b b", 360, 1050)
    p.wire(commands, 4, bar_t)
    p.wire(bar_t, 1, swap_gate, 1)
    p.wire(bar_t, 0, arm_gate, 1)
    swap_t = p.obj("t b b b", 280, 1090)
    close_swap = p.msg("0", 380, 1120)
    p.wire(swap_gate, 0, swap_t)
    p.wire(swap_t, 2, close_swap)
    p.wire(close_swap, 0, swap_gate, 0)
    p.wire(swap_t, 1, pending)
    playing_gate = p.obj("gate", 280, 1150)
    p.wire(swap_t, 0, playing_gate, 1)
    start_t = p.obj("t b b b b", 420, 1090)
    p.wire(arm_gate, 0, start_t)
    close_arm = p.msg("0", 520, 1120)
    p.wire(start_t, 3, close_arm)
    p.wire(close_arm, 0, arm_gate, 0)
    now_playing = p.msg("1", 470, 1150)
    p.wire(start_t, 2, now_playing)
    p.wire(now_playing, 0, playing_gate, 0)
    startloop = p.msg("startloop", 420, 1190)
    p.wire(start_t, 0, startloop)
    p.wire(playing_gate, 0, startloop)
    # silent until its note: groove~ plays at the speed of the [sig~] in its left inlet — 0 until a start,
    # back to 0 on stop — and "loop 1" (which "goes to the beginning of the loop and begins playing at
    # the current speed") only sets it looping at speed 0
    player = p.obj("groove~ #0-a", 280, 1230, 120)
    p.wire(pending, 0, player)
    p.wire(startloop, 0, player)
    setup = p.msg("loop 1, loopinterp 1", 450, 1230)
    setup_load = p.obj("loadbang", 450, 1200)
    p.wire(setup_load, 0, setup)
    p.wire(setup, 0, player)
    speed = p.obj("sig~ 0.", 280, 1200)
    p.wire(speed, 0, player)
    play_speed = p.msg("1.", 560, 1150)
    p.wire(start_t, 1, play_speed)
    p.wire(play_speed, 0, speed)
    level = p.obj("*~ 0.5", 280, 1270)
    out = p.obj("dac~", 280, 1300)
    p.wire(player, 0, level)
    p.wire(level, 0, out, 0)
    p.wire(level, 0, out, 1)

    # stop: playback stops now (speed 0) and stays stopped; the take is kept, a trigger starts it again.
    # panic also cancels the render — the client sends cancel only while its job runs, so a finished
    # take or an empty slot sends nothing and keeps its state
    stop_t = p.obj("t b b b", 620, 1050)
    p.wire(commands, 2, stop_t)
    p.wire(stop, 0, stop_t)
    not_playing = p.msg("0", 620, 1090)
    disarm = p.msg("0", 660, 1090)
    halt = p.msg("0.", 700, 1150)
    p.wire(stop_t, 2, not_playing)
    p.wire(not_playing, 0, playing_gate, 0)
    p.wire(stop_t, 1, disarm)
    p.wire(disarm, 0, arm_gate, 0)
    p.wire(stop_t, 0, halt)
    p.wire(halt, 0, speed)
    panic_t = p.obj("t b b", 700, 1010)
    cancel = p.msg("cancel", 760, 1050)
    p.wire(commands, 3, panic_t)
    p.wire(panic_t, 1, cancel)
    p.wire(cancel, 0, engine)
    p.wire(panic_t, 0, stop_t)
    return p


# --- audioldm.live --------------------------------------------------------------------------------------


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


def engine_controls(p: Patch, x, y) -> tuple[str, str]:
    """The engine's host (Return sends it) and OSC port, as ``host <name>`` / ``port <n>`` messages for
    audioldm.client (defaults shown: the client's own)."""
    p.comment("engine host", x, y, 90)
    host = p.ui("textedit", x, y + 20, 110, 22, keymode=1, lines=1, text="127.0.0.1", varname="host")
    p.comment("port", x + 120, y, 50)
    port = p.ui("number", x + 120, y + 20, 60, 22, minimum=1, maximum=65535, varname="port")
    shown = p.obj(f"loadmess set {ENGINE_PORT}", x + 190, y + 20)
    p.wire(shown, 0, port)
    host_text = p.obj("route text", x, y + 50)
    host_typed = p.obj("route bang", x, y + 75)  # an empty box sends nothing
    host_msg = p.obj("prepend host", x, y + 100)
    port_msg = p.msg("port $1", x + 120, y + 100)
    p.wire(host, 0, host_text)
    p.wire(host_text, 0, host_typed)
    p.wire(host_typed, 1, host_msg)
    p.wire(port, 0, port_msg)
    return host_msg, port_msg


# --- help patches ---------------------------------------------------------------------------------------


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
              "ready | absent (ping on load and on host/port), status <key value…>.", 20, 480, 860, 50)
    p.comment("On the wire: /audioldm/generate <field value…> id <job id> reply_port PORT, "
              "/audioldm/cancel <job id> reply_port PORT, /audioldm/ping reply_port PORT, "
              "/audioldm/status reply_port PORT → replies /audioldm/accepted, /started, /progress, /done, "
              "/error, /cancelled, /pong, /status (docs/PROTOCOL.md).", 20, 540, 860, 60)
    p.comment("Prompts go as one symbol (quotes here; [route text] → [tosymbol] from a textedit); numbers as "
              "ints and 32-bit floats. Ids are j-<n>-<port>-<session>, new for every request; a reply is the "
              "latest job's when [fromsymbol @separator -] of its id gives this load's session and the "
              "latest n.", 20, 610, 860, 50)
    return p


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
    p.wire(platform_ask, 0, platform_msg)
    p.wire(platform, 0, which_os)
    p.wire(which_os, 0, on_mac)
    p.wire(which_os, 1, on_windows)
    p.wire(on_mac, 0, by_os, 0)
    p.wire(on_windows, 0, by_os, 0)
    p.wire(source, 0, by_os, 1)
    p.wire(by_os, 0, mac_path)
    p.wire(by_os, 1, windows_path)
    p.wire(mac_path, 0, file_t)
    p.wire(windows_path, 0, file_t)
    p.wire(file_t, 1, write)
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
              "send nothing). engine host/port: where the engine runs. Slots listen on ports 7411–7418 and show "
              "empty / queued / rendering n of N / ready / cancelled / error.", 20, 10, 860, 90)
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
    strip = p.bpatcher("audioldm.slot", [1, 7431], 20, 380, 560, 56)
    p.wire(trigger, 0, strip)
    p.wire(bar, 0, strip)
    p.box("ezdac~", 620, 380, 45, 45)
    return p


PACKAGE_INFO = {
    "author": "audioldm-bridge developers",
    "description": "Text-to-audio (AudioLDM) in Max: a generator and a live-performance patch talking to the "
                   "audioldm-bridge engine over OSC.",
    "homepatcher": "audioldm.generator.maxpat",
    "max_version_min": "8.0",
    "name": "audioldm-bridge",
    "os": {"macintosh": {"platform": ["ia32", "x64", "aarch64"], "min_version": "none"},
           "windows": {"platform": ["x64"], "min_version": "none"}},
    "package_extra": {"reverse_domain": "org.audioldm-bridge", "copyright": "MIT (patches)"},
    "tags": ["audio", "generative", "osc", "AI"],
    "version": [0, 1, 0],
    "website": "",
}


def build() -> dict[Path, str]:
    files: dict[Path, str] = {}
    abstractions: dict = {}

    def write(rel: str, patch: Patch) -> None:
        files[PACKAGE / rel] = json.dumps(patch.to_json(), indent=1) + "\n"

    c = client()
    abstractions["audioldm.client"] = c.ports()
    write("patchers/audioldm.client.maxpat", c)
    s = slot(abstractions)
    abstractions["audioldm.slot"] = s.ports()
    write("patchers/audioldm.slot.maxpat", s)
    g = generator(abstractions)
    abstractions["audioldm.generator"] = g.ports()
    write("patchers/audioldm.generator.maxpat", g)
    lv = live(abstractions)
    abstractions["audioldm.live"] = lv.ports()
    write("patchers/audioldm.live.maxpat", lv)
    write("help/audioldm.client.maxhelp", client_help(abstractions))
    write("help/audioldm.generator.maxhelp", generator_help(abstractions))
    write("help/audioldm.live.maxhelp", live_help(abstractions))
    write("help/audioldm.slot.maxhelp", slot_help(abstractions))
    files[PACKAGE / "package-info.json"] = json.dumps(PACKAGE_INFO, indent=1) + "\n"
    return files


def slot_help(abstractions) -> Patch:
    p = Patch(900, 300, abstractions)
    p.comment("audioldm.slot N PORT — one slot of audioldm.live (used there as a bpatcher). In: trigger "
              "(start at the next bar), evolve, stop (the take is kept), panic (stop, and cancel the render if "
              "it still runs), bar (the bar clock), host <name> / port <n> (the engine's address).",
              20, 10, 860, 40)
    strip = p.bpatcher("audioldm.slot", [1, 7430], 20, 120, 560, 56)
    for i, text in enumerate(["trigger", "evolve", "stop", "panic", "bar", "host 127.0.0.1", f"port {ENGINE_PORT}"]):
        box = p.msg(text, 20 + 80 * i, 70)
        p.wire(box, 0, strip)
    return p


def main() -> None:
    for path, text in build().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
