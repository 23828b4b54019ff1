"""`audioldm-bridge serve`: binds its ports before it loads the model; one-line refusals."""

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import zmq


REPO = Path(__file__).resolve().parents[1]

REPO = Path(__file__).resolve().parents[1]


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
