"""E1 (end to end), E2 (where the time goes), E5 (memory). More register themselves on import."""

from __future__ import annotations

import json
import subprocess
import sys

import torch

from .core import PROMPT, SEED, Context, Measure, experiment, median, wait_for_quiet

POST_STAGES = ("resample", "edit", "loudness", "write")


def render_request(ctx: Context, seconds: float, steps: int = 10, seed: int = SEED, tag: str = "e"):
    from engine.length import MusicalLength
    from engine.render import RenderRequest

    return RenderRequest(prompt=PROMPT, length=MusicalLength.from_seconds(seconds), out_dir=ctx.out_dir(tag),
                         steps=steps, seed=seed)


def run_engine(ctx: Context, seconds: float, steps: int = 10, cold_text: bool = True):
    """One full engine request (sampling + post-processing + file write); returns (Measure, files)."""
    if cold_text:  # the headline numbers do not profit from the prompt-embedding cache
        ctx.engine.sampler.embedding_cache.entries.clear()
    request = render_request(ctx, seconds, steps)
    with torch.inference_mode(), Measure() as m:
        files = ctx.engine.render(request)
    return m, files


def run_pipeline(ctx: Context, seconds: float, steps: int = 10):
    with Measure() as m:
        audio = ctx.pipeline(PROMPT, audio_length_in_s=seconds, num_inference_steps=steps, guidance_scale=2.5,
                             generator=torch.Generator().manual_seed(SEED)).audios
    return m, audio


@experiment("E1", "End to end in-process: seed pipeline vs engine (A/B alternating)", quick_budget_s=180)
def e1_end_to_end(ctx: Context) -> dict:
    plan = [(5.12, 3), (2.56, 2)] if ctx.quick else [(5.12, 7), (2.56, 5)]
    steps = 10
    out = {"steps": steps, "prompt": PROMPT, "seed": SEED, "text_cache": "cleared before every engine run",
           "lengths": {}}
    ctx.components  # load outside the timings
    out["load_seconds"] = round(ctx.load_seconds, 2)
    rows = [["length", "runs", "pipeline median s", "engine median s", "ratio (median of pairs)", "contended runs"]]
    for seconds, runs in plan:
        wait_for_quiet(60)
        run_pipeline(ctx, seconds, steps)  # warm-ups, not counted
        run_engine(ctx, seconds, steps)
        pairs = []
        for k in range(runs):
            wait_for_quiet(30)
            order = ("pipeline", "engine") if k % 2 == 0 else ("engine", "pipeline")
            pair = {"order": order[0] + " first"}
            for who in order:
                m, _ = run_pipeline(ctx, seconds, steps) if who == "pipeline" else run_engine(ctx, seconds, steps)
                pair[who] = m.as_dict()
            pair["ratio"] = round(pair["engine"]["seconds"] / pair["pipeline"]["seconds"], 4)
            pairs.append(pair)
            print(f"  E1 {seconds:.2f}s run {k + 1}/{runs}: pipeline {pair['pipeline']['seconds']:.2f}s "
                  f"engine {pair['engine']['seconds']:.2f}s ratio {pair['ratio']:.3f}", flush=True)
        p_med = median([p["pipeline"]["seconds"] for p in pairs])
        e_med = median([p["engine"]["seconds"] for p in pairs])
        r_med = median([p["ratio"] for p in pairs])
        contended = sum(p[w]["contended"] for p in pairs for w in ("pipeline", "engine"))
        out["lengths"][f"{seconds:.2f}"] = {"runs": pairs, "pipeline_median_s": round(p_med, 3),
                                            "engine_median_s": round(e_med, 3), "ratio_median": round(r_med, 4),
                                            "ratio_of_medians": round(e_med / p_med, 4), "contended_runs": contended}
        rows.append([f"{seconds:.2f} s", str(runs), f"{p_med:.2f}", f"{e_med:.2f}", f"{r_med:.3f}",
                     f"{contended}/{2 * runs}"])
    out["table"] = rows
    return out


