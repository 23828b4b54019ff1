"""audioldm.client, run from its own objects by the evaluator over real UDP: the engine's address from
its arguments and from host/port/reply_port messages, and only the current job's events out."""

from __future__ import annotations

import re
import socket

from pythonosc.osc_message import OscMessage

from maxpatches import (PATCHERS, PROMPT, boxes_of, engine_service, free_udp_port, mini_client_patch,
                        send_osc)
from maxsim import Msg, Runtime  # noqa: E402

__all__ = ["engine_service"]  # a fixture


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
