"""Value checks shared by the engine and the protocol: one home for "is this a rate, a level, a count".

Each check returns the value as the type it stands for, or raises :class:`~engine.errors.InvalidInput`
with the message every caller has always given: ``"<name> must be <what>, got <value>"``. Booleans
are never numbers here (``True`` is an ``int`` in Python, never a sample rate). Torch-free: the
client imports it through :mod:`bridge.protocol`.
"""

from __future__ import annotations

import math
import numbers

from .errors import InvalidInput


def refuse(name: str, must: str, value, width: int | None = None):
    """Raise InvalidInput: ``"<name> must be <must>, got <repr(value)>"`` (the repr cut to ``width``)."""
    shown = repr(value) if width is None else f"{value!r:.{width}}"
    raise InvalidInput(f"{name} must be {must}, got {shown}")


def is_finite_number(value) -> bool:
    """An int or float (never a bool) that is finite."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check_int(name: str, value, lo: int | None = None, hi: int | None = None, must: str = "an integer",
              kinds=numbers.Integral) -> int:
    """An integer (of ``kinds``; never a bool) within [lo, hi] where given."""
    if isinstance(value, bool) or not isinstance(value, kinds) or (lo is not None and value < lo) or (
            hi is not None and value > hi):
        refuse(name, must, value)
    return int(value)


def check_number(name: str, value, lo: float | None = None, hi: float | None = None, must: str = "a number",
                 kinds=numbers.Real, finite: bool = False, width: int | None = None) -> float:
    """A real number (of ``kinds``; never a bool) within [lo, hi] where given (NaN is in none), finite if asked."""
    if isinstance(value, bool) or not isinstance(value, kinds) or (finite and not math.isfinite(value)) or (
            lo is not None and not lo <= value) or (hi is not None and not value <= hi):
        refuse(name, must, value, width)
    return float(value)


def check_positive_rate(rate, name: str = "sample rate") -> int:
    """A sample rate any stage can work at: a positive integer (the output range: engine.resample.check_rate)."""
    return check_int(name, rate, lo=1, must="a positive integer")


def check_count(name: str, value) -> int:
    """A number of samples: a non-negative integer."""
    return check_int(name, value, lo=0, must="a non-negative integer")


def check_ms(name: str, value) -> float:
    """A duration in milliseconds: a finite number >= 0."""
    return check_number(name, value, lo=0, must="a finite number >= 0", finite=True)


def check_level(name: str, value, lo: float, hi: float) -> float:
    """A level in dB within [lo, hi]."""
    return check_number(name, value, lo, hi, must=f"a number in [{lo:g}, {hi:g}]")
