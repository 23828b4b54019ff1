"""Time-stretch, grid warps and pitch shifts, by one of several methods.

Methods (compared on measurements in bench/stretch_quality.py, results in BENCHMARKS.md):

- ``transient`` (the default, our own): the audio is cut just before each attack; every piece keeps
  its first :data:`ATTACK_S` untouched and only the rest is stretched (WSOLA), so hits stay as sharp
  as they were and land where the time map puts them; pieces join with 2 ms crossfades.
- ``wsola``: audiotsm's WSOLA over the whole piece (MIT).
- ``pv``: librosa's phase vocoder (smears attacks; fine on pads).
- ``rubberband``: Rubber Band through pylibrb — GPL, so only with the optional extra
  ``pip install 'audioldm-bridge[rubberband]'``, never the default.

A *warp* follows a piecewise-linear time map (source anchors → output anchors, e.g. detected beats
→ the grid): each stretch between two anchors has its own ratio — a constant stretch with the
per-beat drift corrected in the same pass. A pitch shift is a stretch by 2^(n/12) resampled back.
"""

from __future__ import annotations

import numpy as np

from .errors import InvalidInput

METHODS = ("transient", "wsola", "pv", "rubberband")
DEFAULT_METHOD = "transient"
ATTACK_S = 0.025
XFADE_S = 0.002
ATTACK_RISE = 10 ** (4 / 20)


def check_method(method: str) -> str:
    if method not in METHODS:
        raise InvalidInput(f"stretch method must be one of {', '.join(METHODS)}, got {method!r}")
    if method == "rubberband":
        try:
            import pylibrb  # noqa: F401
        except ImportError:
            raise InvalidInput("stretch method rubberband needs pylibrb (GPL): "
                               "pip install 'audioldm-bridge[rubberband]'") from None
    return method


def _fit(y: np.ndarray, n: int) -> np.ndarray:
    if len(y) >= n:
        return y[:n]
    return np.concatenate([y, np.zeros(n - len(y), dtype=y.dtype)])


def _padded(x: np.ndarray, tail: np.ndarray | None, pad: int) -> np.ndarray:
    """``x`` followed by ``pad`` samples of what comes after it (``tail``, else silence): every
    stretcher here lags or drops its last frames, so it is given more than the span it must cover."""
    tail = np.zeros(0) if tail is None else np.asarray(tail, dtype=np.float64)[:pad]
    return np.concatenate([np.asarray(x, dtype=np.float64), tail, np.zeros(pad - len(tail))])


def _wsola(x: np.ndarray, n: int, rate: int, tail: np.ndarray | None = None) -> np.ndarray:
    from audiotsm import wsola
    from audiotsm.io.array import ArrayReader, ArrayWriter

    if n <= 0:
        return np.zeros(0)
    if len(x) < 16:
        return _fit(np.asarray(x, dtype=np.float64), n)
    frame = 1024 if rate >= 32000 else 512
    tsm = wsola(1, speed=len(x) / n, frame_length=frame)
    writer = ArrayWriter(1)
    tsm.run(ArrayReader(_padded(x, tail, 3 * frame)[None, :]), writer)
    return _fit(writer.data[0], n)


def _pv(x: np.ndarray, n: int, rate: int, tail: np.ndarray | None = None) -> np.ndarray:
    import librosa

    if n <= 0:
        return np.zeros(0)
    if len(x) < 64:
        return _fit(np.asarray(x, dtype=np.float64), n)
    n_fft = 2048 if rate >= 32000 else 1024
    y = librosa.effects.time_stretch(_padded(x, tail, 2 * n_fft).astype(np.float32), rate=len(x) / n, n_fft=n_fft)
    return _fit(y.astype(np.float64), n)


def _rubberband(x: np.ndarray, n: int, rate: int, tail: np.ndarray | None = None) -> np.ndarray:
    import pylibrb

    if n <= 0:
        return np.zeros(0)
    if len(x) < 64:
        return _fit(np.asarray(x, dtype=np.float64), n)
    block = _padded(x, tail, 4096).astype(np.float32)[None, :]
    stretcher = pylibrb.RubberBandStretcher(sample_rate=rate, channels=1,
                                            options=pylibrb.Option.PROCESS_OFFLINE | pylibrb.Option.ENGINE_FINER,
                                            initial_time_ratio=n / len(x))
    stretcher.set_max_process_size(block.shape[1])
    stretcher.set_expected_input_duration(block.shape[1])
    stretcher.study(block, final=True)
    stretcher.process(block, final=True)
    return _fit(stretcher.retrieve_available()[0].astype(np.float64), n)


_WHOLE = {"wsola": _wsola, "pv": _pv, "rubberband": _rubberband}


def _transient_piece(x: np.ndarray, n: int, rate: int, tail: np.ndarray | None = None) -> np.ndarray:
    """One piece that starts on an attack: the attack as it is, the rest stretched to fill ``n``."""
    keep = min(int(ATTACK_S * rate), n, len(x))
    if n - keep <= 0:
        return _fit(np.asarray(x, dtype=np.float64), n)
    head = np.asarray(x[:keep], dtype=np.float64)
    rest = _wsola(x[keep:], n - keep, rate, tail) if len(x) > keep else np.zeros(n - keep)
    # the seam inside the piece: WSOLA's first frame starts where the head ends (same samples)
    return np.concatenate([head, rest])


