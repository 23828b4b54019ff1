"""The engine service over real loopback sockets (ZeroMQ and OSC) with the tiny model."""

import contextlib
import json
import os
import queue
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import zmq
from pythonosc.dispatcher import Dispatcher
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.osc_server import BlockingOSCUDPServer

from bridge.client import BridgeClient
from bridge.service import BridgeService, ServiceConfig, serving
from engine.errors import EngineError
from engine.render import Engine

REPO = Path(__file__).resolve().parents[1]
BLOCKER = {"prompt": "blocker", "seconds": 0.5, "steps": 500, "priority": "live"}  # runs until cancelled


@contextlib.contextmanager
def unwritable_folder(path: Path):
    """A folder nobody may create files in: mode 0555, or (as root, who ignores modes) immutable."""
    path.mkdir(parents=True, exist_ok=True)
    undo = None
    if os.name != "nt" and os.geteuid() != 0:
        path.chmod(0o555)
        undo = lambda: path.chmod(0o755)  # noqa: E731
    elif sys.platform.startswith("linux") and subprocess.run(["chattr", "+i", str(path)],
                                                             capture_output=True).returncode == 0:
        undo = lambda: subprocess.run(["chattr", "-i", str(path)], check=True)  # noqa: E731
    try:
        try:
            (path / "probe").touch()
        except OSError:
            pass
        else:
            pytest.skip("no way to make a folder unwritable on this machine")
        yield path
    finally:
        if undo is not None:
            undo()


def running_service(tiny_components, tmp_path, **config):
    return serving(Engine(tiny_components), ServiceConfig.on_free_ports(tmp_path, **config), shutdown_grace_s=5)


@pytest.fixture
def service(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path) as svc:
        yield svc


def client_for(svc, **kw):
    kw.setdefault("timeout", 30)
    return BridgeClient(svc.endpoints()["zmq"]["requests"], **kw)


def wait_for(predicate, timeout=60.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    raise AssertionError("condition not reached in time")


def start_blocker(svc, client, job_id="blocker"):
    client._send({"op": "generate", "id": job_id, **BLOCKER})
    wait_for(lambda: svc.queue.running and svc.queue.running[0].id == job_id)


# --- ZeroMQ -------------------------------------------------------------------------------------------


def test_generate_over_zmq_progress_then_done(service):
    with client_for(service) as client:
        events = list(client.events({"prompt": "rain on a tin roof", "bars": 4, "bpm": 90, "seed": 3}))
    kinds = [e["event"] for e in events]
    assert kinds[:2] == ["accepted", "started"] and kinds[-1] == "done"
    assert [(e["step"], e["total"]) for e in events if e["event"] == "progress"] == [(i, 10) for i in range(1, 11)]
    done = events[-1]
    audio, rate = sf.read(done["paths"][0])
    assert rate == 48000 and len(audio) == 4 * 4 * 60 * 48000 // 90 == 512000
    assert done["files"][0]["seed"] == 3 and Path(done["files"][0]["sidecar"]).is_file()


def test_progress_ends_at_its_total_for_every_scheduler_and_every_part(tiny_components, tmp_path):
    """pndm runs one step more than asked (its first is a warm-up): the total is the steps that run,
    in every part of a job whose variations need several batches (2 rows per batch: 3 parts here)."""
    with running_service(tiny_components, tmp_path, max_batch_rows=2) as svc, client_for(svc) as client:
        pndm = list(client.events({"prompt": "bell", "seconds": 0.3, "steps": 4, "scheduler": "pndm"}))
        parts = list(client.events({"prompt": "bell", "seconds": 0.3, "steps": 4, "scheduler": "pndm",
                                    "variations": 3}))
    assert pndm[-1]["event"] == "done" and parts[-1]["event"] == "done"
    assert [(e["step"], e["total"]) for e in pndm if e["event"] == "progress"] == [(i, 5) for i in range(1, 6)]
    assert [(e["step"], e["total"]) for e in parts if e["event"] == "progress"] == [(i, 15) for i in range(1, 16)]


def test_parts_left_by_a_killed_engine_are_removed_at_start(tiny_components, tmp_path):
    """kill -9 while a file is being written leaves its hidden part behind: the next engine removes it
    when it starts; a part another live engine is writing into the same folder stays."""
    code = ("import sys, numpy; from engine.writer import stage_audio; "
            "print(stage_audio(sys.argv[1], numpy.zeros(4800, 'float32'), 48000, 'wav24'), flush=True); "
            "sys.stdin.read()")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    alive = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, env=env)
    try:
        left, writing = Path(killed.stdout.readline().strip()), Path(alive.stdout.readline().strip())
        killed.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: nothing of it runs again
        killed.wait(30)
        assert left.is_file() and writing.is_file() and left.name.startswith(".audioldm-")
        with running_service(tiny_components, tmp_path):
            assert not left.exists() and writing.exists()
    finally:
        for process in (killed, alive):
            if process.poll() is None:
                process.stdin.close()
                process.wait(30)


