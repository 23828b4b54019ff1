"""Tempo, beats and the first downbeat of a clip, with a confidence.

librosa's onset envelope (spectral flux of a mel spectrogram, ~5.8 ms hop at 22.05 kHz) feeds its
dynamic-programming beat tracker, seeded with the tempo the clip most likely has near the target
(:func:`fold_tempo`: ½× and 2× are the same pulse). Each tracked beat is then moved onto the attack
of the onset it stands for (within 35 ms), so a warp lands hits — not analysis frames — on the grid.
The confidence is the pulse's clarity: the onset envelope's autocorrelation at the beat period
(against its value at 0), times how regular the tracked beats are. Noise, rain and pads score near 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ANALYSIS_RATE = 22050
HOP = 128  # 5.8 ms
#: A tempo relates to the target when, octave-folded, it is within this fraction of it.
MAX_RELATION = 0.25
SNAP_S = 0.035


@dataclass
class Beats:
    bpm: float  # the clip's own tempo, octave-folded towards the target when one was given
    confidence: float  # 0..1
    beats_s: list[float] = field(default_factory=list)  # attack times of the beats, seconds
    downbeat_index: int = 0  # which of beats_s is the first downbeat
    raw_bpm: float = 0.0  # the tracker's tempo before folding

    @property
    def downbeat_s(self) -> float | None:
        return self.beats_s[self.downbeat_index] if self.beats_s else None


def fold_tempo(bpm: float, target: float) -> float:
    """``bpm`` times a power of two that brings it nearest to ``target`` (ratio-wise)."""
    if bpm <= 0:
        return bpm
    octave = np.round(np.log2(target / bpm))
    return float(bpm * 2.0 ** octave)


def _mono(audio: np.ndarray, rate: int) -> np.ndarray:
    mono = np.asarray(audio, dtype=np.float32)
    if mono.ndim == 2:
        mono = mono.mean(axis=1)
    if rate != ANALYSIS_RATE:
        from .resample import resample

        mono = resample(mono, rate, ANALYSIS_RATE).astype(np.float32)
    return mono


def onset_envelope(mono: np.ndarray) -> np.ndarray:
    import librosa

    return librosa.onset.onset_strength(y=mono, sr=ANALYSIS_RATE, hop_length=HOP, n_fft=1024, aggregate=np.median)


def pulse_clarity(envelope: np.ndarray, bpm: float) -> float:
    """The envelope's normalized autocorrelation at one beat period (best of ±3 % around it)."""
    env = envelope - envelope.mean()
    if len(env) < 8 or not np.any(env):
        return 0.0
    spectrum = np.fft.rfft(env, 2 * len(env))
    ac = np.fft.irfft(spectrum * np.conj(spectrum))[: len(env)]
    ac /= ac[0]
    period = 60.0 / bpm * ANALYSIS_RATE / HOP
    lo, hi = int(period * 0.97), int(np.ceil(period * 1.03)) + 1
    if lo >= len(ac) // 2:
        return 0.0
    # the overlap shrinks with the lag: scale the unbiased estimate back up
    lags = np.arange(lo, min(hi, len(ac)))
    unbiased = ac[lags] * len(env) / (len(env) - lags)
    return float(np.clip(unbiased.max(), 0, 1))


def refine_tempo(envelope: np.ndarray, bpm: float, span: float = 0.06) -> float:
    """``bpm`` moved to the envelope's strongest periodicity within ±6 % (autocorrelation peak,
    parabolic interpolation between lags): the tempogram's lag grid is a few % coarse on short clips."""
    env = envelope - envelope.mean()
    spectrum = np.fft.rfft(env, 2 * len(env))
    ac = np.fft.irfft(spectrum * np.conj(spectrum))[: len(env)]
    period = 60.0 / bpm * ANALYSIS_RATE / HOP
    lo, hi = max(2, int(period * (1 - span))), min(len(ac) - 2, int(np.ceil(period * (1 + span))))
    if hi <= lo or ac[0] <= 0:
        return bpm
    lags = np.arange(lo, hi + 1)
    unbiased = ac[lags] / (len(env) - lags)
    i = int(np.argmax(unbiased))
    if 0 < i < len(lags) - 1:
        a, b, c = unbiased[i - 1], unbiased[i], unbiased[i + 1]
        offset = 0.5 * (a - c) / (a - 2 * b + c) if (a - 2 * b + c) != 0 else 0.0
    else:
        offset = 0.0
    return 60.0 / ((lags[i] + offset) * HOP / ANALYSIS_RATE)


