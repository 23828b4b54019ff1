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

                batches_before = svc.workers[0].batches_run
                threads = [threading.Thread(target=zmq_request_seconds, args=(svc, f)) for f in fields]
                started = time.perf_counter()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                concurrent_runs.append(time.perf_counter() - started)
                batches = svc.workers[0].batches_run - batches_before
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
        from engine.request import RenderRequest

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


@experiment("E6", "Live latency: 2 bars at 120 BPM, idle engine vs while a long background job runs",
            quick_budget_s=300)
def e6_live_latency(ctx: Context) -> dict:
    """Send → `done` (file written) of a `live` request of 2 bars at 120 BPM (4 s, 10 steps) through
    ZeroMQ: first on an idle engine, then while a long `background` job (10.24 s, 500 steps, far
    longer than the whole measurement) is being sampled. The live requests land at arbitrary points
    of the background job's steps; without preemption each would wait for the whole background job."""
    import random

    runs = 3 if ctx.short else 5 if ctx.quick else 12
    live = {"prompt": "tight kick and snare loop", "bars": 2, "bpm": 120, "steps": 10, "priority": "live"}
    background = {"id": "e6-background", "prompt": "slowly evolving ambient texture", "seconds": 10.24,
                  "steps": 500, "priority": "background", "seed": 7}
    components = ctx.components_for("auto")
    rng = random.Random(6)
    out = {"dtype": components.dtype_name, "live_request": live, "background_request": background}
    with service(components, ctx.out_dir("e6")) as svc:
        zmq_request_seconds(svc, {**live, "seed": 0})  # warm-up
        wait_for_quiet(30)
        idle = [zmq_request_seconds(svc, {**live, "seed": 1 + i}) for i in range(runs)]
        progress_times, result = [], {}

        def run_background():
            with _client(svc) as client:
                try:
                    client.generate(background, on_event=lambda e: e["event"] == "progress"
                                    and progress_times.append(time.perf_counter()))
                except Exception as err:  # cancelled at the end, as intended
                    result["end"] = str(err)

        thread = threading.Thread(target=run_background)
        thread.start()
        deadline = time.perf_counter() + 600
        while len(progress_times) < 2 and time.perf_counter() < deadline:
            time.sleep(0.01)
        step_s = progress_times[1] - progress_times[0]
        busy = []
        for i in range(runs):
            time.sleep(rng.uniform(0, step_s))  # land anywhere within a background step
            busy.append(zmq_request_seconds(svc, {**live, "seed": 1 + i}))
            print(f"  E6 busy live request {i + 1}/{runs}: {busy[-1]:.2f} s", flush=True)
        steps_done = len(progress_times)
        with _client(svc) as client:
            client.cancel(background["id"])
        thread.join(600)
        preemptions = svc.workers[0].preemptions
    pct = lambda xs, q: sorted(xs)[min(len(xs) - 1, round(q * (len(xs) - 1)))]  # noqa: E731 (nearest rank)
    out.update({
        "idle_s": idle, "busy_s": busy, "runs": runs,
        "idle_p50_s": pct(idle, 0.5), "idle_p95_s": pct(idle, 0.95),
        "busy_p50_s": pct(busy, 0.5), "busy_p95_s": pct(busy, 0.95),
        "background_steps_done": steps_done, "background_steps_total": background["steps"],
        "background_first_step_s": step_s, "preemptions": preemptions,
        "background_remaining_s_estimate": (background["steps"] - steps_done) * step_s,
    })
    out["table"] = [["live request 2 bars @120", "p50 s", "p95 s", "n"],
                    ["idle engine", f"{out['idle_p50_s']:.2f}", f"{out['idle_p95_s']:.2f}", str(runs)],
                    ["background job running", f"{out['busy_p50_s']:.2f}", f"{out['busy_p95_s']:.2f}", str(runs)],
                    ["(one background step, 10.24 s batch 2)", f"{step_s:.2f}", "", ""],
                    ["(background left when cancelled, est.)", f"{out['background_remaining_s_estimate']:.0f}", "", ""]]
    return out