def subscribe_live(sub, client, timeout=120.0):
    """Return once ``sub`` provably receives the PUB feed.

    PUB/SUB drops what is published before the subscription reaches the publisher (the "slow
    joiner"), and nothing says when it has. So run tiny probe jobs until one of their events
    arrives: from then on the subscription is live and nothing later is dropped.
    """
    end = time.monotonic() + timeout
    probe = 0
    while time.monotonic() < end:
        client.generate({"id": f"probe{probe}", "prompt": "probe", "seconds": 0.2, "steps": 1})
        probe += 1
        if sub.poll(200):
            return
    raise AssertionError(f"no event on the PUB feed after {probe} probe jobs")


def test_pub_feed_carries_every_event(service):
    sub = zmq.Context.instance().socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(service.endpoints()["zmq"]["events"])
    try:
        with client_for(service) as client:
            subscribe_live(sub, client)
            client.generate({"prompt": "hat", "seconds": 0.5, "id": "pubbed"})
        seen = []
        end = time.monotonic() + 30
        while "done" not in seen and time.monotonic() < end:
            if not sub.poll(100):
                continue
            topic, payload = sub.recv_multipart()
            event = json.loads(payload)
            assert topic.decode() == event["event"]
            if event["id"] == "pubbed":  # the probes' events may still be queued ahead
                seen.append(event["event"])
    finally:
        sub.close(0)
    assert seen[:2] == ["accepted", "started"] and seen[-1] == "done"
    assert seen.count("progress") == 10


def test_live_request_overtakes_queued_normal_ones(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path, max_batch=1) as svc, client_for(svc) as client:
        start_blocker(svc, client)
        finished = []
        lock = threading.Lock()

        def run(fields):
            with client_for(svc) as own:
                own.generate(fields)
            with lock:
                finished.append(fields["id"])

        threads = []
        for job_id, priority in [("n1", "normal"), ("n2", "normal"), ("bg", "background"), ("n3", "normal"),
                                 ("live", "live")]:
            threads.append(threading.Thread(target=run, args=({"id": job_id, "prompt": job_id, "seconds": 0.3,
                                                              "priority": priority},)))
            threads[-1].start()
            wait_for(lambda: job_id in svc.queue.jobs)
        assert client.cancel("blocker")["event"] == "cancelled"
        for thread in threads:
            thread.join(30)
    assert finished == ["live", "n1", "n2", "n3", "bg"]


def test_live_request_preempts_a_running_background_job_between_steps(tiny_components, tmp_path):
    """The live job is done while the background job is mid-way; the background audio is unchanged."""
    background = {"id": "bg", "prompt": "long texture", "seconds": 0.5, "steps": 150, "priority": "background",
                  "seed": 4, "format": "wav32f"}
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        steps_seen, results = [], {}

        def run_background():
            with client_for(svc, timeout=120) as own:
                results["bg"] = own.generate(background, on_event=lambda e: e["event"] == "progress"
                                             and steps_seen.append(e["step"]))

        thread = threading.Thread(target=run_background)
        thread.start()
        wait_for(lambda: len(steps_seen) >= 3)
        results["live"] = client.generate({"id": "live", "prompt": "kick", "seconds": 0.3, "priority": "live"})
        background_step_when_live_done = steps_seen[-1]
        thread.join(120)
        preemptions = svc.workers[0].preemptions
    assert results["live"]["event"] == "done" and results["bg"]["event"] == "done"
    assert background_step_when_live_done < 150  # it did not wait for the background job to finish
    assert preemptions == 1 and steps_seen == list(range(1, 151))
    with client_for_alone(tiny_components, tmp_path / "alone") as alone:
        single = alone.generate({**background, "priority": "normal"})
    a, _ = sf.read(results["bg"]["paths"][0])
    b, _ = sf.read(single["paths"][0])
    np.testing.assert_array_equal(a, b)  # preemption changes when, never what


