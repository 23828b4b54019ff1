"""Issue 10: a catalogue of malformed input — OSC, ZeroMQ, command line. Each is answered by a clear
error naming the problem, and the engine keeps serving (a ping answers after every one).

One engine serves the whole module (real sockets on loopback, the tiny model); no case reaches the
model, so the catalogue costs seconds.
"""

import json
import socket
import time

import pytest
from pythonosc.osc_bundle_builder import IMMEDIATELY, OscBundleBuilder
from pythonosc.osc_message_builder import OscMessageBuilder

from bridge import cli
from test_service import OscListener, client_for, running_service, wait_for


@pytest.fixture(scope="module")
def engine_service(tiny_components, tmp_path_factory):
    # elevated: local clients keep to the roots, so "/etc" is refused on any machine (issue 17)
    with running_service(tiny_components, tmp_path_factory.mktemp("catalogue"), elevated=True) as svc:
        yield svc


@pytest.fixture(scope="module")
def osc_io(engine_service):
    listener = OscListener()
    engine_service.transports["osc"].reply_port = listener.port  # errors without a reply_port land here
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    yield listener, lambda data: sender.sendto(data, ("127.0.0.1", engine_service.transports["osc"].port))
    listener.close()
    sender.close()


def msg(address, *args, types=None):
    builder = OscMessageBuilder(address=address)
    for i, arg in enumerate(args):
        builder.add_arg(arg, types[i] if types else None)
    return builder.build()


def bundle(*contents, timetag=IMMEDIATELY):
    builder = OscBundleBuilder(timetag)
    for content in contents:
        builder.add_content(content)
    return builder.build()


def nested(dgram: bytes, depth: int) -> bytes:
    for _ in range(depth):
        dgram = b"#bundle\x00" + b"\x00" * 7 + b"\x01" + len(dgram).to_bytes(4, "big") + dgram
    return dgram


