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
    from engine.request import RenderRequest

    return RenderRequest(prompt=PROMPT, length=MusicalLength.from_seconds(seconds), out_dir=ctx.out_dir(tag),
                         steps=steps, seed=seed)


def run_engine(ctx: Context, seconds: float, steps: int = 10, cold_text: bool = True, dtype: str | None = None):
    """One full engine request (sampling + post-processing + file write); returns (Measure, files)."""
    engine = ctx.engine_for(dtype or ctx.baseline_dtype)
    if cold_text:  # the headline numbers do not profit from the prompt-embedding cache
        engine.sampler.embedding_cache.entries.clear()
    request = render_request(ctx, seconds, steps)
    with torch.inference_mode(), Measure() as m:
        files = engine.render(request)
        ctx.sync()
    return m, files


def run_pipeline(ctx: Context, seconds: float, steps: int = 10, dtype: str | None = None):
    pipeline = ctx.pipeline_for(dtype or ctx.baseline_dtype)
    with Measure() as m:
        audio = pipeline(PROMPT, audio_length_in_s=seconds, num_inference_steps=steps, guidance_scale=2.5,
                         generator=torch.Generator().manual_seed(SEED)).audios
        ctx.sync()
    return m, audio


def e1_contestants(ctx: Context) -> tuple[dict, dict, str | None]:
    """What E1 times: name → (kind, dtype request), and the ratios to report.

    * engine as shipped (``--dtype auto``) ÷ the seed pipeline as its documentation runs it
      (``ctx.baseline_dtype``: fp32 on the CPU, fp16 on CUDA);
    * engine ÷ pipeline at the same reduced dtype (bf16 on the CPU, fp16 on CUDA), both on the very
      same component objects. On a CPU without native bf16 that pair would run emulated bf16
      (7–70× slower than fp32): it is skipped and the reason recorded; there ``auto`` is fp32, so
      the first ratio is the same-dtype ratio as well.
    """
    from engine.models import cpu_has_native_bf16, pick_device, pick_stage_dtypes

    device = pick_device(ctx.device)
    auto = pick_stage_dtypes(device, "auto")
    same = "fp16" if device.type == "cuda" else "bf16"
    contestants = {"pipeline": ("pipeline", ctx.baseline_dtype), "engine auto": ("engine", "auto")}
    ratios = {"engine auto ÷ pipeline " + ctx.baseline_dtype: ("engine auto", "pipeline")}
    skipped = None
    if device.type == "cpu" and not cpu_has_native_bf16():
        skipped = "this CPU has no native bf16 (no AVX512-BF16/AMX): bf16 runs emulated, 7–70× slower than fp32"
    elif pick_stage_dtypes(device, same) != pick_stage_dtypes(device, ctx.baseline_dtype):
        contestants.update({f"pipeline {same}": ("pipeline", same), f"engine {same}": ("engine", same)})
        ratios[f"engine {same} ÷ pipeline {same} (same components)"] = (f"engine {same}", f"pipeline {same}")
    if set(auto.values()) == {pick_stage_dtypes(device, ctx.baseline_dtype)["unet"]}:
        ratios[f"same dtype ({ctx.baseline_dtype} both; auto = {ctx.baseline_dtype} here)"] = ("engine auto", "pipeline")
    return contestants, ratios, skipped


@experiment("E1", "End to end in-process: seed pipeline vs engine (auto dtype, and same dtype), A/B alternating",
            quick_budget_s=240)