def test_concurrent_same_length_requests_are_batched_and_equal_alone(tiny_components, tmp_path):
    fields = [{"id": f"b{i}", "prompt": p, "seconds": 0.6, "seed": 10 + i, "format": "wav32f"}
              for i, p in enumerate(["kick", "snare", "hat"])]
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        start_blocker(svc, client)
        results = {}

        def run(f):
            with client_for(svc) as own:
                results[f["id"]] = own.generate(f)

        threads = [threading.Thread(target=run, args=(f,)) for f in fields]
        for thread, f in zip(threads, fields):
            thread.start()
            wait_for(lambda: f["id"] in svc.queue.jobs)
        client.cancel("blocker")
        for thread in threads:
            thread.join(30)
        batches = svc.workers[0].batches_run
    assert batches == 2  # the blocker, then all three together
    for f in fields:
        with client_for_alone(tiny_components, tmp_path / f["id"]) as alone:
            single = alone.generate(f)
        a, _ = sf.read(results[f["id"]]["paths"][0])
        b, _ = sf.read(single["paths"][0])
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-5)


@contextlib.contextmanager
def client_for_alone(tiny_components, out):
    with running_service(tiny_components, out) as svc, client_for(svc) as client:
        yield client


def test_cancel_a_queued_job(service):
    with client_for(service) as client:
        start_blocker(service, client)
        client._send({"op": "generate", "id": "waiting", "prompt": "never", "seconds": 1})
        wait_for(lambda: "waiting" in service.queue.jobs)
        with client_for(service) as other:
            assert other.cancel("waiting") == {"event": "cancelled", "id": "waiting"}
            assert other.cancel("blocker")["event"] == "cancelled"
            assert other.cancel("nope")["code"] == "not_found"
    wait_for(lambda: not service.queue.running)
    assert not any("never" in p.name for p in service.config.out_dir.iterdir())


def test_cancel_a_running_job_stops_at_the_next_step(service):
    with client_for(service) as client:
        client._send({"op": "generate", "id": "long", **{k: v for k, v in BLOCKER.items() if k != "priority"}})
        steps = []
        while True:
            event = client._receive(10)
            if event["event"] == "progress":
                steps.append(event["step"])
                if len(steps) == 2:
                    with client_for(service) as other:
                        assert other.cancel("long")["event"] == "cancelled"
            if event["event"] in ("done", "cancelled", "error"):
                break
    assert event == {"event": "cancelled", "id": "long"}
    assert max(steps) < 20  # not the 500 it asked for
    assert not list(service.config.out_dir.iterdir())


def test_resent_id_runs_once_and_replays_its_latest_event(service):
    fields = {"id": "same", "prompt": "bell", "seconds": 0.4}
    with client_for(service) as client:
        first = client.generate(fields)
    with client_for(service) as client:
        again = list(client.events(fields))
    assert again == [first]  # the outcome, not the whole history
    assert service.workers[0].batches_run == 1
    assert len(list(service.config.out_dir.glob("*.wav"))) == 1


