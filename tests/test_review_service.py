"""Issue 7: one validation before any work, rows-limited batches, a worker that never dies, exactly one
final event per job, honest idempotency and cancel answers, OSC reply ports and float32 values,
REQ sockets, and a `serve` that binds before it loads."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import soundfile as sf
import zmq
from pythonosc.osc_message_builder import OscMessageBuilder

from bridge import protocol
from bridge.jobs import JobQueue
from bridge.protocol import parse_request
from engine.errors import EngineError
from engine.length import MusicalLength
from test_service import OscListener, client_for, running_service, service, start_blocker, wait_for  # noqa: F401

REPO = Path(__file__).resolve().parents[1]


def collect(sock, seconds):
    """Every event arriving on a DEALER socket within ``seconds``."""
    events, end = [], time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if sock.poll(int(left * 1000)):
            events.append(json.loads(sock.recv()))
    return events


# --- one validation, before any work --------------------------------------------------------------------


@pytest.mark.parametrize("fields, message", [
    ({"prompt": "x" * 2001}, "prompt is 2001 characters, the limit is 2000"),
    ({"prompt": "x", "negative_prompt": "y" * 2001}, "negative prompt must be text of at most 2000"),
    ({"prompt": "x", "target": 5}, "lufs target must be a number in [-70, 0], got 5"),
    ({"prompt": "x", "loudness": "peak", "target": -90}, "peak target must be a number in [-60, 0]"),
    ({"prompt": "x", "ceiling": 3}, "ceiling (true peak, dBTP) must be a number in [-20, 0], got 3"),
    ({"prompt": "x", "guidance": 31}, "guidance must be a number 0..30, got 31"),
    ({"prompt": "x", "eta": 2}, "eta must be a number 0..1"),
    ({"prompt": "x", "steps": 501}, "steps must be an integer 1..500, got 501"),
    ({"prompt": "x", "name": 201}, "name must be text, got 201"),
])
def test_every_field_is_checked_when_the_request_is_parsed(tmp_path, fields, message):
    with pytest.raises(EngineError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        parse_request({"seconds": 1, **fields}, tmp_path)


def test_an_invalid_request_never_reaches_the_queue_or_its_batch_mates(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        start_blocker(svc, client)
        good = client_for(svc)
        good._send({"op": "generate", "id": "good", "prompt": "ok", "seconds": 0.5, "seed": 1})
        wait_for(lambda: "good" in svc.queue.jobs)
        with client_for(svc) as bad:
            reply = bad.call({"op": "generate", "id": "bad", "prompt": "x" * 2001, "seconds": 0.5})
        assert reply["event"] == "error" and reply["code"] == "bad_request" and "2001 characters" in reply["message"]
        assert "bad" not in svc.queue.jobs
        client.cancel("blocker")
        events = []
        while not events or events[-1]["event"] not in protocol.FINAL_EVENTS:
            events.append(good._receive(30))
        good.close()
        assert events[-1]["event"] == "done"


# --- batches limited in UNet rows ---------------------------------------------------------------------


def test_variations_beyond_the_row_limit_run_in_parts_and_equal_running_alone(tiny_components, tmp_path, engine):
    fields = {"id": "many", "prompt": "shaker", "seconds": 0.5, "seed": 40, "variations": 5, "format": "wav32f"}
    with running_service(tiny_components, tmp_path, max_batch_rows=4) as svc, client_for(svc) as client:
        events = list(client.events(fields))
        assert svc.worker.batches_run == 3  # 5 variations × 2 rows, 4 rows a batch: 2 + 2 + 1
    done = events[-1]
    assert done["event"] == "done" and len(done["paths"]) == 5
    steps = [(e["step"], e["total"]) for e in events if e["event"] == "progress"]
    assert steps == [(i, 30) for i in range(1, 31)]  # one count over the three parts
    assert [e["event"] for e in events].count("started") == 1
    alone = engine.render(parse_request({k: v for k, v in fields.items() if k != "id"}, tmp_path / "alone").render)
    for path, reference in zip(done["paths"], alone):
        a, _ = sf.read(path)
        b, _ = sf.read(reference.path)
        assert abs(a - b).max() < 1e-4


def test_rows_not_jobs_limit_a_batch():
    queue = JobQueue(max_batch=10, max_batch_rows=8)
    requests = [parse_request({"id": f"j{i}", "prompt": "p", "seconds": 1, "variations": 3, "seed": i}, Path("/tmp"))
                for i in range(3)]
    for request in requests:
        queue.submit(request, ("test",))
    parts = queue.take_batch(0)
    # j0 (6 rows) fits; j1 would make 12 rows > 8: it waits for the next batch.
    assert [(p.job.id, p.variations) for p in parts] == [("j0", [0, 1, 2])]
    queue.finish_batch()
    assert [(p.job.id, p.variations) for p in queue.take_batch(0)] == [("j1", [0, 1, 2])]


def test_batch_mates_come_from_the_head_lane_only():
    queue = JobQueue(max_batch=4, max_batch_rows=16)
    for job_id, priority in [("n1", "normal"), ("bg", "background"), ("n2", "normal")]:
        queue.submit(parse_request({"id": job_id, "prompt": "p", "seconds": 1, "priority": priority}, Path("/tmp")),
                     ("test",))
    assert [p.job.id for p in queue.take_batch(0)] == ["n1", "n2"]
    queue.finish_batch()
    assert [p.job.id for p in queue.take_batch(0)] == ["bg"]


# --- the worker never dies; every job ends once -----------------------------------------------------------


@pytest.mark.parametrize("stage", ["sample_jobs", "deliver_all"])
def test_a_failure_of_any_type_fails_those_jobs_and_the_worker_goes_on(tiny_components, tmp_path, stage):
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        real = getattr(svc.engine, stage)

        def broken(*args, **kwargs):
            setattr(svc.engine, stage, real)  # fail once
            raise ZeroDivisionError("injected")

        setattr(svc.engine, stage, broken)
        events = list(client.events({"id": "victim", "prompt": "x", "seconds": 0.5}))
        assert events[-1]["event"] == "error" and events[-1]["code"] == "internal"
        assert "ZeroDivisionError: injected" in events[-1]["message"]
        assert svc.worker.is_alive()
        after = client.generate({"id": "after", "prompt": "x", "seconds": 0.5})
        assert sf.info(after["paths"][0]).frames == 24000


def test_a_failure_preparing_one_job_ends_that_job_only_not_its_batch_mate(tiny_components, tmp_path):
    """Reading an init audio can fail in ways that are no EngineError (a MemoryError, a bug): the job
    ends with its own error, the job batched with it is generated."""
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        real = svc.engine.prepare

        def prepare(render, *args, **kwargs):
            if render.name_hint == "victim":
                raise MemoryError("injected")
            return real(render, *args, **kwargs)

        svc.engine.prepare = prepare
        start_blocker(svc, client)
        victim, mate = client_for(svc), client_for(svc)
        victim._send({"op": "generate", "id": "victim", "name": "victim", "prompt": "x", "seconds": 0.5})
        mate._send({"op": "generate", "id": "mate", "prompt": "x", "seconds": 0.5})
        wait_for(lambda: {"victim", "mate"} <= {job.id for job in svc.queue.unfinished()})
        client.cancel("blocker")
        ends = {}
        for name, own in (("victim", victim), ("mate", mate)):
            while (event := own._receive(60))["event"] not in ("done", "error", "cancelled"):
                pass
            ends[name] = event
            own.close()
        assert ends["victim"]["code"] == "out_of_memory" and "MemoryError: injected" in ends["victim"]["message"]
        assert ends["mate"]["event"] == "done"
        assert svc.worker.batches_run >= 2 and svc.worker.is_alive()


def test_cancelling_a_queued_job_three_times_sends_one_cancelled(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        start_blocker(svc, client)
        owner = client_for(svc)
        owner._send({"op": "generate", "id": "waiting", "prompt": "x", "seconds": 1})
        wait_for(lambda: "waiting" in svc.queue.jobs)
        replies = []
        for _ in range(3):
            with client_for(svc) as other:
                replies.append(other.cancel("waiting"))
        assert replies[0] == {"event": "cancelled", "id": "waiting"}
        for reply in replies[1:]:
            assert reply["event"] == "error" and reply["id"] == "" and reply["code"] == "not_cancellable"
            assert "job waiting already ended (cancelled)" in reply["message"]
        events = collect(owner.socket, 1.0)
        owner.close()
        assert [e["event"] for e in events if e["id"] == "waiting"] == ["accepted", "cancelled"]
        client.cancel("blocker")


def test_cancel_drain_and_worker_racing_end_each_job_exactly_once():
    """Many threads cancelling the same queued jobs while the queue drains: no exception, one end each."""
    queue = JobQueue(max_queued=200)
    for i in range(100):
        queue.submit(parse_request({"id": f"r{i}", "prompt": "p", "seconds": 1}, Path("/tmp")), ("test",))
    ends, errors = [], []
    lock = threading.Lock()

    def canceller():
        for i in range(100):
            try:
                job, outcome = queue.cancel(f"r{i}")
                if outcome == "cancelled":
                    with lock:
                        ends.append(job.id)
            except Exception as err:  # pragma: no cover - the assertion below reports it
                errors.append(err)

    threads = [threading.Thread(target=canceller) for _ in range(3)]
    for thread in threads:
        thread.start()
    drained = [job.id for job in queue.drain()]
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(ends + drained) == sorted(f"r{i}" for i in range(100))
    assert all(job.state == "cancelled" for job in queue.jobs.values())


def test_a_cancel_during_delivery_is_answered_honestly(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        writing, release = threading.Event(), threading.Event()
        real = svc.engine.deliver_all

        def slow_deliver(*args, **kwargs):
            writing.set()
            release.wait(30)
            return real(*args, **kwargs)

        svc.engine.deliver_all = slow_deliver
        client._send({"op": "generate", "id": "late", "prompt": "x", "seconds": 0.5})
        assert writing.wait(60)
        with client_for(svc) as other:
            reply = other.cancel("late")
        assert reply["code"] == "not_cancellable" and "writing its files" in reply["message"]
        release.set()
        events = []
        while not events or events[-1]["event"] not in protocol.FINAL_EVENTS:
            events.append(client._receive(30))
        assert events[-1]["event"] == "done" and Path(events[-1]["paths"][0]).is_file()


# --- idempotency ----------------------------------------------------------------------------------------


def test_a_resent_id_with_other_fields_is_refused(service):
    with client_for(service) as client:
        client.generate({"id": "mine", "prompt": "bell", "seconds": 0.4})
        reply = client.call({"op": "generate", "id": "mine", "prompt": "gong", "seconds": 0.4})
    assert reply["event"] == "error" and reply["code"] == "bad_request"
    assert "id 'mine' is already used by a different request" in reply["message"]
    assert service.worker.batches_run == 1


def test_a_resend_while_running_replays_only_the_latest_event(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        client._send({"op": "generate", "id": "slow", "prompt": "x", "seconds": 0.5, "steps": 300})
        wait_for(lambda: (job := svc.queue.jobs.get("slow")) is not None and job.last_event
                 and job.last_event["event"] == "progress" and job.last_event["step"] > 20)
        with client_for(svc) as again:
            again._send({"op": "generate", "id": "slow", "prompt": "x", "seconds": 0.5, "steps": 300})
            first = again._receive(10)
            assert first["event"] == "progress" and first["step"] > 20  # not `accepted` and the whole history
            client.cancel("slow")


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


# --- ZeroMQ REQ -------------------------------------------------------------------------------------------


def test_a_req_socket_gets_one_reply_per_request(service):
    req = zmq.Context.instance().socket(zmq.REQ)
    req.setsockopt(zmq.LINGER, 0)
    req.setsockopt(zmq.RCVTIMEO, 10000)
    req.connect(service.endpoints()["zmq"]["requests"])
    # The job's later events still go to the REQ socket; one that arrives after the next request is
    # sent would be taken as its reply. The PUB feed carries each event after the REQ's copy left the
    # engine: once `done` is seen there (and a moment for loopback), the next reply is the cancel's.
    feed = zmq.Context.instance().socket(zmq.SUB)
    feed.setsockopt(zmq.LINGER, 0)
    feed.setsockopt(zmq.SUBSCRIBE, b"done")
    feed.connect(service.endpoints()["zmq"]["events"])
    try:
        for op in ("ping", "status"):
            req.send_json({"op": op})
            assert req.recv_json()["event"] == {"ping": "pong", "status": "status"}[op]
        time.sleep(0.3)  # the subscription reaches the PUB socket
        req.send_json({"op": "generate", "id": "via-req", "prompt": "x", "seconds": 0.3})
        assert req.recv_json()["event"] == "accepted"  # the first event only, as documented
        assert feed.poll(60000) and json.loads(feed.recv_multipart()[1])["id"] == "via-req"
        time.sleep(0.2)
        req.send_json({"op": "cancel", "id": "via-req"})
        assert req.recv_json()["code"] == "not_cancellable"
    finally:
        req.close(0)
        feed.close(0)


# --- serve binds before it loads ----------------------------------------------------------------------------


def serve(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", *args],
                          capture_output=True, text=True, cwd=REPO, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_serve_refuses_a_taken_port_in_one_line_before_loading(tmp_path):
    ctx = zmq.Context.instance()
    squatter = ctx.socket(zmq.ROUTER)
    port = squatter.bind_to_random_port("tcp://127.0.0.1")
    try:
        result = serve("--zmq-port", str(port), "--osc-port", "0", "--pub-port", "0", "--out", str(tmp_path))
    finally:
        squatter.close(0)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower() or "cannot" in line]
    assert len(errors) == 1 and f"ZeroMQ ports {port}" in errors[0] and "in use" in errors[0].lower()
    assert "loading" not in result.stderr  # refused before the model was loaded


def test_serve_refuses_an_unknown_host_with_exit_2(tmp_path):
    result = serve("--host", "no-such-host.invalid", "--out", str(tmp_path), timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--host 'no-such-host.invalid' is not an IPv4 address" in result.stderr


def test_serve_accepts_localhost(tmp_path):
    server = subprocess.Popen([sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", "--host", "localhost",
                               "--osc-port", "0", "--zmq-port", "0", "--pub-port", "0", "--osc-reply-port", "0",
                               "--out", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        ready = []
        reader = threading.Thread(target=lambda: ready.append(server.stdout.readline()), daemon=True)
        reader.start()
        reader.join(120)
        assert ready == ["ready\n"]
    finally:
        server.send_signal(signal.SIGTERM)
        _, log = server.communicate(timeout=60)
    assert server.returncode == 0, log
    assert "udp://127.0.0.1:" in log and "Traceback" not in log


def test_serve_with_a_model_it_cannot_load_closes_its_bound_sockets_in_one_line(tmp_path):
    """Bound first, then the model fails to load: the sockets that never served are closed cleanly."""
    result = serve("--model", str(tmp_path / "no-such-model"), "--osc-port", "0", "--zmq-port", "0",
                   "--pub-port", "0", "--out", str(tmp_path), timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "does not exist" in result.stderr
