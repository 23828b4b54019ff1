"""Loudness measurement (ITU-R BS.1770) and normalization with a true-peak ceiling.

Integrated loudness comes from pyloudnorm; true peak follows BS.1770-4 annex 2 (oversample,
take the largest magnitude). ``normalize`` brings a clip to a loudness or peak target and then
guarantees the true-peak ceiling with a small lookahead limiter, so files are DAW-ready: the
target holds where it can, the ceiling always holds.
"""

import functools
import math
from dataclasses import dataclass

import numpy as np
import pyloudnorm
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import firwin, resample_poly

from engine.checks import check_level as _check_level
from engine.checks import check_positive_rate as _check_rate
from engine.errors import InvalidInput
from engine.length import exact, seconds_to_frames

MODES = ("lufs", "peak", "off")
DEFAULT_TARGETS = {"lufs": -14.0, "peak": -1.0}
_TARGET_RANGES = {"lufs": (-70.0, 0.0), "peak": (-60.0, 0.0)}
CEILING_RANGE = (-20.0, 0.0)

# The limiter reaches each peak's gain over this window and recovers over the same window.
# 5 ms is short enough to leave transients' neighbours alone, long enough not to distort bass.
LIMITER_WINDOW_MS = 5.0
# Limiting lowers loudness; each extra pass raises the pre-gain by the shortfall. Ordinary
# material converges in two or three passes.
_MAX_PASSES = 4
# Stop iterating once this close to the target (well inside the promised ±0.5 LU).
_LUFS_TOLERANCE = 0.1
# Peaks under this are numeric noise (below 20-bit resolution): treated as silence, never
# amplified.
_SILENCE_DBFS = -120.0
# Samples borrowed from the other end of a loop: more than the true-peak interpolator's reach.
_CIRCULAR_PAD = 64
# Driving the limiter harder than this just to win loudness squashes the sound; past it the
# target is reported unreachable and the ceiling wins.
_MAX_EXTRA_DRIVE_DB = 6.0


@dataclass
class LoudnessReport:
    """What normalize did. Levels are measured after processing; None stands for silence."""

    mode: str
    target: float | None
    measured_lufs: float | None
    true_peak_dbtp: float | None
    gain_db: float
    limited: bool
    note: str | None = None
    reduction_db: float = 0.0  # the largest gain reduction the limiter applied (0: none)