def test_busy_when_the_queue_is_full(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path, max_queued=2) as svc, client_for(svc) as client:
        start_blocker(svc, client)
        for i in range(2):
            client._send({"op": "generate", "id": f"q{i}", "prompt": "q", "seconds": 1})
            wait_for(lambda: f"q{i}" in svc.queue.jobs)
        with client_for(svc) as other:
            reply = other.call({"op": "generate", "id": "overflow", "prompt": "q", "seconds": 1})
        assert reply["event"] == "error" and reply["code"] == "busy" and "queue full (2 jobs waiting)" in reply["message"]
        client.cancel("blocker")


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"{not json", "malformed JSON"),
        (b"\xff\xfe", "malformed JSON"),
        (b"[1, 2]", "a request must be a JSON object, got list"),
        (json.dumps({"op": "dance"}).encode(), "unknown op 'dance'"),
        (json.dumps({"prompt": "x", "bars": "4", "bpm": 120}).encode(), "bars must be a number, got '4'"),
        (json.dumps({"prompt": "x", "seconds": 1, "steps": 2.5}).encode(), "steps must be a whole number, got 2.5"),
        (json.dumps({"prompt": "", "seconds": 1}).encode(), "prompt must be non-empty text"),
        (json.dumps({"prompt": "x", "seconds": 1e9}).encode(), "length must be 0.1..60 s"),
        (json.dumps({"prompt": "x", "seconds": 1, "colour": "red"}).encode(), "unknown field(s) colour"),
        (json.dumps({"prompt": "x", "seconds": 1, "out_dir": "../../etc"}).encode(), "out_dir must be an absolute"),
        (json.dumps({"prompt": "x", "seconds": 1, "out_dir": "/tmp/../etc"}).encode(), "must not contain '..'"),
        (json.dumps({"prompt": "x", "seconds": 1, "id": "../x"}).encode(), "id must be 1-64 characters"),
        (json.dumps({"prompt": "x" * 70000, "seconds": 1}).encode(), "the limit is 65536"),
    ],
)
def test_bad_zmq_input_gets_an_error_and_the_engine_keeps_serving(service, payload, message):
    with client_for(service) as client:
        client.socket.send(payload)
        reply = client._receive(10)
        assert reply["event"] == "error" and reply["code"] == "bad_request"
        assert message in reply["message"]
        assert client.ping()["event"] == "pong"


@pytest.mark.parametrize("sub", ["", "new/folder"])
def test_an_unwritable_out_dir_is_refused_when_the_request_arrives(service, sub):
    """Not minutes later, when the file is written: bad_request naming the folder, nothing queued."""
    with unwritable_folder(service.config.out_dir / "read-only") as folder, client_for(service) as client:
        out_dir = folder / sub if sub else folder
        events = list(client.events({"prompt": "x", "seconds": 0.5, "id": f"ro-{len(sub)}", "out_dir": str(out_dir)}))
    assert [e["event"] for e in events] == ["error"]
    assert events[0]["code"] == "bad_request" and f"out_dir {str(out_dir)!r} is not writable" in events[0]["message"]
    assert f"ro-{len(sub)}" not in service.queue.jobs


def test_name_hint_cannot_escape_the_output_folder(service):
    with client_for(service) as client:
        done = client.generate({"prompt": "x", "seconds": 0.3, "name": "../../../tmp/evil"})
    path = Path(done["paths"][0])
    assert path.parent == service.config.out_dir and path.name.startswith("tmp-evil_")


@contextlib.contextmanager
def loading_service(tmp_path):
    """A service whose model is still loading: its ports are bound and served, no worker runs yet."""
    from engine.length import LengthLimits

    svc = BridgeService(None, ServiceConfig.on_free_ports(tmp_path)).bind()
    svc.start_loading("tiny", LengthLimits())
    try:
        yield svc
    finally:
        svc.shutdown(5)


def test_an_engine_loading_its_model_answers_ping_and_status_and_queues_requests(tiny_components, tmp_path):
    with loading_service(tmp_path) as svc, client_for(svc) as client:
        assert client.ping() == {"event": "pong", "id": "", "protocol": 1, "state": "loading"}
        status = client.status()
        assert status["state"] == "loading" and status["model"] == "tiny" and status["device"] is None
        events = client.events({"prompt": "x", "seconds": 0.3, "steps": 2, "id": "early"})
        assert next(events)["event"] == "accepted"
        bad = list(client.events({"prompt": "x", "seconds": 61, "id": "too-long"}))
        assert [e["code"] for e in bad] == ["bad_request"]  # validated while loading, with the engine's limits
        svc.start(Engine(tiny_components))
        assert [e["event"] for e in events][-1] == "done"
        assert client.ping()["state"] == "ready" and client.status()["state"] == "ready"