def e1_end_to_end(ctx: Context) -> dict:
    plan = ([(0.32, 1)] if ctx.smoke else [(5.12, 2)] if ctx.short else [(5.12, 3), (2.56, 2)] if ctx.quick
            else [(5.12, 7), (2.56, 5)])
    steps = 2 if ctx.smoke else 10
    contestants, ratios, skipped = e1_contestants(ctx)
    for _, dtype in contestants.values():  # load outside the timings
        ctx.components_for(dtype)
    auto = ctx.components_for("auto")
    out = {"steps": steps, "prompt": PROMPT, "seed": SEED, "text_cache": "cleared before every engine run",
           "device": ctx.device, "auto_dtype": auto.dtype_name, "baseline_dtype": ctx.baseline_dtype,
           "contestants": {k: list(v) for k, v in contestants.items()}, "same_dtype_bf16_skipped": skipped,
           "lengths": {}}
    rows = [["length", "runs"] + [f"{name} median s" for name in contestants]
            + [f"{name} (median of rounds)" for name in ratios] + ["contended runs"]]

    def run(name, seconds):
        kind, dtype = contestants[name]
        return (run_pipeline if kind == "pipeline" else run_engine)(ctx, seconds, steps, dtype=dtype)[0]

    for seconds, runs in plan:
        wait_for_quiet(60)
        for name in contestants if not ctx.smoke else ():  # warm-ups, not counted
            run(name, seconds)
        rounds = []
        for k in range(runs):
            wait_for_quiet(30)
            order = list(contestants) if k % 2 == 0 else list(reversed(contestants))  # alternate who goes first
            result = {"order": order, "runs": {name: run(name, seconds).as_dict() for name in order}}
            result["ratios"] = {r: round(result["runs"][a]["seconds"] / result["runs"][b]["seconds"], 4)
                                for r, (a, b) in ratios.items()}
            rounds.append(result)
            print(f"  E1 {seconds:.2f}s round {k + 1}/{runs}: "
                  + ", ".join(f"{n} {result['runs'][n]['seconds']:.2f}s" for n in contestants) + "; "
                  + ", ".join(f"{r} {v:.3f}" for r, v in result["ratios"].items()), flush=True)
        medians = {n: round(median([r["runs"][n]["seconds"] for r in rounds]), 3) for n in contestants}
        ratio_medians = {r: round(median([x["ratios"][r] for x in rounds]), 4) for r in ratios}
        contended = sum(x["runs"][n]["contended"] for x in rounds for n in contestants)
        out["lengths"][f"{seconds:.2f}"] = {"rounds": rounds, "median_s": medians, "ratio_median": ratio_medians,
                                            "contended_runs": contended, "runs_total": len(contestants) * runs}
        rows.append([f"{seconds:.2f} s", str(runs)] + [f"{medians[n]:.2f}" for n in contestants]
                    + [f"{ratio_medians[r]:.3f}" for r in ratios] + [f"{contended}/{len(contestants) * runs}"])
    out["table"] = rows
    return out


@experiment("E2", "Where the time goes in one engine request (5.12 s, 10 steps), per dtype", quick_budget_s=120)
def e2_breakdown(ctx: Context) -> dict:
    """The stage table for fp32 and for the reduced dtype (what auto picks: bf16 on a bf16 CPU, fp16 on CUDA).

    On a CPU without native bf16, a full bf16 request would take many minutes (emulated kernels):
    there the bf16 column comes from a short probe (0.32 s, 2 steps, both dtypes) that shows why
    ``auto`` keeps fp32.
    """
    from engine.models import cpu_has_native_bf16, pick_device

    device = pick_device(ctx.device)
    reduced = "fp16" if device.type == "cuda" else "bf16"
    out = {"dtypes": {}}
    out["dtypes"][ctx.baseline_dtype] = e2_stage_table(ctx, ctx.baseline_dtype)
    if device.type == "cpu" and not cpu_has_native_bf16():
        probe = {dt: e2_stage_table(ctx, dt, seconds=0.32, steps=2, runs=1) for dt in ("fp32", "bf16")}
        out["bf16_probe"] = {"note": "no native bf16 on this CPU: 0.32 s, 2 steps, one run each", **probe}
        out["dtypes"]["bf16"] = {"skipped": "no native bf16; see bf16_probe"}
    elif reduced != ctx.baseline_dtype:
        out["dtypes"]["auto"] = e2_stage_table(ctx, "auto")
    rows = [["stage"] + [f"{dt} s" for dt, r in out["dtypes"].items() if "stage_median_s" in r]]
    tables = [r for r in out["dtypes"].values() if "stage_median_s" in r]
    for name in tables[0]["stage_median_s"]:
        rows.append([name] + [f"{t['stage_median_s'][name]:.4f}" for t in tables])
    rows.append(["post-processing share"] + [f"{100 * t['post_processing_share']:.2f} %" for t in tables])
    rows.append(["request total"] + [f"{t['request_median_s']:.3f}" for t in tables])
    rows.append(["(pipeline-style text encoding, 2 × 512 tokens)"] + [f"{t['pipeline_text_512_s']:.3f}" for t in tables])
    if "bf16_probe" in out:
        f32, b16 = out["bf16_probe"]["fp32"]["stage_median_s"], out["bf16_probe"]["bf16"]["stage_median_s"]
        for name in ("text", "unet", "vae", "vocoder"):
            rows.append([f"probe 0.32 s/2 steps: {name} bf16 ÷ fp32", f"×{b16[name] / f32[name]:.1f}"])
    out["table"] = rows
    return out


