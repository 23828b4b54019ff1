"""Load: many requests from concurrent clients, ZeroMQ and OSC mixed, against a live engine (tiny model).

    python -m bench.load                         # 500 requests, 20 clients (issue 10's figure)
    python -m bench.load --requests 60           # what the default test suite runs

Every accepted request must get exactly one terminal event, overflow must get ``busy`` (the queue
is kept small so it happens), nothing may be lost or duplicated, and every file written must be
complete (its length in samples and its sidecar). Prints a JSON report; exit status 1 on any breach.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import soundfile as sf
import zmq
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.osc_packet import OscPacket

FINAL = ("done", "error", "cancelled")


def request_fields(n: int) -> dict:
    # Two lengths: batch-mates and not; 1 step keeps it about the service, not the model.
    return {"id": f"load-{n}", "prompt": f"load {n % 7}", "seconds": 0.2 if n % 2 else 0.3, "steps": 1,
            "seed": n, "format": "wav16"}


def zmq_client(endpoint: str, numbers: list[int], results: dict, timeout: float) -> None:
    context = zmq.Context.instance()
    sock = context.socket(zmq.DEALER)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(endpoint)
    try:
        for n in numbers:
            fields = request_fields(n)
            sock.send(json.dumps({"op": "generate", **fields}).encode())
            events = []
            while not events or events[-1]["event"] not in FINAL:
                if not sock.poll(int(timeout * 1000)):
                    events.append({"event": "lost", "id": fields["id"]})
                    break
                events.append(json.loads(sock.recv()))
            results[fields["id"]] = ("zmq", events)
    finally:
        sock.close()


def osc_client(port: int, numbers: list[int], results: dict, timeout: float) -> None:
    listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listener.bind(("127.0.0.1", 0))
    listener.settimeout(timeout)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        for n in numbers:
            fields = {**request_fields(n), "reply_port": listener.getsockname()[1]}
            builder = OscMessageBuilder(address="/audioldm/generate")
            for key, value in fields.items():
                builder.add_arg(key)
                builder.add_arg(value)
            sender.sendto(builder.build().dgram, ("127.0.0.1", port))
            events = []
            while not events or events[-1]["event"] not in FINAL:
                try:
                    data = listener.recv(65535)
                except socket.timeout:
                    events.append({"event": "lost", "id": fields["id"]})
                    break
                for timed in OscPacket(data).messages:
                    message = timed.message
                    kind = message.address.rsplit("/", 1)[1]
                    params = list(message.params)
                    event = {"event": kind, "id": params[0] if params else ""}
                    if kind == "done":
                        event["paths"] = params[1:]
                    if kind == "error":
                        event["code"], event["message"] = params[1], params[2]
                    events.append(event)
            results[fields["id"]] = ("osc", events)
    finally:
        listener.close()
        sender.close()


def check(results: dict, requests: int, out: Path) -> dict:
    """Every request: one terminal event; accepted once or refused busy; done files complete and unique."""
    breaches, outcome, paths = [], {"done": 0, "busy": 0, "other_error": 0, "cancelled": 0, "lost": 0}, []
    for n in range(requests):
        job_id = f"load-{n}"
        if job_id not in results:
            breaches.append(f"{job_id}: no result at all")
            continue
        _, events = results[job_id]
        mine = [e for e in events if e.get("id") in (job_id, "")]
        finals = [e for e in mine if e["event"] in (*FINAL, "lost")]
        accepted = [e for e in mine if e["event"] == "accepted"]
        if len(finals) != 1:
            breaches.append(f"{job_id}: {len(finals)} terminal events")
            continue
        final = finals[0]
        if final["event"] == "lost":
            outcome["lost"] += 1
            breaches.append(f"{job_id}: no terminal event in time")
        elif final["event"] == "error" and final.get("code") == "busy":
            outcome["busy"] += 1
            if accepted:
                breaches.append(f"{job_id}: accepted and then busy")
        elif final["event"] == "done":
            outcome["done"] += 1
            if len(accepted) != 1:
                breaches.append(f"{job_id}: done after {len(accepted)} accepted events")
            fields = request_fields(n)
            for path in final["paths"]:
                paths.append(path)
                info = sf.info(path)
                if info.frames != round(fields["seconds"] * 48000):
                    breaches.append(f"{job_id}: {path} has {info.frames} frames")
                if not Path(path).with_suffix(".json").is_file():
                    breaches.append(f"{job_id}: {path} has no sidecar")
        else:
            outcome["other_error" if final["event"] == "error" else "cancelled"] += 1
            breaches.append(f"{job_id}: ended {final}")
    if len(set(paths)) != len(paths):
        breaches.append("a file was reported by two requests")
    on_disk = sorted(str(p) for p in out.glob("*.wav"))
    if on_disk != sorted(paths):
        breaches.append(f"{len(on_disk)} files on disk, {len(paths)} reported")
    if [p for p in out.iterdir() if p.name.startswith(".")]:
        breaches.append("temporary files left")
    return {"outcome": outcome, "files": len(paths), "breaches": breaches}


def run(components, out: Path, requests: int = 500, clients: int = 20, max_queued: int = 8,
        timeout: float = 300.0) -> dict:
    from bridge.service import ServiceConfig, serving
    from engine.render import Engine

    results: dict = {}
    config = ServiceConfig.on_free_ports(out, max_queued=max_queued, max_batch=4)
    with serving(Engine(components), config, shutdown_grace_s=60) as svc:
        endpoint, osc_port = svc.endpoints()["zmq"]["requests"], svc.transports["osc"].port
        threads = []
        for c in range(clients):
            numbers = list(range(c, requests, clients))
            target = (zmq_client, endpoint) if c % 2 == 0 else (osc_client, osc_port)
            threads.append(threading.Thread(target=target[0], args=(target[1], numbers, results, timeout)))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.monotonic() - started
        batches = svc.workers[0].batches_run
    report = check(results, requests, out)
    return {"requests": requests, "clients": clients, "max_queued": max_queued, "seconds": round(seconds, 1),
            "batches": batches, **report}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--max-queue", type=int, default=8)
    args = parser.parse_args(argv)
    from engine.models import load_model

    out = Path(tempfile.mkdtemp(prefix="audioldm-load-"))
    report = run(load_model("tiny", device="cpu"), out, args.requests, args.clients, args.max_queue)
    report["breaches"] = report["breaches"][:20]
    print(json.dumps(report, indent=2))
    return 1 if report["breaches"] else 0


if __name__ == "__main__":
    sys.exit(main())