def _as_audio(x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim not in (1, 2):
        raise InvalidInput(f"audio must have shape (n,) or (n, ch), got {x.shape}")
    # A NaN would propagate through every gain and measurement (fp16 decoders can emit them).
    if not np.all(np.isfinite(x)):
        raise InvalidInput("audio contains NaN or infinite samples")
    return x


def _db(linear: float) -> float:
    return 20.0 * math.log10(linear) if linear > 0 else -math.inf


#: BS.1770-4 annex 2 measures true peak at (at least) 192 kHz: 4x at 48 kHz.
TRUE_PEAK_RATE = 192000


def oversampling_factor(rate: int) -> int:
    """Smallest whole factor that takes ``rate`` to at least 192 kHz (44.1 kHz: 5x, 96 kHz: 2x)."""
    return max(1, -(-TRUE_PEAK_RATE // rate))


#: Below this rate audio fills its band up to Nyquist (a 16 kHz file holds the model's whole band),
#: where a 12-tap interpolator misreads peaks by 0.1–0.3 dB (its wide transition around Nyquist).
#: 48 taps per phase read what 256 read at 8 kHz and within 0.15 dB at 16 kHz (content at Nyquist
#: itself has no well-defined true peak), measured on the tiny model's output.
_FULL_BAND_BELOW = 44100


@functools.lru_cache(maxsize=None)
def _interpolator(factor: int, taps_per_phase: int = 12) -> np.ndarray:
    # Annex 2's example interpolator has 12 taps per phase; a Kaiser-windowed sinc of that size
    # reads peaks within 0.01 dB and filters in half the time of resample_poly's default.
    return firwin(taps_per_phase * factor + 1, 1.0 / factor, window=("kaiser", 5.0)).astype(np.float32)


def _peak_envelope(x: np.ndarray, rate: int, circular: bool = False) -> np.ndarray:
    """Per-sample true-peak envelope: the largest oversampled magnitude in [i, i+1), over channels.

    ``circular`` treats ``x`` as a loop: the interpolator sees the other end across each edge
    instead of silence, so peaks at the seam are measured as a loop plays them.
    """
    factor = oversampling_factor(rate)
    if circular and factor > 1:
        pad = min(len(x), _CIRCULAR_PAD)
        wrapped = np.concatenate([x[len(x) - pad :], x, x[:pad]])
        return _peak_envelope(wrapped, rate)[pad : pad + len(x)]
    if factor == 1:
        up = np.abs(x)
    else:
        # float32 halves the filtering time; its precision is far below any peak tolerance.
        window = _interpolator(factor, 12 if rate >= _FULL_BAND_BELOW else 48)
        up = np.abs(resample_poly(x.astype(np.float32), factor, 1, axis=0, window=window))
    # Element-wise maxima of strided views: numpy's reductions along a short axis are ~20x slower.
    env = functools.reduce(np.maximum, (up[k::factor] for k in range(factor)))
    if env.ndim == 2:
        env = functools.reduce(np.maximum, env.T)
    return env.astype(np.float64)


def true_peak_dbtp(x: np.ndarray, rate: int, circular: bool = False) -> float:
    """True peak of ``x`` ((n,) or (n, ch)) in dBTP per BS.1770-4 annex 2; -inf for silence.

    ``circular``: measure ``x`` as a loop (the seam's intersample peaks included)."""
    x = _as_audio(x)
    rate = _check_rate(rate)
    if not np.any(x):
        return -math.inf
    return _db(float(_peak_envelope(x, rate, circular).max()))


def integrated_lufs(x: np.ndarray, rate: int) -> float:
    """Integrated (gated) loudness of ``x`` in LUFS; -inf for silence or audio under the -70 LUFS gate.

    BS.1770 needs at least one 400 ms gating block. A shorter clip is measured tiled (looped) up
    to that length: the tiling has the clip's mean K-weighted power, which is what the gated
    average of a single block measures.
    """
    x = _as_audio(x)
    rate = _check_rate(rate)
    if not np.any(x):
        return -math.inf
    meter = pyloudnorm.Meter(rate)
    needed = math.ceil(meter.block_size * rate)
    if len(x) < needed:
        reps = -(-needed // len(x))
        x = np.tile(x, (reps,) + (1,) * (x.ndim - 1))
    lufs = float(meter.integrated_loudness(x))
    # pyloudnorm yields -inf (or NaN via empty means) when every block is under the absolute gate.
    return lufs if math.isfinite(lufs) else -math.inf


def _limit(x: np.ndarray, env: np.ndarray, ceiling: float, rate: int, circular: bool = False) -> tuple[np.ndarray, float]:
    """Lookahead peak limiter: scale ``x`` so that its true-peak envelope ``env`` stays under ``ceiling``.

    The per-sample required gain is spread with a centred moving minimum and then a centred
    moving average of the same odd width w. Every average that covers a peak only sees minima
    taken over windows containing that peak, so the gain at the peak is at most the required
    gain, while the gain moves smoothly (over w samples before and after) instead of clicking.
    Returns the limited audio and its lowest gain (1.0: nothing was over, ``x`` is returned as is).
    """
    if env.max() <= ceiling:
        return x, 1.0
    required = np.minimum(1.0, ceiling / np.maximum(env, 1e-300))
    width = 2 * max(1, seconds_to_frames(exact(LIMITER_WINDOW_MS, "limiter window") / 2000, rate)) + 1
    # A loop's gain curve wraps around too, so it has no step where the end meets the start.
    mode = "wrap" if circular else "reflect"
    gain = uniform_filter1d(minimum_filter1d(required, width, mode=mode), width, mode=mode)
    return x * (gain if x.ndim == 1 else gain[:, None]), float(gain.min())


def limit(x: np.ndarray, rate: int, ceiling_dbtp: float = -1.0) -> tuple[np.ndarray, float]:
    """Hold the true peak of ``x`` ((n,) or (n, ch)) at or under ``ceiling_dbtp`` with the lookahead
    limiter and no other gain; returns float32 audio and the largest gain reduction in dB (0.0 when
    nothing was over). For part of a file (a repaint's new audio): the rest stays untouched."""
    ceiling_dbtp = _check_level("ceiling (true peak, dBTP)", ceiling_dbtp, -math.inf, 0.0)
    x = _as_audio(x)
    rate = _check_rate(rate)
    if not len(x) or float(np.abs(x).max()) < 10.0 ** (_SILENCE_DBFS / 20.0):
        return x.astype(np.float32), 0.0
    y, lowest = _limit(x, _peak_envelope(x, rate), 10.0 ** (ceiling_dbtp / 20.0), rate)
    if lowest < 1.0:
        peak_db = true_peak_dbtp(y, rate)
        if peak_db > ceiling_dbtp:  # the smooth gain's hair of intersample overshoot, as in normalize
            trim = 10.0 ** ((ceiling_dbtp - peak_db) / 20.0)
            y, lowest = y * trim, lowest * trim
    return y.astype(np.float32), (-_db(lowest) if lowest < 1.0 else 0.0)


def check_settings(mode: str, target: float | None, ceiling_dbtp: float) -> tuple[float | None, float]:
    """Validate loudness settings before any work; returns (target with its default, ceiling)."""
    if mode not in MODES:
        raise InvalidInput(f"loudness must be one of {', '.join(MODES)}, got {mode!r}")
    if mode == "off":
        target = None
    elif target is None:
        target = DEFAULT_TARGETS[mode]
    else:
        target = _check_level(f"{mode} target", target, *_TARGET_RANGES[mode])
    return target, _check_level("ceiling (true peak, dBTP)", ceiling_dbtp, *CEILING_RANGE)


def normalize(
    x: np.ndarray,
    rate: int,
    mode: str = "lufs",
    target: float | None = None,
    ceiling_dbtp: float = -1.0,
    circular: bool = False,
    headroom_db: float = 0.0,
) -> tuple[np.ndarray, LoudnessReport]:
    """Normalize ``x`` ((n,) or (n, ch)); returns float32 audio and a LoudnessReport.

    ``mode``: "lufs" (integrated loudness to ``target``, default -14 LUFS), "peak" (sample peak to
    ``target``, default -1 dBFS) or "off" (no gain). Whatever the mode, the true peak is then
    held at or under ``ceiling_dbtp`` with a lookahead limiter; in "lufs" mode the pre-gain is
    raised to make up what limiting took, so both the target (±0.5 LU) and the ceiling hold for
    ordinary material. When the target needs more than 6 dB of extra limiter drive, the ceiling
    wins and the report's note says the target is not reachable.

    Silence (peaks under -120 dBFS, or in "lufs" mode audio under the -70 LUFS absolute gate)
    gets no gain: there is no level to scale from, and a huge gain would only raise noise.
    ``gain_db`` is the static gain applied (limiter reduction excluded; see ``limited``).
    ``circular`` treats the clip as a loop: true peaks and the limiter's gain wrap around the seam.
    ``headroom_db`` aims that much under the (validated) ceiling: a 16/24-bit file's rounding may
    lift a sample at the ceiling, and the file is what must stay under it.
    """
    target, ceiling_dbtp = check_settings(mode, target, ceiling_dbtp)
    ceiling_dbtp -= headroom_db  # aimed under the ceiling as given: the file's rounding may lift a peak
    x = _as_audio(x)
    rate = _check_rate(rate)

    sample_peak_db = _db(float(np.abs(x).max(initial=0.0)))
    if sample_peak_db < _SILENCE_DBFS:
        return x.astype(np.float32), LoudnessReport(mode, target, None, None, 0.0, False, "silent: no gain applied")

    env = _peak_envelope(x, rate, circular)
    note = None
    gain_db = 0.0
    if mode == "lufs":
        before = integrated_lufs(x, rate)
        if before == -math.inf:
            note = "silent (under the -70 LUFS gate): no gain applied"
        else:
            gain_db = target - before
    elif mode == "peak":
        gain_db = target - sample_peak_db

    ceiling = 10.0 ** (ceiling_dbtp / 20.0)
    drive_db = 0.0
    for _ in range(_MAX_PASSES):
        g = 10.0 ** (gain_db / 20.0)
        y, lowest = _limit(x * g, env * g, ceiling, rate, circular)
        limited = lowest < 1.0
        if mode != "lufs" or not limited or note is not None:
            break
        shortfall = target - integrated_lufs(y, rate)
        if shortfall <= _LUFS_TOLERANCE or drive_db >= _MAX_EXTRA_DRIVE_DB:
            break
        step = min(shortfall, _MAX_EXTRA_DRIVE_DB - drive_db)
        drive_db += step
        gain_db += step

    # Without limiting the true peak scales with the gain; after limiting it has to be measured.
    peak_db = true_peak_dbtp(y, rate, circular) if limited else _db(float(env.max()) * g)
    if peak_db > ceiling_dbtp:
        # Final guarantee: the limiter's smooth gain can leave a hair of intersample overshoot.
        trim_db = ceiling_dbtp - peak_db
        y = y * 10.0 ** (trim_db / 20.0)
        gain_db += trim_db
        peak_db = ceiling_dbtp
    after = integrated_lufs(y, rate)
    if mode == "lufs" and note is None and after < target - 0.5:
        note = f"target not reachable under ceiling: {after:.1f} LUFS at {ceiling_dbtp:g} dBTP"
    return y.astype(np.float32), LoudnessReport(
        mode=mode,
        target=target,
        measured_lufs=after if math.isfinite(after) else None,
        true_peak_dbtp=peak_db if math.isfinite(peak_db) else None,
        gain_db=gain_db,
        limited=limited,
        note=note,
        reduction_db=-_db(lowest) if limited else 0.0,
    )
