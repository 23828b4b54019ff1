"""Service-side experiments: E1b (end to end through ZeroMQ), E3 (batching), E4 (transport latency).

Each function starts a real :class:`bridge.service.BridgeService` on free loopback ports around
the given components, measures, and shuts it down.
"""

from __future__ import annotations

import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bridge.client import BridgeClient
from bridge.service import ServiceConfig, serving
from engine.render import Engine


def service(components, out_dir: Path, **config):
    return serving(Engine(components), ServiceConfig.on_free_ports(out_dir, **config), shutdown_grace_s=600)


def _client(svc) -> BridgeClient:
    return BridgeClient(svc.endpoints()["zmq"]["requests"], timeout=600, retries=1)


def zmq_request_seconds(svc, fields: dict) -> float:
    """Wall time of one request through ZeroMQ, from send until the `done` event (file written)."""
    with _client(svc) as client:
        started = time.perf_counter()
        client.generate(fields)
        return time.perf_counter() - started


def batching(components, seconds: float, levels=(1, 2, 4), steps: int = 10, repeats: int = 1) -> dict:
    """N concurrent same-length requests through the service vs the same N one after another."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp, service(components, Path(tmp), max_batch=max(levels)) as svc:
        zmq_request_seconds(svc, {"prompt": "warm up", "seconds": seconds, "steps": steps, "seed": 0})
        for n in levels:
            concurrent_runs, sequential_runs = [], []
            for r in range(repeats):
                fields = [{"prompt": f"texture {i}", "seconds": seconds, "steps": steps, "seed": 100 * r + i}
                          for i in range(n)]
                started = time.perf_counter()
                for f in fields:
                    zmq_request_seconds(svc, f)
                sequential_runs.append(time.perf_counter() - started)

                batches_before = svc.worker.batches_run
                threads = [threading.Thread(target=zmq_request_seconds, args=(svc, f)) for f in fields]
                started = time.perf_counter()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                concurrent_runs.append(time.perf_counter() - started)
                batches = svc.worker.batches_run - batches_before
            seq, conc = statistics.median(sequential_runs), statistics.median(concurrent_runs)
            results[str(n)] = {
                "sequential_s": seq, "concurrent_s": conc, "batches": batches,
                "throughput_sequential_clips_per_min": 60 * n / seq,
                "throughput_concurrent_clips_per_min": 60 * n / conc,
                "speedup": seq / conc,
            }
    return results


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50_ms": pick(0.50) * 1e3, "p99_ms": pick(0.99) * 1e3, "mean_ms": statistics.fmean(ordered) * 1e3,
            "n": len(ordered)}


def ping_zmq(svc, count: int) -> dict:
    with _client(svc) as client:
        for _ in range(20):
            client.ping()
        samples = []
        for _ in range(count):
            started = time.perf_counter()
            client.ping()
            samples.append(time.perf_counter() - started)
    return _percentiles(samples)


def ping_osc(svc, count: int) -> dict:
    """Round trip of /audioldm/ping → /audioldm/pong with a plain UDP socket as the client."""
    from bridge.osc_transport import encode

    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.settimeout(5)
    svc.transports["osc"].reply_port = receiver.getsockname()[1]
    target = ("127.0.0.1", svc.transports["osc"].port)
    ping = encode("/audioldm/ping", [])
    samples = []
    try:
        for i in range(count + 20):
            started = time.perf_counter()
            receiver.sendto(ping, target)
            receiver.recvfrom(1024)
            if i >= 20:
                samples.append(time.perf_counter() - started)
    finally:
        receiver.close()
    return _percentiles(samples)


def transport(tiny_components, pings: int = 1000, requests: int = 10) -> dict:
    """E4: ping latency on both transports; request overhead with the tiny model."""
    with tempfile.TemporaryDirectory() as tmp, service(tiny_components, Path(tmp)) as svc:
        result = {"zmq_ping": ping_zmq(svc, pings), "osc_ping": ping_osc(svc, pings)}
        engine = Engine(tiny_components)
        from engine.length import MusicalLength
        from engine.render import RenderRequest

        fields = {"prompt": "overhead", "seconds": 1.0, "seed": 1}
        zmq_request_seconds(svc, fields)
        through, direct = [], []
        for i in range(requests):
            through.append(zmq_request_seconds(svc, {**fields, "seed": i}))
            started = time.perf_counter()
            engine.render(RenderRequest(prompt="overhead", length=MusicalLength.from_seconds(1.0), out_dir=Path(tmp),
                                        seed=i))
            direct.append(time.perf_counter() - started)
        result["tiny_request"] = {
            "zmq_median_ms": statistics.median(through) * 1e3,
            "in_process_median_ms": statistics.median(direct) * 1e3,
            "overhead_ms": (statistics.median(through) - statistics.median(direct)) * 1e3,
        }
    return result


# --- registered experiments ----------------------------------------------------------------------------

from .core import PROMPT, SEED, Context, experiment, median, wait_for_quiet  # noqa: E402


@experiment("E1b", "End to end through ZeroMQ: seed pipeline vs a request until the file is written",
            quick_budget_s=110)
def e1b_zmq(ctx: Context) -> dict:
    from .experiments import run_pipeline

    plan = [(5.12, 2)] if ctx.quick else [(5.12, 5), (2.56, 3)]
    out = {"steps": 10, "lengths": {}}
    with service(ctx.components, ctx.out_dir("e1b")) as svc:
        for seconds, runs in plan:
            fields = {"prompt": PROMPT, "seconds": seconds, "steps": 10, "seed": SEED}
            run_pipeline(ctx, seconds)  # warm-ups
            zmq_request_seconds(svc, fields)
            pairs = []
            for k in range(runs):
                wait_for_quiet(30)
                svc.engine.sampler.embedding_cache.entries.clear()  # no help from the text cache
                if k % 2 == 0:
                    p = run_pipeline(ctx, seconds)[0].seconds
                    z = zmq_request_seconds(svc, fields)
                else:
                    z = zmq_request_seconds(svc, fields)
                    p = run_pipeline(ctx, seconds)[0].seconds
                pairs.append({"pipeline_s": round(p, 3), "zmq_s": round(z, 3), "ratio": round(z / p, 4)})
                print(f"  E1b {seconds:.2f}s run {k + 1}/{runs}: pipeline {p:.2f}s zmq {z:.2f}s ratio {z / p:.3f}",
                      flush=True)
            out["lengths"][f"{seconds:.2f}"] = {
                "runs": pairs, "pipeline_median_s": median([r["pipeline_s"] for r in pairs]),
                "zmq_median_s": median([r["zmq_s"] for r in pairs]), "ratio_median": median([r["ratio"] for r in pairs])}
    out["table"] = [["length", "pipeline median s", "through ZeroMQ median s", "ratio"]] + [
        [k, f"{v['pipeline_median_s']:.2f}", f"{v['zmq_median_s']:.2f}", f"{v['ratio_median']:.3f}"]
        for k, v in out["lengths"].items()]
    return out


@experiment("E3", "Batching: 1, 2, 4 concurrent same-length requests vs sequential", quick_budget_s=130)
def e3_batching(ctx: Context) -> dict:
    seconds = 2.56
    wait_for_quiet(30)
    result = batching(ctx.components, seconds, levels=(1, 2, 4), repeats=1 if ctx.quick else 2)
    table = [["concurrent", "sequential s", "concurrent s", "batches", "speedup"]] + [
        [n, f"{r['sequential_s']:.2f}", f"{r['concurrent_s']:.2f}", str(r["batches"]), f"{r['speedup']:.3f}"]
        for n, r in result.items()]
    return {"seconds": seconds, "steps": 10, "levels": result, "table": table}


@experiment("E4", "Transport: 1000 pings over ZeroMQ and OSC; request overhead with the tiny model",
            quick_budget_s=40)
def e4_transport(ctx: Context) -> dict:
    from engine.models import load_model

    result = transport(load_model("tiny", device="cpu"), pings=1000, requests=10 if ctx.quick else 30)
    result["table"] = [["transport", "p50 ms", "p99 ms"],
                       ["ZeroMQ ping", f"{result['zmq_ping']['p50_ms']:.3f}", f"{result['zmq_ping']['p99_ms']:.3f}"],
                       ["OSC ping", f"{result['osc_ping']['p50_ms']:.3f}", f"{result['osc_ping']['p99_ms']:.3f}"],
                       ["tiny request overhead (ZeroMQ − in-process, median)",
                        f"{result['tiny_request']['overhead_ms']:.1f}", ""]]
    return result