def attacks(x: np.ndarray, rate: int) -> np.ndarray:
    """Sample indices of the attacks in ``x`` (librosa onsets, backtracked to the rise)."""
    import librosa

    hop = max(64, rate // 375)
    found = librosa.onset.onset_detect(y=np.asarray(x, dtype=np.float32), sr=rate, hop_length=hop, backtrack=True,
                                       units="samples")
    # an attack is a rise in level (+4 dB over 20 ms), not a wobble in a steady tone's spectral flux
    # (full band, or the top end: a hat on a kick's tail rises there)
    span, x = int(0.02 * rate), np.asarray(x, dtype=np.float64)
    top = np.concatenate([[0.0], np.diff(x)])

    def rises(signal, a):
        return np.sqrt(np.mean(signal[a:a + span] ** 2)) >= ATTACK_RISE * np.sqrt(
            np.mean(signal[max(0, a - span):a] ** 2) + 1e-12)

    kept = [int(a) for a in found if a == 0 or rises(x, a) or rises(top, a)]
    return np.asarray(kept, dtype=np.int64)


def warp(x: np.ndarray, rate: int, src: np.ndarray, dst: np.ndarray, out_len: int,
         method: str = DEFAULT_METHOD, cuts: np.ndarray | None = None) -> np.ndarray:
    """Mono ``x`` warped along the time map through (``src``[i] → ``dst``[i]) samples, extended at
    both ends with the ratios of the first and last spans, into ``out_len`` samples.

    ``transient`` also cuts at ``cuts`` (attacks inside the spans; found with :func:`attacks` when
    None), so every hit keeps its shape and lands where the map puts it."""
    x = np.asarray(x, dtype=np.float64)
    src, dst = np.asarray(src, dtype=np.float64), np.asarray(dst, dtype=np.float64)
    if len(src) < 2 or np.any(np.diff(src) <= 0) or np.any(np.diff(dst) <= 0):
        raise ValueError("a time map needs two or more increasing anchors")

    def to_dst(t):
        t = np.asarray(t, dtype=np.float64)
        first = dst[0] + (t - src[0]) * (dst[1] - dst[0]) / (src[1] - src[0])
        last = dst[-1] + (t - src[-1]) * (dst[-1] - dst[-2]) / (src[-1] - src[-2])
        return np.where(t < src[0], first, np.where(t > src[-1], last, np.interp(t, src, dst)))

    xf = int(XFADE_S * rate)
    points = list(src)
    if method == "transient":
        found = attacks(x, rate) if cuts is None else np.asarray(cuts)
        points += [c for c in found if np.min(np.abs(src - c)) > 0.03 * rate]
    points = np.array(sorted({int(round(p)) - xf for p in points} | {0, len(x)}))
    points = points[(points >= 0) & (points <= len(x))]
    targets = np.round(to_dst(points)).astype(np.int64)
    # keep only pieces that land inside the output (plus the first one that ends past it)
    out = np.zeros(out_len + xf)
    render = _transient_piece if method == "transient" else _WHOLE[method]
    fade_in, fade_out = np.linspace(0, 1, xf, endpoint=False), np.linspace(1, 0, xf, endpoint=False)
    for i in range(len(points) - 1):
        a, b, ta, tb = points[i], points[i + 1], targets[i], targets[i + 1]
        if tb <= 0 or ta >= out_len or b <= a or tb <= ta:
            continue
        end = min(len(x), b + xf)
        # what follows the piece, for the stretcher's look-ahead: the next piece's start holds an
        # attack (which WSOLA would copy in early), so the transient method mirrors the piece's own end
        tail = x[a:end][::-1][:8192] if method == "transient" else x[end:end + 8192]
        piece = render(x[a:end], tb - ta + xf, rate, tail)
        if ta > 0 and xf:
            piece[:xf] *= fade_in
        if xf:
            piece[-xf:] *= fade_out
        lo, hi = max(0, ta), min(out_len + xf, ta + len(piece))
        out[lo:hi] += piece[lo - ta:hi - ta]
    return out[:out_len]


def stretch(x: np.ndarray, rate: int, factor: float, method: str = DEFAULT_METHOD) -> np.ndarray:
    """Mono ``x`` made ``factor`` times as long (round(len × factor) samples), pitch unchanged."""
    n = int(round(len(x) * factor))
    if method == "transient":
        return warp(x, rate, np.array([0.0, len(x)]), np.array([0.0, n]), n, method)
    return _WHOLE[method](np.asarray(x, dtype=np.float64), n, rate)


def pitch_shift(x: np.ndarray, rate: int, semitones: float, method: str = DEFAULT_METHOD) -> np.ndarray:
    """Mono ``x`` moved by ``semitones``, same length: stretched by 2^(n/12), then resampled back."""
    import soxr

    if semitones == 0:
        return np.asarray(x, dtype=np.float64)
    factor = 2.0 ** (semitones / 12.0)
    longer = stretch(x, rate, factor, method)
    y = soxr.resample(longer, rate * factor, rate, quality="VHQ")
    return _fit(np.asarray(y, dtype=np.float64), len(x))


def per_channel(fn, audio: np.ndarray, *args, **kwargs) -> np.ndarray:
    """``fn`` (mono → mono) applied to each channel of frames × channels audio (or to mono)."""
    audio = np.asarray(audio)
    if audio.ndim == 1:
        return fn(audio, *args, **kwargs)
    return np.stack([fn(audio[:, c], *args, **kwargs) for c in range(audio.shape[1])], axis=1)
