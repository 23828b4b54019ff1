"""`serve --ray`: the front (real ZeroMQ/OSC service) with model replicas as Ray actors.

One local Ray instance with 2 CPUs and two replicas of the tiny model serve every test of this
module (starting them is the expensive part); each test starts its own front around them. The
replicas and the single-process engine they are compared with run fp32 on every CPU (``auto``
would pick bf16 on a CPU with native bf16, where a replica's audio and one process's differ by up
to 0.02, measured: bf16 results depend on how the work is split).
Skipped when Ray is not installed (`pip install 'audioldm-bridge[ray]'`).
"""

import contextlib
import json
import os
import signal
import threading
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from bridge.service import ServiceConfig, serving
from test_service import OscListener, client_for, running_service, wait_for

ray = pytest.importorskip("ray", reason="Ray is optional: pip install 'audioldm-bridge[ray]'")

from bridge.ray_backend import RayReplicas  # noqa: E402

LONG = {"prompt": "blocker", "seconds": 0.5, "steps": 500}  # runs until cancelled
START_S = 600  # a loaded 2-core machine can take minutes to start Ray and two model processes


@pytest.fixture(scope="module")
def replicas():
    # Ray gives its node 30 s to register by default; a loaded 2-core machine can need more.
    os.environ.setdefault("RAY_raylet_start_wait_time_s", "300")
    # fp32 like tiny_components, which the tests compare with, on every CPU
    pool = RayReplicas("tiny", replicas=2, address="local", device="cpu", dtype="fp32", num_cpus=2)
    pool.start(timeout=START_S)
    try:
        yield pool
    finally:
        pool.close()


@pytest.fixture(scope="module")
def reference():
    """The single-process engine's model, in the replicas' dtype."""
    from engine.models import load_model

    return load_model("tiny", device="cpu", dtype="fp32")


@contextlib.contextmanager
def ray_service(replicas, tmp_path, **config):
    with serving(replicas.front, ServiceConfig.on_free_ports(tmp_path, **config), shutdown_grace_s=30) as svc:
        yield svc


def worker_running(svc, job_id):
    for worker in svc.workers:
        if any(part.job.id == job_id for part in worker.current):
            return worker
    return None


def start_long(svc, client, job_id, **fields):
    client._send({"op": "generate", "id": job_id, **LONG, **fields})
    wait_for(lambda: worker_running(svc, job_id) is not None and svc.queue.jobs[job_id].steps_done == 0
             and svc.queue.jobs[job_id].last_event["event"] == "progress", timeout=120)


def events_until_final(client, timeout=120):
    events = []
    while True:
        event = client._receive(timeout)
        assert event is not None, f"no final event; got {events}"
        events.append(event)
        if event["event"] in ("done", "error", "cancelled"):
            return events


def test_same_seeds_give_the_same_audio_as_one_process(replicas, reference, tmp_path):
    # Two lengths cannot share a batch: both replicas work at once.
    fields = [{"id": "a", "prompt": "kick", "seconds": 0.6, "seed": 11, "variations": 2, "format": "wav32f"},
              {"id": "b", "prompt": "snare", "seconds": 0.9, "seed": 12, "format": "wav32f"}]
    results = {}
    with ray_service(replicas, tmp_path / "ray") as svc:
        before = [w.batches_run for w in svc.workers]

        def run(f):
            with client_for(svc, timeout=120) as own:
                results[f["id"]] = own.generate(f)

        threads = [threading.Thread(target=run, args=(f,)) for f in fields]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        status = client_for(svc).status()
    assert [w.batches_run - b for w, b in zip(svc.workers, before)] == [1, 1]  # one batch on each replica
    assert status["replicas"] == {"total": 2, "ready": 2} and status["jobs_done"] == 2
    with running_service(reference, tmp_path / "one") as alone, client_for(alone) as client:
        for f in fields:
            single = client.generate(f)
            assert len(single["paths"]) == len(results[f["id"]]["paths"]) == f.get("variations", 1)
            for ours, theirs in zip(results[f["id"]]["paths"], single["paths"]):
                a, _ = sf.read(ours)
                b, _ = sf.read(theirs)
                np.testing.assert_allclose(a, b, rtol=0, atol=1e-5)
            sidecar = json.loads(Path(results[f["id"]]["paths"][0]).with_suffix(".json").read_text())
            assert sidecar["seed"] == f["seed"] and sidecar["model"] == "tiny" and sidecar["device"] == "cpu"


