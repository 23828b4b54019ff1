"""Audio in, best-of and alignment through both transports: real loopback sockets, tiny model."""

import tempfile
from pathlib import Path
import json
import socket

import numpy as np
import pytest
import soundfile as sf
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.osc_packet import OscPacket

from bridge.client import BridgeClient
from bridge.service import ServiceConfig, serving
from engine.render import Engine


@pytest.fixture(scope="module")
def service(tiny_components, tmp_path_factory):
    with serving(Engine(tiny_components), ServiceConfig.on_free_ports(tmp_path_factory.mktemp("svc"), allow_out=(Path(tempfile.gettempdir()),),
                                                                  elevated=True),  # roots on any machine
                 shutdown_grace_s=5) as svc:
        yield svc


@pytest.fixture
def take(tmp_path):
    rate = 44100
    t = np.arange(round(1.5 * rate)) / rate
    sf.write(tmp_path / "take.wav", (0.1 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate, subtype="FLOAT")
    return tmp_path / "take.wav"


def zmq_client(svc):
    return BridgeClient(svc.endpoints()["zmq"]["requests"], timeout=60)


class OscClient:
    """A UDP socket that sends /audioldm/generate and reads the replies sent to its own port."""

    def __init__(self, svc):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(60)
        self.target = ("127.0.0.1", svc.transports["osc"].port)

    def generate(self, *args):
        builder = OscMessageBuilder("/audioldm/generate")
        for arg in [*args, "reply_port", self.sock.getsockname()[1]]:
            builder.add_arg(arg)
        self.sock.sendto(builder.build().dgram, self.target)
        while True:
            message = next(iter(OscPacket(self.sock.recv(65535)).messages)).message
            if message.address.rsplit("/", 1)[1] in ("done", "error", "cancelled"):
                return message.address, list(message.params)

    def close(self):
        self.sock.close()


def test_style_transfer_over_zmq(service, take):
    with zmq_client(service) as client:
        done = client.generate({"prompt": "glass marimba", "init_audio": str(take), "strength": 0.6, "steps": 2,
                                "seed": 1})
    [entry] = done["files"]
    assert sf.info(entry["path"]).frames == round(sf.info(take).frames * 48000 / 44100)
    assert entry["edit"] == "transfer" and entry["strength"] == 0.6


def progress_of(events):
    return [(e["step"], e["total"]) for e in events if e["event"] == "progress"]


@pytest.mark.parametrize("fields, steps_run", [
    ({"strength": 0.5, "steps": 10}, 5),  # a transfer at strength 0.5 runs the last 5 of 10 steps
    ({"repaint_start": 0.5, "repaint_end": 1.0, "strength": 0.5, "steps": 4}, 2),
])
def test_an_edits_progress_counts_the_steps_it_runs(service, take, fields, steps_run):
    with zmq_client(service) as client:
        events = list(client.events({"prompt": "glass marimba", "init_audio": str(take), "seed": 1, **fields}))
    assert events[-1]["event"] == "done"
    assert progress_of(events) == [(i, steps_run) for i in range(1, steps_run + 1)]


def test_repaint_over_osc_keeps_the_rest(service, take):
    osc = OscClient(service)
    try:
        address, params = osc.generate("prompt", "funk drum break", "init_audio", str(take), "repaint_start", 0.5,
                                       "repaint_end", 1.0, "steps", 2, "format", "wav32f")
    finally:
        osc.close()
    assert address == "/audioldm/done", params
    audio, rate = sf.read(params[1], dtype="float32")
    original = sf.read(take, dtype="float32")[0]
    from engine.resample import resample

    original = resample(original, 44100, 48000)[: len(audio)]
    assert len(audio) == round(1.5 * 48000)
    np.testing.assert_allclose(audio[:24000], original[:24000], rtol=0, atol=1e-6)
    np.testing.assert_allclose(audio[48000:], original[48000:], rtol=0, atol=1e-6)
    sidecar = json.loads(open(params[1].rsplit(".", 1)[0] + ".json").read())
    assert sidecar["edit"] == "repaint" and sidecar["repaint"] == [0.5, 1.0]


def test_extend_and_best_of_over_osc(service, take):
    osc = OscClient(service)
    try:
        address, params = osc.generate("prompt", "ambient pad", "init_audio", str(take), "extend_bars", 1, "bpm", 240.0,
                                       "steps", 2, "best_of", 2, "seed", 4)
    finally:
        osc.close()
    assert address == "/audioldm/done", params
    assert sf.info(params[1]).frames == round(1.5 * 48000) + 48000  # a bar of 4/4 at 240 BPM is 1 s
    sidecar = json.loads(open(params[1].rsplit(".", 1)[0] + ".json").read())
    assert sidecar["best_of"] == 2 and sidecar["rank"] == 1 and sidecar["seed"] in (4, 5)


def test_best_of_and_align_over_zmq(service):
    with zmq_client(service) as client:
        done = client.generate({"prompt": "808 kick", "seconds": 0.5, "best_of": 3, "variations": 2, "steps": 2,
                                "align": "onset", "seed": 20})
    assert [f["rank"] for f in done["files"]] == [1, 2]
    assert done["files"][0]["clap_score"] >= done["files"][1]["clap_score"]
    assert {f["seed"] for f in done["files"]} <= {20, 21, 22}
    assert all(sf.info(f["path"]).frames == 24000 and "tempo_bpm" in f["align"] for f in done["files"])


@pytest.mark.parametrize("path, message", [
    ("take.wav", "must be an absolute path"),
    ("/no/such/take.wav", "is outside the folders this engine may use"),
    (str(Path(tempfile.gettempdir()) / "audioldm-no-such-take.wav"), "does not exist"),
])
def test_bad_input_paths_are_refused_over_both_transports(service, path, message):
    with zmq_client(service) as client:
        events = list(client.events({"prompt": "x", "init_audio": path, "id": f"bad-{len(path)}"}))
    assert events[-1]["event"] == "error" and events[-1]["code"] == "bad_request"
    assert message in events[-1]["message"]
    osc = OscClient(service)
    try:
        address, params = osc.generate("prompt", "x", "init_audio", path)
    finally:
        osc.close()
    assert address == "/audioldm/error" and params[1] == "bad_request" and message in params[2]
    with zmq_client(service) as client:  # and the engine keeps serving
        assert client.ping()["event"] == "pong"
