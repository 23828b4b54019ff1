"""D1: what bf16 changes in the output, per stage, on the full-size architecture and the tiny model.

Trained weights cannot be loaded here, so the measurement uses the random full-size weights and
the tiny model: the numbers say how much rounding to bf16 perturbs these networks, not how a
trained AudioLDM sounds. For each configuration (one stage in bf16, the others fp32; all stages;
what ``--dtype auto`` ships) against the all-fp32 run with the same seed:

* the stage's own output (text embedding, final latents, mel spectrogram, waveform) as SNR in dB;
* the final waveform as SNR in dB and as log-mel spectral distance in dB (RMS over 64 mel bins,
  mean over 10 ms frames; power floored 80 dB under the reference's peak).

Where the CPU has no native bf16 (AVX2-only machines), real bf16 kernels are 7–70× slower, so
the full-size model runs **emulated** bf16: fp32 arithmetic with every operation's inputs and
outputs rounded to bf16 (:class:`Bf16Rounding`) — what native bf16 kernels do up to the order of
fp32 accumulation. The tiny model runs both real bf16 and the emulation, which checks the latter.
"""

from __future__ import annotations

import contextlib
import time

import numpy as np
import torch
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_map

from engine.models import STAGES, AudioLDMComponents, cpu_has_native_bf16, load_model
from engine.sampler import AudioLDMSampler, SamplingJob

from .core import PROMPT, SEED, Context, experiment

#: Configurations: name → stages in bf16. "auto" is what --dtype auto ships on a bf16 CPU.
CONFIGS = {"text_encoder": ("text_encoder",), "unet": ("unet",), "vae": ("vae",), "vocoder": ("vocoder",),
           "auto (all but text)": ("unet", "vae", "vocoder"), "all": STAGES}

#: What each stage hands on: the value compared for its own deviation.
STAGE_OUTPUT = {"text_encoder": "text_embedding", "unet": "latents", "vae": "mel", "vocoder": "waveform"}


def _round_bf16(value):
    if isinstance(value, torch.Tensor) and value.dtype == torch.float32:
        return value.to(torch.bfloat16).to(torch.float32)
    return value


class Bf16Rounding(TorchFunctionMode):
    """While ``depth > 0``: every torch op sees bf16-rounded float32 inputs and returns rounded outputs."""

    def __init__(self):
        super().__init__()
        self.depth = 0

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if self.depth <= 0:
            return func(*args, **kwargs)
        args, kwargs = tree_map(_round_bf16, (args, kwargs))
        return tree_map(_round_bf16, func(*args, **kwargs))


def _stage_modules(c: AudioLDMComponents) -> dict:
    # vae.decode runs post_quant_conv, then the decoder
    return {"text_encoder": [c.text_encoder], "unet": [c.unet], "vae": [c.vae.post_quant_conv, c.vae.decoder],
            "vocoder": [c.vocoder]}


@contextlib.contextmanager
def observed(c: AudioLDMComponents, emulate: tuple = ()):
    """Capture each stage's output; run the stages in ``emulate`` under :class:`Bf16Rounding`."""
    captured, handles, mode = {}, [], Bf16Rounding()

    def enter(*_):
        mode.depth += 1

    def leave(*_):
        mode.depth -= 1

    for stage, modules in _stage_modules(c).items():
        if stage in emulate:
            for module in modules:
                handles.append(module.register_forward_pre_hook(enter))
                handles.append(module.register_forward_hook(leave))
    handles.append(c.text_encoder.register_forward_hook(
        lambda m, a, out: captured.__setitem__("text_embedding", out.text_embeds.float().clone())))
    handles.append(c.vae.post_quant_conv.register_forward_pre_hook(
        lambda m, a: captured.__setitem__("latents", a[0].float().clone())))
    handles.append(c.vocoder.register_forward_pre_hook(lambda m, a: captured.__setitem__("mel", a[0].float().clone())))
    try:
        with mode:
            yield captured
    finally:
        for h in handles:
            h.remove()


def generate(c: AudioLDMComponents, frames: int, steps: int, emulate: tuple = ()) -> dict:
    """One generation; returns every stage's output as float64 numpy arrays."""
    with observed(c, emulate) as captured:
        sampler = AudioLDMSampler(c)
        sampler.fast_vocoder = False  # through vocoder.forward, so hooks see it (same math, ≤ 4e-11)
        sampler.embedding_cache.entries.clear()
        wave = sampler([SamplingJob(PROMPT, frames, [SEED], steps=steps)])[0][0]
    out = {k: v.double().numpy() for k, v in captured.items()}
    out["waveform"] = wave.astype(np.float64)
    return out


# --- metrics -------------------------------------------------------------------------------------


def snr_db(reference: np.ndarray, other: np.ndarray) -> float:
    noise = np.sum((other - reference) ** 2)
    return float("inf") if noise == 0 else float(10 * np.log10(np.sum(reference**2) / noise))