def test_edits_and_best_of_through_replicas_equal_one_process(replicas, reference, tmp_path):
    """Issue 12 under --ray: the front reads the init audio, a replica's VAE encodes it, the front
    ranks best-of candidates; the files equal a single-process engine's."""
    rate = 44100
    t = np.arange(round(1.2 * rate)) / rate
    take = tmp_path / "take.wav"
    sf.write(take, (0.1 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), rate, subtype="FLOAT")
    fields = [{"id": "transfer", "prompt": "glass", "init_audio": str(take), "strength": 0.6, "seed": 3},
              {"id": "repaint", "prompt": "glass", "init_audio": str(take), "repaint_start": 0.3, "repaint_end": 0.7,
               "seed": 4},
              {"id": "best", "prompt": "kick", "seconds": 0.5, "best_of": 3, "seed": 5}]
    fields = [{**f, "steps": 2, "format": "wav32f"} for f in fields]
    with ray_service(replicas, tmp_path / "ray", allow_out=(tmp_path,)) as svc, client_for(svc, timeout=120) as client:
        ours = [client.generate(f) for f in fields]
    with running_service(reference, tmp_path / "one", allow_out=(tmp_path,)) as alone, \
            client_for(alone) as client:
        theirs = [client.generate(f) for f in fields]
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(sf.read(a["paths"][0])[0], sf.read(b["paths"][0])[0], rtol=0, atol=1e-5)
    assert sf.info(ours[0]["paths"][0]).frames == round(len(t) * 48000 / rate)
    assert ours[2]["files"][0]["clap_score"] == pytest.approx(theirs[2]["files"][0]["clap_score"], abs=1e-5)


def test_progress_and_cancel_through_a_replica(replicas, tmp_path):
    with ray_service(replicas, tmp_path) as svc, client_for(svc, timeout=120) as client:
        client._send({"op": "generate", "id": "long", **LONG})
        steps = []
        while True:
            event = client._receive(120)
            if event["event"] == "progress":
                steps.append(event["step"])
                if len(steps) == 3:
                    with client_for(svc) as other:
                        assert other.cancel("long")["event"] == "cancelled"
            if event["event"] in ("done", "cancelled", "error"):
                break
        assert event == {"event": "cancelled", "id": "long"}
        assert steps[:3] == [1, 2, 3] and max(steps) < 100  # stopped between steps, not after 500
        assert not list(svc.config.out_dir.iterdir())
        done = client.generate({"prompt": "after", "seconds": 0.3})  # the replica is free again
        assert sf.info(done["paths"][0]).frames == 14400


def test_live_lane_goes_first_on_the_next_free_replica(replicas, tmp_path):
    with ray_service(replicas, tmp_path, max_batch=1) as svc, client_for(svc, timeout=120) as client:
        start_long(svc, client, "busy-1")
        start_long(svc, client, "busy-2")  # both replicas busy
        started, finished, lock = [], [], threading.Lock()

        def run(fields):
            with client_for(svc, timeout=120) as own:
                for event in own.events(fields):
                    with lock:
                        {"started": started, "done": finished}.get(event["event"], []).append(event["id"])

        threads = []
        for job_id, priority in [("n1", "normal"), ("n2", "normal"), ("bg", "background"), ("live", "live")]:
            threads.append(threading.Thread(target=run, args=({"id": job_id, "prompt": job_id, "seconds": 0.3,
                                                              "steps": 5, "priority": priority},)))
            threads[-1].start()
            wait_for(lambda: job_id in svc.queue.jobs)

        def step(job_id):
            return svc.queue.jobs[job_id].last_event.get("step", 0)

        # A replica runs one batch at a time: while both are busy, nothing starts, not even `live`
        # (in one process it would run between two steps; here that would share a replica's model).
        marks = {job_id: step(job_id) for job_id in ("busy-1", "busy-2")}
        wait_for(lambda: all(step(job_id) >= mark + 3 for job_id, mark in marks.items()), timeout=120)
        with lock:
            assert started == []
        assert client.cancel("busy-1")["event"] == "cancelled"  # one replica frees up: it takes the live job
        wait_for(lambda: "live" in finished, timeout=120)
        assert finished == ["live"]  # nothing queued before it ran first
        assert client.cancel("busy-2")["event"] == "cancelled"
        for thread in threads:
            thread.join(300)
    assert started == ["live", "n1", "n2", "bg"] and sorted(finished) == sorted(started)


def test_the_osc_bar_through_replicas(replicas, tmp_path):
    from pythonosc.osc_message_builder import OscMessageBuilder
    import socket

    with ray_service(replicas, tmp_path) as svc:
        listener = OscListener()
        builder = OscMessageBuilder(address="/audioldm/generate")
        for arg, kind in zip(["prompt", "rain", "on", "a", "tin", "roof", "bars", 4, "bpm", 90.0, "seed", 7,
                              "reply_port", listener.port, "id", "max1"], "sssssssisfsisiss"):
            builder.add_arg(arg, kind)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
            sender.sendto(builder.build().dgram, ("127.0.0.1", svc.transports["osc"].port))
        try:
            [done] = listener.wait("/audioldm/done", timeout=120)
            progress = listener.wait("/audioldm/progress")
        finally:
            listener.close()
    assert done[1] == "max1" and sf.info(done[2]).frames == 512000
    assert [m[2:] for m in progress] == [(i, 10) for i in range(1, 11)]


