"""bridge.osc_transport: reply ports on every address, float32 values read as typed."""

import json
import socket
from pathlib import Path

import pytest
import soundfile as sf
from pythonosc.osc_message_builder import OscMessageBuilder

from bridge import protocol
from engine.length import MusicalLength
from test_service import OscListener, service, wait_for  # noqa: F401 (service: a fixture)

REPO = Path(__file__).resolve().parents[1]

# --- OSC --------------------------------------------------------------------------------------------------


def osc_send(svc, address, *args, types=None):
    builder = OscMessageBuilder(address=address)
    for i, arg in enumerate(args):
        builder.add_arg(arg, types[i] if types else None)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.sendto(builder.build().dgram, ("127.0.0.1", svc.transports["osc"].port))


def test_reply_port_works_on_every_osc_address(service):
    listener = OscListener()
    try:
        osc_send(service, "/audioldm/ping", "reply_port", listener.port)
        listener.wait("/audioldm/pong", timeout=10)
        osc_send(service, "/audioldm/status", "reply_port", listener.port)
        assert "model" in listener.wait("/audioldm/status", timeout=10)[0]
        osc_send(service, "/audioldm/cancel", "nope", "reply_port", listener.port)
        [error] = listener.wait("/audioldm/error", timeout=10)
        assert error[1:3] == ("nope", "not_found")
        osc_send(service, "/audioldm/ping", "reply_port", listener.port, "seconds", 1)
        wait_for(lambda: len([m for m in listener.messages if m[0] == "/audioldm/error"]) == 2, timeout=10)
        assert "takes reply_port; got seconds" in listener.wait("/audioldm/error")[1][3]
        # A message that does not even parse still answers on its reply_port.
        osc_send(service, "/audioldm/generate", "colour", "red", "reply_port", listener.port)
        wait_for(lambda: len([m for m in listener.messages if m[0] == "/audioldm/error"]) == 3, timeout=10)
        assert "expected a field name, got 'colour'" in listener.wait("/audioldm/error")[2][3]
    finally:
        listener.close()


def test_osc_float32_reads_as_the_decimal_typed(service):
    listener = OscListener()
    try:
        osc_send(service, "/audioldm/generate", "prompt", "hats", "bars", 1, "bpm", 133.7, "time_sig", "7/8",
                 "sample_rate", 44100, "reply_port", listener.port, types="sssisfsssisi")
        [done] = listener.wait("/audioldm/done")
    finally:
        listener.close()
    sidecar = json.loads(Path(done[2]).with_suffix(".json").read_text())
    assert sidecar["bpm"] == 133.7
    assert sf.info(done[2]).frames == MusicalLength.from_bars(1, "133.7", "7/8").samples(44100) == 69267


@pytest.mark.parametrize("value, expected", [(133.7, 133.7), (90.0, 90.0), (0.1, 0.1), (-14.3, -14.3),
                                             (133.69999694824219, 133.7)])
def test_shortest_float32(value, expected):
    import struct

    as32 = struct.unpack("<f", struct.pack("<f", value))[0]
    assert protocol.shortest_float32(as32) == expected
    assert protocol.shortest_float32(133.7) == 133.7  # a double (JSON, OSC `d`) passes unchanged
    assert protocol.shortest_float32(133.70000000000002) == 133.70000000000002


def test_osc_carries_the_fit_fields(service):
    """tempo_lock, key and key_lock over OSC: the done file's sidecar records the fit asked for."""
    listener = OscListener()
    try:
        osc_send(service, "/audioldm/generate", "prompt", "pad", "bars", 1, "bpm", 110, "tempo_lock", "report",
                 "key", "Bbm", "key_lock", "report", "steps", 2, "reply_port", listener.port)
        [done] = listener.wait("/audioldm/done")
        osc_send(service, "/audioldm/generate", "prompt", "pad", "seconds", 1, "key", "H major",
                 "reply_port", listener.port)
        [error] = listener.wait("/audioldm/error")
    finally:
        listener.close()
    fit = json.loads(Path(done[2]).with_suffix(".json").read_text())["fit"]
    assert fit["tempo"]["target_bpm"] == 110 and fit["tempo"]["lock"] == "report"
    assert fit["key"]["target"] == "Bb minor" and fit["key"]["lock"] == "report"
    assert error[2] == "bad_request" and "'H major'" in error[3]