GEN = "/audioldm/generate"
PING = msg("/audioldm/ping").dgram
OSC_CASES = {
    # wrong types
    "text for a number": (msg(GEN, "prompt", "x", "bars", "four", "bpm", 120).dgram, "bars must be a number, got 'four'"),
    "fraction for a whole number": (msg(GEN, "prompt", "x", "seconds", 1, "steps", 2.5).dgram, "steps must be a whole number"),
    "true for a number": (msg(GEN, "prompt", "x", "seconds", True).dgram, "seconds must be a number, got True"),
    "nil as a value": (msg(GEN, "prompt", "x", "seconds", None).dgram, "field seconds takes a number or text, got None"),
    "blob in the prompt": (msg(GEN, "prompt", b"\x00\x01", "seconds", 1).dgram, "field prompt takes a number or text"),
    "int64 seed out of range": (msg(GEN, "prompt", "x", "seconds", 1, "seed", 2**40, types="sssish").dgram,
                                "seed must be an integer 0..4294967295"),
    "loop maybe": (msg(GEN, "prompt", "x", "seconds", 1, "loop", "maybe").dgram, "loop must be true/false or 1/0"),
    "bad time signature": (msg(GEN, "prompt", "x", "bars", 1, "time_sig", "4/0").dgram,
                           "time signature denominator must be one of"),
    # missing and extra arguments
    "no arguments": (msg(GEN).dgram, "prompt must be non-empty text"),
    "no length": (msg(GEN, "prompt", "x").dgram, "give a length"),
    "field without a value": (msg(GEN, "seconds", "prompt", "x").dgram, "field seconds has no value"),
    "value without a field": (msg(GEN, 5, "prompt", "x").dgram, "expected a field name, got 5"),
    "field twice": (msg(GEN, "prompt", "x", "seconds", 1, "seconds", 2).dgram, "field seconds given twice"),
    "two values for a number": (msg(GEN, "prompt", "x", "seconds", 1, 2).dgram, "field seconds takes one value"),
    "extra argument to ping": (msg("/audioldm/ping", "now").dgram, "expected a field name, got 'now'"),
    "extra field to status": (msg("/audioldm/status", "prompt", "x").dgram, "/audioldm/status takes reply_port; got prompt"),
    "cancel without id": (msg("/audioldm/cancel").dgram, "takes a job id"),
    "cancel with a bad id": (msg("/audioldm/cancel", "../x").dgram, "id must be 1-64 characters"),
    "empty prompt": (msg(GEN, "prompt", "", "seconds", 1).dgram, "prompt must be non-empty text"),
    "unknown field": (msg(GEN, "colour", "red", "prompt", "x", "seconds", 1).dgram, "expected a field name, got 'colour'"),
    "reply_port zero": (msg(GEN, "prompt", "x", "seconds", 1, "reply_port", 0).dgram, "reply_port must be 1..65535"),
    "unknown type tag": (b"/audioldm/generate\x00\x00,sX\x00prompt\x00\x00", "field prompt has no value"),
    # unknown addresses
    "unknown address": (msg("/audioldm/explode", 1).dgram, "unknown address /audioldm/explode"),
    "address outside the prefix": (msg("/foo").dgram, "unknown address /foo"),
    "address pattern that does not compile": (msg("/audioldm/[").dgram, "unknown address"),
    # sizes, truncation, encoding
    "empty datagram": (b"", "malformed OSC packet"),
    "odd size": (PING + b"\x01", "size must be a multiple of 4 bytes, got 21"),
    "truncated": (msg(GEN, "prompt", "x", "seconds", 1.0).dgram[:40], "malformed OSC packet"),
    "garbage": (b"\x00\x01garbage", "malformed OSC packet"),
    "oversized": (b"/audioldm/generate\x00\x00,s\x00\x00" + b"x" * 20000, "OSC packet is 20024 bytes; the limit is 16384"),
    "invalid UTF-8 argument": (b"/audioldm/generate\x00\x00,s\x00\x00\xff\xfeab\x00\x00\x00\x00", "not valid UTF-8"),
    "invalid UTF-8 address": (b"/audi\xffldm\x00\x00\x00,\x00\x00\x00", "not valid UTF-8"),
    "truncated bundle header": (b"#bundle\x00", "malformed OSC packet"),
    # non-finite numbers
    "NaN length": (msg(GEN, "prompt", "x", "seconds", float("nan")).dgram, "seconds must be a number, got nan"),
    "inf tempo": (msg(GEN, "prompt", "x", "bars", 1, "bpm", float("inf")).dgram, "bpm must be a number, got inf"),
    "-inf guidance as double": (msg(GEN, "prompt", "x", "seconds", 1, "guidance", float("-inf"), types="sssisd").dgram,
                                "guidance must be a number, got -inf"),
    "NaN reply_port": (msg("/audioldm/ping", "reply_port", float("nan")).dgram, "reply_port must be a number"),
    # bundles
    "future timetag, bad field": (bundle(msg(GEN, "prompt", "x", "bars", "two"), timetag=time.time() + 3600).dgram,
                                  "bars must be a number"),
    "nested bundles": (nested(msg("/audioldm/explode").dgram, 3), "unknown address /audioldm/explode"),
    "bundles nested too deeply": (nested(PING, 700), "malformed OSC packet"),
}


@pytest.mark.parametrize("name", OSC_CASES)
def test_osc_catalogue(engine_service, osc_io, name):
    listener, send = osc_io
    datagram, expected = OSC_CASES[name]
    listener.messages.clear()
    send(datagram)
    listener.wait("/audioldm/error", timeout=30)
    [error] = [m for m in listener.messages if m[0] == "/audioldm/error"]
    assert error[2] == "bad_request" and expected in error[3], error
    send(PING)
    listener.wait("/audioldm/pong", timeout=30)


def dumps(obj) -> bytes:
    return json.dumps(obj).encode()


