"""Issue 10: faults — out of memory, a full disk, kill -9 mid-job, restart, SIGTERM draining.

Out of memory and a full disk are forced (the machine has neither to spare); kill -9 and SIGTERM
are real signals to a real `audioldm-bridge serve` process."""

import errno
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

import engine.writer
from bridge import cli
from bridge.client import BridgeClient
from engine.errors import EngineError
from test_service import client_for, free_ports, running_service

REPO = Path(__file__).resolve().parents[1]
QUICK = {"prompt": "fault", "seconds": 0.3, "steps": 1}


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_out_of_memory_fails_that_job_and_the_next_one_runs(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        real = svc.engine.sample_jobs
        calls = []

        def runs_out(jobs, *args, **kwargs):
            calls.append(len(jobs))
            if len(calls) == 1:
                hog = torch.empty(1024, 1024)  # something the failed attempt held, freed on the way out
                del hog
                raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB")
            return real(jobs, *args, **kwargs)

        svc.engine.sample_jobs = runs_out
        with pytest.raises(EngineError) as err:
            client.generate({**QUICK, "id": "too-big"})
        assert err.value.code == "out_of_memory" and "out of memory while generating" in str(err.value)
        assert "try fewer variations" in str(err.value)
        done = client.generate({**QUICK, "id": "next"})
        assert done["event"] == "done" and Path(done["paths"][0]).is_file()
        assert svc.workers[0].is_alive() and calls == [1, 1]


def test_a_full_disk_fails_the_job_clearly_and_leaves_no_temp_file(tiny_components, tmp_path, monkeypatch):
    real_write = engine.writer.sf.write

    def fills_the_disk(file, data, *args, **kwargs):
        file.write(b"RIFF" + b"\x00" * 4096)  # part of the file reached the disk, then the space ran out
        raise OSError(errno.ENOSPC, "No space left on device")

    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        monkeypatch.setattr(engine.writer.sf, "write", fills_the_disk)
        with pytest.raises(EngineError) as err:
            client.generate({**QUICK, "id": "full"})
        assert err.value.code == "disk_full" and f"no space left in {tmp_path}" in str(err.value)
        assert list(tmp_path.iterdir()) == []  # no audio, no sidecar, no hidden temp file
        monkeypatch.setattr(engine.writer.sf, "write", real_write)  # space freed: the next job is written
        done = client.generate({**QUICK, "id": "after"})
    assert [Path(p).name for p in done["paths"]] == [n for n in visible(tmp_path) if n.endswith(".wav")]


def start_engine(out: Path, ports: list[str]):
    server = subprocess.Popen(
        [sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", "--out", str(out), "--osc-port", ports[0],
         "--osc-reply-port", ports[1], "--zmq-port", ports[2], "--pub-port", ports[3]],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert server.stdout.readline().strip() == "ready"
    return server


def test_kill_9_mid_job_restart_and_sigterm_drain(tmp_path, capsys):
    out = tmp_path / "out"
    ports = free_ports(socket.SOCK_DGRAM, 2) + free_ports(socket.SOCK_STREAM, 2)  # OSC, OSC reply, ZeroMQ, PUB
    endpoint = f"tcp://127.0.0.1:{ports[2]}"
    server = start_engine(out, ports)
    try:
        # kill -9 while a job is sampling: the client says so within its timeout, no partial file is visible
        client = BridgeClient(endpoint, timeout=2, retries=2)
        events = client.events({"prompt": "long", "seconds": 1, "steps": 500, "id": "doomed"})
        assert next(events)["event"] == "accepted"
        while next(events)["event"] != "progress":
            pass
        server.send_signal(signal.SIGKILL)
        server.wait(30)
        started = time.monotonic()
        with pytest.raises(EngineError, match="stopped answering") as err:
            list(events)
        assert err.value.code == "timeout" and time.monotonic() - started < 2 * 3 + 5
        client.close()
        assert visible(out) == []
        assert cli.main(["request", "x", "--seconds", "0.3", "--endpoint", endpoint, "--reply-timeout", "1",
                         "--retries", "1", "--timeout", "10"]) == 1
        assert "did not answer" in capsys.readouterr().err
    finally:
        if server.poll() is None:
            server.kill()
        server.communicate(timeout=30)

    # restarted on the same ports it serves again; SIGTERM finishes the running job, cancels the queued one
    server = start_engine(out, ports)
    try:
        with BridgeClient(endpoint, timeout=30) as client:
            assert client.generate({**QUICK, "id": "again"})["event"] == "done"
            client._send({"op": "generate", "id": "running", "prompt": "a", "seconds": 0.3, "steps": 40})
            client._send({"op": "generate", "id": "waiting", "prompt": "b", "seconds": 0.5, "steps": 1})
            seen = []
            while not any(e["id"] == "running" and e["event"] == "progress" for e in seen):
                seen.append(client._receive(60))
            server.send_signal(signal.SIGTERM)
            finals = {}
            while len(finals) < 2 and (event := client._receive(60)) is not None:
                if event["event"] in ("done", "error", "cancelled"):
                    finals[event["id"]] = event["event"]
        assert finals == {"waiting": "cancelled", "running": "done"}
        _, log = server.communicate(timeout=60)
        assert server.returncode == 0 and "stopped" in log
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate(timeout=30)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert len([n for n in visible(out) if n.endswith(".wav")]) == 2
    for name in visible(out):
        if name.endswith(".json"):
            assert json.loads((out / name).read_text())["samples"] > 0
