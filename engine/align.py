"""Beat-aligned starts: the first strong onset moved to sample 0, tempo and onsets recorded.

A loop or one-shot dropped on a DAW's grid should hit on the grid line, not after a lead-in.
librosa finds onsets (spectral flux of a mel spectrogram, peak-picked) and estimates the tempo; the
attack is then located to the sample inside the detection frame. The engine generates
:data:`LOOKAHEAD_SECONDS` more than asked, so dropping a lead-in up to that long keeps the exact
length. librosa is imported on first use (its numba set-up costs seconds once per process).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .length import seconds_to_frames

#: Longest lead-in that can be dropped (generated on top of the requested length).
LOOKAHEAD_SECONDS = 0.5
#: An onset is strong when the level after it reaches this fraction of the clip's loudest (−6 dB).
STRONG = 0.5
#: Analysis hop: ~2.7 ms at 48 kHz, well under the 5 ms a grid hit tolerates.
HOP_SECONDS = Fraction(128, 48000)
MAX_ONSETS_RECORDED = 256


def lookahead_samples(rate: int) -> int:
    return seconds_to_frames(LOOKAHEAD_SECONDS, rate)


def _hop(rate: int) -> int:
    return max(16, seconds_to_frames(HOP_SECONDS, rate))


def _n_fft(rate: int) -> int:
    return 8 * _hop(rate)  # ~21 ms: sharp enough in time, fine enough in frequency for onsets


def _envelope(audio: np.ndarray, rate: int):
    import librosa

    return librosa.onset.onset_strength(y=np.asarray(audio, dtype=np.float32), sr=rate, hop_length=_hop(rate),
                                        n_fft=_n_fft(rate))


def first_strong_onset(audio: np.ndarray, rate: int, search: int) -> int | None:
    """Sample index of the first strong attack in ``audio[:search]``, or None.

    librosa's onsets say *where* something starts; how strong it is is judged by level, not by
    spectral flux (flux is in dB, so a noise floor starting out of silence looks like a hit): an
    onset is strong when the level peak right after it is within 6 dB of the clip's loudest.
    Audio that is already that loud in its first 10 ms starts on a hit: nothing to drop.
    """
    import librosa

    audio = np.asarray(audio, dtype=np.float32)
    hop, n_fft = _hop(rate), _n_fft(rate)
    level = librosa.feature.rms(y=audio, frame_length=n_fft // 2, hop_length=hop)[0]
    loudest = float(level.max())
    if loudest <= 0 or level[: max(1, round(0.010 * rate / hop))].max() >= STRONG * loudest:
        return 0 if loudest > 0 else None
    frames = librosa.onset.onset_detect(onset_envelope=_envelope(audio, rate), sr=rate, hop_length=hop,
                                        units="frames")
    after = max(1, round(0.050 * rate / hop))
    for frame in frames:
        centre = int(frame) * hop
        if centre - n_fft > search:
            return None
        if level[frame: frame + after].max() >= STRONG * loudest:
            return _attack_sample(audio, max(0, centre - n_fft), min(len(audio), centre + n_fft))
    return None


def _attack_sample(audio: np.ndarray, lo: int, hi: int) -> int:
    """Where the attack inside ``audio[lo:hi]`` starts: the first sample above half the span's peak,
    measured over the rise from the span's quietest stretch (so a lead-in's level does not count)."""
    span = np.abs(np.asarray(audio[lo:hi], dtype=np.float64))
    peak_at = int(np.argmax(span))
    before = span[: peak_at + 1]
    floor = np.percentile(before, 20) if len(before) > 4 else 0.0
    threshold = floor + 0.5 * (span[peak_at] - floor)
    return lo + int(np.argmax(before >= threshold))


def find_alignment(audio: np.ndarray, rate: int, keep: int) -> tuple[int | None, dict]:
    """Where the first strong onset is, such that at least ``keep`` samples follow it (None: none
    there), and what that means for the sidecar."""
    search = len(audio) - keep
    onset = first_strong_onset(audio, rate, search) if search > 0 else None
    if onset is None or onset > search:
        return None, {"mode": "onset", "shift_s": 0.0,
                      "note": f"no strong onset in the first {search / rate:.3f} s; start unchanged"}
    return onset, {"mode": "onset", "shift_s": round(onset / rate, 6)}


def align_to_onset(audio: np.ndarray, rate: int, keep: int) -> tuple[np.ndarray, dict]:
    """Drop the lead-in before the first strong onset, keeping at least ``keep`` samples.

    Returns the shifted audio and what was done (for the sidecar).
    """
    onset, info = find_alignment(audio, rate, keep)
    return (audio if onset is None else audio[onset:]), info


def describe_rhythm(audio: np.ndarray, rate: int) -> dict:
    """Estimated tempo (BPM) and onset times (s) of the final audio, for the sidecar."""
    import librosa

    audio = np.asarray(audio, dtype=np.float32)
    hop = _hop(rate)
    onsets = librosa.onset.onset_detect(onset_envelope=_envelope(audio, rate), sr=rate, hop_length=hop,
                                        units="time", backtrack=True)
    if first_strong_onset(audio, rate, 0) == 0 and (len(onsets) == 0 or onsets[0] > 0.02):
        onsets = np.concatenate([[0.0], onsets])  # a hit right at the start has no rise for the detector to see
    # ~5 ms hop: fine enough that the tempo's lag grid is under 1 BPM at 120, cheaper than the onset hop.
    tempo_hop = 2 * hop
    envelope = librosa.onset.onset_strength(y=audio, sr=rate, hop_length=tempo_hop)
    tempo = librosa.feature.tempo(onset_envelope=envelope, sr=rate, hop_length=tempo_hop)
    return {"tempo_bpm": round(float(np.atleast_1d(tempo)[0]), 3),
            "onsets_s": [round(float(t), 4) for t in onsets[:MAX_ONSETS_RECORDED]]}