ZMQ_CASES = {
    "not JSON": ([b"{not json"], "malformed JSON"),
    "empty frame": ([b""], "malformed JSON"),
    "invalid UTF-8": ([b"\xff\xfe{}"], "malformed JSON: not UTF-8"),
    "a JSON array": ([b"[1, 2]"], "a request must be a JSON object, got list"),
    "a JSON string": ([b'"ping"'], "a request must be a JSON object, got str"),
    "JSON null": ([b"null"], "a request must be a JSON object, got NoneType"),
    "a JSON number": ([b"42"], "a request must be a JSON object, got int"),
    "text for a number": ([dumps({"prompt": "x", "seconds": "1"})], "seconds must be a number, got '1'"),
    "number for text": ([dumps({"prompt": 5, "seconds": 1})], "prompt must be text, got 5"),
    "object for text": ([dumps({"prompt": {"a": 1}, "seconds": 1})], "prompt must be text"),
    "list for a number": ([dumps({"prompt": "x", "seconds": [1]})], "seconds must be a number, got [1]"),
    "id as a number": ([dumps({"prompt": "x", "seconds": 1, "id": 7})], "id must be text, got 7"),
    "boolean maybe": ([dumps({"prompt": "x", "seconds": 1, "loop": "maybe"})], "loop must be true/false"),
    "fraction of a step": ([dumps({"prompt": "x", "seconds": 1, "steps": 2.5})], "steps must be a whole number"),
    "negative steps": ([dumps({"prompt": "x", "seconds": 1, "steps": -3})], "steps must be an integer 1..500"),
    "zero variations": ([dumps({"prompt": "x", "seconds": 1, "variations": 0})], "variations must be an integer"),
    "unknown priority": ([dumps({"prompt": "x", "seconds": 1, "priority": "urgent"})], "priority must be one of"),
    "unknown field": ([dumps({"prompt": "x", "seconds": 1, "colour": "red"})], "unknown field(s) colour"),
    "unknown op": ([dumps({"op": "dance"})], "unknown op 'dance'"),
    "op as a list": ([dumps({"op": ["ping"]})], "unknown op ['ping']"),
    "NaN": ([b'{"prompt": "x", "seconds": NaN}'], "seconds must be a number, got nan"),
    "Infinity": ([b'{"prompt": "x", "seconds": 1, "bpm": Infinity, "bars": 1}'], "bpm must be a number, got inf"),
    "seed beyond 32 bits": ([dumps({"prompt": "x", "seconds": 1, "seed": 2**40})], "seed must be an integer 0..4294967295"),
    "an integer of 5000 digits": ([b'{"seed": ' + b"9" * 5000 + b"}"], "malformed JSON"),
    "out_dir outside the roots": ([dumps({"prompt": "x", "seconds": 1, "out_dir": "/etc"})], "outside the folders"),
    "relative out_dir": ([dumps({"prompt": "x", "seconds": 1, "out_dir": "renders"})], "out_dir must be an absolute path"),
    "cancel without an id": ([dumps({"op": "cancel"})], "id must be 1-64 characters"),
    "cancel with an object id": ([dumps({"op": "cancel", "id": {"x": 1}})], "id must be 1-64 characters"),
    "a 70 kB frame": ([dumps({"prompt": "x" * 70000, "seconds": 1})], "the limit is 65536"),
    "a 10 MB frame": ([b" " * 10_000_000], "message is 10000000 bytes; the limit is 65536"),
    "two frames": ([b"extra", dumps({"op": "ping"})], "got 2 frames"),
    "three frames": ([b"", b"", dumps({"op": "ping"})], "got 3 frames"),
    "deeply nested JSON": ([b"[" * 60000 + b"]" * 60000], "the limit is 65536"),
    "nested too deeply for the parser": ([b"[" * 30000 + b"]" * 30000], "malformed JSON: nested too deeply"),
    "deep nesting inside a field": ([b'{"prompt": ' + b"[" * 10000 + b"]" * 10000 + b', "seconds": 1}'],
                                    "nested too deeply"),
}


