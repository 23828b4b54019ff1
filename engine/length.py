"""Musical length → seconds → exact sample counts.

REAPER's convention: BPM counts quarter notes and a bar of N/D holds N × 4/D quarter notes, so
"2 bars of 4/4 at 128 BPM" is 8 quarters = 3.75 s. Everything here is exact rational arithmetic
(``fractions.Fraction``): the deprecated pipeline's ``int(seconds / 0.01)`` drops a frame for
lengths like 0.29 s, and a DAW wants the file to end exactly on the bar line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from numbers import Real

from .errors import InvalidInput

#: Model constants shared by the whole AudioLDM family.
MODEL_RATE = 16000
HOP_SAMPLES = 160  # vocoder upsampling: one mel frame → 160 samples (10 ms)
FRAME_MULTIPLE = 4  # the VAE downsamples time by 4: frames come on a 40 ms grid

VALID_DENOMINATORS = (1, 2, 4, 8, 16, 32)


@dataclass(frozen=True)
class LengthLimits:
    """Accepted ranges; the service and CLI can widen or narrow them."""

    min_seconds: float = 0.1
    max_seconds: float = 60.0
    min_bpm: float = 20.0
    max_bpm: float = 400.0
    max_numerator: int = 32


DEFAULT_LIMITS = LengthLimits()


def exact(value, name: str) -> Fraction:
    """A number as an exact fraction of its *decimal* spelling (133.7 → 1337/10, not the binary float)."""
    if isinstance(value, bool) or not isinstance(value, (Real, str)):
        raise InvalidInput(f"{name} must be a number, got {value!r}")
    try:
        result = Fraction(str(value)) if not isinstance(value, Fraction) else value
    except (ValueError, ZeroDivisionError):
        raise InvalidInput(f"{name} must be a number, got {value!r}") from None
    return result


def seconds_to_frames(seconds, rate: int) -> int:
    """The one rule for seconds → frames (samples): round(seconds × rate) with halves rounded up, on
    the number as written (exact, see :func:`exact`). The REAPER library's ``A.frames`` follows it too."""
    return math.floor(exact(seconds, "seconds") * rate + Fraction(1, 2))


def parse_time_signature(value, limits: LengthLimits = DEFAULT_LIMITS) -> tuple[int, int]:
    """'7/8' or (7, 8) → (7, 8)."""
    if isinstance(value, str):
        parts = value.strip().split("/")
        if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
            raise InvalidInput(f"time signature must look like 4/4, got {value!r}")
        num, den = int(parts[0]), int(parts[1])
    elif isinstance(value, (tuple, list)) and len(value) == 2 and all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        num, den = value
    else:
        raise InvalidInput(f"time signature must look like 4/4, got {value!r}")
    if not 1 <= num <= limits.max_numerator:
        raise InvalidInput(f"time signature numerator must be 1..{limits.max_numerator}, got {num}")
    if den not in VALID_DENOMINATORS:
        raise InvalidInput(f"time signature denominator must be one of {VALID_DENOMINATORS}, got {den}")
    return num, den


@dataclass(frozen=True)
class MusicalLength:
    """A clip length: plain seconds, or bars/beats at a tempo and time signature."""

    seconds: Fraction
    bars: Fraction | None = None
    beats: Fraction | None = None
    bpm: Fraction | None = None
    time_signature: tuple[int, int] | None = None

    @classmethod
    def from_seconds(cls, seconds, limits: LengthLimits = DEFAULT_LIMITS) -> "MusicalLength":
        length = cls(seconds=exact(seconds, "seconds"))
        length.check(limits)
        return length

    @classmethod
    def from_bars(
        cls, bars=None, bpm=120, time_signature="4/4", beats=None, limits: LengthLimits = DEFAULT_LIMITS
    ) -> "MusicalLength":
        """``bars`` whole bars plus ``beats`` extra beats (beats in units of the denominator)."""
        if bars is None and beats is None:
            raise InvalidInput("give bars or beats (or seconds)")
        bpm_f = exact(bpm, "bpm")
        # Limits are compared as the decimals they are written as: 0.1 means 1/10, not the binary float.
        if not exact(limits.min_bpm, "min_bpm") <= bpm_f <= exact(limits.max_bpm, "max_bpm"):
            raise InvalidInput(f"bpm must be {limits.min_bpm:g}..{limits.max_bpm:g}, got {bpm}")
        num, den = parse_time_signature(time_signature, limits)
        bars_f = exact(bars, "bars") if bars is not None else Fraction(0)
        beats_f = exact(beats, "beats") if beats is not None else Fraction(0)
        if bars_f < 0 or beats_f < 0:
            raise InvalidInput(f"bars and beats must not be negative, got bars={bars} beats={beats}")
        quarters = (bars_f * num + beats_f) * Fraction(4, den)
        length = cls(
            seconds=quarters * 60 / bpm_f,
            bars=bars_f if bars is not None else None,
            beats=beats_f if beats is not None else None,
            bpm=bpm_f,
            time_signature=(num, den),
        )
        length.check(limits)
        return length

    def check(self, limits: LengthLimits) -> None:
        low, high = exact(limits.min_seconds, "min_seconds"), exact(limits.max_seconds, "max_seconds")
        if not low <= self.seconds <= high:
            # 4 significant digits, more when those would round it onto the limit ("got 60 s" for 60.0001)
            shown = repr(float(self.seconds))
            for digits in range(4, 17):
                if not low <= Fraction(text := f"{float(self.seconds):.{digits}g}") <= high:
                    shown = text
                    break
            what = f"{shown} s"
            if self.bpm is not None:
                what += f" ({self.describe()})"
            raise InvalidInput(
                f"length must be {limits.min_seconds:g}..{limits.max_seconds:g} s, got {what}"
            )

    def samples(self, rate: int) -> int:
        """Exact sample count at ``rate``: round(seconds × rate), halves up (:func:`seconds_to_frames`)."""
        return seconds_to_frames(self.seconds, rate)

    def describe(self) -> str:
        if self.bpm is None:
            return f"{float(self.seconds):g} s"
        num, den = self.time_signature
        parts = []
        if self.bars is not None:
            parts.append(f"{_num(self.bars)} bars")
        if self.beats:
            parts.append(f"{_num(self.beats)} beats")
        return f"{' + '.join(parts)} at {_num(self.bpm)} BPM in {num}/{den}"

    def as_dict(self) -> dict:
        """JSON-ready description for sidecars and replies."""
        return {
            "seconds": float(self.seconds),
            "bars": _num(self.bars) if self.bars is not None else None,
            "beats": _num(self.beats) if self.beats is not None else None,
            "bpm": _num(self.bpm) if self.bpm is not None else None,
            "time_signature": f"{self.time_signature[0]}/{self.time_signature[1]}" if self.time_signature else None,
        }


def _num(value: Fraction):
    return int(value) if value.denominator == 1 else float(value)


def frames_for_samples(model_samples: int) -> int:
    """Mel frames that cover ``model_samples`` at 16 kHz, rounded up to the VAE's 4-frame grid."""
    frames = -(-model_samples // HOP_SAMPLES)
    return -(-frames // FRAME_MULTIPLE) * FRAME_MULTIPLE


def model_samples_for(seconds: Fraction, margin_samples: int = 0) -> int:
    """16 kHz samples covering ``seconds`` (ceiling, exact) plus a margin for resampling."""
    return math.ceil(seconds * MODEL_RATE) + margin_samples
