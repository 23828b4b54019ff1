"""docs/PROTOCOL.md against bridge/protocol.py: every documented field, code, request and event."""

import argparse
import ast
import dataclasses
import json
import re
from pathlib import Path

import pytest

from bridge import protocol
from bridge.osc_args import parse_key_values
from bridge.osc_transport import to_osc
from engine.errors import InvalidInput

REPO = Path(__file__).resolve().parents[1]
DOC = (REPO / "docs" / "PROTOCOL.md").read_text()


def blocks(kind):
    return re.findall(rf"```{kind}\n(.*?)```", DOC, flags=re.S)


def table_rows(heading):
    section = DOC.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


def max_atoms(line):
    """What Max's [udpsend] makes of a typed message: ints, floats ('90.'), symbols."""
    atoms = []
    for word in line.split()[1:]:
        if re.fullmatch(r"-?\d+", word):
            atoms.append(int(word))
        elif re.fullmatch(r"-?\d+\.\d*", word):
            atoms.append(float(word))
        else:
            atoms.append(word)
    return atoms


def field_table():
    """``{field: documented type}`` from the request table of PROTOCOL.md."""
    section = DOC.split("## Requests", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([a-z_]+)` \| ([a-z]+) \|", section, flags=re.M))


def refusal(fields, tmp_path):
    """The parser's message for ``fields`` (a valid base request plus them), or None if accepted."""
    try:
        protocol.parse_request({"prompt": "x", "seconds": 1, **fields}, tmp_path)
    except InvalidInput as err:
        return str(err)
    return None


#: A value of the wrong type for each documented type, and what the parser must then say.
WRONG_TYPE = {
    "text": (5, "{} must be text"),
    "number": ("loud", "{} must be a number"),
    "integer": (2.5, "{} must be a whole number"),
    "boolean": ("maybe", "{} must be true/false"),
    "list": (5, "{} must be a list"),
    "object": (5, "{} must be an object"),
}


def test_the_request_table_has_rows():
    assert len(field_table()) >= 20 and set(field_table().values()) <= set(WRONG_TYPE)


@pytest.mark.parametrize("name", list(field_table()))
def test_every_documented_field_is_parsed_with_its_documented_type(name, tmp_path):
    """Asked with a value of the wrong type, the parser names the field and the documented type:
    so it knows the field (not "unknown field") and enforces what the table says."""
    kind = field_table()[name]
    bad_value, message = WRONG_TYPE[kind]
    assert message.format(name) in (refusal({name: bad_value}, tmp_path) or "accepted")
    if kind == "number":  # a fraction is fine for a number (it may be out of range, not mistyped)
        assert "whole number" not in (refusal({name: 1.5}, tmp_path) or "")


def candidate_field_names():
    """Names a client might try, gathered from the code rather than from protocol.FIELDS: the
    render request's fields, the job request's, and the CLI's options."""
    from bridge.cli import build_parser
    from engine.request import RenderRequest

    names = {f.name for f in dataclasses.fields(RenderRequest)} | {f.name for f in dataclasses.fields(protocol.JobRequest)}
    commands = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    for command in commands[0].choices.values():
        names |= {a.dest for a in command._actions if a.dest != "help"}
    return sorted(names)


def test_every_field_the_parser_accepts_is_documented(tmp_path):
    # The parser's own list of known fields (what it tells a client who mistypes one) ...
    message = refusal({"no_such_field": 1}, tmp_path)
    known = message.split("known: ", 1)[1].split(", ")
    assert set(known) == set(field_table())
    # ... and anything else it would take without "unknown field".
    undocumented = [name for name in candidate_field_names() if name not in field_table()
                    and "unknown field" not in (refusal({name: 1}, tmp_path) or "")]
    assert undocumented == []


def emitted_error_codes():
    """Every error code the code can put on the wire or into a result file, read from the source:
    ``code=...`` arguments, ``protocol.error(code, ...)`` calls and ``code = ...`` class attributes."""
    codes = {}
    for path in sorted((REPO / "bridge").rglob("*.py")) + sorted((REPO / "engine").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            found = []
            if isinstance(node, ast.Call):
                found += [kw.value for kw in node.keywords if kw.arg == "code"]
                func = node.func
                is_error = (isinstance(func, ast.Attribute) and func.attr == "error"
                            and isinstance(func.value, ast.Name) and func.value.id == "protocol") or (
                    path.name == "protocol.py" and isinstance(func, ast.Name) and func.id == "error")
                if is_error and node.args:
                    found.append(node.args[0])
            elif isinstance(node, ast.ClassDef):
                found += [stmt.value for stmt in node.body if isinstance(stmt, ast.Assign)
                          and any(isinstance(t, ast.Name) and t.id == "code" for t in stmt.targets)]
            for value in found:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    codes.setdefault(value.value, f"{path.relative_to(REPO)}:{value.lineno}")
    return codes


def test_every_documented_error_code_is_one_the_code_emits():
    emitted = emitted_error_codes()
    assert len(emitted) >= 5
    assert [code for code in table_rows("## Errors") if code not in emitted] == []


def test_every_error_code_the_code_emits_is_documented():
    documented = set(table_rows("## Errors"))
    assert {code: where for code, where in emitted_error_codes().items() if code not in documented} == {}


def test_protocol_error_codes_are_the_documented_ones():
    assert table_rows("## Errors") == list(protocol.ERROR_CODES)


@pytest.mark.parametrize("text", blocks("json request"))
def test_documented_zmq_requests_are_valid(text, tmp_path):
    job = protocol.parse_request(json.loads(text), tmp_path)
    assert job.render.length.seconds > 0


@pytest.mark.parametrize("text", blocks("json control"))
def test_documented_zmq_controls_use_known_ops(text):
    assert json.loads(text)["op"] in protocol.OPS


@pytest.mark.parametrize("text", blocks("osc request"))
def test_documented_osc_requests_are_valid(text, tmp_path):
    fields = parse_key_values(max_atoms(text))
    fields.pop("reply_port", None)
    assert text.startswith("/audioldm/generate ")
    protocol.parse_request(fields, tmp_path)


def test_osc_and_zmq_examples_say_the_same():
    osc = parse_key_values(max_atoms(blocks("osc request")[0]))
    zmq = json.loads(blocks("json request")[0])
    assert osc["prompt"] == zmq["prompt"] and osc["bars"] == zmq["bars"] and osc["bpm"] == zmq["bpm"]
    assert osc["time_sig"] == zmq["time_sig"]


def documented_requests():
    """Every documented generate request as fields: JSON (requests and edits) and OSC (as Max sends it)."""
    found = [json.loads(text) for kind in ("json request", "json edit") for text in blocks(kind)]
    found += [parse_key_values(max_atoms(text)) for kind in ("osc request", "osc edit") for text in blocks(kind)]
    return found


def test_documented_ids_name_one_request_each():
    """Sent one after another to one engine, as a reader tries them, no example is refused with
    "id … is already used by a different request"."""
    seen = {}
    for fields in documented_requests():
        if "id" in fields:
            same = {k: v for k, v in fields.items() if k not in ("id", "op", "reply_port")}
            assert seen.setdefault(fields["id"], same) == same, f"id {fields['id']!r} names two different requests"


def test_documented_requests_are_accepted_by_a_local_engine(tmp_path, monkeypatch):
    """With the engine's own rules for a local client (bridge.security roots: --out and the user's
    home), not only the request's form: an example's out_dir must be one the engine lets it use."""
    from bridge import security
    from engine.writer import check_writable

    home = tmp_path / "me"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    out = tmp_path / "engine-out"
    for text in blocks("json request") + blocks("osc request"):
        fields = json.loads(text) if text.startswith("{") else parse_key_values(max_atoms(text))
        fields = {k: v.replace("/home/me", str(home)) if isinstance(v, str) else v for k, v in fields.items()
                  if k not in ("reply_port",)}
        job = protocol.parse_request(fields, out, roots=security.default_roots(out, (), local=True))
        check_writable(job.render.out_dir, "out_dir")


@pytest.mark.parametrize("text", blocks("osc control"))
def test_documented_osc_controls_are_served_addresses(text):
    from bridge.osc_transport import OscTransport

    address = text.split()[0]
    assert address.rsplit("/", 1)[1] in protocol.OPS and address.startswith("/audioldm/")
    assert hasattr(OscTransport, "_" + address.rsplit("/", 1)[1])


def documented_events():
    return {event["event"]: event for event in map(json.loads, blocks("json event"))}


def test_every_event_is_documented():
    assert set(documented_events()) == set(protocol.EVENTS)


def test_documented_events_have_the_shape_the_code_builds(engine, tmp_path):
    from bridge.service import BridgeService, ServiceConfig

    built = {
        "accepted": protocol.accepted("x", 1, "normal"),
        "started": protocol.started("x", 1),
        "progress": protocol.progress("x", 1, 10),
        "done": protocol.done("x", [{"path": "p"}]),
        "error": protocol.failed("x", protocol.error("busy", "m")),
        "cancelled": protocol.cancelled("x"),
        "pong": protocol.pong(),
        "embedding": protocol.embedding([[0.25, -0.5]]),
        "status": BridgeService(engine, ServiceConfig(out_dir=tmp_path)).status(),
    }
    for name, event in documented_events().items():
        assert set(event) == set(built[name]), name


def test_documented_osc_replies_match_the_json_events():
    lines = blocks("osc reply")[0].strip().splitlines()
    by_address = {line.split()[0]: line for line in lines}
    for name, event in documented_events().items():
        if name == "embedding":  # the embed op is ZeroMQ only: its reply has no OSC form
            with pytest.raises(ValueError, match="no OSC form"):
                to_osc(event)
            continue
        address, args = to_osc(event)
        assert address in by_address, address
        if name == "status":  # the doc shows a shortened status
            shown = by_address[address].split()[1::2]
            assert set(shown) <= set(map(str, args[0::2]))
            continue
        assert by_address[address] == " ".join([address, *map(str, args)])