def test_a_model_that_fails_to_load_fails_the_jobs_that_waited_for_it(tmp_path):
    from engine.errors import ModelUnavailable

    with loading_service(tmp_path) as svc, client_for(svc) as client:
        events = client.events({"prompt": "x", "seconds": 0.3, "id": "waited"})
        assert next(events)["event"] == "accepted"
        svc.shutdown(0, reason=ModelUnavailable("model cvssp/nope is not in the cache"))
        [final] = list(events)
    assert final["code"] == "model_unavailable" and "cvssp/nope" in final["message"]


def test_request_and_ping_commands_wait_for_a_loading_engine(tiny_components, tmp_path, capsys):
    from bridge import cli

    with loading_service(tmp_path) as svc:
        endpoint = svc.endpoints()["zmq"]["requests"]
        assert cli.main(["ping", "--endpoint", endpoint]) == 0
        assert "loading its model" in capsys.readouterr().out
        outcome = {}
        request = threading.Thread(target=lambda: outcome.update(rc=cli.main(
            ["request", "x", "--seconds", "0.3", "--steps", "2", "--id", "cli-early", "--endpoint", endpoint,
             "--ping-timeout", "5", "--reply-timeout", "0.5", "--timeout", "120"])))
        request.start()
        wait_for(lambda: "cli-early" in svc.queue.jobs, timeout=30)
        svc.start(Engine(tiny_components))
        request.join(120)
    assert outcome == {"rc": 0}


def test_status_reports_queue_model_device_uptime(service):
    with client_for(service) as client:
        status = client.status()
        asked = time.monotonic()
        time.sleep(0.05)  # a known interval for uptime to count, not a wait for an event
        later = client.status()
        between = time.monotonic() - asked
    assert status["model"] == "tiny" and status["device"] == "cpu" and status["test_model"] is True
    assert status["queue"] == {"live": 0, "normal": 0, "background": 0} and status["running"] == []
    assert 0.05 - 0.002 <= later["uptime_s"] - status["uptime_s"] <= between + 0.05  # uptime runs in seconds


def test_client_gives_up_clearly_without_an_engine():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = BridgeClient(f"tcp://127.0.0.1:{port}", timeout=0.1, retries=2)
    started = time.monotonic()
    with pytest.raises(EngineError, match="no reply from the engine .* after 3 tries") as err:
        client.ping()
    assert err.value.code == "timeout" and time.monotonic() - started < 2
    client.close()


# --- OSC ----------------------------------------------------------------------------------------------


class OscListener:
    """What Max's [udpreceive] would see."""

    def __init__(self):
        self.messages = []
        dispatcher = Dispatcher()
        dispatcher.set_default_handler(lambda address, *args: self.messages.append((address, *args)))
        self.server = BlockingOSCUDPServer(("127.0.0.1", 0), dispatcher)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def wait(self, address, timeout=60.0):
        wait_for(lambda: any(m[0] == address for m in self.messages), timeout)
        return [m for m in self.messages if m[0] == address]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def osc(service):
    listener = OscListener()
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    port = service.transports["osc"].port

    def send(address, *args, types=None):
        builder = OscMessageBuilder(address=address)
        for i, arg in enumerate(args):
            builder.add_arg(arg, types[i] if types else None)
        sender.sendto(builder.build().dgram, ("127.0.0.1", port))

    def send_raw(data):
        sender.sendto(data, ("127.0.0.1", port))

    yield listener, send, send_raw
    listener.close()
    sender.close()


def test_generate_over_osc_as_max_sends_it(osc):
    listener, send, _ = osc
    # a prompt typed in a message box: several symbols; ints and 32-bit floats as Max sends them
    send("/audioldm/generate", "prompt", "rain", "on", "a", "tin", "roof", "bars", 4, "bpm", 90.0, "time_sig", "4/4",
         "seed", 7, "reply_port", listener.port, "id", "max1", types="sssssssisfsssisiss")
    [done] = listener.wait("/audioldm/done")
    assert done[1] == "max1"
    audio, rate = sf.read(done[2])
    assert rate == 48000 and len(audio) == 512000
    assert json.loads(Path(done[2]).with_suffix(".json").read_text())["prompt"] == "rain on a tin roof"
    assert listener.wait("/audioldm/accepted")[0] == ("/audioldm/accepted", "max1", 1)
    progress = listener.wait("/audioldm/progress")
    assert progress[0] == ("/audioldm/progress", "max1", 1, 10) and progress[-1][2:] == (10, 10)
    order = [m[0] for m in listener.messages]
    assert order.index("/audioldm/accepted") < order.index("/audioldm/started") < order.index("/audioldm/done")