def test_a_replica_killed_mid_job_fails_over_and_comes_back(replicas, tmp_path):
    with ray_service(replicas, tmp_path) as svc, client_for(svc, timeout=120) as client:
        client._send({"op": "generate", "id": "victim", "prompt": "x", "seconds": 0.5, "steps": 200, "variations": 2})
        events = []
        while not (events and events[-1]["event"] == "progress" and events[-1]["step"] >= 3):
            events.append(client._receive(120))
        doomed = worker_running(svc, "victim")
        other = next(w for w in svc.workers if w is not doomed)
        other_batches, pid = other.batches_run, doomed.client.info["pid"]
        os.kill(pid, signal.SIGKILL)
        events += events_until_final(client, timeout=300)
        kinds = [e["event"] for e in events]
        assert kinds.count("done") == 1 and kinds.count("started") == 1 and kinds[-1] == "done", kinds
        steps = [e["step"] for e in events if e["event"] == "progress"]
        assert steps == sorted(set(steps)) and steps[-1] == 200  # never backwards, never repeated
        assert other.batches_run == other_batches + 1  # it ran once more, on the other replica
        assert len(events[-1]["paths"]) == 2
        assert sorted(p.name for p in svc.config.out_dir.iterdir()) == sorted(
            [Path(p).name for p in events[-1]["paths"]] + [Path(p).with_suffix(".json").name for p in events[-1]["paths"]])
        # Ray restarts the replica (a new process that loads the model again) and it serves again.
        wait_for(lambda: doomed.client.up and doomed.client.info["pid"] != pid, timeout=START_S)
        start_long(svc, client, "hold-other")  # keep one replica busy so the other (restarted) one is used
        restarted_batches = doomed.batches_run + other.batches_run
        assert client.generate({"prompt": "after", "seconds": 0.3})["event"] == "done"
        assert client.cancel("hold-other")["event"] == "cancelled"
        assert doomed.batches_run + other.batches_run == restarted_batches + 1


@pytest.mark.slow
def test_with_no_replica_left_jobs_fail_clearly_and_the_front_keeps_serving(replicas, tmp_path):
    # A third replica that Ray may not restart (it needs no CPU of its own: the module's two hold both).
    last = RayReplicas("tiny", replicas=1, cpus_per_replica=0, device="cpu", max_restarts=0)
    last.start(timeout=START_S)
    try:
        with serving(last.front, ServiceConfig.on_free_ports(tmp_path), shutdown_grace_s=30) as svc, \
                client_for(svc, timeout=120) as client:
            start_long(svc, client, "orphan")
            os.kill(last.clients[0].info["pid"], signal.SIGKILL)
            final = events_until_final(client, timeout=300)[-1]
            assert final["event"] == "error" and final["code"] == "model_unavailable"
            assert "no model replica is left" in final["message"]
            late = list(client.events({"prompt": "late", "seconds": 0.3}))
            assert late[-1]["event"] == "error" and late[-1]["code"] == "model_unavailable"
            assert client.ping()["event"] == "pong" and client.status()["replicas"] == {"total": 1, "ready": 0}
            assert not list(svc.config.out_dir.iterdir())
    finally:
        last.close()


@pytest.mark.slow  # dynamo traces the tiny model for the three live lengths in the replica: minutes on a loaded CPU
def test_compile_reaches_the_replicas_and_the_front_reports_it(replicas, reference, tmp_path):
    """`serve --ray --compile` compiles in every replica (as `serve --compile` does in one process) and
    the front's model says so: `serve` reads ``components.compiled`` (issue 17: an AttributeError).
    "eager" is torch.compile's tracing without codegen: in fp32 the audio equals the uncompiled engine's."""
    compiled = RayReplicas("tiny", replicas=1, cpus_per_replica=0, device="cpu", dtype="fp32", compile="eager")
    compiled.start(timeout=START_S)
    try:
        assert compiled.front.components.compiled == "eager" and compiled.clients[0].info["compiled"] == "eager"
        assert replicas.front.components.compiled is None  # the module's replicas were not compiled
        fields = {"prompt": "kick", "seconds": 0.5, "seed": 9, "steps": 3, "format": "wav32f"}
        with serving(compiled.front, ServiceConfig.on_free_ports(tmp_path / "ray"), shutdown_grace_s=30) as svc, \
                client_for(svc, timeout=300) as client:
            ours = client.generate(fields)
    finally:
        compiled.close()
    with running_service(reference, tmp_path / "one") as alone, client_for(alone) as client:
        theirs = client.generate(fields)
    np.testing.assert_allclose(sf.read(ours["paths"][0])[0], sf.read(theirs["paths"][0])[0], rtol=0, atol=1e-5)
