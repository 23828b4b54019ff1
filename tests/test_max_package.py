"""The Max package (max_patches/audioldm-bridge): every patch is a valid patcher, every OSC message
the patches can send is accepted by the running engine, and the generator's Generate path — run
from the patch's own objects by a small evaluator (tests/maxsim.py) — gets a file of exactly the
asked length back on the patch's reply port."""

from __future__ import annotations

import json
import re
import socket
import tempfile
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from pythonosc.dispatcher import Dispatcher
from pythonosc.osc_message import OscMessage
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.osc_server import BlockingOSCUDPServer

from bridge import protocol
from bridge.osc_transport import to_osc
from bridge.service import ServiceConfig, serving
from engine.render import Engine

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "max_patches" / "audioldm-bridge"
PATCHERS = PACKAGE / "patchers"
sys.path.insert(0, str(REPO / "max_patches" / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402
import maxsim  # noqa: E402
from maxobjects import shape  # noqa: E402
from maxsim import BANG, Msg, Runtime, parse, symbol  # noqa: E402

PATCH_FILES = sorted(PACKAGE.glob("patchers/*.maxpat")) + sorted(PACKAGE.glob("help/*.maxhelp"))
ABSTRACTIONS = {p.stem for p in PACKAGE.glob("patchers/*.maxpat")}
PROMPT = "warm analog pad"  # what a textedit → [route text] → [tosymbol] delivers: one symbol
RENDER_TIMEOUT = 240  # seconds: a few on an idle machine; generous for a CI box shared with others


def boxes_of(path: Path) -> list[dict]:
    return [b["box"] for b in json.loads(path.read_text(encoding="utf-8"))["patcher"]["boxes"]]


def lines_of(path: Path) -> list[dict]:
    return [line["patchline"] for line in json.loads(path.read_text(encoding="utf-8"))["patcher"]["lines"]]


def abstraction_ports(name: str) -> tuple[int, int]:
    kinds = [b["maxclass"] for b in boxes_of(PATCHERS / f"{name}.maxpat")]
    return kinds.count("inlet"), kinds.count("outlet")


# --- the package on disk ---------------------------------------------------------------------------------


def test_package_layout_and_info():
    info = json.loads((PACKAGE / "package-info.json").read_text())
    assert info["name"] == PACKAGE.name == "audioldm-bridge"
    assert (PATCHERS / info["homepatcher"]).is_file()
    assert {"author", "description", "version", "max_version_min", "os", "tags"} <= set(info)
    for patcher in PACKAGE.glob("patchers/*.maxpat"):
        assert (PACKAGE / "help" / f"{patcher.stem}.maxhelp").is_file(), f"no help for {patcher.name}"
    assert (PACKAGE / "docs" / "README.md").is_file()
    assert {p.stem for p in PACKAGE.glob("patchers/*")} == {
        "audioldm.client", "audioldm.generator", "audioldm.live", "audioldm.slot"}


def test_committed_patches_are_what_the_builder_writes():
    for path, text in build.build().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} differs: run max_patches/tools/build.py"


def patch_problems(data: dict) -> list[str]:
    """What is wrong with a patcher: structure, ids, each box's shape against Max's documented
    inlets/outlets, each patch cord's ends, abstractions that are not in the package."""
    problems = []
    patcher = data.get("patcher", {})
    missing = {"fileversion", "appversion", "rect", "boxes", "lines"} - set(patcher)
    if missing:
        return [f"not a patcher: no {sorted(missing)}"]
    boxes = [b["box"] for b in patcher["boxes"]]
    ids = [b["id"] for b in boxes]
    problems += [f"duplicate box id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    by_id = {b["id"]: b for b in boxes}
    for box in boxes:
        label = f"[{box.get('text', box['maxclass'])}]"
        name = box.get("text", "").split(" ")[0]
        if box["maxclass"] == "bpatcher":
            name = box["name"].removesuffix(".maxpat")
        if box["maxclass"] == "bpatcher" or (box["maxclass"] == "newobj" and name in ABSTRACTIONS):
            if name not in ABSTRACTIONS:
                problems.append(f"{label} names {name}, which is not in the package")
                continue
            expected = abstraction_ports(name)
            actual = (box["numinlets"], box["numoutlets"])
        else:
            try:
                inlets, outlettype = shape(box["maxclass"], box.get("text", ""))  # Max's documented shape
            except KeyError:
                problems.append(f"{label}: neither a documented Max object nor an abstraction in the package")
                continue
            expected = (inlets, outlettype)
            actual = (box["numinlets"], box.get("outlettype", []))
            if box["numoutlets"] != len(box.get("outlettype", [])):
                problems.append(f"{label}: numoutlets {box['numoutlets']} but {len(box.get('outlettype', []))} types")
        if actual != expected:
            problems.append(f"{label}: (inlets, outlets) {actual}, documented {expected}")
    for line in (line["patchline"] for line in patcher["lines"]):
        (src, outlet), (dst, inlet) = line["source"], line["destination"]
        if src not in by_id or dst not in by_id:
            problems.append(f"cord {src} → {dst}: no such box")
        elif not 0 <= outlet < by_id[src]["numoutlets"]:
            problems.append(f"cord from [{by_id[src].get('text', by_id[src]['maxclass'])}] outlet {outlet}: no such outlet")
        elif not 0 <= inlet < by_id[dst]["numinlets"]:
            problems.append(f"cord to [{by_id[dst].get('text', by_id[dst]['maxclass'])}] inlet {inlet}: no such inlet")
    wired = {end for line in patcher["lines"] for end in (line["patchline"]["source"][0], line["patchline"]["destination"][0])}
    problems += [f"[{b['text']}] is not wired" for b in boxes if b["maxclass"] == "newobj" and b["id"] not in wired]
    return problems


@pytest.mark.parametrize("path", PATCH_FILES, ids=lambda p: p.name)
def test_every_patch_is_a_valid_patcher(path):
    assert patch_problems(json.loads(path.read_text(encoding="utf-8"))) == []


def test_the_patch_check_finds_what_max_would_trip_over():
    data = json.loads((PATCHERS / "audioldm.generator.maxpat").read_text(encoding="utf-8"))
    boxes = {b["box"].get("text", b["box"]["id"]): b["box"] for b in data["patcher"]["boxes"]}
    boxes["transport"]["numoutlets"], boxes["transport"]["outlettype"] = 8, boxes["transport"]["outlettype"][:8]
    boxes["route text"]["numinlets"] = 1  # as Max 4 saved it; Max 7+ gives [route text] 2
    boxes["audioldm.client 7401"]["text"] = "audioldm.clinet 7401"
    data["patcher"]["boxes"].append({"box": dict(boxes["tosymbol"])})
    data["patcher"]["lines"].append({"patchline": {"source": [boxes["tosymbol"]["id"], 1],
                                                   "destination": [boxes["tosymbol"]["id"], 0]}})
    problems = "\n".join(patch_problems(data))
    assert "[transport]: (inlets, outlets)" in problems and "[route text]: (inlets, outlets) (1" in problems
    assert "[audioldm.clinet 7401]: neither a documented Max object nor an abstraction" in problems
    assert f"duplicate box id {boxes['tosymbol']['id']}" in problems
    assert "cord from [tosymbol] outlet 1: no such outlet" in problems


def test_py2max_reads_every_patch_and_its_linter_finds_no_error_and_no_overlap():
    py2max = pytest.importorskip("py2max")
    from py2max.lint import lint

    for path in PATCH_FILES:
        patcher = py2max.Patcher.from_file(str(path))
        problems = [f for f in lint(patcher) if f.severity == "error" or f.code == "W-OVERLAP"]
        assert not problems, f"{path.name}: {problems}"


def test_routes_cover_exactly_what_the_engine_sends():
    routed = {arg for path in PATCH_FILES for box in boxes_of(path)
              if box.get("text", "").startswith("route ") for arg in box["text"].split()[1:] if arg.startswith("/")}
    samples = {"accepted": {"position": 1}, "progress": {"step": 1, "total": 10}, "done": {"paths": ["/x.wav"]},
               "error": {"code": "busy", "message": "m"}, "status": {}}
    sent = {to_osc({"event": kind, "id": "j1", **samples.get(kind, {})})[0] for kind in protocol.EVENTS}
    assert routed <= sent, f"the patches route addresses the engine never sends: {routed - sent}"
    assert sent <= routed, f"engine events no patch routes: {sent - routed}"


def test_the_patches_send_the_four_request_addresses_and_nothing_else():
    """Where an OSC address can come from: a message box starting with it, or a [prepend] adding it."""
    addresses = set()
    for path in PATCH_FILES:
        for box in boxes_of(path):
            atoms = parse(box.get("text", "")) if box["maxclass"] in ("message", "newobj") else []
            if box["maxclass"] == "message" and atoms and str(atoms[0]).startswith("/"):
                addresses.add(atoms[0])
            elif box["maxclass"] == "newobj" and atoms[:1] == ["prepend"] and str(atoms[1]).startswith("/"):
                addresses.add(atoms[1])
            elif box["maxclass"] == "newobj" and atoms[:1] == ["udpsend"]:
                assert atoms[1:] == ["127.0.0.1", 18000] and path.name == "audioldm.client.maxpat", path.name
    # fetch streams file bytes: a ZeroMQ-only op, never sent over OSC
    assert addresses == {f"/audioldm/{op}" for op in protocol.OPS if op not in ("fetch", "upload")}  # each is sent to the engine below


# --- the evaluator against Max's documented behaviour -----------------------------------------------------


def run_mini(tmp_path, build_patch) -> tuple[Runtime, maxsim.Patcher, list]:
    patch = build.Patch()
    sink = build_patch(patch)
    (tmp_path / "mini.maxpat").write_text(json.dumps(patch.to_json()))
    rt = Runtime(tmp_path)
    patcher = rt.load("mini.maxpat")
    return rt, patcher, sink


def captured(patcher, box_id) -> list:
    """Everything that reached box_id (a [print] as a probe)."""
    return [msg for _, msg in patcher.objects[box_id].received]


def test_evaluator_message_box_dollar_args_comma_and_set(tmp_path):
    def mini(p):
        box = p.msg("replace $1", 20, 20)
        two = p.msg("set rendering $1 of $2", 20, 60)
        comma = p.msg("loop 1, loopinterp 1", 20, 100)
        probe = p.obj("print probe", 20, 200)
        for b in (box, two, comma):
            p.wire(b, 0, probe)
        return [box, two, comma, probe]

    rt, patcher, (box, two, comma, probe) = run_mini(tmp_path, mini)
    patcher.objects[box].receive(0, symbol("/a b/take.wav"))  # a symbol with spaces stays one atom
    patcher.objects[two].receive(0, Msg("list", (3, 10)))
    patcher.objects[box].receive(0, BANG)  # $1 keeps its last value
    patcher.objects[comma].receive(0, BANG)
    patcher.objects[two].receive(0, Msg("set", ("x",)))  # set: no output
    assert captured(patcher, probe) == [Msg("replace", ("/a b/take.wav",)), Msg("set", ("rendering", 3, "of", 10)),
                                            Msg("replace", ("/a b/take.wav",)), Msg("loop", (1,)),
                                            Msg("loopinterp", (1,))]
    assert patcher.objects[two].text == "x"
    fresh = maxsim.Message(patcher, {"id": "x", "maxclass": "message", "text": "$1 $2"})
    fresh.out = lambda outlet, msg: setattr(fresh, "last", msg)
    fresh.receive(0, Msg("int", (5,)))
    assert fresh.last == Msg("list", (5, 0))  # "the value of a changeable argument is initially 0"


def test_evaluator_trigger_fires_right_to_left_and_fanout_by_position(tmp_path):
    def mini(p):
        t = p.obj("t b i s", 20, 20)
        probe = p.obj("print probe", 20, 200)
        for i in range(3):
            p.wire(t, i, probe)
        source = p.ui("button", 300, 20)
        left = p.msg("left", 300, 100)
        right = p.msg("right", 500, 100)
        p.wire(source, 0, left)
        p.wire(source, 0, right)
        p.wire(left, 0, probe)
        p.wire(right, 0, probe)
        return [t, source, probe]

    rt, patcher, (t, source, probe) = run_mini(tmp_path, mini)
    patcher.objects[t].receive(0, Msg("foo", ()))
    patcher.objects[source].receive(0, BANG)
    assert captured(patcher, probe) == [symbol("foo"), Msg("int", (0,)), BANG, Msg("right"), Msg("left")]


def test_evaluator_textedit_route_tosymbol_and_the_sprintf_pitfall(tmp_path):
    def mini(p):
        text = p.ui("textedit", 20, 20, 200, 40)
        route = p.obj("route text", 20, 80)
        to_symbol = p.obj("tosymbol", 20, 110)
        first_word = p.obj("sprintf symout %s", 200, 110)
        prepend = p.obj("prepend prompt", 400, 110)
        probe = p.obj("print probe", 20, 200)
        p.wire(text, 0, route)
        for b in (to_symbol, first_word, prepend):
            p.wire(route, 0, b)
            p.wire(b, 0, probe)
        return [text, probe]

    rt, patcher, (text, probe) = run_mini(tmp_path, mini)
    patcher.objects[text].type(PROMPT)
    patcher.objects[text].receive(0, BANG)
    # fan-out right to left: prepend (x 400), sprintf (x 200), tosymbol (x 20)
    assert captured(patcher, probe) == [Msg("prompt", ("warm", "analog", "pad")), symbol("warm"), symbol(PROMPT)]


def test_evaluator_pack_hot_and_cold_and_route_rest(tmp_path):
    def mini(p):
        pack = p.obj("pack s 2 120. 4/4", 20, 20)
        route = p.obj("route done generate", 300, 20)
        probe = p.obj("print probe", 20, 200)
        p.wire(pack, 0, probe)
        for i in range(3):
            p.wire(route, i, probe)
        return [pack, route, probe]

    rt, patcher, (pack, route, probe) = run_mini(tmp_path, mini)
    patcher.objects[pack].receive(2, Msg("int", (100,)))  # cold, converted to the slot's float
    patcher.objects[pack].receive(3, symbol("7/8"))
    patcher.objects[pack].receive(0, symbol(PROMPT))  # hot
    patcher.objects[route].receive(0, Msg("done", ("/x.wav",)))
    patcher.objects[route].receive(0, Msg("generate", ()))
    patcher.objects[route].receive(0, Msg("list", (1, 2)))
    assert captured(patcher, probe) == [Msg("list", (PROMPT, 2, 100.0, "7/8")), Msg("/x.wav", ()), BANG,
                                            Msg("list", (1, 2))]


def test_parse_quotes_numbers_commas():
    assert parse('generate prompt "warm analog pad" bars 2 bpm 100. time_sig 4/4, x') == [
        "generate", "prompt", "warm analog pad", "bars", 2, "bpm", 100.0, "time_sig", "4/4", ",", "x"]


def test_evaluator_semicolon_messages_getsystem_deferlow_conformpath(tmp_path):
    def mini(p):
        ask = p.msg("; max getsystem os.here; other hello", 20, 20, 300)
        heard = p.obj("r os.here", 20, 60)
        other = p.obj("r other", 200, 60)
        probe = p.obj("print probe", 20, 200)
        later = p.obj("deferlow", 300, 100)
        now = p.msg("now", 400, 100)
        button = p.ui("button", 300, 20)
        convert = p.obj("conformpath slash boot", 500, 20, 150)
        ring = p.obj("% 8", 500, 60)
        p.wire(heard, 0, probe)
        p.wire(other, 0, probe)
        p.wire(button, 0, later)
        p.wire(button, 0, now)
        p.wire(later, 0, probe)
        p.wire(now, 0, probe)
        p.wire(convert, 0, probe)
        p.wire(ring, 0, probe)
        return [ask, button, convert, ring, probe]

    rt, patcher, (ask, button, convert, ring, probe) = run_mini(tmp_path, mini)
    rt.folders = {"~:": "/Users/me"}
    patcher.objects[ask].receive(0, BANG)  # to receivers, nothing out of the box's outlet
    patcher.objects[button].receive(0, BANG)
    assert captured(patcher, probe)[-1] == Msg("now")  # the deferred bang waits for the event to end
    rt.idle()
    patcher.objects[convert].receive(0, Msg("~:/Music/x y.wav"))  # a Max path prefix
    patcher.objects[convert].receive(0, symbol("Macintosh HD:/Users/me/a.wav"))  # the boot volume
    patcher.objects[ring].receive(0, Msg("int", (11,)))
    assert captured(patcher, probe) == [symbol("macintosh"), Msg("hello"), Msg("now"), BANG,
                                        symbol("/Users/me/Music/x y.wav"), symbol("/Users/me/a.wav"), Msg("int", (3,))]
    assert parse("; max getsystem os") == [";", "max", "getsystem", "os"]


# --- against the running engine ------------------------------------------------------------------------


class Listener:
    def __init__(self, port: int = 0):
        self.messages: list = []
        dispatcher = Dispatcher()
        dispatcher.set_default_handler(lambda address, *args: self.messages.append((address, *args)))
        self.server = BlockingOSCUDPServer(("127.0.0.1", port), dispatcher)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def wait(self, predicate, timeout=30.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = [m for m in self.messages if predicate(m)]
            if found:
                return found
            time.sleep(0.01)
        raise AssertionError(f"no matching reply in {timeout} s; got {self.messages}")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def engine_service(tiny_components, tmp_path):
    with serving(Engine(tiny_components), ServiceConfig.on_free_ports(tmp_path / "out", max_batch=8, allow_out=(Path(tempfile.gettempdir()),)),
                 shutdown_grace_s=5) as svc:
        yield svc


def send_osc(port: int, address: str, atoms) -> None:
    builder = OscMessageBuilder(address=address)
    for atom in atoms:  # as [udpsend] does: ints i, floats 32-bit f, symbols s
        builder.add_arg(atom, "i" if isinstance(atom, int) else "f" if isinstance(atom, float) else "s")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(builder.build().dgram, ("127.0.0.1", port))


def wired_into(path: Path, box_id: str, inlet: int) -> list[dict]:
    by_id = {b["id"]: b for b in boxes_of(path)}
    return [by_id[line["source"][0]] for line in lines_of(path) if line["destination"] == [box_id, inlet]]


def generate_templates(init_audio: str) -> list[tuple[str, list]]:
    """Every generate request a patch can form, filled the way Max fills it.

    A caller's message box ``generate … $n …`` is filled from the [pack] wired into it (its typed
    arguments, an ``s`` slot given the prompt as one symbol — or, after ``init_audio``, the
    absolute path of an existing sound file, as the Transform path makes it — each literal message
    wired into a slot as an alternative); literal ``generate …`` boxes (help) are parsed as Max
    parses them.
    """
    found = []
    for path in PATCH_FILES:
        for box in boxes_of(path):
            if box["maxclass"] != "message" or not box["text"].startswith("generate "):
                continue
            template = parse(box["text"])[1:]
            if not any(isinstance(a, str) and a.startswith("$") for a in template):
                found.append((f"{path.name}: {box['text']}", template))
                continue
            [pack] = [b for b in wired_into(path, box["id"], 0) if b["text"].startswith("pack ")]
            defaults = [PROMPT if a == "s" else a for a in parse(pack["text"])[1:]]
            for key, value in zip(template, template[1:]):
                if key == "init_audio":
                    defaults[int(value[1]) - 1] = init_audio
            variants = [defaults]
            for slot in range(len(defaults)):
                for source in wired_into(path, pack["id"], slot):
                    if source["maxclass"] == "message":
                        variants.append(defaults[:slot] + parse(source["text"]) + defaults[slot + 1:])
            for values in variants:
                filled = [values[int(a[1]) - 1] if isinstance(a, str) and a.startswith("$") else a for a in template]
                found.append((f"{path.name}: {box['text']} ← {values}", filled))
                negative = [b for b in boxes_of(path) if b.get("text") == "negative_prompt $1"]
                if negative and values is defaults:
                    found.append((f"{path.name}: + negative_prompt", filled + ["negative_prompt", "muddy, distorted"]))
    return found


def client_box(text_start: str) -> dict:
    [box] = [b for b in boxes_of(PATCHERS / "audioldm.client.maxpat") if b.get("text", "").startswith(text_start)]
    return box


def fill(atoms: list, job_id, port: int) -> list:
    """A client message template filled as Max fills it: the value after ``reply_port`` is the client's
    port, ``$1`` anywhere else the job id."""
    return [port if i and atoms[i - 1] == "reply_port" else job_id if a == "$1" else a for i, a in enumerate(atoms)]


def client_tail(port: int, n: int) -> list:
    """``id $1 reply_port $2`` filled: the id as the client's [sprintf symout] makes it."""
    fmt = client_box("sprintf symout").get("text").split(" ", 2)[2]
    job_id = fmt.replace("%ld", "{}").format(n, port, 424242)
    return fill(parse(client_box("id $1 reply_port").get("text")), job_id, port)


def test_every_generate_request_the_patches_form_is_accepted(engine_service, tmp_path):
    listener = Listener()
    take = tmp_path / "Max 9" / "audioldm-bridge-input-1.wav"  # a space: the path stays one OSC string
    take.parent.mkdir()
    sf.write(take, np.zeros(8000, dtype=np.float32), 16000)
    try:
        address = client_box("prepend /audioldm/").get("text").split()[1]
        templates = generate_templates(str(take))
        # generator Generate (+negative) and Transform, slot live/background, three help examples
        assert len(templates) >= 8 and any("init_audio" in fields for _, fields in templates)
        sent = {}
        for n, (where, fields) in enumerate(templates, start=1):
            atoms = fields + client_tail(listener.port, n)
            sent[atoms[atoms.index("id") + 1]] = where
            send_osc(engine_service.transports["osc"].port, address, atoms)
        for job_id, where in sent.items():
            [reply] = listener.wait(lambda m: len(m) > 1 and m[1] == job_id)[:1]
            assert reply[0] == "/audioldm/accepted", f"{where}: {reply}"
        for job_id in sent:  # accepted is the point; rendering them all would only cost time
            engine_service.cancel(job_id, ("osc", "127.0.0.1", listener.port))
    finally:
        listener.close()


def test_ping_and_status_templates_are_accepted(engine_service):
    listener = Listener()
    engine_service.transports["osc"].reply_port = listener.port  # today's engine answers these on its default port
    try:
        for text, reply in (("/audioldm/ping", "/audioldm/pong"), ("/audioldm/status", "/audioldm/status")):
            atoms = parse(client_box(text).get("text"))
            send_osc(engine_service.transports["osc"].port, atoms[0], fill(atoms[1:], None, listener.port))
            listener.wait(lambda m: m[0] == reply)
        assert not [m for m in listener.messages if m[0] == "/audioldm/error"]
    finally:
        listener.close()


def test_cancel_ping_status_reply_on_the_clients_port(engine_service):
    listener = Listener()
    try:
        port = engine_service.transports["osc"].port
        send_osc(port, "/audioldm/generate", ["prompt", "blocker", "seconds", 0.5, "steps", 500, "id", "b1",
                                              "reply_port", listener.port])
        listener.wait(lambda m: m[0] == "/audioldm/started")
        for text in ("/audioldm/cancel", "/audioldm/ping", "/audioldm/status"):
            atoms = parse(client_box(text).get("text"))
            send_osc(port, atoms[0], fill(atoms[1:], "b1", listener.port))
        for reply in ("/audioldm/cancelled", "/audioldm/pong", "/audioldm/status"):
            listener.wait(lambda m: m[0] == reply, timeout=2)
        assert not [m for m in listener.messages if m[0] == "/audioldm/error"]
    finally:
        engine_service.cancel("b1", ("osc", "127.0.0.1", listener.port))
        listener.close()


# --- the generator's Generate path, run from the patch's own objects ---------------------------------------


@pytest.fixture
def max_runtime(engine_service):
    rt = Runtime(PATCHERS, tempo=100.0, time_signature=(4, 4),
                 engine_address=("127.0.0.1", engine_service.transports["osc"].port))
    yield rt
    rt.close()


def test_generator_generate_path_gets_exactly_two_bars_at_100_bpm(max_runtime, engine_service):
    rt = max_runtime
    engine_service.transports["osc"].reply_port = 9  # the default port is not the patch's: only reply_port reaches it
    generator = rt.load("audioldm.generator.maxpat")
    prompt, negative = generator.named("prompt"), generator.named("negative")
    prompt.type(PROMPT)
    generator.named("generate").receive(0, BANG)  # a click on Generate

    [(address, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    fields = dict(zip(args[::2], args[1::2]))
    assert fields["prompt"] == PROMPT and fields["bars"] == 2 and fields["bpm"] == 100.0
    assert fields["time_sig"] == "4/4" and fields["reply_port"] == 7401 and "negative_prompt" not in fields
    assert isinstance(fields["bpm"], float) and isinstance(fields["bars"], int)  # sent as f and i

    take = generator.one(text="buffer~ audioldm.generator.take")
    assert rt.pump(lambda: take.frames is not None, timeout=RENDER_TIMEOUT), "no /audioldm/done reached the patch"
    assert take.frames == 2 * 4 * 60 * 48000 // 100 == 230400
    assert json.loads(Path(take.file).with_suffix(".json").read_text())["prompt"] == PROMPT
    assert generator.named("status").text == "ready"
    assert generator.named("progress").received[-1][1] == Msg("int", (100,))  # progress reached 100 %


def test_generator_sends_the_negative_prompt_and_typed_tempo_only_when_asked(max_runtime, engine_service):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    prompt, negative = generator.named("prompt"), generator.named("negative")
    generator.named("follow").receive(0, Msg("int", (0,)))  # untick "follow transport"
    generator.named("bpm").receive(0, Msg("float", (133.7,)))
    prompt.type("glitchy hats")
    negative.type("muddy, distorted")
    generator.named("generate").receive(0, BANG)
    [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    fields = dict(zip(args[::2], args[1::2]))
    assert fields["prompt"] == "glitchy hats" and fields["negative_prompt"] == "muddy, distorted"
    assert fields["bpm"] == pytest.approx(133.7) and fields["bars"] == 2  # typed, not the transport's 100
    state = generator.named("status")
    assert rt.pump(lambda: state.text.startswith("queued at"), timeout=30), state.text
    engine_service.cancel(fields["id"], ("osc", "127.0.0.1", 7401))


def test_generator_without_a_prompt_sends_nothing_and_says_so(max_runtime):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    generator.named("generate").receive(0, BANG)
    assert [a for a, _ in rt.sent] == ["/audioldm/ping"]
    assert generator.named("status").text == "type a prompt first"


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


def test_generator_shows_the_engine_answering_the_ping_on_load(max_runtime, engine_service):
    generator = max_runtime.load("audioldm.generator.maxpat")
    engine = generator.named("engine")
    assert max_runtime.pump(lambda: engine.text == "engine ready", timeout=10), engine.text


def test_generator_says_when_no_engine_answers(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as nobody:
        nobody.bind(("127.0.0.1", 0))  # a port nothing answers on
        rt = Runtime(PATCHERS, engine_address=nobody.getsockname())
        try:
            generator = rt.load("audioldm.generator.maxpat")
            engine = generator.named("engine")
            rt.advance(1999)
            assert engine.text == "engine ?"
            rt.advance(1)
            assert engine.text == "engine absent"
        finally:
            rt.close()


def test_generator_shows_the_transport_tempo_and_a_typed_bpm_turns_follow_off(max_runtime, engine_service):
    rt = max_runtime  # the transport runs at 100 BPM
    generator = rt.load("audioldm.generator.maxpat")
    follow, bpm = generator.named("follow"), generator.named("bpm")
    assert follow.value == 1 and bpm.value == 100.0  # following: the box shows the transport's tempo
    bpm.receive(0, Msg("float", (133.7,)))  # the user types a tempo
    assert follow.value == 0, "a typed BPM must turn 'follow transport' off"
    generator.named("prompt").type("glitchy hats")
    generator.named("generate").receive(0, BANG)
    [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    fields = dict(zip(args[::2], args[1::2]))
    assert fields["bpm"] == pytest.approx(133.7)  # what was typed, not the transport's 100
    follow.receive(0, Msg("int", (1,)))  # following again: the transport's tempo is shown and sent
    assert bpm.value == 100.0
    generator.named("generate").receive(0, BANG)
    [_, (_, again)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    assert dict(zip(again[::2], again[1::2]))["bpm"] == 100.0
    for args in (args, again):
        engine_service.cancel(dict(zip(args[::2], args[1::2]))["id"], ("osc", "127.0.0.1", 7401))


def test_generator_lets_the_user_audition_each_variation(max_runtime):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    generator.named("follow").receive(0, Msg("int", (0,)))
    generator.named("bpm").receive(0, Msg("float", (240.0,)))
    generator.named("bars").receive(0, Msg("int", (1,)))
    generator.named("variations").receive(0, Msg("int", (2,)))
    generator.named("prompt").type(PROMPT)
    generator.named("generate").receive(0, BANG)
    take = generator.one(text="buffer~ audioldm.generator.take")
    assert rt.pump(lambda: take.frames is not None, timeout=RENDER_TIMEOUT)
    [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    assert dict(zip(args[::2], args[1::2]))["variations"] == 2
    takes = generator.named("takes")
    paths = [item[0] for item in takes.items]
    assert len(set(paths)) == 2 and take.file == paths[0]  # the first take is loaded
    takes.select(1)  # the user picks the second take
    assert take.file == paths[1] and generator.named("file").text == paths[1]
    takes.select(0)
    assert take.file == paths[0] and generator.named("status").text == "ready"


# --- the engine's address: abstraction arguments and the patches' own controls ---------------------------


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mini_client_patch(tmp_path, client_text: str) -> Path:
    """A patch with one [audioldm.client …] whose output goes to a [print] probe."""
    patch = build.Patch(abstractions={"audioldm.client": build.client().ports()})
    client = patch.obj(client_text, 20, 60, 300)
    control = patch.ui("button", 20, 20)  # anything sent into the client goes through here in a test
    patch.wire(control, 0, client)
    patch.wire(client, 0, patch.obj("print probe", 20, 120))
    path = tmp_path / "mini.maxpat"
    path.write_text(json.dumps(patch.to_json()))
    return path


def test_client_arguments_name_the_engine_host_and_port(engine_service, tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as nobody:
        nobody.bind(("127.0.0.1", 0))  # the default 127.0.0.1:18000 goes here: nothing answers
        rt = Runtime(PATCHERS, engine_address=nobody.getsockname())
        try:
            engine_port, reply_port = engine_service.transports["osc"].port, free_udp_port()
            mini = rt.load(str(mini_client_patch(tmp_path, f"audioldm.client {reply_port} 127.0.0.1 {engine_port}")))
            client = mini.one(text="audioldm.client").child
            assert client.one(text="udpsend").target == ("127.0.0.1", engine_port)
            assert client.one(text="udpreceive").port == reply_port
            probe = mini.one(text="print probe")
            assert rt.pump(lambda: Msg("engine", ("ready",)) in [m for _, m in probe.received], timeout=10)

            default = rt.load(str(mini_client_patch(tmp_path, f"audioldm.client {free_udp_port()}")))
            assert default.one(text="audioldm.client").child.one(text="udpsend").target == ("127.0.0.1", 18000)
            rt.advance(2000)
            assert Msg("engine", ("absent",)) in [m for _, m in default.one(text="print probe").received]
        finally:
            rt.close()


def test_client_defaults_are_127_0_0_1_18000_and_reply_port_18001():
    [args] = [b["text"].split()[1:] for b in boxes_of(PATCHERS / "audioldm.client.maxpat")
              if b.get("text", "").startswith("patcherargs")]
    assert args == ["18001", "127.0.0.1", "18000"]


def test_client_host_port_and_reply_port_messages_reach_udpsend_and_udpreceive(engine_service, tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as nobody:
        nobody.bind(("127.0.0.1", 0))
        rt = Runtime(PATCHERS, engine_address=nobody.getsockname())
        try:
            mini = rt.load(str(mini_client_patch(tmp_path, f"audioldm.client {free_udp_port()}")))
            client, probe = mini.one(text="audioldm.client"), mini.one(text="print probe")
            reply_port = free_udp_port()
            client.receive(0, Msg("reply_port", (reply_port,)))
            client.receive(0, Msg("host", ("localhost",)))
            client.receive(0, Msg("port", (engine_service.transports["osc"].port,)))  # and a ping, to show it
            assert client.child.one(text="udpreceive").port == reply_port
            assert rt.pump(lambda: Msg("engine", ("ready",)) in [m for _, m in probe.received], timeout=10)
            client.receive(0, Msg("generate", ("prompt", PROMPT, "seconds", 1.0)))
            [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
            fields = dict(zip(args[::2], args[1::2]))
            assert fields["reply_port"] == reply_port and str(reply_port) in fields["id"]
            assert rt.pump(lambda: any(m.selector == "accepted" for _, m in probe.received), timeout=10)
            engine_service.cancel(fields["id"], ("osc", "127.0.0.1", reply_port))
        finally:
            rt.close()


def test_generator_engine_host_and_port_controls(engine_service):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as nobody:
        nobody.bind(("127.0.0.1", 0))
        rt = Runtime(PATCHERS, tempo=100.0, engine_address=nobody.getsockname())
        try:
            generator = rt.load("audioldm.generator.maxpat")
            engine = generator.named("engine")
            rt.advance(2000)
            assert engine.text == "engine absent"
            host = generator.named("host")
            host.type("localhost")
            host.press_return()
            generator.named("port").receive(0, Msg("int", (engine_service.transports["osc"].port,)))
            assert rt.pump(lambda: engine.text == "engine ready", timeout=10), engine.text
            generator.named("prompt").type(PROMPT)
            generator.named("generate").receive(0, BANG)
            state = generator.named("status")
            assert rt.pump(lambda: state.text.startswith("queued at"), timeout=30), state.text
            [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
            engine_service.cancel(dict(zip(args[::2], args[1::2]))["id"], ("osc", "127.0.0.1", 7401))
        finally:
            rt.close()


# --- the client keeps only its current job's events --------------------------------------------------------


def test_client_passes_only_its_current_jobs_events_and_cancels_only_a_running_job(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as engine:  # a stand-in engine: the test replies
        engine.bind(("127.0.0.1", 0))
        engine.settimeout(10)
        rt = Runtime(PATCHERS, engine_address=engine.getsockname())
        try:
            reply_port = free_udp_port()
            mini = rt.load(str(mini_client_patch(tmp_path, f"audioldm.client {reply_port}")))
            client, probe = mini.one(text="audioldm.client"), mini.one(text="print probe")

            def request() -> str:
                client.receive(0, Msg("generate", ("prompt", PROMPT, "seconds", 1.0)))
                while True:
                    message = OscMessage(engine.recv(65535))
                    if message.address == "/audioldm/generate":
                        return dict(zip(message.params[::2], message.params[1::2]))["id"]

            def reply(address, *args):
                send_osc(reply_port, address, list(args))

            client.receive(0, Msg("cancel"))  # nothing runs: nothing is sent
            assert not [a for a, _ in rt.sent if a == "/audioldm/cancel"]
            old = request()
            current = request()
            other_session = re.sub(r"\d+$", lambda m: str(int(m.group()) + 1), current)
            reply("/audioldm/accepted", old, 1)
            reply("/audioldm/accepted", other_session, 1)
            reply("/audioldm/progress", old, 1, 10)
            reply("/audioldm/accepted", current, 2)
            reply("/audioldm/error", "", "not_cancellable", "job x already ended (done)")
            reply("/audioldm/done", old, "/old.wav")
            reply("/audioldm/error", "", "busy", "queue full")
            reply("/audioldm/done", current, "/new.wav")
            assert rt.pump(lambda: any(m.selector == "done" for _, m in probe.received), timeout=10)
            events = [m for _, m in probe.received if m.selector not in ("engine", "id")]
            assert events == [Msg("accepted", (current, 2)), Msg("error", ("", "busy", "queue full")),
                              Msg("done", (current, "/new.wav"))]
            client.receive(0, Msg("cancel"))  # the current job has ended: nothing to cancel
            assert not [a for a, _ in rt.sent if a == "/audioldm/cancel"]
            running = request()
            client.receive(0, Msg("cancel"))
            assert [args for a, args in rt.sent if a == "/audioldm/cancel"] == [(running, "reply_port", reply_port)]
        finally:
            rt.close()


# --- the generator's Transform path: the take → a file → init_audio + strength → the result -------------


def test_generator_transform_writes_the_take_and_loads_a_result_of_its_exact_length(engine_service, tmp_path):
    home = tmp_path / "Jane Doe"  # Max's "~:" prefix; a space in the path keeps it one symbol / OSC string
    (home / "Music").mkdir(parents=True)
    rate, frames = 44100, 55125  # 1.25 s stereo at 44.1 kHz, as a user's own loop might be
    t = np.arange(frames) / rate
    loop = tmp_path / "drum loop.wav"
    sf.write(loop, np.stack([0.3 * np.sin(2 * np.pi * 220 * t), 0.2 * np.sin(2 * np.pi * 330 * t)], axis=1), rate)
    rt = Runtime(PATCHERS, engine_address=("127.0.0.1", engine_service.transports["osc"].port),
                 platform="macintosh", folders={"~:": home})
    try:
        generator = rt.load("audioldm.generator.maxpat")
        take = generator.one(text="buffer~ audioldm.generator.take")
        take.receive(0, Msg("replace", (str(loop),)))  # what "open…" does with the file the user picks
        generator.named("prompt").type("glass marimba")
        strength = generator.named("strength")
        strength.receive(0, Msg("float", (1.7,)))
        assert strength.value == 1.0  # the control is bounded to 0..1
        strength.receive(0, Msg("float", (0.6,)))
        generator.named("transform").receive(0, BANG)  # a click on Transform

        written = home / "Music" / "audioldm-bridge-input-1.wav"
        info = sf.info(written)
        assert (info.frames, info.samplerate, info.channels) == (frames, rate, 2)  # the buffer, as it is
        assert not [s for s in rt.sent if s[0] == "/audioldm/generate"]  # after the write: deferred
        rt.idle()
        [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
        fields = dict(zip(args[::2], args[1::2]))
        assert fields["init_audio"] == str(written) and fields["prompt"] == "glass marimba"
        assert isinstance(fields["strength"], float) and fields["strength"] == pytest.approx(0.6)
        assert not {"bars", "bpm", "time_sig", "seconds"} & set(fields)  # the take's own length
        assert fields["reply_port"] == 7401 and fields["variations"] == 1 and "negative_prompt" not in fields

        assert rt.pump(lambda: take.file != str(loop), timeout=RENDER_TIMEOUT), "no /audioldm/done reached the patch"
        assert take.frames == frames * 48000 // rate == 60000  # the input's length, at the engine's 48 kHz
        sidecar = json.loads(Path(take.file).with_suffix(".json").read_text())
        assert sidecar["edit"] == "transfer" and sidecar["init_audio"] == str(written)
        assert sidecar["strength"] == pytest.approx(0.6)
        assert generator.named("status").text == "ready"

        generator.named("transform").receive(0, BANG)  # the next transform writes the next file of the ring
        assert sf.info(home / "Music" / "audioldm-bridge-input-2.wav").frames == 60000
        rt.idle()
        [_, (_, again)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
        engine_service.cancel(dict(zip(again[::2], again[1::2]))["id"], ("osc", "127.0.0.1", 7401))
    finally:
        rt.close()


def test_generator_transform_converts_the_path_the_windows_way_on_windows(tmp_path):
    rt = Runtime(PATCHERS, platform="windows", folders={"~:": tmp_path})
    try:
        generator = rt.load("audioldm.generator.maxpat")
        generator.named("prompt").type("glass marimba")
        with pytest.raises(NotImplementedError, match="conformpath native_win absolute"):
            generator.named("transform").receive(0, BANG)  # the evaluator models only the macOS branch
    finally:
        rt.close()


def test_generator_help_transform_example_sends_its_take_with_the_strength(engine_service, tmp_path):
    (tmp_path / "Music").mkdir()
    loop = tmp_path / "take.wav"
    sf.write(loop, np.zeros(24000, dtype=np.float32), 48000)
    rt = Runtime(PATCHERS, engine_address=("127.0.0.1", engine_service.transports["osc"].port),
                 folders={"~:": tmp_path})
    try:
        help_patch = rt.load("../help/audioldm.generator.maxhelp")  # its [audioldm.client] is in patchers/
        help_patch.one(text="buffer~ audioldm.help.take").receive(0, Msg("replace", (str(loop),)))
        help_patch.named("strength").receive(0, Msg("float", (0.25,)))
        help_patch.one("message", "~:/Music/audioldm-bridge-input-help.wav").receive(0, BANG)
        rt.idle()
        [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
        fields = dict(zip(args[::2], args[1::2]))
        written = tmp_path / "Music" / "audioldm-bridge-input-help.wav"
        assert fields["init_audio"] == str(written) and sf.info(written).frames == 24000
        assert fields["strength"] == pytest.approx(0.25) and fields["prompt"] == "glass marimba"
        engine_service.cancel(fields["id"], ("osc", "127.0.0.1", 7421))
    finally:
        rt.close()