def test_osc_prompt_words_that_look_like_fields(osc):
    listener, send, _ = osc
    send("/audioldm/generate", "prompt", "drum", "loop", "bars", 1, "bpm", 120, "reply_port", listener.port)
    [done] = listener.wait("/audioldm/done")
    assert json.loads(Path(done[2]).with_suffix(".json").read_text())["prompt"] == "drum loop"


def test_osc_ping_status_cancel(osc, service):
    listener, send, _ = osc
    service.transports["osc"].reply_port = listener.port  # replies without reply_port go to the default port
    send("/audioldm/ping")
    listener.wait("/audioldm/pong")
    send("/audioldm/status")
    [status] = listener.wait("/audioldm/status")
    fields = dict(zip(status[1::2], status[2::2]))
    assert fields["model"] == "tiny" and fields["queue_live"] == 0 and isinstance(fields["uptime_s"], float)
    send("/audioldm/cancel", "no-such-job")
    [err] = listener.wait("/audioldm/error")
    assert err[1:3] == ("no-such-job", "not_found")


@pytest.mark.parametrize(
    "message, expected",
    [
        (("/audioldm/explode", 1), "unknown address /audioldm/explode"),
        (("/audioldm/generate", "prompt", "x", "bars", "four", "bpm", 120), "bars must be a number, got 'four'"),
        (("/audioldm/generate", "bars", 2), "prompt must be non-empty text"),
        (("/audioldm/generate", 5, "prompt", "x"), "expected a field name, got 5"),
        (("/audioldm/generate", "prompt", "x", "seconds", 1, "seconds", 2), "field seconds given twice"),
        (("/audioldm/generate", "prompt", "x", "seconds", 1, "reply_port", 99999), "reply_port must be 1..65535"),
        (("/audioldm/cancel",), "takes a job id"),
    ],
)
def test_bad_osc_input_gets_an_error_reply_and_the_engine_keeps_serving(osc, service, message, expected):
    listener, send, _ = osc
    service.transports["osc"].reply_port = listener.port
    send(*message)
    [err] = listener.wait("/audioldm/error")
    assert err[2] == "bad_request" and expected in err[3]
    send("/audioldm/ping")
    listener.wait("/audioldm/pong")


@pytest.mark.parametrize(
    "message, expected",
    [
        (("/audioldm/ping",), "/audioldm/pong"),
        (("/audioldm/generate", "prompt", "x", "seconds", 1, "seconds", 2), "field seconds given twice"),
        (("/audioldm/generate", "prompt", "x", "bars", "four"), "bars must be a number, got 'four'"),
        (("/audioldm/cancel", "no-such-job"), "no job with id 'no-such-job'"),
    ],
)
def test_a_float_reply_port_from_a_max_float_box_is_honoured(osc, service, message, expected):
    """Max's float box sends 19001. as a 32-bit float: replies, errors included, go to that port (the
    default reply port is 0 here, where nothing arrives)."""
    listener, send, _ = osc
    assert service.transports["osc"].reply_port == 0
    send(*message, "reply_port", float(listener.port))
    if expected.startswith("/"):
        listener.wait(expected, timeout=10)
    else:
        [err] = listener.wait("/audioldm/error", timeout=10)
        assert expected in err[3]


def osc_datagram(address, args):
    """An OSC message built by hand (python-osc refuses to build text that is not UTF-8)."""
    def pad(b):
        return b + b"\x00" * (4 - len(b) % 4)

    tags, body = ",", b""
    for arg in args:
        if isinstance(arg, bytes):
            tags, body = tags + "s", body + pad(arg)
        elif isinstance(arg, float):
            tags, body = tags + "f", body + struct.pack(">f", arg)
        else:
            tags, body = tags + "i", body + struct.pack(">i", arg)
    return pad(address.encode()) + pad(tags.encode()) + body


