"""Sample-rate conversion of generated audio to the rate the DAW asked for.

AudioLDM generates at 16 kHz; the output rate is the project's (16/44.1/48/96 kHz...). soxr's "HQ"
preset (20-bit precision, linear phase) is transparent for that and fast enough to be negligible
next to generation.
"""

import numpy as np
import soxr

from engine.checks import check_int
from engine.checks import check_positive_rate
from engine.errors import InvalidInput

#: Output rates: 8 kHz (telephone) to 384 kHz (DXD), 16 kHz (the model's own) included: whatever a
#: DAW project may run at.
MIN_RATE = 8000
MAX_RATE = 384000


def check_rate(rate) -> int:
    """Return ``rate`` if it is an integer output rate in [MIN_RATE, MAX_RATE], else raise InvalidInput."""
    check_int("sample rate", rate)  # never a bool: True must not pass as a sample rate
    if not MIN_RATE <= rate <= MAX_RATE:
        raise InvalidInput(f"sample rate {rate} is out of range [{MIN_RATE}, {MAX_RATE}]")
    return int(rate)


def resample(x: np.ndarray, in_rate: int, out_rate: int) -> np.ndarray:
    """Resample ``x`` ((n,) or (n, ch)) from ``in_rate`` to ``out_rate``; returns float32.

    The output has ``n * out_rate / in_rate`` frames, rounded by soxr (within one frame). Equal
    rates return the input as float32 without filtering.
    """
    for rate in (in_rate, out_rate):
        check_positive_rate(rate)
    x = np.ascontiguousarray(x, dtype=np.float32)
    if x.ndim not in (1, 2):
        raise InvalidInput(f"audio must have shape (n,) or (n, ch), got {x.shape}")
    if in_rate == out_rate:
        return x
    return soxr.resample(x, in_rate, out_rate, quality="HQ")
