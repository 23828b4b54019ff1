"""Musical keys: parsing "D minor" / "F#" / "Bbm", naming, and estimating a clip's key.

Estimation: a chroma vector (librosa's constant-Q chroma, summed over the clip) is correlated with
the 24 rotations of Temperley's (Kostka–Payne) key profiles; the best is the key. Its confidence is
how far it stands above the best key that is neither itself nor its relative, times how tonal the
clip is (a flat chroma — noise, drums — has no key). Relative major/minor share their notes, so they
count as the same key for locking (:func:`semitones_to`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .errors import InvalidInput

_PITCH = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_MAJOR_NAMES = ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
_MINOR_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B")
_KEY = re.compile(r"\s*([A-Ga-g])\s*(#|b|♯|♭|sharp|flat)?\s*(m|min|minor|maj|major|M)?\s*", re.IGNORECASE)

# Temperley (1999, after Kostka–Payne): weights of the 12 pitch classes from the tonic.
MAJOR_PROFILE = np.array([5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0])
MINOR_PROFILE = np.array([5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0])


@dataclass(frozen=True)
class Key:
    tonic: int  # pitch class 0 (C) .. 11 (B)
    mode: str  # "major" | "minor"

    @property
    def name(self) -> str:
        names = _MAJOR_NAMES if self.mode == "major" else _MINOR_NAMES
        return f"{names[self.tonic]} {self.mode}"

    def relative(self) -> "Key":
        """The relative key (same notes): C major ↔ A minor."""
        if self.mode == "major":
            return Key((self.tonic + 9) % 12, "minor")
        return Key((self.tonic + 3) % 12, "major")

    def __str__(self) -> str:
        return self.name


def parse_key(text, field: str = "key") -> Key:
    """ "D minor", "F#", "Bbm", "Eb major", "C# min", "a" … → :class:`Key` (major unless it says
    minor); anything else is refused with a message naming the value."""
    if not isinstance(text, str):
        raise InvalidInput(f"{field} must be text like 'D minor', 'F#' or 'Bbm', got {text!r:.80}")
    match = _KEY.fullmatch(text)
    if not match:
        raise InvalidInput(f"{field} must be a note A-G with an optional #/b and major/minor (m, min, maj), "
                           f"like 'D minor', 'F#' or 'Bbm', got {text!r:.80}")
    note, accidental, mode = match.groups()
    pc = _PITCH[note.lower()]
    if accidental:
        pc += 1 if accidental.lower() in ("#", "♯", "sharp") else -1
    minor = mode is not None and mode != "M" and mode.lower() in ("m", "min", "minor")
    return Key(pc % 12, "minor" if minor else "major")


def semitones_to(detected: Key, target: Key) -> int:
    """The smallest shift (-6..+5) that takes ``detected`` onto ``target`` or its relative key."""
    source = detected if detected.mode == target.mode else detected.relative()
    return (target.tonic - source.tonic + 6) % 12 - 6


def relation(detected: Key, truth: Key) -> str:
    """How an estimate relates to the truth: exact, relative, fifth (either side) or other."""
    if detected == truth:
        return "exact"
    if detected == truth.relative():
        return "relative"
    if detected.mode == truth.mode and (detected.tonic - truth.tonic) % 12 in (5, 7):
        return "fifth"
    return "other"


@dataclass
class KeyEstimate:
    key: Key
    confidence: float  # 0..1
    tonality: float  # 0..1: how far the chroma is from flat
    correlation: float  # the best profile correlation (-1..1)


def chroma_of(audio: np.ndarray, rate: int) -> np.ndarray:
    """The clip's 12-bin chroma (C first), summed over time and scaled to sum 1."""
    import librosa

    mono = np.asarray(audio, dtype=np.float32)
    if mono.ndim == 2:
        mono = mono.mean(axis=1)
    if rate != 22050:
        from .resample import resample

        mono = resample(mono, rate, 22050).astype(np.float32)
    if not np.any(mono):
        return np.full(12, 1 / 12)
    chroma = librosa.feature.chroma_cqt(y=mono, sr=22050, hop_length=512, bins_per_octave=36, n_octaves=6,
                                        fmin=librosa.note_to_hz("C1"))
    # frames weighted by their level: a tail of silence or reverb does not vote as much as the music
    level = np.sqrt((librosa.feature.rms(y=mono, hop_length=512)[0][: chroma.shape[1]]))
    total = (chroma[:, : len(level)] * level).sum(axis=1)
    return total / total.sum() if total.sum() > 0 else np.full(12, 1 / 12)


def estimate_key(audio: np.ndarray, rate: int) -> KeyEstimate:
    """The clip's key, with a confidence 0..1 (see the module's doc)."""
    import warnings

    with warnings.catch_warnings():  # librosa's tuning estimate on silence or a very short clip
        warnings.simplefilter("ignore")
        chroma = chroma_of(audio, rate)
    if not np.std(chroma) > 1e-9:  # silence, or no pitch at all: no key
        return KeyEstimate(Key(0, "major"), 0.0, 0.0, 0.0)
    scores = {}
    for mode, profile in (("major", MAJOR_PROFILE), ("minor", MINOR_PROFILE)):
        for tonic in range(12):
            scores[Key(tonic, mode)] = float(np.nan_to_num(np.corrcoef(chroma, np.roll(profile, tonic))[0, 1]))
    ranked = sorted(scores, key=lambda k: -scores[k])
    best = ranked[0]
    runner = next(k for k in ranked[1:] if k not in (best, best.relative()))
    margin = scores[best] - scores[runner]
    # a flat chroma (noise) has a coefficient of variation near 0; a scale's is ~0.6 and up
    tonality = float(np.clip((np.std(chroma) / np.mean(chroma) - 0.15) / 0.45, 0, 1))
    confidence = float(np.clip(margin / 0.15, 0, 1) * np.clip(scores[best], 0, 1) * tonality) ** 0.5
    return KeyEstimate(best, round(confidence, 3), round(tonality, 3), round(scores[best], 3))