@pytest.mark.parametrize("as_float", [False, True])
def test_an_unparseable_datagram_is_answered_on_its_reply_port(osc, service, as_float):
    """A prompt typed on a machine that sends Latin-1 (not UTF-8) makes the packet unparseable; its
    reply_port can still be read, and the error goes there rather than to the default port."""
    listener, _, send_raw = osc
    port = float(listener.port) if as_float else listener.port
    send_raw(osc_datagram("/audioldm/generate", [b"prompt", "caf\xe9 ambience".encode("latin-1"), b"seconds", 1,
                                                 b"reply_port", port]))
    [err] = listener.wait("/audioldm/error", timeout=10)
    assert err[2] == "bad_request" and "not valid UTF-8" in err[3]


def test_garbage_and_huge_datagrams(osc, service):
    listener, send, send_raw = osc
    service.transports["osc"].reply_port = listener.port
    send_raw(b"\x00\x01garbage")
    send_raw(b"/audioldm/generate\x00\x00,s\x00\x00" + b"x" * 65000)
    wait_for(lambda: len([m for m in listener.messages if m[0] == "/audioldm/error"]) == 2)
    errors = [m[3] for m in listener.messages if m[0] == "/audioldm/error"]
    assert any("malformed OSC packet" in e for e in errors)
    assert "OSC packet is 65024 bytes; the limit is 16384" in errors
    send("/audioldm/ping")
    listener.wait("/audioldm/pong")


def test_future_timetag_bundle_does_not_make_the_server_sleep(osc, service):
    from pythonosc.osc_bundle_builder import OscBundleBuilder

    listener, _, send_raw = osc
    service.transports["osc"].reply_port = listener.port
    bundle = OscBundleBuilder(time.time() + 3600)
    bundle.add_content(OscMessageBuilder(address="/audioldm/ping").build())
    started = time.monotonic()
    send_raw(bundle.build().dgram)
    listener.wait("/audioldm/pong", timeout=3)
    assert time.monotonic() - started < 2


# --- shutdown and the command line ---------------------------------------------------------------------


def test_graceful_shutdown_cancels_the_queue_and_leaves_no_temp_files(tiny_components, tmp_path):
    svc = BridgeService(Engine(tiny_components), ServiceConfig.on_free_ports(tmp_path)).start()
    client = client_for(svc)
    client._send({"op": "generate", "id": "running", "prompt": "a", "seconds": 0.5, "steps": 20})
    wait_for(lambda: svc.queue.running)
    client._send({"op": "generate", "id": "queued", "prompt": "b", "seconds": 3})
    wait_for(lambda: "queued" in svc.queue.jobs)
    zmq_endpoint = svc.endpoints()["zmq"]["requests"]
    svc.shutdown(grace_s=120)
    events = []
    while (event := client._receive(5)) is not None:
        events.append((event["id"], event["event"]))
    client.close()
    assert ("queued", "cancelled") in events and ("running", "done") in events
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    # sockets really closed: the port can be bound again
    again = zmq.Context.instance().socket(zmq.ROUTER)
    again.bind(zmq_endpoint)
    again.close(0)


