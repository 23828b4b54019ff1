"""``python -m bench.memory_probe MODEL SECONDS OUT_DIR [DTYPE [STEPS]]``: load, render once, print one JSON line.

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


def peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def main(model: str, seconds: float, out_dir: str, dtype: str = "fp32", steps: int = 10) -> None:
    warnings.simplefilter("ignore")
    import torch

    from engine.length import MusicalLength
    from engine.models import load_model
    from engine.render import Engine
    from engine.request import RenderRequest

    t0 = time.perf_counter()
    engine = Engine(load_model(model, device="cpu", dtype=dtype))
    load_s = time.perf_counter() - t0
    after_load, peak_after_load = rss_gb(), peak_gb()
    t0 = time.perf_counter()
    with torch.inference_mode():
        if steps > 0:  # 0: load only
            engine.render(RenderRequest(prompt="a dog barking", length=MusicalLength.from_seconds(seconds),
                                        out_dir=out_dir, seed=1, steps=steps))
    generate_s = time.perf_counter() - t0
    print(json.dumps({"model": model, "dtype": engine.components.dtype_name, "steps": steps,
                      "parameters": engine.components.parameter_count, "load_s": load_s, "generate_s": generate_s,
                      "rss_after_load_gb": after_load, "peak_after_load_gb": peak_after_load,
                      "peak_rss_gb": peak_gb()}))


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], float(args[1]), args[2], *(args[3:4]), *(int(a) for a in args[4:5]))