def e2_stage_table(ctx: Context, dtype: str, seconds: float = 5.12, steps: int = 10, runs: int | None = None) -> dict:
    if ctx.smoke:
        seconds, steps, runs = 0.32, 2, 1
    runs = runs or (1 if ctx.short else 2 if ctx.quick else 4)
    engine = ctx.engine_for(dtype)
    sampler = engine.sampler
    samples = []
    sampler.record_timings = True
    try:
        run_engine(ctx, seconds, steps, dtype=dtype)  # warm-up
        for _ in range(runs):
            wait_for_quiet(30)
            m, files = run_engine(ctx, seconds, steps, dtype=dtype)
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
    c = engine.components
    with torch.inference_mode(), Measure() as m512:
        for text in (PROMPT, ""):
            tok = c.tokenizer([text], padding="max_length", max_length=c.tokenizer.model_max_length,
                              truncation=True, return_tensors="pt")
            c.text_encoder(tok.input_ids.to(c.device), attention_mask=tok.attention_mask.to(c.device))
    rows = [["stage", "median s", "share of request"]]
    rows += [[n, f"{stage_med[n]:.4f}", f"{100 * stage_med[n] / total:.2f} %"] for n in names]
    rows += [["post-processing (resample+edit+loudness+write)", f"{post:.4f}", f"{100 * post / total:.2f} %"],
             ["request total", f"{total:.3f}", "100 %"],
             ["(pipeline-style text encoding, 2 × 512 tokens)", f"{m512.seconds:.3f}", "—"]]
    return {"seconds": seconds, "steps": steps, "dtype": c.dtype_name, "runs": samples, "stage_median_s": stage_med,
            "request_median_s": total, "post_processing_s": post, "post_processing_share": post / total,
            "pipeline_text_512_s": m512.seconds, "table": rows}


@experiment("E5", "Peak RSS: load + one 5.12 s generation, fresh process per model and dtype", quick_budget_s=240)
def e5_memory(ctx: Context) -> dict:
    """Peak RSS per model in fp32 and bf16. Peak memory does not grow with the number of steps (each
    step frees its activations), so where bf16 is emulated (no native bf16: minutes per step) the bf16
    generation runs 1 step instead of 10; the table says which."""
    from engine.models import cpu_has_native_bf16

    models = ["random:audioldm-s-full-v2"] if ctx.quick else [
        "random:audioldm-s-full-v2", "random:audioldm-m-full", "random:audioldm-l-full"]
    results = {}
    rows = [["model", "dtype", "parameters", "steps", "load s", "generate s", "peak at load GB", "peak RSS GB"]]
    if ctx.short:  # load only (0 steps): the weights' share of memory, per dtype, for s, m and l
        models = ["random:audioldm-s-full-v2", "random:audioldm-m-full", "random:audioldm-l-full"]
    for model in models:
        for dtype in ("fp32", "bf16"):
            steps = 0 if ctx.short else 10 if dtype == "fp32" or cpu_has_native_bf16() else 1
            proc = subprocess.run([sys.executable, "-m", "bench.memory_probe", model, "5.12", str(ctx.out_dir("e5")),
                                   dtype, str(steps)], capture_output=True, text=True, timeout=3600)
            key = f"{model} {dtype}"
            if proc.returncode != 0:
                results[key] = {"error": proc.stderr[-2000:]}
                rows.append([model, dtype, "error", "", "", "", "", ""])
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            results[key] = r
            rows.append([model, dtype, f"{r['parameters'] / 1e6:.0f} M", str(steps), f"{r['load_s']:.1f}",
                         f"{r['generate_s']:.1f}", f"{r['peak_after_load_gb']:.2f}", f"{r['peak_rss_gb']:.2f}"])
            print(f"  E5 {key}: peak at load {r['peak_after_load_gb']:.2f} GB, peak {r['peak_rss_gb']:.2f} GB",
                  flush=True)
    return {"models": results, "table": rows}


