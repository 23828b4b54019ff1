"""T1: audio in — a 5.12 s style transfer at strength 0.6 vs a plain generation of the same length.

Both are full engine requests (sampling + post-processing + file write) on the same model, same
prompt, seed and 10 DDIM steps, A/B alternating in one process; the transfer also reads its input
file, runs AudioLDM's mel front end and the VAE encoder, and then denoises only the last
int(10 × 0.6) = 6 steps. The input is a 5.12 s 48 kHz WAV written once up front.

Each run records wall time and this process's CPU time. On a machine shared with other work, run
it single-threaded (``OMP_NUM_THREADS=1 python -m bench.run --quick --only T1``): the CPU-time
ratio then counts the work done without OpenMP spin-waits, and is robust to contention.
"""

from __future__ import annotations

import numpy as np
import torch

from .core import PROMPT, SEED, Context, Measure, _own_cpu_seconds, experiment, median, wait_for_quiet

SECONDS, STEPS, STRENGTH = 5.12, 10, 0.6


def _request(ctx: Context, **fields):
    from bridge.protocol import parse_request

    return parse_request({"prompt": PROMPT, "seed": SEED, "steps": STEPS, **fields}, ctx.out_dir("t1")).render


def _run(ctx: Context, request) -> dict:
    """Wall time and this process's CPU time: on a contended machine the CPU time (with one thread,
    OMP_NUM_THREADS=1, so no spin-waiting is counted) still measures the work done."""
    ctx.engine.sampler.embedding_cache.entries.clear()  # neither side profits from the text cache
    cpu = _own_cpu_seconds()
    with torch.inference_mode(), Measure() as m:
        ctx.engine.render(request)
    return {**m.as_dict(), "cpu_s": round(_own_cpu_seconds() - cpu, 3)}


@experiment("T1", "Style transfer 5.12 s at strength 0.6 vs plain generation (A/B alternating)", quick_budget_s=150)
def t1_style_transfer(ctx: Context) -> dict:
    import soundfile as sf

    runs = 2 if ctx.quick else 6
    source = ctx.out_dir("t1-in") / "input.wav"
    t = np.arange(round(SECONDS * 48000)) / 48000
    sf.write(source, (0.3 * np.sin(2 * np.pi * 220 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 2 * t))).astype(np.float32),
             48000, subtype="PCM_24")
    ctx.components  # load outside the timings

    def plain():
        return _request(ctx, seconds=SECONDS)

    def transfer():
        return _request(ctx, init_audio=str(source), strength=STRENGTH)

    _run(ctx, plain())  # warm-ups, not counted
    _run(ctx, transfer())
    # Where the transfer's extra work goes: read + front end + VAE encode, measured once apart.
    encode = transfer()
    job = encode.sampling_job()
    cpu = _own_cpu_seconds()
    with torch.inference_mode(), Measure() as m_encode:
        ctx.engine.prepare(encode)
    encode_cpu = _own_cpu_seconds() - cpu
    pairs = []
    for k in range(runs):
        wait_for_quiet(30)
        order = ("plain", "transfer") if k % 2 == 0 else ("transfer", "plain")
        pair = {"order": order[0] + " first"}
        for who in order:
            pair[who] = _run(ctx, plain() if who == "plain" else transfer())
        pair["ratio"] = round(pair["transfer"]["seconds"] / pair["plain"]["seconds"], 4)
        pair["cpu_ratio"] = round(pair["transfer"]["cpu_s"] / pair["plain"]["cpu_s"], 4)
        pairs.append(pair)
        print(f"  T1 run {k + 1}/{runs}: plain {pair['plain']['seconds']:.2f}s ({pair['plain']['cpu_s']:.1f} s CPU) "
              f"transfer {pair['transfer']['seconds']:.2f}s ({pair['transfer']['cpu_s']:.1f} s CPU) "
              f"ratio {pair['ratio']:.3f} (CPU {pair['cpu_ratio']:.3f})", flush=True)
    p_med = median([p["plain"]["seconds"] for p in pairs])
    t_med = median([p["transfer"]["seconds"] for p in pairs])
    p_cpu = median([p["plain"]["cpu_s"] for p in pairs])
    t_cpu = median([p["transfer"]["cpu_s"] for p in pairs])
    contended = sum(p[w]["contended"] for p in pairs for w in ("plain", "transfer"))
    rows = [["request", "median wall s", "median CPU s", "denoising steps"],
            [f"plain {SECONDS} s", f"{p_med:.2f}", f"{p_cpu:.2f}", str(STEPS)],
            [f"transfer {SECONDS} s, strength {STRENGTH}", f"{t_med:.2f}", f"{t_cpu:.2f}",
             str(job.steps - job.first_step())],
            ["  of which read + mel + VAE encode", f"{m_encode.seconds:.2f}", f"{encode_cpu:.2f}", "-"],
            ["ratio transfer ÷ plain (median of pairs)", f"{median([p['ratio'] for p in pairs]):.3f}",
             f"{median([p['cpu_ratio'] for p in pairs]):.3f}", f"contended runs {contended}/{2 * runs}"]]
    return {"seconds": SECONDS, "steps": STEPS, "strength": STRENGTH, "torch_threads": torch.get_num_threads(),
            "runs": pairs, "plain_median_s": round(p_med, 3), "transfer_median_s": round(t_med, 3),
            "plain_median_cpu_s": round(p_cpu, 3), "transfer_median_cpu_s": round(t_cpu, 3),
            "ratio_median": round(median([p["ratio"] for p in pairs]), 4),
            "cpu_ratio_median": round(median([p["cpu_ratio"] for p in pairs]), 4),
            "encode_s": round(m_encode.seconds, 3), "encode_cpu_s": round(encode_cpu, 3),
            "contended_runs": contended, "table": rows}
