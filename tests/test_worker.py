"""bridge.worker: a request split into parts over several batches, a worker that never dies, exactly one
final event per job, honest cancel answers and idempotent resends (the queue alone: test_queue.py)."""

import json
import threading
import time
from pathlib import Path

import pytest
import soundfile as sf

from bridge import protocol
from bridge.protocol import parse_request
from test_service import client_for, running_service, service, start_blocker, wait_for  # noqa: F401 (service: a fixture)

REPO = Path(__file__).resolve().parents[1]


def collect(sock, seconds):
    """Every event arriving on a DEALER socket within ``seconds``."""
    events, end = [], time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if sock.poll(int(left * 1000)):
            events.append(json.loads(sock.recv()))
    return events

# --- a request in parts, limited in UNet rows ---------------------------------------------------------------------


def test_variations_beyond_the_row_limit_run_in_parts_and_equal_running_alone(tiny_components, tmp_path, engine):
    fields = {"id": "many", "prompt": "shaker", "seconds": 0.5, "seed": 40, "variations": 5, "format": "wav32f"}
    with running_service(tiny_components, tmp_path, max_batch_rows=4) as svc, client_for(svc) as client:
        events = list(client.events(fields))
        assert svc.workers[0].batches_run == 3  # 5 variations × 2 rows, 4 rows a batch: 2 + 2 + 1
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
        assert svc.workers[0].is_alive()
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
        assert svc.workers[0].batches_run >= 2 and svc.workers[0].is_alive()


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
    assert service.workers[0].batches_run == 1


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
