"""Stretch quality: the fit's candidate stretchers compared on measurements (issue 20).

    python -m bench.stretch_quality [--quick] [--out bench/results/stretch-quality.json]

For each method (engine.stretch.METHODS; rubberband only where pylibrb is installed) and each
stretch of ±5/±15/±25 % (output length ÷ input length 0.75 … 1.25):

* drums (bench.synth.drums, 120 BPM), measured above 2 kHz: **attack rise** — median 10→90 % rise time (ms) of the
  envelope at each hit, where the hit should be (original time × factor); **pre-echo** — median
  energy in the 20 ms before each hit relative to the 20 ms after it (dB; smearing raises it);
  **timing** — median |attack − expected| (ms).
* a harmonic tone (220 Hz, 3 partials): **pitch error** of the fundamental (cents, FFT peak with
  parabolic interpolation); **artefacts** — energy further than 15 Hz from the partials relative
  to all (dB; lower is cleaner); **AM** — frame-RMS ripple (std ÷ mean, %: phasiness/WSOLA jitter).
Pitch shifts of ±1/±3/±6 semitones: pitch error and artefacts of the same tone.
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from engine import stretch as S

from .synth import RATE, drums

FACTORS = (0.75, 0.85, 0.95, 1.05, 1.15, 1.25)
SHIFTS = (-6, -3, -1, 1, 3, 6)


def methods() -> list[str]:
    out = ["transient", "wsola", "pv"]
    try:
        import pylibrb  # noqa: F401

        out.append("rubberband")
    except ImportError:
        pass
    return out


def envelope(x: np.ndarray) -> np.ndarray:
    return np.convolve(np.abs(x), np.ones(48) / 48, mode="same")  # 1 ms


def drum_measures(y: np.ndarray, hits: np.ndarray) -> dict:
    from scipy.signal import butter, sosfilt

    # on the top end (> 2 kHz), where every hit (hat, snare, the kick's click) starts sharply and a
    # kick's loud tail does not mask the hat on it
    y = sosfilt(butter(4, 2000, "highpass", fs=RATE, output="sos"), y)
    env = envelope(y)
    rise, pre, timing = [], [], []
    w = int(0.02 * RATE)
    for t in hits:
        c = int(round(t * RATE))
        if c - w < 0 or c + w >= len(y):
            continue
        seg = env[c - w:c + w]
        peak = int(np.argmax(seg))
        floor = float(np.min(seg[: peak + 1]))
        top = seg[peak]
        above10 = np.flatnonzero(seg[: peak + 1] >= floor + 0.1 * (top - floor))
        above90 = np.flatnonzero(seg[: peak + 1] >= floor + 0.9 * (top - floor))
        if len(above10) and len(above90):
            rise.append((above90[0] - above10[0]) / RATE * 1000)
            half = np.flatnonzero(seg[: peak + 1] >= floor + 0.5 * (top - floor))[0]
            timing.append(abs(c - w + half - c) / RATE * 1000)
        before = np.sum(y[c - w:c - int(0.002 * RATE)] ** 2)
        after = np.sum(y[c:c + w] ** 2) + 1e-12
        pre.append(10 * np.log10(before / after + 1e-12))
    return {"attack_rise_ms": round(float(np.median(rise)), 3), "pre_echo_db": round(float(np.median(pre)), 2),
            "timing_ms": round(float(np.median(timing)), 3)}


def tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return 0.3 * (np.sin(2 * np.pi * 220 * t) + 0.5 * np.sin(2 * np.pi * 440 * t) + 0.25 * np.sin(2 * np.pi * 660 * t))


def tone_measures(y: np.ndarray, f0: float) -> dict:
    y = y[int(0.1 * RATE): len(y) - int(0.1 * RATE)]
    n = len(y)
    spec = np.abs(np.fft.rfft(y * np.hanning(n), 4 * n)) ** 2
    freqs = np.fft.rfftfreq(4 * n, 1 / RATE)
    band = (freqs > f0 * 0.9) & (freqs < f0 * 1.1)
    i = int(np.flatnonzero(band)[np.argmax(spec[band])])
    a, b, c = np.log(spec[i - 1:i + 2] + 1e-30)
    peak = freqs[i] + 0.5 * (a - c) / (a - 2 * b + c) * (freqs[1] - freqs[0])
    near = np.zeros_like(freqs, dtype=bool)
    for h in (1, 2, 3):
        near |= np.abs(freqs - h * f0) <= 15
    artefacts = 10 * np.log10(spec[~near].sum() / spec.sum() + 1e-15)
    frames = y[: n // 960 * 960].reshape(-1, 960)
    rms = np.sqrt((frames ** 2).mean(axis=1))
    return {"pitch_error_cents": round(float(1200 * np.log2(peak / f0)), 2), "artefacts_db": round(float(artefacts), 1),
            "am_percent": round(float(rms.std() / rms.mean() * 100), 2)}


def run(quick: bool = False) -> dict:
    seconds = 3.0 if quick else 6.0
    beat, hits_all = drums(120, seconds, seed=3)
    # every hit: kicks, snares and hats on eighths
    hits = np.arange(0, seconds, 0.25)
    clean_tone = tone(seconds)
    results = {"drums_reference": drum_measures(beat, hits), "tone_reference": tone_measures(clean_tone, 220),
               "methods": {}}
    for method in methods():
        rows = {}
        for factor in FACTORS:
            started = time.perf_counter()
            stretched_drums = S.stretch(beat, RATE, factor, method)
            stretched_tone = S.stretch(clean_tone, RATE, factor, method)
            took = time.perf_counter() - started
            rows[f"{factor:.2f}"] = {**drum_measures(stretched_drums, hits * factor),
                                     **tone_measures(stretched_tone, 220), "seconds": round(took, 3)}
        shifts = {}
        for semis in SHIFTS:
            shifted = S.pitch_shift(clean_tone, RATE, semis, method)
            shifts[str(semis)] = tone_measures(shifted, 220 * 2 ** (semis / 12))
        results["methods"][method] = {"stretch": rows, "shift": shifts}
    return results


def table(results: dict) -> str:
    lines = ["| method | stretch | attack rise ms | pre-echo dB | timing ms | pitch err cents | artefacts dB | AM % |",
             "|---|---|---|---|---|---|---|---|"]
    d, t = results["drums_reference"], results["tone_reference"]
    lines.append(f"| (input) | 1.00 | {d['attack_rise_ms']} | {d['pre_echo_db']} | {d['timing_ms']} | "
                 f"{t['pitch_error_cents']} | {t['artefacts_db']} | {t['am_percent']} |")
    for method, data in results["methods"].items():
        for factor, r in data["stretch"].items():
            lines.append(f"| {method} | {factor} | {r['attack_rise_ms']} | {r['pre_echo_db']} | {r['timing_ms']} | "
                         f"{r['pitch_error_cents']} | {r['artefacts_db']} | {r['am_percent']} |")
    lines += ["", "| method | shift (semitones) | pitch err cents | artefacts dB | AM % |", "|---|---|---|---|---|"]
    for method, data in results["methods"].items():
        for semis, r in data["shift"].items():
            lines.append(f"| {method} | {semis} | {r['pitch_error_cents']} | {r['artefacts_db']} | {r['am_percent']} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 s signals instead of 6 s")
    parser.add_argument("--out", help="write the results here as JSON")
    args = parser.parse_args(argv)
    results = run(args.quick)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
