"""Synthetic music with known tempo, beats and key: drums (swing, ghost notes), bass, chord
progressions, noise beds. Used by the F1 and stretch benchmarks and by the tests (no files, no model).
"""

from __future__ import annotations

import numpy as np

from engine.key import Key

RATE = 48000


def kick(rate: int = RATE, rng=None) -> np.ndarray:
    t = np.arange(int(0.35 * rate)) / rate
    freq = 50 + 110 * np.exp(-t / 0.03)
    phase = 2 * np.pi * np.cumsum(freq) / rate
    click = np.exp(-t / 0.002) * 0.5
    return (np.sin(phase) * np.exp(-t / 0.12) + click * np.sin(2 * np.pi * 1500 * t)) * 0.9


def snare(rate: int = RATE, rng=None) -> np.ndarray:
    rng = rng or np.random.default_rng(1)
    t = np.arange(int(0.25 * rate)) / rate
    noise = rng.standard_normal(len(t)) * np.exp(-t / 0.06)
    body = np.sin(2 * np.pi * 190 * t) * np.exp(-t / 0.04)
    return 0.45 * noise + 0.5 * body


def hat(rate: int = RATE, rng=None) -> np.ndarray:
    rng = rng or np.random.default_rng(2)
    t = np.arange(int(0.08 * rate)) / rate
    noise = np.diff(rng.standard_normal(len(t) + 1))  # high-passed
    return 0.25 * noise * np.exp(-t / 0.015)


def _place(out: np.ndarray, sound: np.ndarray, at_s: float, gain: float, rate: int) -> None:
    i = int(round(at_s * rate))
    if i >= len(out):
        return
    n = min(len(sound), len(out) - i)
    out[i:i + n] += gain * sound[:n]


def drums(bpm: float, seconds: float, swing: float = 0.0, ghosts: bool = False, rate: int = RATE,
          seed: int = 0, lead_in_s: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """A 4/4 beat: kick on 1 and 3 (and the "and" of 3), snare on 2 and 4, hats on eighths (the
    off-beats delayed by ``swing`` × an eighth), optional ghost snares. Returns (audio, kick times s)."""
    rng = np.random.default_rng(seed)
    beat = 60.0 / bpm
    out = np.zeros(int(seconds * rate))
    k, s, h = kick(rate), snare(rate, rng), hat(rate, rng)
    kicks = []
    n_beats = int((seconds - lead_in_s) / beat) + 1
    for b in range(n_beats):
        t = lead_in_s + b * beat
        pos = b % 4
        if pos in (0, 2):
            _place(out, k, t, 1.0, rate)
            kicks.append(t)
        if pos in (1, 3):
            _place(out, s, t, 0.8, rate)
        _place(out, h, t, 0.7, rate)
        _place(out, h, t + beat / 2 * (1 + swing), 0.45, rate)
        if ghosts and pos in (1, 3):
            _place(out, s, t + beat * 0.75, 0.15, rate)
    kicks = np.array([t for t in kicks if t < seconds])
    return out / max(1e-9, np.abs(out).max()) * 0.8, kicks


def bass_and_drums(bpm: float, seconds: float, key: Key, rate: int = RATE, seed: int = 0) -> np.ndarray:
    """Drums plus a bass line on the key's root and fifth, eighth notes."""
    audio, _ = drums(bpm, seconds, swing=0.1, ghosts=True, rate=rate, seed=seed)
    beat = 60.0 / bpm
    root = 55.0 * 2 ** (((key.tonic - 9) % 12) / 12)
    line = []
    t = 0.0
    i = 0
    while t < seconds:
        line.append((t, root * (1.5 if i % 4 == 3 else 1.0)))
        t += beat / 2
        i += 1
    bass = np.zeros(len(audio))
    for start, f in line:
        n = int(beat / 2 * rate)
        tt = np.arange(n) / rate
        tone = np.sin(2 * np.pi * f * tt) + 0.3 * np.sin(4 * np.pi * f * tt)
        _place(bass, tone * np.exp(-tt / 0.2), start, 0.5, rate)
    mix = audio + bass
    return mix / np.abs(mix).max() * 0.8


MAJOR_STEPS = (0, 2, 4, 5, 7, 9, 11)
MINOR_STEPS = (0, 2, 3, 5, 7, 8, 10)  # natural minor; the V chord takes the leading tone
MAJOR_PROGRESSION = ((0, "maj"), (5, "maj"), (7, "maj"), (0, "maj"), (9, "min"), (5, "maj"), (7, "maj"), (0, "maj"))
MINOR_PROGRESSION = ((0, "min"), (5, "min"), (7, "maj"), (0, "min"), (8, "maj"), (3, "maj"), (7, "maj"), (0, "min"))


def _chord_tone(freqs, seconds: float, rate: int) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    env = np.minimum(1, t / 0.02) * np.exp(-t / (seconds * 1.5))
    out = np.zeros(len(t))
    for f in freqs:
        for h, a in ((1, 1.0), (2, 0.4), (3, 0.2)):
            out += a * np.sin(2 * np.pi * f * h * t)
    return out * env


def progression(key: Key, seconds: float, bpm: float = 100.0, rate: int = RATE) -> np.ndarray:
    """I–IV–V–I–vi–IV–V–I (or the minor i–iv–V–i–VI–III–V–i), one chord a bar, bass under it."""
    chords = MAJOR_PROGRESSION if key.mode == "major" else MINOR_PROGRESSION
    bar = 4 * 60.0 / bpm
    out = np.zeros(int(seconds * rate))
    base = 261.63 * 2 ** (key.tonic / 12)
    if key.tonic > 5:
        base /= 2
    i = 0
    while i * bar < seconds:
        degree, quality = chords[i % len(chords)]
        root = base * 2 ** (degree / 12)
        third = 4 if quality == "maj" else 3
        tones = [root, root * 2 ** (third / 12), root * 2 ** (7 / 12), root / 4]
        _place(out, _chord_tone(tones, bar, rate), i * bar, 0.3, rate)
        i += 1
    return out / np.abs(out).max() * 0.8


def noise_bed(seconds: float, kind: str = "rain", rate: int = RATE, seed: int = 0) -> np.ndarray:
    """Rain (white noise with random droplet clicks and a slow swell), pink noise, or a held pad."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    if kind == "pink":
        spectrum = np.fft.rfft(rng.standard_normal(n))
        spectrum /= np.sqrt(np.maximum(1, np.arange(len(spectrum))))
        out = np.fft.irfft(spectrum, n)
    elif kind == "pad":
        t = np.arange(n) / rate
        out = sum(np.sin(2 * np.pi * f * t + rng.uniform(0, 6)) for f in (110, 164.8, 220.5, 277.2))
        out = out * (0.7 + 0.3 * np.sin(2 * np.pi * 0.13 * t))
    else:
        out = rng.standard_normal(n) * (0.6 + 0.2 * np.sin(2 * np.pi * 0.2 * np.arange(n) / rate))
        drops = rng.integers(0, n - 2000, size=int(seconds * 40))
        for d in drops:
            out[d:d + 400] += rng.uniform(0.5, 2) * np.exp(-np.arange(400) / 60) * rng.standard_normal(400)
    return out / np.abs(out).max() * 0.5
