"""What the Max tests share: where the package is, its patch files read as JSON (with their [p]
subpatchers), a stand-in OSC listener, the tiny-model engine and the evaluator's runtime (fixtures: import
them into a test module to use them)."""

from __future__ import annotations

import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from pythonosc.dispatcher import Dispatcher
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.osc_server import BlockingOSCUDPServer

from bridge.service import ServiceConfig, serving
from engine.render import Engine

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "max_patches" / "audioldm-bridge"
PATCHERS = PACKAGE / "patchers"
sys.path.insert(0, str(REPO / "max_patches" / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from client import client as client_patch  # noqa: E402  (the builder's audioldm.client)
from maxdsl import Patch  # noqa: E402
from maxsim import Runtime  # noqa: E402

PATCH_FILES = sorted(PACKAGE.glob("patchers/*.maxpat")) + sorted(PACKAGE.glob("help/*.maxhelp"))
ABSTRACTIONS = {p.stem for p in PACKAGE.glob("patchers/*.maxpat")}
PROMPT = "warm analog pad"  # what a textedit → [route text] → [tosymbol] delivers: one symbol
RENDER_TIMEOUT = 240  # seconds: a few on an idle machine; generous for a CI box shared with others


def levels(patcher: dict):
    """A patcher and, depth first, the [p] subpatchers saved in its boxes."""
    yield patcher
    for entry in patcher["boxes"]:
        if "patcher" in entry["box"]:
            yield from levels(entry["box"]["patcher"])


def boxes_of(path: Path) -> list[dict]:
    """Every box of a patch file, its subpatchers' included (ids are unique in a file the builder writes)."""
    return [b["box"] for level in levels(json.loads(path.read_text(encoding="utf-8"))["patcher"]) for b in level["boxes"]]


def lines_of(path: Path) -> list[dict]:
    return [line["patchline"] for level in levels(json.loads(path.read_text(encoding="utf-8"))["patcher"])
            for line in level["lines"]]


def ports_of(patcher: dict) -> tuple[int, int]:
    kinds = [b["box"]["maxclass"] for b in patcher["boxes"]]
    return kinds.count("inlet"), kinds.count("outlet")


def abstraction_ports(name: str) -> tuple[int, int]:
    return ports_of(json.loads((PATCHERS / f"{name}.maxpat").read_text(encoding="utf-8"))["patcher"])


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


@pytest.fixture
def max_runtime(engine_service):
    rt = Runtime(PATCHERS, tempo=100.0, time_signature=(4, 4),
                 engine_address=("127.0.0.1", engine_service.transports["osc"].port))
    yield rt
    rt.close()


def send_osc(port: int, address: str, atoms) -> None:
    builder = OscMessageBuilder(address=address)
    for atom in atoms:  # as [udpsend] does: ints i, floats 32-bit f, symbols s
        builder.add_arg(atom, "i" if isinstance(atom, int) else "f" if isinstance(atom, float) else "s")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.sendto(builder.build().dgram, ("127.0.0.1", port))


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mini_client_patch(tmp_path, client_text: str) -> Path:
    """A patch with one [audioldm.client …] whose output goes to a [print] probe."""
    patch = Patch(abstractions={"audioldm.client": client_patch().ports()})
    client = patch.obj(client_text, 20, 60, 300)
    control = patch.ui("button", 20, 20)  # anything sent into the client goes through here in a test
    patch.wire(control, 0, client)
    patch.wire(client, 0, patch.obj("print probe", 20, 120))
    path = tmp_path / "mini.maxpat"
    path.write_text(json.dumps(patch.to_json()))
    return path
