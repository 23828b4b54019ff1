"""The musical-fit stage: what lands on the track follows the song's tempo and key.

Runs on the output-rate audio before exact length, loop and loudness (:mod:`engine.deliver`):

1. **Tempo** (``tempo_lock``): beats and the first downbeat are detected (:mod:`engine.beats`); where
   the pulse is clear and its tempo, octave-folded, is within ±25 % of the target, the audio is
   warped along a time map that puts every detected beat on the request's grid — one constant
   stretch with the per-beat drift corrected in the same pass (:func:`engine.stretch.warp`) — with
   the first downbeat on the output's first sample (after a loop's pre-roll).
2. **Key** (``key``, ``key_lock``): the key is estimated (:mod:`engine.key`); where the material is
   tonal, it is shifted by the smallest interval onto the requested key or its relative.

Locks: ``off`` does nothing; ``auto`` leaves unrhythmic/atonal material (rain, pads) as it is and
says why; ``on`` applies whatever the confidence and says when it is low; ``report`` measures and
records but changes nothing (a DAW client then applies its own stretch markers / take pitch).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .beats import MAX_RELATION, detect_beats, fold_tempo
from .errors import InvalidInput
from .key import Key, estimate_key, parse_key, semitones_to
from .stretch import DEFAULT_METHOD, attacks, per_channel, pitch_shift, warp

LOCKS = ("off", "auto", "on", "report")
#: ``auto`` warps only above these confidences (calibrated on bench/fit_accuracy.py's set).
TEMPO_CONFIDENCE = 0.35
KEY_CONFIDENCE = 0.35


@dataclass
class FitSettings:
    tempo_lock: str = "off"
    target_bpm: float | None = None
    beats_per_bar: int | None = 4  # quarter notes in a bar, None when not whole (7/8)
    key_lock: str = "off"
    key: Key | None = None
    method: str = DEFAULT_METHOD

    @property
    def active(self) -> bool:
        return self.tempo_lock != "off" or self.key_lock != "off"

    @property
    def may_warp(self) -> bool:
        return self.tempo_lock in ("auto", "on")


def check_lock(name: str, value) -> str:
    if value not in LOCKS:
        raise InvalidInput(f"{name} must be one of {', '.join(LOCKS)}, got {value!r:.80}")
    return value


def settings_for(tempo_lock, key, key_lock, length) -> FitSettings | None:
    """A request's fit fields (validated; messages name the bad value) → settings, None if no fit.

    ``tempo_lock`` defaults to ``auto`` when the length has a tempo (bars at a BPM), ``key_lock``
    to ``auto`` when a key is given."""
    bpm = getattr(length, "bpm", None)
    if tempo_lock is None:
        tempo_lock = "auto" if bpm is not None else "off"
    check_lock("tempo_lock", tempo_lock)
    if tempo_lock != "off" and bpm is None:
        raise InvalidInput(f"tempo_lock {tempo_lock} needs a tempo: give bars/beats with bpm")
    parsed = parse_key(key) if key is not None else None
    if key_lock is None:
        key_lock = "auto" if parsed is not None else "off"
    check_lock("key_lock", key_lock)
    if key_lock != "off" and parsed is None:
        raise InvalidInput(f"key_lock {key_lock} needs a key, like 'D minor'")
    settings = FitSettings(tempo_lock=tempo_lock, key_lock=key_lock, key=parsed)
    if bpm is not None:
        settings.target_bpm = float(bpm)
        num, den = length.time_signature
        quarters = num * 4 / den
        settings.beats_per_bar = int(quarters) if quarters == int(quarters) else None
    return settings if settings.active else None


@dataclass
class Fitted:
    audio: np.ndarray
    start: int | None  # where the first downbeat is in ``audio`` (warped), else None
    info: dict = field(default_factory=dict)
    beats: list[float] = field(default_factory=list)  # beat times in ``audio``, seconds


def _mono(audio: np.ndarray) -> np.ndarray:
    return audio if audio.ndim == 1 else audio.mean(axis=1)


def fit(audio: np.ndarray, rate: int, settings: FitSettings, lead: int = 0, out_len: int | None = None) -> Fitted:
    """Run the stage on ``audio`` (mono or frames × channels, output rate).

    Warped audio has its first downbeat at sample ``lead`` (a loop's pre-roll comes before it) and
    ``out_len`` samples (default: as many as the source covers)."""
    import warnings

    result = Fitted(audio=np.asarray(audio, dtype=np.float64), start=None)
    with warnings.catch_warnings():  # librosa on very short clips ("n_fft is too large…"): nothing to act on
        warnings.simplefilter("ignore", UserWarning)
        if settings.tempo_lock != "off":
            _tempo(result, rate, settings, lead, out_len)
        if settings.key_lock != "off":
            _key(result, rate, settings)
    return result


def _tempo(result: Fitted, rate: int, s: FitSettings, lead: int, out_len: int | None) -> None:
    target = s.target_bpm
    found = detect_beats(result.audio, rate, target, s.beats_per_bar)
    info = {"lock": s.tempo_lock, "target_bpm": round(target, 3), "detected_bpm": found.bpm or None,
            "confidence": found.confidence, "beats_s": [], "downbeat_s": found.downbeat_s,
            "stretch_ratio": round(target / found.bpm, 4) if found.bpm else None, "action": "left", "reason": ""}
    result.info["tempo"] = info
    result.beats = list(found.beats_s)
    ratio = target / found.bpm if found.bpm else None
    related = ratio is not None and abs(ratio - 1) <= MAX_RELATION
    weak = found.confidence < TEMPO_CONFIDENCE
    if len(found.beats_s) < 4:
        info["reason"] = f"no steady beat found ({len(found.beats_s)} beats): left as it is"
        return
    if s.tempo_lock == "report":
        info["reason"] = "report only: measured, audio unchanged"
        return
    if s.tempo_lock == "auto" and weak:
        info["reason"] = (f"no clear beat (confidence {found.confidence:.2f} < {TEMPO_CONFIDENCE}): "
                          f"unrhythmic material left unwarped")
        return
    if s.tempo_lock == "auto" and not related:
        info["reason"] = (f"its tempo {found.bpm:.1f} BPM is more than {MAX_RELATION:.0%} from {target:g} BPM "
                          f"(even at half or double): left unwarped")
        return
    warped, start, beats, note = _warp(result.audio, rate, found, target, lead, out_len, s)
    result.audio, result.start, result.beats = warped, start, beats
    info["action"] = "warped"
    info["downbeat_s"] = round(start / rate, 6)
    reasons = [f"{found.bpm:.1f} BPM warped onto the {target:g} BPM grid, first downbeat on the grid's start"]
    if weak:
        reasons.append(f"low confidence {found.confidence:.2f}: the beat may be misread")
    if not related:
        reasons.append(f"a stretch of {ratio:.2f}x is beyond the ±{MAX_RELATION:.0%} that sounds natural")
    if note:
        reasons.append(note)
    info["reason"] = "; ".join(reasons)


def _warp(audio, rate, found, target, lead, out_len, s: FitSettings):
    """The time map (detected beats from the first downbeat → the grid) and the warped audio."""
    beats = np.array(found.beats_s) * rate
    period_out = 60.0 / target * rate
    src = beats[found.downbeat_index:]
    interval = np.median(np.diff(src)) if len(src) > 1 else period_out
    index = np.round((src - src[0]) / interval).astype(int)
    keep = np.concatenate([[True], np.diff(index) > 0])
    src, index = src[keep], index[keep]
    dst = lead + index * period_out
    if len(src) < 2:
        src, dst = np.array([src[0], src[0] + interval]), np.array([lead, lead + period_out])
    covered = int(lead + (len(audio) - src[0]) * period_out / interval)  # where the warped take ends
    needed = out_len if out_len is not None else covered
    cuts = attacks(_mono(audio), rate) if s.method == "transient" else None
    warped = per_channel(warp, audio, rate, src, dst, needed, s.method, cuts=cuts)
    note = ""
    if covered < needed:
        per_bar = (s.beats_per_bar or 1) * period_out
        warped, unit = repeat_to_length(warped, covered, needed, lead, per_bar, period_out, int(0.005 * rate))
        note = (f"the warped take ends {(needed - covered) / rate:.3f} s before the length asked: the "
                f"{unit} before that point repeated to fill it")
    grid = [round(float((lead + k * period_out) / rate), 5) for k in range(int(np.ceil((needed - lead) / period_out)))]
    return warped, lead, grid, note


def repeat_to_length(audio: np.ndarray, covered: int, needed: int, lead: int, per_bar: float, per_beat: float,
                     fade: int = 240) -> tuple[np.ndarray, str]:
    """Fill ``audio[covered:needed]`` by repeating what came a whole bar earlier (else whole beats),
    so the fill keeps the grid (a take slower than the target, squeezed onto it, ends early); a 5 ms
    crossfade at the seam. The sampler is not asked for more audio: the fill costs nothing."""
    have = covered - lead
    whole_bar = per_bar <= have
    unit = per_bar if whole_bar else per_beat * max(1, np.floor(have / per_beat))
    unit = int(round(min(unit, have))) if have > 0 else 0
    out = np.array(audio, dtype=np.float64)
    what = "bar" if whole_bar else "beats"
    if unit <= 0:
        return out, what
    fade = min(fade, unit // 4, covered - unit)
    for start in range(covered, needed, unit):
        stop = min(needed, start + unit)
        out[start:stop] = out[start - unit:stop - unit]
    if fade:
        ramp = np.linspace(0, 1, fade)[:, None] if out.ndim == 2 else np.linspace(0, 1, fade)
        seam = slice(covered - fade, covered)
        out[seam] = out[seam] * (1 - ramp) + out[covered - fade - unit:covered - unit] * ramp
    return out, what


def _key(result: Fitted, rate: int, s: FitSettings) -> None:
    est = estimate_key(result.audio, rate)
    shift = semitones_to(est.key, s.key)
    info = {"lock": s.key_lock, "target": s.key.name, "detected": est.key.name, "confidence": est.confidence,
            "semitones": shift, "action": "left", "reason": ""}
    result.info["key"] = info
    weak = est.confidence < KEY_CONFIDENCE
    if s.key_lock == "report":
        info["reason"] = "report only: measured, audio unchanged"
    elif s.key_lock == "auto" and weak:
        info["reason"] = (f"no clear key (confidence {est.confidence:.2f} < {KEY_CONFIDENCE}): "
                          f"atonal material left unshifted")
    elif shift == 0:
        same = "is" if est.key == s.key else f"is the relative {est.key.mode} of"
        info["reason"] = f"{est.key.name} {same} {s.key.name}: already in key"
    else:
        result.audio = per_channel(pitch_shift, result.audio, rate, shift, s.method)
        info["action"] = "shifted"
        info["reason"] = f"{est.key.name} shifted {shift:+d} semitones to {s.key.name}" + (
            f"; low confidence {est.confidence:.2f}: the key may be misread" if weak else "")


def describe(fitted: Fitted, start: int, rate: int, samples: int) -> dict:
    """The sidecar's ``fit`` object for the delivered file, whose sample 0 is ``start`` of the
    fitted audio and which holds ``samples`` samples: beat times moved and trimmed to it."""
    info = {k: dict(v) for k, v in fitted.info.items()}
    if "tempo" in info:
        end = samples / rate
        beats = [round(t - start / rate, 5) for t in fitted.beats]
        info["tempo"]["beats_s"] = [t for t in beats if 0 <= t < end]
        if info["tempo"]["downbeat_s"] is not None:
            info["tempo"]["downbeat_s"] = round(info["tempo"]["downbeat_s"] - start / rate, 6)
    return info