def free_ports(kind, count):
    """``count`` distinct ports the OS reports free for ``kind`` (SOCK_DGRAM for OSC, SOCK_STREAM
    for ZeroMQ's TCP): UDP and TCP ports are separate spaces, a free one in one says nothing of the
    other. All are held open until all are picked, so they differ."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket(socket.AF_INET, kind)) for _ in range(count)]
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [str(s.getsockname()[1]) for s in socks]


def read_line(stream, timeout):
    """The next line of a subprocess pipe, or AssertionError after ``timeout`` s (a bare
    ``readline()`` would hang the test run forever if the server never speaks). A thread, because
    select() does not work on pipes on Windows."""
    lines = queue.Queue()
    threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True).start()
    try:
        return lines.get(timeout=timeout)
    except queue.Empty:
        raise AssertionError(f"no line from the process within {timeout} s") from None


def test_serve_and_request_commands_done_criterion(tmp_path):
    """`audioldm-bridge serve --model tiny` + `audioldm-bridge request … --json` + SIGTERM."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    osc_port, osc_reply_port = free_ports(socket.SOCK_DGRAM, 2)
    zmq_port, pub_port = free_ports(socket.SOCK_STREAM, 2)
    ports = [osc_port, osc_reply_port, zmq_port, pub_port]
    server = subprocess.Popen(
        [sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", "--out", str(tmp_path / "out"),
         "--osc-port", ports[0], "--osc-reply-port", ports[1], "--zmq-port", ports[2], "--pub-port", ports[3]],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert read_line(server.stdout, timeout=120).strip() == "ready"
        result_file = tmp_path / "result.json"
        result = subprocess.run(
            [sys.executable, "-m", "bridge.cli", "request", "rain on a tin roof", "--bars", "4", "--bpm", "90",
             "--json", "--endpoint", f"tcp://127.0.0.1:{ports[2]}", "--result-file", str(result_file)],
            capture_output=True, text=True, env=env, timeout=120)
        assert result.returncode == 0, result.stderr
        done = json.loads(result.stdout)
        assert sf.info(done["paths"][0]).frames == 512000
        assert json.loads(result_file.read_text()) == done
        bad = subprocess.run(
            [sys.executable, "-m", "bridge.cli", "request", "x", "--seconds", "1", "--steps", "0",
             "--endpoint", f"tcp://127.0.0.1:{ports[2]}", "--result-file", str(result_file)],
            capture_output=True, text=True, env=env, timeout=120)
        assert bad.returncode == 2 and "steps must be an integer 1..500, got 0" in bad.stderr
        assert json.loads(result_file.read_text())["code"] == "bad_request"
    finally:
        server.send_signal(signal.SIGTERM)
        _, log = server.communicate(timeout=60)
    assert server.returncode == 0, log
    assert "ready" in log and "stopped" in log


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is TerminateProcess on Windows: nothing to time")
def test_serve_exits_promptly_after_a_stop_signal(tmp_path):
    """Nothing runs, so stopping is closing sockets: `stopped`, then the exit, within a second
    (not seconds of joins on idle waits and of tearing the interpreter down)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", "--device", "cpu", "--out", str(tmp_path),
         "--osc-port", "0", "--osc-reply-port", "0", "--zmq-port", "0", "--pub-port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    lines = []
    try:
        assert read_line(server.stdout, timeout=120).strip() == "ready"
        reader = threading.Thread(target=lambda: lines.extend((time.monotonic(), line) for line in server.stderr))
        reader.start()
        signalled = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        exited = time.monotonic()
        reader.join(10)
    finally:
        server.kill()
    assert server.returncode == 0
    [stopped] = [at for at, line in lines if line.rstrip().endswith("audioldm-bridge: stopped")]
    assert exited - stopped < 0.5, f"{exited - stopped:.2f} s from 'stopped' to the exit"
    assert exited - signalled < 1.0, f"{exited - signalled:.2f} s from SIGTERM to the exit"


def modules_loaded(code: str, modules, cwd=REPO) -> list[str]:
    """Which of ``modules`` a fresh interpreter has imported after running ``code``."""
    probe = f"{code}\nimport json, sys; print(json.dumps(sorted(m for m in {tuple(modules)!r} if m in sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=cwd,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_client_commands_do_not_load_torch():
    """REAPER launches `audioldm-bridge request` per generation: it must start fast, without torch."""
    code = ("import bridge.cli, bridge.client, bridge.protocol; bridge.cli.build_parser(); "
            "from engine.writer import write_json_atomic")
    assert modules_loaded(code, ("torch", "diffusers", "transformers")) == []


def test_remote_request_paths_do_not_load_torch(tmp_path):
    """`request --init-audio … --upload` (and `--fetch-to`) is the thin client of a remote engine:
    its upload and fetch code must not pull in the engine (torch costs seconds and may not be installed)."""
    take = tmp_path / "take.wav"
    take.write_bytes(b"RIFF" + bytes(60))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("import bridge.upload, bridge.fetch, bridge.cli; "
            f"rc = bridge.cli.main(['request', 'x', '--seconds', '1', '--init-audio', {str(take)!r}, '--upload', "
            f"'--fetch-to', {str(tmp_path / 'got')!r}, '--endpoint', 'tcp://127.0.0.1:{port}', "
            "'--reply-timeout', '0.2', '--retries', '1']); assert rc == 1, rc")
    assert modules_loaded(code, ("torch", "diffusers", "transformers", "engine.render", "bridge.queue",
                                 "bridge.worker")) == []
