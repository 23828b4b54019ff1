"""F1: how well the musical-fit stage measures and locks, on a synthetic set with known answers.

    python -m bench.fit_accuracy [--quick] [--out bench/results/f1-fit-quick.json]

The set (bench.synth): drum patterns with swing and ghost notes, bass + drums, I–IV–V–I / i–iv–V–i
progressions in all 24 keys, noise beds (rain, pink noise, a held pad); tempos 70–170 BPM; short
(4 s) and long (12 s) clips. Each rhythmic clip is fitted to a grid tempo 8–20 % away from its own.

* tempo accuracy: detected tempo within 2 % of the truth, octave-folded;
* key accuracy: exact / relative / fifth / other;
* beat-to-grid error after lock: every kick of the warped 2-bar drum results (low-band attack)
  against the nearest grid line, p50/p95 ms;
* false locks: noise beds warped by ``tempo_lock auto`` (should be 0);
* the stage's time for a 5.12 s clip at 48 kHz, as a share of a 5.12 s generation (13.22 s: E1
  quick-2, engine, 10 steps, this CPU — not re-measured here).
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np
from scipy.signal import butter, sosfilt

from engine.beats import detect_beats, fold_tempo
from engine.fit import FitSettings, fit
from engine.key import Key, estimate_key, relation

from .synth import RATE, bass_and_drums, drums, noise_bed, progression

GENERATION_5S12 = 13.22  # s, BENCHMARKS.md E1 quick-2 (engine, 5.12 s, 10 steps)


def kick_attacks(audio: np.ndarray, gap_s: float = 0.2) -> np.ndarray:
    """Kick starts: rising edges of the low band through 30 % of its peak, ``gap_s`` apart at least
    (the synthetic kick sweeps down into the band after its click: one kick, two edges)."""
    low = np.abs(sosfilt(butter(4, 120, "lowpass", fs=RATE, output="sos"), audio))
    env = np.convolve(low, np.ones(96) / 96, mode="full")[: len(low)]
    above = env >= 0.3 * env.max()
    edges = list(np.flatnonzero(above[1:] & ~above[:-1]) + 1)
    if above[0]:
        edges = [0, *edges]
    kept = []
    for e in edges:
        if not kept or e - kept[-1] > gap_s * RATE:
            kept.append(e)
    return np.array(kept) / RATE


def run(quick: bool) -> dict:
    rng = np.random.default_rng(20)
    tempos = (70, 97, 128, 170) if quick else (70, 84, 97, 110, 123, 136, 150, 170)
    lengths = (4.0,) if quick else (4.0, 12.0)
    rhythmic, grid_errors, tempo_rows = [], [], []
    for seconds in lengths:
        for bpm in tempos:
            for kind in ("drums", "bass+drums"):
                key = Key(int(rng.integers(12)), "minor")
                lead = float(rng.uniform(0, 0.3))
                if kind == "drums":
                    audio, _ = drums(bpm, seconds + lead, swing=float(rng.uniform(0, 0.2)), ghosts=True,
                                     seed=int(rng.integers(1000)), lead_in_s=lead)
                else:
                    audio = bass_and_drums(bpm, seconds, key, seed=int(rng.integers(1000)))
                target = round(bpm * float(rng.choice([-1, 1])) * float(rng.uniform(0.08, 0.2)) + bpm)
                target = fold_tempo(target, 120)  # a grid tempo in the usual range, its octave relation kept
                found = detect_beats(audio, RATE, target)
                folded_truth = fold_tempo(bpm, target)
                ok = found.bpm > 0 and abs(found.bpm - folded_truth) <= 0.02 * folded_truth
                tempo_rows.append({"bpm": bpm, "seconds": seconds, "kind": kind, "target": target,
                                   "detected": found.bpm, "confidence": found.confidence, "ok": bool(ok)})
                settings = FitSettings(tempo_lock="auto", target_bpm=target)
                bar = 4 * 60 / target
                out_len = int(round(min(2 * bar, len(audio) / RATE * target / bpm * 0.9) * RATE))
                result = fit(audio, RATE, settings, out_len=out_len)
                warped = result.info["tempo"]["action"] == "warped"
                rhythmic.append(warped)
                if warped and kind == "drums":  # (the bass's eighths are in the low band too)
                    period = 60 / target
                    hits = kick_attacks(result.audio, gap_s=1.5 * period)  # kicks two beats apart
                    grid_errors += list(np.abs(hits - np.round(hits / period) * period) * 1000)
    key_counts = {"exact": 0, "relative": 0, "fifth": 0, "other": 0}
    key_seconds = (4.0,) if quick else (4.0, 12.0)
    for seconds in key_seconds:
        for tonic in range(12):
            for mode in ("major", "minor"):
                truth = Key(tonic, mode)
                estimate = estimate_key(progression(truth, seconds, bpm=float(rng.uniform(70, 170))), RATE)
                key_counts[relation(estimate.key, truth)] += 1
    false_locks, beds = 0, []
    for seconds in lengths:
        for kind in ("rain", "pink", "pad"):
            for target in (90, 120, 150):
                bed = noise_bed(seconds, kind, seed=int(rng.integers(1000)))
                result = fit(bed, RATE, FitSettings(tempo_lock="auto", target_bpm=target))
                locked = result.info["tempo"]["action"] == "warped"
                false_locks += locked
                beds.append({"kind": kind, "seconds": seconds, "target": target, "locked": bool(locked),
                             "confidence": result.info["tempo"]["confidence"]})
    clip, _ = drums(103, 6.0, swing=0.1, ghosts=True, seed=5)
    fit(clip, RATE, FitSettings(tempo_lock="auto", target_bpm=120))  # warm-up (librosa's JIT)
    started = time.perf_counter()
    fit(clip, RATE, FitSettings(tempo_lock="auto", target_bpm=120, key_lock="auto", key=Key(2, "minor")),
        out_len=int(5.12 * RATE))
    stage = time.perf_counter() - started
    n_tempo = len(tempo_rows)
    return {
        "quick": quick,
        "tempo_accuracy": round(sum(r["ok"] for r in tempo_rows) / n_tempo, 3), "tempo_cases": n_tempo,
        "locked_rhythmic": f"{sum(rhythmic)}/{len(rhythmic)}",
        "grid_error_ms": {"p50": round(float(np.percentile(grid_errors, 50)), 2) if grid_errors else None,
                          "p95": round(float(np.percentile(grid_errors, 95)), 2) if grid_errors else None,
                          "kicks": len(grid_errors)},
        "key": key_counts,
        "false_locks": f"{false_locks}/{len(beds)}",
        "stage_seconds_5s12": round(stage, 3), "share_of_generation": round(stage / GENERATION_5S12, 3),
        "tempo_rows": tempo_rows, "beds": beds,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 tempos, 4 s clips only (about a minute)")
    parser.add_argument("--out", help="write the results here as JSON")
    args = parser.parse_args(argv)
    results = run(args.quick)
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=1)
    print(json.dumps({k: v for k, v in results.items() if k not in ("tempo_rows", "beds")}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