@experiment("E2", "Where the time goes in one engine request (5.12 s, 10 steps)", quick_budget_s=45)
def e2_breakdown(ctx: Context) -> dict:
    seconds, steps, runs = 5.12, 10, (2 if ctx.quick else 4)
    sampler = ctx.engine.sampler
    samples = []
    sampler.record_timings = True
    try:
        run_engine(ctx, seconds, steps)  # warm-up
        for _ in range(runs):
            wait_for_quiet(30)
            m, files = run_engine(ctx, seconds, steps)
            stages = dict(sampler.timings)
            sidecar = files[0].metadata["timings_s"]
            stages.update({k: sidecar[k] for k in POST_STAGES})
            stages["other"] = max(0.0, m.seconds - sum(stages.values()))  # sidecar JSON, checks, glue
            samples.append({"total_s": m.seconds, "stages_s": stages, "contended": m.contended})
    finally:
        sampler.record_timings = False
    total = median([s["total_s"] for s in samples])
    names = list(samples[0]["stages_s"])
    stage_med = {n: median([s["stages_s"][n] for s in samples]) for n in names}
    post = sum(stage_med[n] for n in POST_STAGES)
    # For comparison: the pipeline's text encoding (prompt and negative, each padded to 512 tokens).
    c = ctx.components
    with torch.inference_mode(), Measure() as m512:
        for text in (PROMPT, ""):
            tok = c.tokenizer([text], padding="max_length", max_length=c.tokenizer.model_max_length,
                              truncation=True, return_tensors="pt")
            c.text_encoder(tok.input_ids, attention_mask=tok.attention_mask)
    rows = [["stage", "median s", "share of request"]]
    rows += [[n, f"{stage_med[n]:.4f}", f"{100 * stage_med[n] / total:.2f} %"] for n in names]
    rows += [["post-processing (resample+edit+loudness+write)", f"{post:.4f}", f"{100 * post / total:.2f} %"],
             ["request total", f"{total:.3f}", "100 %"],
             ["(pipeline-style text encoding, 2 × 512 tokens)", f"{m512.seconds:.3f}", "—"]]
    return {"seconds": seconds, "steps": steps, "runs": samples, "stage_median_s": stage_med,
            "request_median_s": total, "post_processing_s": post, "post_processing_share": post / total,
            "pipeline_text_512_s": m512.seconds, "table": rows}


@experiment("E5", "Peak RSS: load + one 5.12 s generation, fresh process per model", quick_budget_s=60)
def e5_memory(ctx: Context) -> dict:
    models = ["random:audioldm-s-full-v2"] if ctx.quick else [
        "random:audioldm-s-full-v2", "random:audioldm-m-full", "random:audioldm-l-full"]
    results, rows = {}, [["model", "parameters", "load s", "generate s", "peak RSS GB", "RSS after load GB"]]
    for model in models:
        proc = subprocess.run([sys.executable, "-m", "bench.memory_probe", model, "5.12", str(ctx.out_dir("e5"))],
                              capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            results[model] = {"error": proc.stderr[-2000:]}
            rows.append([model, "error", "", "", "", ""])
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results[model] = r
        rows.append([model, f"{r['parameters'] / 1e6:.0f} M", f"{r['load_s']:.1f}", f"{r['generate_s']:.1f}",
                     f"{r['peak_rss_gb']:.2f}", f"{r['rss_after_load_gb']:.2f}"])
        print(f"  E5 {model}: peak {r['peak_rss_gb']:.2f} GB", flush=True)
    return {"models": results, "table": rows}


@experiment("A1", "Ablation: engine speed-ups switched off one at a time (5.12 s, 10 steps)", default=False)
def a1_ablation(ctx: Context) -> dict:
    """Each of the sampler's CPU speed-ups, off vs on, alternating, in the same process."""
    sampler = ctx.engine.sampler
    runs = 3 if ctx.quick else 5
    variants = {"all on": {}, "channels_last off": {"channels_last": False},
                "2-D HiFi-GAN off": {"fast_vocoder": False},
                "both off": {"channels_last": False, "fast_vocoder": False}}
    saved = {k: getattr(sampler, k) for k in ("channels_last", "fast_vocoder", "record_timings")}
    times = {v: [] for v in variants}
    stages = {v: [] for v in variants}
    try:
        sampler.record_timings = True
        run_engine(ctx, 5.12)
        for _ in range(runs):
            for name, change in variants.items():
                for k, val in saved.items():
                    if k != "record_timings":
                        setattr(sampler, k, change.get(k, val))
                wait_for_quiet(30)
                m, _ = run_engine(ctx, 5.12)
                times[name].append(m.seconds)
                stages[name].append(dict(sampler.timings))
    finally:
        for k, val in saved.items():
            setattr(sampler, k, val)
    rows = [["variant", "request median s", "unet s", "vae s", "vocoder s"]]
    out = {}
    for name in variants:
        med = {s: median([t[s] for t in stages[name]]) for s in ("unet", "vae", "vocoder")}
        out[name] = {"request_s": times[name], "request_median_s": median(times[name]), "stage_median_s": med}
        rows.append([name, f"{median(times[name]):.2f}"] + [f"{med[s]:.2f}" for s in ("unet", "vae", "vocoder")])
    return {"variants": out, "table": rows}


# Further experiments (E1b through ZeroMQ, E3 batching, E4 transport) register themselves here:
for _module in ("bench.service", "bench.ray_scaling"):
    try:
        __import__(_module)
    except ModuleNotFoundError as err:
        if err.name != _module:
            raise
