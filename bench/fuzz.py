"""Fuzz a live engine: random and mutated OSC datagrams and ZeroMQ frames, then check it still serves.

    python -m bench.fuzz                 # 100 000 inputs (60 % OSC, 40 % ZeroMQ), tiny model
    python -m bench.fuzz --count 5000    # a quick look

Starts `audioldm-bridge serve --model tiny` on free loopback ports, sends the inputs in rounds
(pinging both transports after each round), and reports the engine's RSS at the start and the end,
the replies counted, and whether it still answers ping and still generates. Exit status 1 if the
engine died, stopped answering, or could not generate afterwards. The figures in docs/SECURITY.md
come from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import zmq
from pythonosc.osc_message_builder import OscMessageBuilder

REPO = Path(__file__).resolve().parents[1]
FIELDS = ["prompt", "seconds", "bars", "bpm", "time_sig", "steps", "seed", "id", "reply_port", "loop", "out_dir", "x"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except Exception:  # noqa: BLE001 — no figure is better than a wrong one
        return None


def osc_input(rng: random.Random) -> bytes:
    kind = rng.random()
    if kind < 0.2:
        return rng.randbytes(rng.randrange(0, 200))
    builder = OscMessageBuilder(address=rng.choice(["/audioldm/generate", "/audioldm/ping", "/audioldm/status",
                                                    "/audioldm/cancel", "/audioldm/x", "/audioldm/*", "/"]))
    for _ in range(rng.randrange(0, 10)):
        choice = rng.random()
        if choice < 0.4:
            builder.add_arg(rng.choice(FIELDS))
        elif choice < 0.6:
            builder.add_arg(rng.choice([0, 1, -1, 2**31 - 1, 7, 500, 1000]))
        elif choice < 0.8:
            builder.add_arg(rng.choice([0.25, float("nan"), float("inf"), -1.5, 1e30]), rng.choice(["f", "d"]))
        else:
            builder.add_arg(rng.choice(["x", "4/4", "../..", "", "\u00e9\u00e8", "/etc"]))
    data = bytearray(builder.build().dgram)
    if kind < 0.6:  # mutate: flip bytes, cut, or wrap in a (nested) bundle
        for _ in range(rng.randrange(1, 4)):
            if data and rng.random() < 0.6:
                data[rng.randrange(len(data))] = rng.randrange(256)
            elif rng.random() < 0.5:
                data = data[: rng.randrange(len(data) + 1)]
            else:
                data = bytearray(b"#bundle\x00" + rng.randbytes(8) + len(data).to_bytes(4, "big") + data)
    return bytes(data)


def zmq_input(rng: random.Random) -> list[bytes]:
    kind = rng.random()
    if kind < 0.2:
        return [rng.randbytes(rng.randrange(0, 300))]
    if kind < 0.3:
        return [rng.randbytes(rng.randrange(0, 20)) for _ in range(rng.randrange(2, 4))]  # wrong frame counts
    fields = {rng.choice(FIELDS + ["op"]): rng.choice([None, True, 0, 1, -1, 0.3, 1e9, "x", "ping", "status", [], {},
                                                       [[[]]], "4/4", "/etc"]) for _ in range(rng.randrange(0, 6))}
    fields.setdefault("steps", 1)
    text = json.dumps(fields)
    if kind < 0.7:
        chars = list(text)
        for _ in range(rng.randrange(1, 4)):
            if chars:
                chars[rng.randrange(len(chars))] = rng.choice('{}[]",:0aé\\')
        text = "".join(chars)
    return [text.encode("utf-8", "surrogatepass")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--round", type=int, default=2000, help="inputs between liveness checks")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    ports = {name: free_port() for name in ("osc", "reply", "zmq", "pub")}
    out = Path(tempfile.mkdtemp(prefix="audioldm-fuzz-"))
    server = subprocess.Popen(
        [sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", "--out", str(out), "--osc-port",
         str(ports["osc"]), "--osc-reply-port", str(ports["reply"]), "--zmq-port", str(ports["zmq"]), "--pub-port",
         str(ports["pub"]), "--max-seconds", "2", "--max-queue", "4"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)})
    assert server.stdout.readline().strip() == "ready", "engine did not start"
    replies = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    replies.bind(("127.0.0.1", ports["reply"]))
    replies.setblocking(False)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    context = zmq.Context()
    dealer = context.socket(zmq.DEALER)
    dealer.setsockopt(zmq.LINGER, 0)
    dealer.connect(f"tcp://127.0.0.1:{ports['zmq']}")
    counts = {"osc_sent": 0, "zmq_sent": 0, "osc_replies": 0, "zmq_replies": 0, "failed_pings": 0}

    def drain():
        while True:
            try:
                replies.recv(70000)
                counts["osc_replies"] += 1
            except BlockingIOError:
                break
        while dealer.poll(0):
            dealer.recv_multipart()
            counts["zmq_replies"] += 1

    def alive(timeout=30.0) -> bool:
        probe = context.socket(zmq.DEALER)
        probe.setsockopt(zmq.LINGER, 0)
        probe.connect(f"tcp://127.0.0.1:{ports['zmq']}")
        probe.send(b'{"op": "ping"}')
        zmq_ok = bool(probe.poll(int(timeout * 1000))) and json.loads(probe.recv())["event"] == "pong"
        probe.close()
        listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        listener.bind(("127.0.0.1", 0))
        listener.settimeout(timeout / 5)
        builder = OscMessageBuilder(address="/audioldm/ping")
        builder.add_arg("reply_port")
        builder.add_arg(listener.getsockname()[1])
        osc_ok = False
        for _ in range(5):  # UDP: a ping sent while the socket buffer is full of fuzz may be lost
            sender.sendto(builder.build().dgram, ("127.0.0.1", ports["osc"]))
            try:
                osc_ok = b"/audioldm/pong" in listener.recv(1000)
                break
            except socket.timeout:
                continue
        listener.close()
        return zmq_ok and osc_ok

    time.sleep(1.0)
    rss_start = rss_mib(server.pid)
    started = time.monotonic()
    for i in range(args.count):
        if rng.random() < 0.6:
            sender.sendto(osc_input(rng), ("127.0.0.1", ports["osc"]))
            counts["osc_sent"] += 1
        else:
            dealer.send_multipart(zmq_input(rng))
            counts["zmq_sent"] += 1
        if i % 50 == 49:
            drain()
            time.sleep(0.01)  # let the engine keep up: the point is hostile content, not a UDP flood
        if (i + 1) % args.round == 0:
            if server.poll() is not None or not alive():
                counts["failed_pings"] += 1
                break
            print(f"{i + 1} inputs, RSS {rss_mib(server.pid):.0f} MiB", file=sys.stderr, flush=True)
    time.sleep(1.0)
    drain()
    still_alive = server.poll() is None and alive()
    rss_end = rss_mib(server.pid)
    generated = False
    if still_alive:
        dealer.send(json.dumps({"op": "generate", "id": "after-fuzz", "prompt": "after", "seconds": 0.3,
                                "steps": 1}).encode())
        end = time.monotonic() + 300
        while time.monotonic() < end and not generated:
            if dealer.poll(1000):
                event = json.loads(dealer.recv_multipart()[-1])
                generated = event.get("id") == "after-fuzz" and event["event"] == "done"
    seconds = time.monotonic() - started
    server.terminate()
    server.wait(60)
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    report = {**counts, "inputs": counts["osc_sent"] + counts["zmq_sent"], "seconds": round(seconds, 1),
              "rss_start_mib": rss_start and round(rss_start, 1), "rss_end_mib": rss_end and round(rss_end, 1),
              "alive": still_alive, "generated_after": generated, "temp_files_left": leftovers,
              "exit_code": server.returncode}
    print(json.dumps(report, indent=2))
    return 0 if still_alive and generated and not leftovers else 1


if __name__ == "__main__":
    sys.exit(main())
