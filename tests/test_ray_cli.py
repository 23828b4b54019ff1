"""`audioldm-bridge serve --ray local` through the command line, as a user starts it (docs/SCALING.md).

The engine runs as its own process with its own local Ray instance (it starts and stops Ray
itself); clients are the `request`/`status` commands. Skipped when Ray is not installed
(`pip install 'audioldm-bridge[ray]'`).
"""

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from test_service import REPO, OscListener, free_ports, read_line

pytest.importorskip("ray", reason="Ray is optional: pip install 'audioldm-bridge[ray]'")

START_S = 600  # a timeout, not a duration: a loaded 2-core machine can take minutes to start Ray and two models


def serve(tmp_path, *options):
    """`serve --model tiny` on free loopback ports; stderr goes to a file (a pipe nobody reads could fill up)."""
    osc_ports, zmq_ports = free_ports(socket.SOCK_DGRAM, 2), free_ports(socket.SOCK_STREAM, 2)
    log = (tmp_path / "serve.log").open("w+")
    # Ray gives its node 30 s to register by default; a loaded 2-core machine can need more.
    env = {"RAY_raylet_start_wait_time_s": "300", **os.environ, "PYTHONPATH": str(REPO)}
    # Ctrl-C as a terminal sends it; on Windows Ctrl-Break (SIGBREAK) to the process's own group.
    group = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32" else {}
    server = subprocess.Popen(
        [sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", "--device", "cpu", *options,
         "--out", str(tmp_path / "out"), "--osc-port", osc_ports[0], "--osc-reply-port", osc_ports[1],
         "--zmq-port", zmq_ports[0], "--pub-port", zmq_ports[1]],
        stdout=subprocess.PIPE, stderr=log, text=True, env=env, **group)
    return server, log, f"tcp://127.0.0.1:{zmq_ports[0]}", int(osc_ports[0])


def stop(server, log) -> str:
    """Stop the engine as a user does (Ctrl-C; Ctrl-Break on Windows); its log."""
    if server.poll() is None:
        server.send_signal(signal.CTRL_BREAK_EVENT if sys.platform == "win32" else signal.SIGINT)
    try:
        server.wait(timeout=120)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    log.seek(0)
    return log.read()


def cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "bridge.cli", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=timeout)


def test_serve_ray_local_with_two_replicas_serves_request(tmp_path):
    """The done criterion of issue 17: `serve --model tiny --ray local --replicas 2` answers `request`
    (the README's example) and a Max patch's OSC message."""
    from bridge.osc_transport import encode

    server, log, endpoint, osc_port = serve(tmp_path, "--ray", "local", "--replicas", "2")
    try:
        line = read_line(server.stdout, START_S)
        assert line.strip() == "ready", f"serve --ray exited {server.poll()} before ready:\n{stop(server, log)}"
        result = cli("request", "rain on a tin roof", "--bars", "4", "--bpm", "90", "--json", "--endpoint", endpoint)
        assert result.returncode == 0, result.stderr
        done = json.loads(result.stdout)
        assert done["event"] == "done" and len(done["paths"]) == 1
        assert sf.info(done["paths"][0]).frames == 512000  # 4 bars at 90 BPM at 48 kHz
        sidecar = json.loads(Path(done["paths"][0]).with_suffix(".json").read_text())
        assert sidecar["model"] == "tiny" and sidecar["device"] == "cpu" and sidecar["samples"] == 512000
        listener = OscListener()
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
                sender.sendto(encode("/audioldm/generate", ["prompt", "rain", "bars", 2, "bpm", 90.0,
                                                            "reply_port", listener.port]), ("127.0.0.1", osc_port))
            [osc_done] = listener.wait("/audioldm/done", timeout=300)
        finally:
            listener.close()
        assert sf.info(osc_done[2]).frames == 256000  # 2 bars at 90 BPM
        status = cli("status", "--endpoint", endpoint, "--json", timeout=60)  # the raw reply
        assert status.returncode == 0, status.stderr
        status = json.loads(status.stdout)
        assert status["replicas"] == {"total": 2, "ready": 2} and status["jobs_done"] == 2
    finally:
        text = stop(server, log)
    assert server.returncode == 0, text
    assert "ready (model tiny on cpu)" in text and "stopped" in text, text
