"""Issue 10: property tests (hypothesis) on the wire decoders and the request parser.

Whatever arrives — any bytes, any JSON, any OSC argument list — the result is a valid request or
the project's own error (EngineError with a wire code), never another exception.
"""

import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pythonosc.osc_message_builder import OscMessageBuilder

from bridge import protocol
from bridge.osc_args import parse_key_values
from bridge.osc_transport import decode_datagram
from engine.errors import EngineError

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OUT = Path(tempfile.gettempdir()) / "audioldm-bridge-properties"
ROOTS = [OUT]

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
field_names = st.sampled_from(sorted(protocol.FIELDS) + ["op", "colour", ""])
# Values near what each field wants, and wrong types besides.
plausible = (st.integers(-10, 600) | st.floats(-100, 200) | st.sampled_from(
    ["4/4", "7/8", "0/4", "4/3", "x", "", "ddim", "euler", "wav24", "flac", "lufs", "peak", "off", "live", "true",
     "/tmp", str(OUT / "sub"), "relative", "/etc", "../x", "take-1", "NUL"]) | json_values)
requests = st.dictionaries(field_names, plausible, max_size=10)


def valid_or_own_error(call):
    try:
        return call()
    except EngineError as err:
        assert err.code in protocol.ERROR_CODES and str(err)
        return None


@SETTINGS
@given(st.binary(max_size=300))
@example(b"[" * 5000)
@example(b'{"seed": ' + b"9" * 5000 + b"}")
@example(b"\xff\xfe")
def test_any_bytes_decode_to_an_object_or_bad_request(payload):
    message = valid_or_own_error(lambda: protocol.decode_json(payload))
    assert message is None or isinstance(message, dict)


@SETTINGS
@given(json_values)
def test_any_json_decodes_to_an_object_or_bad_request(value):
    payload = json.dumps(value).encode()
    message = valid_or_own_error(lambda: protocol.decode_json(payload))
    assert (message is None) == (not isinstance(value, dict))


@SETTINGS
@given(requests)
@example({"prompt": "x", "seconds": 1})
@example({"prompt": "x", "bars": 1, "bpm": 133.7, "time_sig": "7/8"})
def test_any_fields_parse_to_a_valid_request_or_bad_request(fields):
    job = valid_or_own_error(lambda: protocol.parse_request(fields, OUT, roots=ROOTS))
    if job is not None:
        render = job.render
        render.check_inputs()  # what the parser accepted stays valid
        assert render.prompt.strip() and 1 <= render.variations and len(render.seeds) == render.variations
        assert render.output_samples() > 0 and math.isfinite(render.guidance)
        out = Path(render.out_dir).resolve()
        assert out == OUT.resolve() or OUT.resolve() in out.parents
        protocol.check_id(job.id)


osc_args = st.lists(
    st.sampled_from(sorted(protocol.FIELDS)) | st.text(max_size=12) | st.integers(-2**63, 2**63 - 1)
    | st.floats(width=32) | st.floats() | st.booleans() | st.none() | st.binary(max_size=8),
    max_size=14)


@SETTINGS
@given(osc_args)
@example(["prompt", "drum", "loop", "bars", 1, "bpm", 120])
@example(["prompt", "x", "seconds", float("nan")])
@example([3.4025001647762064e+38])  # rounds past FLT_MAX when shortened
def test_any_osc_arguments_parse_to_fields_or_bad_request(args):
    args = [protocol.shortest_float32(a) if isinstance(a, float) else a for a in args]
    fields = valid_or_own_error(lambda: parse_key_values(args))
    if fields is not None:
        assert set(fields) <= set(protocol.FIELDS)
        valid_or_own_error(lambda: protocol.parse_request(fields, OUT, roots=ROOTS))


@SETTINGS
@given(st.fixed_dictionaries({"prompt": st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=20),
                              "seconds": st.floats(0.125, 60, width=32), "steps": st.integers(1, 500),
                              "seed": st.integers(0, 2**31 - 1)}))
def test_what_max_sends_comes_back_as_typed(fields):
    args = [item for key, value in fields.items() for item in (key, value)]
    builder = OscMessageBuilder(address="/audioldm/generate")
    for arg in args:
        builder.add_arg(arg, "f" if isinstance(arg, float) else None)
    [message] = decode_datagram(builder.build().dgram)
    parsed = parse_key_values([protocol.shortest_float32(a) if isinstance(a, float) else a for a in message.params])
    if fields["prompt"] in protocol.FIELDS:  # a one-word prompt that is a field name is ambiguous by design
        return
    assert parsed["prompt"] == fields["prompt"] and parsed["steps"] == fields["steps"]
    assert parsed["seed"] == fields["seed"] and abs(parsed["seconds"] - fields["seconds"]) <= 1e-6 * fields["seconds"]


valid_datagram = st.builds(
    lambda address, args: _build(address, args),
    st.sampled_from(["/audioldm/generate", "/audioldm/ping", "/audioldm/cancel", "/x"]),
    st.lists(st.text(st.characters(codec="ascii", exclude_characters="\x00"), max_size=8)
             | st.integers(-2**31, 2**31 - 1) | st.floats(width=32), max_size=6))


def _build(address, args):
    builder = OscMessageBuilder(address=address)
    for arg in args:
        builder.add_arg(arg)
    return builder.build().dgram


@SETTINGS
@given(valid_datagram, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 255)), max_size=6),
       st.integers(0, 200))
def test_mutated_datagrams_decode_or_bad_request(dgram, flips, cut):
    data = bytearray(dgram)
    for position, value in flips:
        if position < len(data):
            data[position] = value
    data = bytes(data[: max(0, len(data) - cut)])
    messages = valid_or_own_error(lambda: decode_datagram(data))
    for message in messages or []:
        assert isinstance(message.address, str)
        valid_or_own_error(lambda: parse_key_values(list(message.params)))


@SETTINGS
@given(st.binary(max_size=200))
def test_any_datagram_decodes_or_bad_request(data):
    valid_or_own_error(lambda: decode_datagram(data))