@experiment("E2b", "bf16 vs fp32 per stage where bf16 is not native (0.32 s, 2 steps)", quick_budget_s=120,
            default=False)
def e2b_bf16_probe(ctx: Context) -> dict:
    """E2's bf16 probe alone: why ``auto`` keeps fp32 on a CPU without native bf16."""
    probe = {dt: e2_stage_table(ctx, dt, seconds=0.32, steps=2, runs=1) for dt in ("fp32", "bf16")}
    f32, b16 = probe["fp32"]["stage_median_s"], probe["bf16"]["stage_median_s"]
    rows = [["stage (0.32 s, 2 steps)", "fp32 s", "bf16 s", "bf16 ÷ fp32"]]
    rows += [[n, f"{f32[n]:.3f}", f"{b16[n]:.3f}", f"×{b16[n] / f32[n]:.1f}"] for n in ("text", "unet", "vae", "vocoder")]
    return {"probe": probe, "table": rows}


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


# Further experiments (E1b through ZeroMQ, E3 batching, E4 transport; precision; T1 style transfer;
# E7 Ray replicas) register themselves here:
for _module in ("bench.service", "bench.precision", "bench.edits", "bench.ray_scaling"):
    try:
        __import__(_module)
    except ModuleNotFoundError as err:
        if err.name != _module:
            raise


@experiment("G1", "torch.compile: warm-up of the live lengths, then compiled vs eager (GPU section)",
            quick_budget_s=300, default=False)
def g1_compile(ctx: Context) -> dict:
    """What ``--compile`` buys and costs: the compile time for the shapes a performance uses
    (``Engine.warm_up``: 1, 2, 4 bars at 120 BPM), then compiled vs eager requests, alternating."""
    import torch._dynamo

    from engine.models import load_model
    from engine.render import Engine, LIVE_WARM_UP_LENGTHS
    from engine.length import MusicalLength

    eager = ctx.engine_for("auto")
    torch._dynamo.reset()
    # A smoke run traces with dynamo but skips inductor's code generation (minutes on a CPU).
    compiled = Engine(load_model(ctx.model_id, device=ctx.device, dtype="auto",
                                 compile="eager" if ctx.smoke else True))  # compiles lazily
    warm_lengths = ([MusicalLength.from_seconds(0.32)] if ctx.smoke
                    else list(LIVE_WARM_UP_LENGTHS) + [MusicalLength.from_seconds(5.12)])
    with Measure() as warm:
        frames = compiled.warm_up(warm_lengths)
        ctx.sync()
    out = {"warm_up_s": round(warm.seconds, 2), "warm_up_frames": frames, "lengths": {}}
    print(f"  G1 compile + warm-up of {frames} frames: {warm.seconds:.1f} s", flush=True)
    rows = [["length", "eager median s", "compiled median s", "compiled ÷ eager"]]
    runs = 1 if ctx.smoke else 3 if ctx.quick else 5
    for seconds in (0.32,) if ctx.smoke else (4.0, 5.12):  # 2 bars at 120 BPM (a live request) and E1's length
        times = {"eager": [], "compiled": []}
        for k in range(runs):
            order = (("eager", eager), ("compiled", compiled))
            for name, engine in (order if k % 2 == 0 else order[::-1]):
                engine.sampler.embedding_cache.entries.clear()
                with torch.inference_mode(), Measure() as m:
                    engine.render(render_request(ctx, seconds, 2 if ctx.smoke else 10))
                    ctx.sync()
                times[name].append(m.seconds)
        e, c = median(times["eager"]), median(times["compiled"])
        out["lengths"][f"{seconds:.2f}"] = {"eager_s": times["eager"], "compiled_s": times["compiled"],
                                            "ratio": c / e}
        rows.append([f"{seconds:.2f} s", f"{e:.3f}", f"{c:.3f}", f"{c / e:.3f}"])
    out["table"] = rows
    return out
