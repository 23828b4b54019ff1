"""E7: throughput with model replicas on Ray (``serve --ray``) — 1 vs 2 replicas, one front.

Eight concurrent 5.12 s requests (10 steps, distinct prompts and seeds) go through ZeroMQ to a
front whose model runs (a) in-process, as ``serve`` does, (b) in 1 Ray replica holding every
core, (c) in 2 Ray replicas sharing the cores between them. Each configuration starts from
scratch (its own local Ray instance) and is warmed up with one request first. Needs Ray
(``pip install 'audioldm-bridge[ray]'``); run with ``python -m bench.run --only E7``.
``--quick`` shrinks the work (1.28 s clips, 2 steps, no in-process run) for a loaded machine.
"""

from __future__ import annotations

import gc
import os
import tempfile
import threading
import time
from pathlib import Path

from bridge.client import BridgeClient
from bridge.service import ServiceConfig, serving

from .core import SEED, Context, experiment, wait_for_quiet

SECONDS = 5.12
CONCURRENT = 8


def _burst(svc, n: int, steps: int, seconds: float) -> dict:
    """``n`` requests sent at once; wall time from the first send to the last file written."""
    finished = []

    def one(i):
        with BridgeClient(svc.endpoints()["zmq"]["requests"], timeout=1800, retries=1) as client:
            done = client.generate({"prompt": f"texture {i}, field recording", "seconds": seconds, "steps": steps,
                                    "seed": SEED + i})
            finished.append((time.perf_counter(), done["id"]))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    batches_before = [w.batches_run for w in svc.workers]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {"wall_s": round(wall, 2), "clips_per_min": round(60 * n / wall, 3),
            "batches_per_worker": [w.batches_run - b for w, b in zip(svc.workers, batches_before)],
            "first_done_s": round(min(t for t, _ in finished) - started, 2), "load_1min_before": round(load, 2)}


def _measure(engine, steps: int, max_batch: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp, \
            serving(engine, ServiceConfig.on_free_ports(Path(tmp), max_batch=max_batch), shutdown_grace_s=1800) as svc:
        with BridgeClient(svc.endpoints()["zmq"]["requests"], timeout=1800, retries=1) as client:
            client.generate({"prompt": "warm up", "seconds": seconds, "steps": steps, "seed": 0})
        wait_for_quiet(30)
        return _burst(svc, CONCURRENT, steps, seconds)


@experiment("E7", "Ray replicas: 8 concurrent 5.12 s requests, in-process vs 1 vs 2 replicas", quick_budget_s=900,
            default=False)
def e7_ray_replicas(ctx: Context) -> dict:
    from bridge.ray_backend import RayReplicas

    seconds, steps, max_batch = (1.28, 2, 4) if ctx.quick else (SECONDS, 10, 4)
    out = {"seconds": seconds, "concurrent": CONCURRENT, "steps": steps, "max_batch": max_batch,
           "cpus": os.cpu_count(), "configs": {}}
    started = time.perf_counter()
    if not ctx.quick:
        out["configs"]["in-process"] = _measure(ctx.engine, steps, max_batch, seconds)
        print(f"  E7 in-process: {out['configs']['in-process']}", flush=True)
        ctx._engine = ctx._components = ctx._pipeline = None  # free ~2.5 GB before the replicas load theirs
        gc.collect()
    for n in (1, 2):
        pool = RayReplicas(ctx.model_id, replicas=n, address="local", device="cpu", num_cpus=os.cpu_count())
        t0 = time.perf_counter()
        pool.start(timeout=1800)
        startup = time.perf_counter() - t0
        try:
            result = _measure(pool.front, steps, max_batch, seconds)
        finally:
            pool.close()
        result["startup_s"] = round(startup, 1)
        result["threads_per_replica"] = [c.info["threads"] for c in pool.clients]
        out["configs"][f"{n} replica{'s' if n > 1 else ''}"] = result
        print(f"  E7 {n} replica(s): {result}", flush=True)
    base = next(iter(out["configs"].values()))["clips_per_min"]
    out["table"] = [["model runs in", f"wall s (8 × {seconds} s)", "clips/min", "vs first row", "batches per worker"]] + [
        [name, f"{r['wall_s']:.1f}", f"{r['clips_per_min']:.2f}", f"{r['clips_per_min'] / base:.3f}",
         str(r["batches_per_worker"])] for name, r in out["configs"].items()]
    out["total_s"] = round(time.perf_counter() - started, 1)
    return out