def log_mel(wave: np.ndarray, rate: int = 16000, n_fft: int = 1024, hop: int = 160, bins: int = 64) -> np.ndarray:
    """Power mel spectrogram (frames × bins) in dB, Slaney mel filters from transformers."""
    from transformers.audio_utils import mel_filter_bank

    padded = np.pad(wave, n_fft // 2, mode="reflect")
    count = 1 + (len(padded) - n_fft) // hop
    frames = np.lib.stride_tricks.as_strided(padded, (count, n_fft), (padded.strides[0] * hop, padded.strides[0]))
    power = np.abs(np.fft.rfft(frames * np.hanning(n_fft), axis=1)) ** 2
    fb = mel_filter_bank(num_frequency_bins=n_fft // 2 + 1, num_mel_filters=bins, min_frequency=0.0,
                         max_frequency=rate / 2, sampling_rate=rate, norm="slaney", mel_scale="slaney")
    return 10 * np.log10(np.maximum(power @ fb, 1e-30))


def log_mel_distance_db(reference: np.ndarray, other: np.ndarray) -> float:
    ref, oth = log_mel(reference), log_mel(other)
    floor = ref.max() - 80.0  # ignore differences deep under the signal
    ref, oth = np.maximum(ref, floor), np.maximum(oth, floor)
    return float(np.mean(np.sqrt(np.mean((ref - oth) ** 2, axis=1))))


def compare(reference: dict, other: dict, stages: tuple) -> dict:
    row = {"waveform_snr_db": snr_db(reference["waveform"], other["waveform"]),
           "log_mel_distance_db": log_mel_distance_db(reference["waveform"], other["waveform"])}
    if len(stages) == 1:  # upstream stages are identical: this is the stage's own deviation
        key = STAGE_OUTPUT[stages[0]]
        row["stage_output"] = key
        row["stage_output_snr_db"] = snr_db(reference[key], other[key])
    return row


# --- the experiment ------------------------------------------------------------------------------


def deviation(c: AudioLDMComponents, frames: int, steps: int, configs=CONFIGS, real_bf16: dict | None = None) -> dict:
    """Emulated bf16 per configuration (and real bf16 components where given) against fp32."""
    started = time.perf_counter()
    reference = generate(c, frames, steps)
    rows = {}
    for name, stages in configs.items():
        t0 = time.perf_counter()
        rows[name] = {"stages": list(stages), "method": "emulated",
                      **compare(reference, generate(c, frames, steps, emulate=stages), stages)}
        rows[name]["seconds"] = round(time.perf_counter() - t0, 1)
        print(f"    {name:22} emulated: waveform SNR {rows[name]['waveform_snr_db']:6.1f} dB, "
              f"log-mel {rows[name]['log_mel_distance_db']:.3f} dB", flush=True)
    for name, components in (real_bf16 or {}).items():
        t0 = time.perf_counter()
        stages = tuple(s for s in STAGES if components.stage_dtype(s) == torch.bfloat16)
        rows[f"{name} (real bf16)"] = {"stages": list(stages), "method": "real bf16 kernels",
                                       **compare(reference, generate(components, frames, steps), stages)}
        rows[f"{name} (real bf16)"]["seconds"] = round(time.perf_counter() - t0, 1)
        print(f"    {name:22} real bf16: waveform SNR {rows[f'{name} (real bf16)']['waveform_snr_db']:6.1f} dB", flush=True)
    return {"frames": frames, "steps": steps, "configs": rows, "wall_s": round(time.perf_counter() - started, 1),
            "reference_rms": float(np.sqrt(np.mean(reference["waveform"] ** 2)))}


def _real(model_id: str, stages: tuple) -> AudioLDMComponents:
    c = load_model(model_id, device="cpu", dtype="fp32")
    for stage in stages:  # cast the chosen stages; the fp32 weights rounded, as load_model would give
        setattr(c, stage, getattr(c, stage).to(torch.bfloat16))
        c.stage_dtypes[stage] = torch.bfloat16
    c.dtype = c.stage_dtypes["unet"]
    return c


@experiment("D1", "bf16 deviation: waveform SNR and log-mel distance per stage (full-size and tiny)",
            quick_budget_s=300)
def d1_bf16_deviation(ctx: Context) -> dict:
    native = cpu_has_native_bf16()
    out = {"native_bf16": native, "prompt": PROMPT, "seed": SEED, "models": {}}
    # tiny: 1.28 s (its cost is Python overhead, not FLOPs); full size: 5.12 s and 10 steps, as E1
    # (--short: 1.28 s and only the per-stage and shipped configurations, for a shared machine)
    plans = [("tiny", 128, 10), (ctx.model_id, 128 if ctx.short else 512, 10)]
    for model_id, frames, steps in plans:
        print(f"  D1 {model_id}, {frames} frames, {steps} steps", flush=True)
        fp32 = ctx.components if model_id == ctx.model_id and ctx.components.dtype == torch.float32 else None
        fp32 = fp32 or load_model(model_id, device="cpu", dtype="fp32")
        real = {}
        if model_id == "tiny" or native:  # real bf16 kernels where they run at a usable speed
            real = {"auto (all but text)": _real(model_id, CONFIGS["auto (all but text)"]),
                    "all": _real(model_id, STAGES)}
        configs = CONFIGS
        if ctx.short and model_id != "tiny":
            configs = {k: v for k, v in CONFIGS.items() if k in ("unet", "vae", "vocoder", "auto (all but text)")}
        out["models"][model_id] = deviation(fp32, frames, steps, configs=configs, real_bf16=real)
    rows = [["model", "bf16 stages", "method", "stage output", "stage SNR dB", "waveform SNR dB", "log-mel dist dB"]]
    for model_id, result in out["models"].items():
        for name, r in result["configs"].items():
            rows.append([model_id, name.replace(" (real bf16)", ""), r["method"], r.get("stage_output", "—"),
                         f"{r['stage_output_snr_db']:.1f}" if "stage_output_snr_db" in r else "—",
                         f"{r['waveform_snr_db']:.1f}", f"{r['log_mel_distance_db']:.3f}"])
    out["table"] = rows
    return out