@pytest.mark.parametrize("name", ZMQ_CASES)
def test_zmq_catalogue(engine_service, name):
    frames, expected = ZMQ_CASES[name]
    with client_for(engine_service) as client:
        client.socket.send_multipart(frames)
        assert client.socket.poll(30000), "no answer"
        reply = json.loads(client.socket.recv_multipart()[-1])  # after the empty delimiter, if one was sent
        assert reply["event"] == "error" and reply["code"] == "bad_request" and expected in reply["message"], reply
        assert client.ping()["event"] == "pong"


def test_zmq_frame_beyond_the_transport_cap_drops_only_that_peer(engine_service):
    """Beyond 16 MiB libzmq itself disconnects the peer before any byte is parsed; others carry on."""
    with client_for(engine_service, timeout=2, retries=1) as client:
        client.socket.send(b" " * (17 * 1024 * 1024))
        assert client._receive(2) is None
    with client_for(engine_service) as other:
        assert other.ping()["event"] == "pong"


CLI_CASES = {
    "no prompt": (["request", "--seconds", "1"], 2, "give a prompt (or --request-file F)"),
    "not a number": (["request", "x", "--seconds", "abc"], 2, "argument --seconds: invalid float value: 'abc'"),
    "no length": (["request", "x"], 2, "give a length"),
    "seconds and bars": (["request", "x", "--seconds", "1", "--bars", "2"], 2, "give either --seconds or --bars"),
    "unknown format": (["request", "x", "--seconds", "1", "--format", "mp3"], 2, "invalid choice: 'mp3'"),
    "unknown flag": (["request", "x", "--seconds", "1", "--colour", "red"], 2, "unrecognized arguments: --colour red"),
    "unknown command": (["explode"], 2, "invalid choice: 'explode'"),
    "port out of range": (["serve", "--osc-port", "70000"], 2, "--osc-port must be 0..65535, got 70000"),
    "batch of zero": (["serve", "--max-batch", "0"], 2, "--max-batch must be at least 1, got 0"),
    "endless uploads": (["serve", "--max-upload-mb", "inf"], 2, "--max-upload-mb must be above 0 and at most"),
    "engine refuses steps": (["request", "x", "--seconds", "1", "--steps", "0"], 2, "steps must be an integer 1..500, got 0"),
    "engine refuses the folder": (["request", "x", "--seconds", "1", "--out", "/etc"], 2, "outside the folders"),
    "engine refuses the priority": (["request", "x", "--seconds", "1", "--priority", "now"], 2, "invalid choice: 'now'"),
    "unknown dtype": (["generate", "x", "--seconds", "1", "--dtype", "fp8"], 2, "argument --dtype: invalid choice: 'fp8'"),
    "unknown dtype to serve": (["serve", "--dtype", "fp8"], 2, "argument --dtype: invalid choice: 'fp8'"),
    "just too long": (["request", "x", "--seconds", "60.0001"], 2, "length must be 0.1..60 s, got 60.0001 s"),
}


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_catalogue(engine_service, capsys, name):
    argv, code, expected = CLI_CASES[name]
    if argv[0] == "request":
        argv = [*argv, "--endpoint", engine_service.endpoints()["zmq"]["requests"], "--reply-timeout", "30"]
    try:
        result = cli.main(argv)
    except SystemExit as exit_:  # argparse's own usage errors exit
        result = exit_.code
    assert result == code
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1, err  # one line that names the problem
    with client_for(engine_service) as client:
        assert client.ping()["event"] == "pong"


def test_cli_reports_a_missing_engine_within_its_timeout(capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert cli.main(["ping", "--endpoint", f"tcp://127.0.0.1:{port}", "--reply-timeout", "0.2", "--retries", "1"]) == 1
    assert "no reply from the engine" in capsys.readouterr().err


def test_catalogue_is_at_least_forty_cases():
    assert len(OSC_CASES) + len(ZMQ_CASES) + len(CLI_CASES) >= 40


def test_the_engine_still_generates_after_the_catalogue(engine_service):
    with client_for(engine_service) as client:
        done = client.generate({"prompt": "after", "seconds": 0.2, "steps": 1})
    assert done["event"] == "done"
    wait_for(lambda: not engine_service.queue.busy())
