"""The Max package (max_patches/audioldm-bridge) on disk: its layout, the builder's output, every box and
cord against Max's documented inlets/outlets (subpatchers included), and every OSC message the patches
can form, sent to the running tiny-model engine."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from bridge import history_ops, protocol
from bridge.osc_transport import to_osc
from maxpatches import (ABSTRACTIONS, PACKAGE, PATCH_FILES, PATCHERS, PROMPT, Listener,
                        abstraction_ports, boxes_of, engine_service, levels, lines_of, ports_of, send_osc)
import build  # noqa: E402
from maxobjects import shape  # noqa: E402
from maxsim import parse  # noqa: E402

__all__ = ["engine_service"]  # a fixture


# --- the package on disk ---------------------------------------------------------------------------------


def test_package_layout_and_info():
    info = json.loads((PACKAGE / "package-info.json").read_text())
    assert info["name"] == PACKAGE.name == "audioldm-bridge"
    assert (PATCHERS / info["homepatcher"]).is_file()
    assert {"author", "description", "version", "max_version_min", "os", "tags"} <= set(info)
    # the package's version is this release's, as the REAPER scripts' @version is (doctor compares them)
    pyproject = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text())
    assert ".".join(map(str, info["version"])) == pyproject["project"]["version"]
    for patcher in PACKAGE.glob("patchers/*.maxpat"):
        assert (PACKAGE / "help" / f"{patcher.stem}.maxhelp").is_file(), f"no help for {patcher.name}"
    assert (PACKAGE / "docs" / "README.md").is_file()
    assert {p.stem for p in PACKAGE.glob("patchers/*")} == {
        "audioldm.client", "audioldm.generator", "audioldm.live", "audioldm.slot"}


def test_committed_patches_are_what_the_builder_writes():
    for path, text in build.build().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} differs: run max_patches/tools/build.py"


def patch_problems(data: dict) -> list[str]:
    """What is wrong with a patch file: structure, ids (unique in the file), then for the patcher and
    each [p] subpatcher: each box's shape against Max's documented inlets/outlets (a [p] box's: its
    subpatcher's inlet and outlet boxes), each patch cord's ends, abstractions not in the package."""
    patcher = data.get("patcher", {})
    missing = {"fileversion", "appversion", "rect", "boxes", "lines"} - set(patcher)
    if missing:
        return [f"not a patcher: no {sorted(missing)}"]
    ids = [b["box"]["id"] for level in levels(patcher) for b in level["boxes"]]
    problems = [f"duplicate box id {i}" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for level in levels(patcher):
        problems += level_problems(level)
    return problems


def level_problems(patcher: dict) -> list[str]:
    problems = []
    missing = {"rect", "boxes", "lines"} - set(patcher)
    if missing:
        return [f"not a patcher: no {sorted(missing)}"]
    boxes = [b["box"] for b in patcher["boxes"]]
    by_id = {b["id"]: b for b in boxes}
    for box in boxes:
        label = f"[{box.get('text', box['maxclass'])}]"
        name = box.get("text", "").split(" ")[0]
        if box["maxclass"] == "bpatcher":
            name = box["name"].removesuffix(".maxpat")
        if box["maxclass"] == "newobj" and name == "p":
            if "patcher" not in box:
                problems.append(f"{label}: a subpatcher box without its patcher")
                continue
            expected = ports_of(box["patcher"])
            actual = (box["numinlets"], box["numoutlets"])
        elif box["maxclass"] == "bpatcher" or (box["maxclass"] == "newobj" and name in ABSTRACTIONS):
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
    boxes = {b["box"].get("text", b["box"]["id"]): b["box"] for level in levels(data["patcher"]) for b in level["boxes"]}
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
    # embedding answers the embed op, which is ZeroMQ only (an array; OSC has no form for it)
    sent = {to_osc({"event": kind, "id": "j1", **samples.get(kind, {})})[0] for kind in protocol.EVENTS
            if kind != "embedding"}
    entry = {"entry": 1, "created": "2026-12-07T02:00:00Z", "prompt": "p", "path": "/x.wav", "seconds": 1.0,
             "seed": 1, "missing": False}
    sent |= {address for address, _ in history_ops.osc_messages({"entries": [entry]})}  # the history op's replies
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
    # fetch and upload stream file bytes, embed answers with an array: ZeroMQ-only ops, never sent over OSC;
    # history: the generator's history menu
    zmq_only = ("fetch", "upload", "embed")
    assert addresses == {f"/audioldm/{op}" for op in protocol.OPS if op not in zmq_only}  # each is sent to the engine below


# --- against the running engine ------------------------------------------------------------------------


def wired_into(path: Path, box_id: str, inlet: int) -> list[dict]:
    by_id = {b["id"]: b for b in boxes_of(path)}
    return [by_id[line["source"][0]] for line in lines_of(path) if line["destination"] == [box_id, inlet]]


def packs_into(path: Path, box_id: str) -> list[dict]:
    """The boxes wired into a message box's left inlet, looking through [t l …] / [t a …] (which pass the
    list on unchanged) to what feeds them."""
    found = []
    for source in wired_into(path, box_id, 0):
        words = source.get("text", "").split()
        if source["maxclass"] == "newobj" and words[:1] == ["t"] and set(words[1:]) <= {"l", "a"}:
            found += packs_into(path, source["id"])
        else:
            found.append(source)
    return found


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
            [pack] = [b for b in packs_into(path, box["id"]) if b["text"].startswith("pack ")]
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
                morph = [b for b in boxes_of(path) if b.get("text") == "morph_to $1 morph $2"]
                if morph and values is defaults and "init_audio" not in template:
                    found.append((f"{path.name}: + morph", filled + ["morph_to", "distant thunder", "morph", 0.5]))
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
        address = client_box("prepend /audioldm/generate").get("text").split()[1]
        templates = generate_templates(str(take))
        # generator Generate (+negative, +morph) and Transform, slot live/background and its sweep, three help examples
        assert len(templates) >= 8 and any("init_audio" in fields for _, fields in templates)
        assert any("sweep" in fields for _, fields in templates) and any("morph" in fields for _, fields in templates)
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
