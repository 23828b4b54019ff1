"""``python -m bench.run [--quick] [--gpu] [--smoke] [--only E1,E2,E5] [--out bench/results/NAME.json]``

``--gpu`` runs the GPU section (E1, E2, G1 on CUDA, fp16 as the pipeline's baseline, ≤ 10 min on one
GPU) and writes the same JSON; it refuses to start without a CUDA device. ``--smoke`` runs each
experiment once at its smallest size without waiting for a quiet machine: ``--gpu --device cpu
--model tiny --smoke`` checks the GPU section's code on any machine in about a minute.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("DIFFUSERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
warnings.filterwarnings("ignore")


def print_table(rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  " + "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)))
        if k == 0:
            print("  " + "  ".join("-" * w for w in widths))


def main(argv=None) -> int:
    from . import experiments  # noqa: F401  (registers E1, E2, E5 and any extensions)
    from . import core
    from .core import DEFAULT_MODEL, EXPERIMENTS, GPU_SECTION, Context, machine_info

    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (how long: BENCHMARKS.md, 'Reproduce')")
    parser.add_argument("--only", default="", help=f"comma-separated experiments ({', '.join(EXPERIMENTS)})")
    parser.add_argument("--out", default=None, help="results JSON (default bench/results/<timestamp>.json)")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--threads", type=int, default=None,
                        help="torch intra-op threads (default: torch's choice). On a machine shared with other "
                             "busy processes, 1 avoids OpenMP threads waiting on each other (measured ~12× slowdowns)")
    parser.add_argument("--short", action="store_true",
                        help="fewest repetitions that still alternate (E1: 5.12 s only, 2 rounds; E2: 1 run; E6: 3 runs)")
    parser.add_argument("--gpu", action="store_true", help=f"the GPU section ({', '.join(GPU_SECTION)}) on CUDA")
    parser.add_argument("--device", default=None,
                        help="override the device (e.g. `--gpu --device cpu --model tiny --smoke` checks the GPU "
                             "section's code on the CPU)")
    parser.add_argument("--smoke", action="store_true",
                        help="each experiment once at its smallest size (0.32 s, 2 steps; torch.compile traced, not "
                             "code-generated), no waiting for a quiet machine: checks that the code runs, measures "
                             "nothing")
    args = parser.parse_args(argv)

    if args.threads:
        import torch

        os.environ["OMP_NUM_THREADS"] = str(args.threads)  # for subprocesses (E5's memory probes)
        torch.set_num_threads(args.threads)
    device = args.device or ("cuda" if args.gpu else "cpu")
    if device.startswith("cuda"):
        import torch

        if not torch.cuda.is_available():
            parser.exit(2, "no CUDA device here: --gpu measures on a GPU machine "
                           "(to smoke-test the section on the CPU: --gpu --device cpu --model tiny --smoke)\n")
    default_names = list(GPU_SECTION) if args.gpu else [n for n, e in EXPERIMENTS.items() if e.default]
    names = [n.strip() for n in args.only.split(",") if n.strip()] or default_names
    unknown = [n for n in names if n not in EXPERIMENTS]
    if unknown:
        parser.error(f"unknown experiment(s) {', '.join(unknown)}; known: {', '.join(EXPERIMENTS)}")
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = Path(args.out or Path(__file__).parent / "results" / f"{stamp}{'-quick' if args.quick else ''}.json")

    if args.smoke:
        core.WAIT_FOR_QUIET = False
    ctx = Context(quick=args.quick or args.short or args.smoke, short=args.short or args.smoke, smoke=args.smoke,
                  model_id=args.model, device=device, baseline_dtype="fp16" if device.startswith("cuda") else "fp32")
    report = {"created": stamp, "quick": args.quick, "short": args.short, "smoke": args.smoke, "model": args.model,
              "device": device,
              "load_avg_at_start": os.getloadavg(), "machine": machine_info(),
              "experiments": {}}
    started = time.perf_counter()
    try:
        for name in names:
            exp = EXPERIMENTS[name]
            print(f"\n== {name}: {exp.title}", flush=True)
            t0 = time.perf_counter()
            try:
                result = exp.func(ctx)
            except Exception as err:  # one failing experiment must not lose the others
                result = {"error": f"{type(err).__name__}: {err}"}
                print(f"  {name} failed: {result['error']}", file=sys.stderr)
            result["wall_s"] = round(time.perf_counter() - t0, 1)
            report["experiments"][name] = result
            if "table" in result:
                print_table(result["table"])
            print(f"  ({name} took {result['wall_s']:.0f} s)", flush=True)
            out.parent.mkdir(parents=True, exist_ok=True)  # write after each experiment: partial results survive
            report["total_s"] = round(time.perf_counter() - started, 1)
            out.write_text(json.dumps(report, indent=1, default=str))
    finally:
        shutil.rmtree(ctx.workdir, ignore_errors=True)
    print(f"\nresults: {out}  (total {report['total_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
