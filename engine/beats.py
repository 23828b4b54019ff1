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


def detect_beats(audio: np.ndarray, rate: int, target_bpm: float | None = None, beats_per_bar: int | None = 4
                 ) -> Beats:
    """Tempo, beat attacks and first downbeat of ``audio`` (mono or frames × channels)."""
    import librosa

    mono = _mono(audio, rate)
    envelope = onset_envelope(mono)
    if len(mono) < ANALYSIS_RATE // 2 or not np.any(envelope):
        return Beats(bpm=0.0, confidence=0.0)
    prior = target_bpm or 120.0
    tempo = float(np.atleast_1d(librosa.feature.tempo(onset_envelope=envelope, sr=ANALYSIS_RATE, hop_length=HOP,
                                                      start_bpm=prior, max_tempo=320.0))[0])
    if target_bpm:
        tempo = fold_tempo(tempo, target_bpm)
    _, frames = librosa.beat.beat_track(onset_envelope=envelope, sr=ANALYSIS_RATE, hop_length=HOP, bpm=tempo,
                                        tightness=200, trim=False)
    times = librosa.frames_to_time(frames, sr=ANALYSIS_RATE, hop_length=HOP)
    attacks = _snap_to_attacks(mono, envelope, times)
    bpm = tempo
    if len(attacks) >= 4:  # the tracked beats' own tempo (a line through them), finer than the lag grid
        index = np.round((attacks - attacks[0]) / np.median(np.diff(attacks)))
        slope = np.polyfit(index, attacks, 1)[0]
        if slope > 0:
            bpm = fold_tempo(60.0 / slope, target_bpm) if target_bpm else 60.0 / slope
    regularity = 0.0
    if len(attacks) >= 3:
        intervals = np.diff(attacks)
        regularity = float(np.clip(1 - np.std(intervals) / np.mean(intervals) / 0.15, 0, 1))
    confidence = round(pulse_clarity(envelope, bpm) ** 0.5 * regularity, 3)
    down = _first_downbeat(mono, attacks, beats_per_bar)
    return Beats(bpm=round(bpm, 3), confidence=confidence, beats_s=[round(float(t), 5) for t in attacks],
                 downbeat_index=down, raw_bpm=round(tempo, 3))


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
    centre = int(round(t * ANALYSIS_RATE))
    lo, hi = max(0, centre - int(0.02 * ANALYSIS_RATE)), min(len(mono), centre + int(0.02 * ANALYSIS_RATE))
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


def _first_downbeat(mono: np.ndarray, beats: np.ndarray, per_bar: int | None) -> int:
    """Index (< per_bar) of the first downbeat: the bar phase whose beats carry the most low end
    (the kick) and level; 0 without a whole number of beats per bar."""
    if not per_bar or per_bar < 2 or len(beats) < 2 * per_bar:
        return 0
    from scipy.signal import butter, sosfilt

    low = sosfilt(butter(2, 150, "lowpass", fs=ANALYSIS_RATE, output="sos"), mono)
    width = int(0.06 * ANALYSIS_RATE)
    weight = []
    for t in beats:
        start = int(t * ANALYSIS_RATE)
        weight.append(float(np.sqrt(np.mean(low[start:start + width] ** 2))) if start < len(low) else 0.0)
    weight = np.array(weight)
    phases = [weight[p::per_bar].mean() for p in range(per_bar)]
    return int(np.argmax(phases))
