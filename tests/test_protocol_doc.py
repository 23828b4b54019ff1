"""docs/PROTOCOL.md against bridge/protocol.py: every documented field, code, request and event."""

import json
import re
from pathlib import Path

import pytest

from bridge import protocol
from bridge.osc_transport import parse_key_values, to_osc

DOC = (Path(__file__).resolve().parents[1] / "docs" / "PROTOCOL.md").read_text()


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


def test_field_table_is_the_protocol():
    assert table_rows("## Requests") == list(protocol.FIELDS)


def test_error_table_is_the_protocol():
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
    assert osc["time_sig"] == zmq["time_sig"] and osc["id"] == zmq["id"]


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
        "status": BridgeService(engine, ServiceConfig(out_dir=tmp_path)).status(),
    }
    for name, event in documented_events().items():
        assert set(event) == set(built[name]), name


def test_documented_osc_replies_match_the_json_events():
    lines = blocks("osc reply")[0].strip().splitlines()
    by_address = {line.split()[0]: line for line in lines}
    for name, event in documented_events().items():
        address, args = to_osc(event)
        assert address in by_address, address
        if name == "status":  # the doc shows a shortened status
            shown = by_address[address].split()[1::2]
            assert set(shown) <= set(map(str, args[0::2]))
            continue
        assert by_address[address] == " ".join([address, *map(str, args)])
