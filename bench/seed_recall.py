"""``python -m bench.seed_recall [--model M] [--dtype auto] [--seconds 2.56] [--steps 5] [--variations 3]
[--rounds 3] [--threads N] [--out bench/results/NAME.json]``

Seed recall against speed: one request of ``--variations`` seeds sampled batched (every stage
sees the whole batch) and batch-invariant (every stage one variation at a time, what
:attr:`engine.sampler.AudioLDMSampler.batch_invariant` does), alternating, ``--rounds`` times
each; then each seed alone. Reports the wall time of both modes (with contention, see
:class:`bench.core.Measure`) and how far each variation is from its seed rendered alone
(max |difference| and the residual in dB below the signal). On a shared machine use
``--threads 1`` and read the CPU-time column: single-threaded CPU time counts the work without
OpenMP spin-waits, so it survives other processes (see BENCHMARKS.md, *Contention*).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("DIFFUSERS_VERBOSITY", "error")
warnings.filterwarnings("ignore")


def _residual_db(wave, ref) -> float | None:
    import numpy as np

    diff = float(np.sum((wave.astype(np.float64) - ref) ** 2))
    return None if diff == 0 else round(10 * np.log10(diff / float(np.sum(ref.astype(np.float64) ** 2))), 1)


def main(argv=None) -> int:
    import numpy as np
    import torch

    from engine.length import frames_for_samples
    from engine.models import load_model
    from engine.sampler import AudioLDMSampler, SamplingJob

    from .core import DEFAULT_MODEL, PROMPT, Measure, machine_info, median

    parser = argparse.ArgumentParser(prog="python -m bench.seed_recall", description=__doc__)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--dtype", default="auto")
    parser.add_argument("--seconds", type=float, default=2.56)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--variations", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None, help="torch intra-op threads (default: torch's)")
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)

    components = load_model(args.model, device="cpu", dtype=args.dtype)
    sampler = AudioLDMSampler(components)
    frames = frames_for_samples(round(args.seconds * 16000))
    seeds = list(range(1000, 1000 + args.variations))
    job = SamplingJob(PROMPT, frames, seeds, steps=args.steps)
    sampler.encode_texts([PROMPT, ""])  # cached: both modes then time the same work

    times = {"batched": [], "invariant": []}
    outputs = {}
    for _ in range(args.rounds):
        for mode in times:
            sampler.batch_invariant = mode == "invariant"
            cpu0 = time.process_time()
            with Measure() as m:
                outputs[mode] = sampler([job])[0]
            times[mode].append({**m.as_dict(), "cpu_s": round(time.process_time() - cpu0, 3)})
            print(f"{mode}: {m.seconds:.2f} s, CPU {times[mode][-1]['cpu_s']:.2f} s "
                  f"(other processes' CPU {m.other_cpu_s:.1f} s)", file=sys.stderr)
    alone = [sampler([SamplingJob(PROMPT, frames, [seed], steps=args.steps)])[0][0] for seed in seeds]

    def deviation(waves):
        return {"max_abs": max(float(np.abs(w - a).max()) for w, a in zip(waves, alone)),
                "residual_db": [_residual_db(w, a) for w, a in zip(waves, alone)]}

    med = {mode: median([t["seconds"] for t in runs]) for mode, runs in times.items()}
    med_cpu = {mode: median([t["cpu_s"] for t in runs]) for mode, runs in times.items()}
    result = {
        "command": "python -m bench.seed_recall " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": machine_info(), "model": args.model, "dtype": components.dtype_name,
        "seconds": args.seconds, "frames": frames, "steps": args.steps, "variations": args.variations,
        "threads": torch.get_num_threads(), "times": times, "median_s": med, "median_cpu_s": med_cpu,
        "invariant_over_batched": {"wall": round(med["invariant"] / med["batched"], 3),
                                   "cpu": round(med_cpu["invariant"] / med_cpu["batched"], 3)},
        "contended_runs": sum(t["contended"] for runs in times.values() for t in runs),
        "vs_alone": {mode: deviation(waves) for mode, waves in outputs.items()},
    }
    text = json.dumps(result, indent=1)
    if args.out:
        Path(args.out).write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