def detect_beats(audio: np.ndarray, rate: int, target_bpm: float | None = None, beats_per_bar: int | None = 4
                 ) -> Beats:
    """Tempo, beat attacks and first downbeat of ``audio`` (mono or frames × channels)."""
    import librosa

    mono = _mono(audio, rate)
    envelope = onset_envelope(mono)
    if len(mono) < ANALYSIS_RATE // 2 or not np.any(envelope):
        return Beats(bpm=0.0, confidence=0.0)
    prior = target_bpm or 120.0
    # The tempogram's pick with the target as its prior, and with a neutral one (a prior far from the
    # truth can pull it onto a tempo that is no octave of it); the tracker may also lock onto eighths
    # or half notes: of these and their octaves, the pulse that is clearest and most regular wins.
    candidates = []
    coarse = envelope[: len(envelope) // 4 * 4].reshape(-1, 4).max(axis=1)  # 23 ms: refine_tempo sharpens it
    for start in dict.fromkeys((prior, 120.0)):
        tempo = float(np.atleast_1d(librosa.feature.tempo(onset_envelope=coarse, sr=ANALYSIS_RATE, hop_length=4 * HOP,
                                                          start_bpm=start, max_tempo=320.0))[0])
        for candidate in (tempo, tempo / 2, tempo * 2):
            if 40 <= candidate <= 320 and all(abs(candidate / c - 1) > 0.03 for c in candidates):
                candidates.append(candidate)
    best = None
    for candidate in candidates:
        tracked = _track(mono, envelope, refine_tempo(envelope, candidate))
        if best is None or tracked[2] > best[2] + 0.05:
            best = tracked
    if best is None:
        return Beats(bpm=0.0, confidence=0.0)
    attacks, bpm, confidence = best
    folded = fold_tempo(bpm, target_bpm) if target_bpm and bpm else bpm
    attacks = _extend(mono, envelope, _to_level(attacks, folded / bpm if bpm else 1.0))
    attacks = _on_the_beat(mono, envelope, attacks)
    down = _first_downbeat(mono, attacks, beats_per_bar)
    return Beats(bpm=round(folded, 3), confidence=round(confidence, 3), beats_s=[round(float(t), 5) for t in attacks],
                 downbeat_index=down, raw_bpm=round(bpm, 3))


def _track(mono: np.ndarray, envelope: np.ndarray, tempo: float) -> tuple[np.ndarray, float, float]:
    """Beats tracked at ``tempo`` (on their attacks, the regular ones), their own tempo, a confidence."""
    import librosa

    _, frames = librosa.beat.beat_track(onset_envelope=envelope, sr=ANALYSIS_RATE, hop_length=HOP, bpm=tempo,
                                        tightness=200, trim=False)
    times = librosa.frames_to_time(frames, sr=ANALYSIS_RATE, hop_length=HOP)
    attacks = _extend(mono, envelope, _regular(_snap_to_attacks(mono, envelope, times)))
    bpm = tempo
    if len(attacks) >= 4:  # the tracked beats' own tempo (a line through them), finer than the lag grid
        index = np.round((attacks - attacks[0]) / np.median(np.diff(attacks)))
        slope = np.polyfit(index, attacks, 1)[0]
        if slope > 0:
            bpm = 60.0 / slope
    regularity = 0.0
    if len(attacks) >= 3:
        intervals = np.diff(attacks)
        intervals = intervals / np.maximum(1, np.round(intervals / np.median(intervals)))
        regularity = float(np.clip(1 - np.std(intervals) / np.mean(intervals) / 0.15, 0, 1))
        # beats missing between the first and the last one count against it
        regularity *= len(attacks) / (round((attacks[-1] - attacks[0]) * bpm / 60.0) + 1)
    return attacks, bpm, pulse_clarity(envelope, bpm) ** 0.5 * regularity


def _to_level(beats: np.ndarray, factor: float) -> np.ndarray:
    """Beats at ``factor`` times their rate (a power of two): midpoints added (2×) or every other
    one kept (½×), so that each returned beat is one beat of the folded tempo."""
    if len(beats) < 2 or abs(factor - 1) < 1e-6:
        return beats
    if factor > 1:
        out = beats
        for _ in range(int(round(np.log2(factor)))):
            mids = (out[:-1] + out[1:]) / 2
            out = np.sort(np.concatenate([out, mids]))
        return out
    step = int(round(1 / factor))
    return beats[::step]


def _regular(beats: np.ndarray, tolerance: float = 0.1) -> np.ndarray:
    """The beats that keep the pulse: each one a whole number of median intervals (±10 %) after
    the previous kept one (the tracker wanders where the material thins out, at the end especially)."""
    if len(beats) < 3:
        return beats
    period = float(np.median(np.diff(beats)))
    kept = [beats[0]]
    for t in beats[1:]:
        steps = (t - kept[-1]) / period
        if round(steps) >= 1 and abs(steps - round(steps)) <= tolerance * max(1, round(steps)) ** 0.5:
            kept.append(t)
    return np.array(kept)


def _extend(mono: np.ndarray, envelope: np.ndarray, beats: np.ndarray) -> np.ndarray:
    """Beats the tracker left out before its first and after its last one, where an onset is one
    period away (the DP tracker often starts a beat late)."""
    import librosa

    if len(beats) < 3:
        return beats
    period = float(np.median(np.diff(beats)))
    onsets = librosa.frames_to_time(librosa.onset.onset_detect(onset_envelope=envelope, sr=ANALYSIS_RATE,
                                                               hop_length=HOP), sr=ANALYSIS_RATE, hop_length=HOP)
    out = list(beats)
    end = len(mono) / ANALYSIS_RATE
    for direction in (-1, 1):
        while True:
            guess = (out[0] if direction < 0 else out[-1]) + direction * period
            if not -SNAP_S <= guess <= end:
                break
            near = onsets[np.abs(onsets - guess) <= SNAP_S]
            if not len(near):
                break
            t = _attack_time(mono, float(near[np.argmin(np.abs(near - guess))]))
            out.insert(0, t) if direction < 0 else out.append(t)
    return np.array(out)


def _snap_to_attacks(mono: np.ndarray, envelope: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Each beat moved onto the attack of the strongest onset within ±35 ms (kept where none)."""
    import librosa

    onsets = librosa.onset.onset_detect(onset_envelope=envelope, sr=ANALYSIS_RATE, hop_length=HOP, units="frames",
                                        backtrack=False)
    onset_times = librosa.frames_to_time(onsets, sr=ANALYSIS_RATE, hop_length=HOP)
    strengths = envelope[onsets] if len(onsets) else np.array([])
    out = []
    for t in times:
        near = np.flatnonzero(np.abs(onset_times - t) <= SNAP_S)
        if len(near):
            t = onset_times[near[np.argmax(strengths[near])]]
        out.append(_attack_time(mono, t))
    out = np.array(sorted(set(np.round(out, 5))))
    if len(out) > 1:  # two beats snapped onto one hit
        out = out[np.concatenate([[True], np.diff(out) > 0.1])]
    return out


def _attack_time(mono: np.ndarray, t: float) -> float:
    """Where the attack near ``t`` starts: the first sample over half the rise from the quiet before
    it to the peak right after (onset frames are ~10 ms late or early; a hit's start is sharp)."""
    centre = int(round(t * ANALYSIS_RATE))  # onset frames run late more than early: look further back
    lo, hi = max(0, centre - int(0.04 * ANALYSIS_RATE)), min(len(mono), centre + int(0.015 * ANALYSIS_RATE))
    if hi - lo < 8:
        return t
    env = np.abs(mono[lo:hi]).astype(np.float64)
    kernel = np.ones(8) / 8
    env = np.convolve(env, kernel, mode="same")
    peak = int(np.argmax(env))
    floor = float(np.min(env[: peak + 1]))
    if env[peak] <= 2 * floor + 1e-9:
        return t  # no clear rise: keep the tracker's time
    rise = np.flatnonzero(env[: peak + 1] >= floor + 0.5 * (env[peak] - floor))
    return (lo + int(rise[0]) - 4) / ANALYSIS_RATE


def _low_weights(mono: np.ndarray, times) -> np.ndarray:
    """The level of the low end (< 150 Hz: kick, bass) in the 60 ms after each time."""
    from scipy.signal import butter, sosfilt

    low = sosfilt(butter(2, 150, "lowpass", fs=ANALYSIS_RATE, output="sos"), mono)
    width = int(0.06 * ANALYSIS_RATE)
    out = []
    for t in times:
        start = max(0, int(t * ANALYSIS_RATE))
        out.append(float(np.sqrt(np.mean(low[start:start + width] ** 2))) if start < len(low) - 1 else 0.0)
    return np.array(out)


def _on_the_beat(mono: np.ndarray, envelope: np.ndarray, beats: np.ndarray) -> np.ndarray:
    """The tracker may follow the off-beats (swung hats between kicks): where the points halfway
    between the beats carry clearly more low end than the beats, the beat is there."""
    if len(beats) < 4:
        return beats
    mids = (beats[:-1] + beats[1:]) / 2
    on, off = _low_weights(mono, beats).mean(), _low_weights(mono, mids).mean()
    if off <= 1.5 * on:
        return beats
    import librosa

    onsets = librosa.frames_to_time(librosa.onset.onset_detect(onset_envelope=envelope, sr=ANALYSIS_RATE,
                                                               hop_length=HOP), sr=ANALYSIS_RATE, hop_length=HOP)
    moved = []
    for t in mids:
        near = onsets[np.abs(onsets - t) <= SNAP_S]
        moved.append(_attack_time(mono, float(near[np.argmin(np.abs(near - t))])) if len(near) else t)
    return _extend(mono, envelope, np.array(moved))


def _first_downbeat(mono: np.ndarray, beats: np.ndarray, per_bar: int | None) -> int:
    """Index (< per_bar) of the first downbeat: the bar phase whose beats carry the most low end
    (the kick); 0 without a whole number of beats per bar."""
    if not per_bar or per_bar < 2 or len(beats) < 2 * per_bar:
        return 0
    weight = _low_weights(mono, beats)
    phases = np.array([weight[p::per_bar].mean() for p in range(per_bar)])
    return int(np.flatnonzero(phases >= 0.9 * phases.max())[0])  # kicks on 1 and 3: the earlier one
