"""Length editing: exact-length cuts, anti-click fades and seamless loops.

All functions work along axis 0, so they take mono (n,) and multichannel (n, ch) audio alike,
and return new arrays (the input is never modified).
"""

import numpy as np
from scipy.signal import windows

from engine.checks import check_count as _check_count
from engine.checks import check_ms as _check_ms
from engine.errors import InvalidInput
from engine.length import exact, seconds_to_frames

# 50 ms is long enough to hide the seam of noisy/tonal textures and short enough not to smear
# rhythmic material audibly.
LOOP_CROSSFADE_MS = 50.0

# A generated clip may come back a few samples short of the requested length (model frames and
# resampling round); more than this means the caller asked for too little audio.
_MAX_SHORTFALL = 0.01


def _ms_to_samples(ms: float, rate: int) -> int:
    return seconds_to_frames(exact(ms, "ms") / 1000, rate)


def _along_time(curve: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Shape a per-sample curve so it broadcasts over the channels of ``x``."""
    return curve if x.ndim == 1 else curve[:, None]


def fit_length(x: np.ndarray, n: int) -> np.ndarray:
    """Return exactly ``n`` samples of ``x``: cut, or zero-pad a shortfall of at most 1%.

    A larger shortfall raises InvalidInput: the generator is asked for extra audio, so it means a
    bug upstream rather than something to paper over with silence.
    """
    n = _check_count("length", n)
    x = np.asarray(x)
    if len(x) >= n:
        return x[:n].copy()
    missing = n - len(x)
    if missing > _MAX_SHORTFALL * n:
        raise InvalidInput(
            f"audio has {len(x)} samples but {n} were requested: short by {missing} (> 1%), "
            "the generator produced too little audio (bug upstream)"
        )
    return np.pad(x, [(0, missing)] + [(0, 0)] * (x.ndim - 1))


def apply_fades(x: np.ndarray, rate: int, fade_in_ms: float = 2.0, fade_out_ms: float = 10.0) -> np.ndarray:
    """Apply raised-cosine (half-Hann) fades so the clip starts and ends at zero without clicks.

    A fade longer than half the clip is shortened to half the clip; 0 ms disables that fade.
    The first sample and the last sample become exactly 0. Not for loops: use make_loop.
    """
    fade_in_ms = _check_ms("fade_in_ms", fade_in_ms)
    fade_out_ms = _check_ms("fade_out_ms", fade_out_ms)
    x = np.asarray(x)
    y = x.astype(np.result_type(x.dtype, np.float32), copy=True)
    half = len(y) // 2
    k_in = min(_ms_to_samples(fade_in_ms, rate), half)
    k_out = min(_ms_to_samples(fade_out_ms, rate), half)
    if k_in:
        # The rising half of a (2k+1)-point Hann window: 0 at the first sample, just under 1 at the k-th.
        y[:k_in] *= _along_time(windows.hann(2 * k_in + 1)[:k_in], y)
    if k_out:
        y[len(y) - k_out :] *= _along_time(windows.hann(2 * k_out + 1)[k_out + 1 :], y)
    return y


def loop_crossfade_samples(n: int, rate: int, crossfade_ms: float = LOOP_CROSSFADE_MS) -> int:
    """Crossfade length make_loop uses for an ``n``-sample loop: ``crossfade_ms``, at most n // 4.
    It is also the pre-roll: how many samples *before* the loop the caller must generate for make_loop."""
    n = _check_count("loop length", n)
    return min(_ms_to_samples(_check_ms("crossfade_ms", crossfade_ms), rate), n // 4)


def crossfade_gains(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fade-out and fade-in curves for crossfading ``a`` into ``b`` at a steady level.

    Equal-gain curves (sum 1) keep the level of correlated material (a tone crossfaded with
    itself), equal-power curves (squares sum to 1) that of uncorrelated material (noise); either
    one alone is 3 dB off on the other. Measuring the correlation ρ of the two segments and
    normalising linear ramps by ``sqrt(out² + in² + 2ρ·out·in)`` keeps the expected level flat for
    any ρ (floored at -0.9: fully anti-phase material cancels whatever the gains).
    """
    k = len(a)
    t = np.linspace(0.0, 1.0, k) if k > 1 else np.ones(k)
    energy = float(np.sqrt(np.sum(a.astype(np.float64) ** 2) * np.sum(b.astype(np.float64) ** 2)))
    rho = float(np.sum(a.astype(np.float64) * b)) / energy if energy > 0 else 0.0
    rho = min(1.0, max(-0.9, rho))
    fade_out, fade_in = 1.0 - t, t
    norm = np.sqrt(fade_out**2 + fade_in**2 + 2.0 * rho * fade_out * fade_in)
    return fade_out / norm, fade_in / norm


def make_loop(x: np.ndarray, n: int, rate: int, crossfade_ms: float = LOOP_CROSSFADE_MS,
              preroll: int | None = None) -> np.ndarray:
    """Return exactly ``n`` samples of ``x`` that loop seamlessly, the loop's start untouched.

    ``x`` is ``p = loop_crossfade_samples(n, rate, crossfade_ms)`` samples of pre-roll followed by at
    least ``n`` samples of the loop: ``y = x[p:p+n]``, except that its last ``p`` samples are
    crossfaded into the pre-roll ``x[:p]``. So ``y[0]`` (the downbeat) is exactly as generated,
    and playing ``y[n-1]`` (= ``x[p-1]``) then ``y[0]`` (= ``x[p]``) continues ``x`` naturally.
    The curves adapt to the material's correlation (see :func:`crossfade_gains`): no level bump
    for tonal or noisy material. ``preroll`` (at most that ``p``) is a shorter pre-roll where no
    more audio precedes the loop's start (an onset moved to sample 0 early in the audio).
    """
    n = _check_count("loop length", n)
    p = loop_crossfade_samples(n, rate, crossfade_ms)
    if preroll is not None:
        p = min(p, _check_count("preroll", preroll))
    x = np.asarray(x)
    if len(x) < n + p:
        raise InvalidInput(
            f"loop of {n} samples needs {n + p} samples of audio (pre-roll {p}), got {len(x)}"
        )
    y = x[p : p + n].astype(np.result_type(x.dtype, np.float32), copy=True)
    if p:
        tail, preroll = y[n - p :], x[:p]
        fade_out, fade_in = crossfade_gains(tail, preroll)
        y[n - p :] = tail * _along_time(fade_out, y) + preroll * _along_time(fade_in, y)
    return y
