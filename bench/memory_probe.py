"""``python -m bench.memory_probe MODEL SECONDS OUT_DIR``: load, render once, print one JSON line.

Run in a fresh process so ``ru_maxrss`` is this model's peak alone (Linux: kilobytes).
"""

import json
import resource
import sys
import time
import warnings


def rss_gb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 2**20
    return float("nan")


def main(model: str, seconds: float, out_dir: str) -> None:
    warnings.simplefilter("ignore")
    import torch

    from engine.length import MusicalLength
    from engine.models import load_model
    from engine.render import Engine, RenderRequest

    t0 = time.perf_counter()
    engine = Engine(load_model(model, device="cpu"))
    load_s = time.perf_counter() - t0
    after_load = rss_gb()
    t0 = time.perf_counter()
    with torch.inference_mode():
        engine.render(RenderRequest(prompt="a dog barking", length=MusicalLength.from_seconds(seconds),
                                    out_dir=out_dir, seed=1))
    generate_s = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(json.dumps({"model": model, "parameters": engine.components.parameter_count, "load_s": load_s,
                      "generate_s": generate_s, "rss_after_load_gb": after_load, "peak_rss_gb": peak}))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3])
