"""Edits of audio already on the track: what the sampler sees, and how its result goes back.

Three modes, all from an ``init_audio`` file (read by :mod:`engine.audio_in`):

* ``transfer`` (style transfer, AudioLDM's ``style_transfer``): the whole clip, trimmed or looped
  to the requested length, noised to the step ``strength`` selects and denoised with the prompt;
  the result is a new sound (loudness-normalised like a generation).
* ``repaint`` (the paper's inpainting): the region [start, end) is regenerated while the latent
  frames around it are re-imposed at every step, so the new audio continues what surrounds it.
* ``extend``: a region appended after the clip is generated the same way (continue N bars).

For repaint and extend the model sees a *window*: the region plus up to :data:`CONTEXT_SECONDS` of
known audio on each side, on the 40 ms latent grid (a repaint in a long REAPER item costs what a
short clip costs). The file written is the input's own samples outside the region — untouched,
full band, at the input's level — and the model's audio inside it, scaled back to the input's
level, with short equal-gain crossfades at the seams, *inside* the region for a repaint and over
the input's last :data:`SEAM_MS` for an extend (there is nothing after the input to fade into).
With loudness off (their default) the model's audio is held under the true-peak ceiling before it
is stitched in, so a hot take keeps its own samples too.
The VAE and vocoder never reproduce an input exactly, so stitching beats decoding the kept part.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .audio_in import LATENT_HOP, InputAudio, fit_to, prepare_waveform, to_model_rate
from .errors import InvalidInput
from .length import MODEL_RATE, exact, frames_for_samples, seconds_to_frames

MODES = ("transfer", "repaint", "extend")
#: Known audio the model sees on each side of a repaint (before an extension): enough for
#: AudioLDM's receptive field to carry timbre and rhythm across the seam.
CONTEXT_SECONDS = Fraction(512, 100)
SEAM_MS = 20.0
#: Default strength per mode: AudioLDM's own default for style transfer; a repaint regenerates fully.
DEFAULT_STRENGTH = {"transfer": 0.5, "repaint": 1.0, "extend": 1.0}


@dataclass(frozen=True)
class EditPlan:
    """Where an edit happens, in 16 kHz samples on the output timeline."""

    mode: str
    input_seconds: Fraction
    output_seconds: Fraction
    region: tuple[Fraction, Fraction] | None = None  # seconds regenerated (repaint/extend)
    window_start: int = 0  # first 16 kHz sample the model sees (a multiple of 640)
    window_end: int = 0  # one past the last (repaint/extend; transfer: the job's own length)

    @property
    def frames(self) -> int:
        return frames_for_samples(self.window_end - self.window_start)

    @property
    def context_seconds(self) -> tuple[float, float]:
        """Known audio the model sees before and after the region (an extend: none after)."""
        before = math.floor(self.region[0] * MODEL_RATE) - self.window_start
        after = max(0, self.window_end - math.ceil(self.region[1] * MODEL_RATE))
        return before / MODEL_RATE, after / MODEL_RATE

    def keep_mask(self, frames: int) -> np.ndarray | None:
        """1 per kept latent frame, 0 per regenerated one; None for a transfer (nothing is kept)."""
        if self.mode == "transfer":
            return None
        hop = LATENT_HOP
        first = math.floor(self.region[0] * MODEL_RATE) - self.window_start
        last = math.ceil(self.region[1] * MODEL_RATE) - self.window_start
        keep = np.ones(frames // 4, dtype=np.float32)
        end = len(keep) if self.mode == "extend" else -(-last // hop)
        keep[first // hop: end] = 0.0
        return keep


def plan_edit(mode: str, input_seconds: Fraction, output_seconds: Fraction,
              region: tuple[Fraction, Fraction] | None = None, max_window: Fraction | None = None) -> EditPlan:
    """The model window for an edit (transfer: the whole output).

    ``max_window`` (seconds, the length limit): the context on each side shrinks, in 40 ms steps,
    until the window fits; a region that does not fit even without context keeps none (its window is
    the region on the 40 ms grid: the caller limits the region itself)."""
    if mode not in MODES:
        raise InvalidInput(f"edit mode must be one of {', '.join(MODES)}, got {mode!r}")
    if mode == "transfer":
        return EditPlan(mode, input_seconds, output_seconds)
    start, end = region
    first, last = math.floor(start * MODEL_RATE), math.ceil(end * MODEL_RATE)
    limit = math.ceil((output_seconds if mode == "extend" else input_seconds) * MODEL_RATE)
    # the model's frames come in whole latent hops: a window of at most this many fits the limit
    most = None if max_window is None else math.floor(max_window * MODEL_RATE) // LATENT_HOP * LATENT_HOP
    full = math.ceil(CONTEXT_SECONDS * MODEL_RATE)
    for context in [*range(full, 0, -LATENT_HOP), 0]:
        window_start = max(0, first - context) // LATENT_HOP * LATENT_HOP
        window_end = min(limit, last + context)
        if most is None or window_end - window_start <= most:
            break
    return EditPlan(mode, input_seconds, output_seconds, (start, end), window_start, window_end)


@dataclass
class PreparedInit:
    """The init audio ready for the VAE, plus what stitching needs."""

    source: InputAudio
    wave16k: np.ndarray  # the model's window, level-prepared, frames × 160 samples
    gain: float  # applied to reach the 0.5 peak; the model's audio is divided by it again


def prepare(plan: EditPlan, source: InputAudio, frames: int) -> PreparedInit:
    """The 16 kHz, level-prepared waveform of the model's window, exactly ``frames`` × 160 samples."""
    wave16k = to_model_rate(source.audio, source.rate)
    samples = frames * 160
    if plan.mode == "transfer":
        window = fit_to(wave16k, samples, loop=True)  # trimmed or looped to the requested length
    else:
        window = fit_to(wave16k[plan.window_start: plan.window_end], samples, loop=False)
    wave, gain = prepare_waveform(window)
    return PreparedInit(source, wave, gain)


@dataclass
class Stitched:
    """A repaint/extend's output audio, and where the model's audio went into it."""

    audio: np.ndarray
    span: tuple[int, int]  # output samples [first, stop) that hold model audio (crossfades included)
    gain_reduction_db: float = 0.0  # the largest the limiter took from the model's audio (0: none)


def stitch(plan: EditPlan, init: PreparedInit, generated16k: np.ndarray, rate: int, samples: int,
           channels: int = 1, ceiling_dbtp: float | None = None) -> Stitched:
    """Repaint/extend: the input's samples outside the region, the model's inside, ``samples`` long;
    with ``channels`` 2 a stereo input keeps both its channels (the model's mono audio goes to both).

    ``ceiling_dbtp``: the model's audio is held under this true peak (a lookahead limiter) before it
    is stitched in, so a hot take keeps every one of its own samples outside :attr:`Stitched.span`."""
    from .edit import fit_length
    from .loudness import limit
    from .resample import resample

    source = init.source
    kept = source.audio
    if channels == 2:
        kept = source.stereo if source.stereo is not None else np.stack([source.audio, source.audio], axis=1)
    n_in = min(samples, seconds_to_frames(source.seconds, rate))
    original = fit_length(resample(kept, source.rate, rate), n_in) if source.rate != rate else \
        kept[:n_in].astype(np.float32)
    generated = resample(np.asarray(generated16k, dtype=np.float32) / init.gain, MODEL_RATE, rate)
    offset = seconds_to_frames(Fraction(plan.window_start, MODEL_RATE), rate)
    start = seconds_to_frames(plan.region[0], rate)
    end = samples if plan.mode == "extend" else min(samples, seconds_to_frames(plan.region[1], rate))
    seam = seconds_to_frames(exact(SEAM_MS, "seam") / 1000, rate)
    # a repaint crossfades inside its region; an extend over the input's last samples
    seam = min(seam, (end - start) // 2) if plan.mode == "repaint" else min(seam, start)
    first = start if plan.mode == "repaint" else start - seam
    used = generated[first - offset: end - offset]  # every model sample that reaches the file
    if len(used) < end - first:
        raise InvalidInput(f"the model produced {len(used) - (start - first)} samples for a "
                           f"{end - start}-sample region (bug)")
    reduction = 0.0
    if ceiling_dbtp is not None:
        used, reduction = limit(used, rate, ceiling_dbtp)
    if channels == 2:
        used = np.stack([used, used], axis=1)
    out = np.zeros((samples, channels) if channels == 2 else samples, dtype=np.float32)
    out[:n_in] = original
    piece = used[start - first:]
    out[start:end] = piece
    if seam:
        fade = _fade_in(seam, channels)
        if plan.mode == "repaint":
            out[start:start + seam] = original[start:start + seam] * (1 - fade) + piece[:seam] * fade
            out[end - seam:end] = piece[-seam:] * fade[::-1] + original[end - seam:end] * (1 - fade[::-1])
        else:
            out[start - seam:start] = original[start - seam:start] * (1 - fade) + used[:seam] * fade
    return Stitched(out, (first, end), reduction)


def _fade_in(n: int, channels: int = 1) -> np.ndarray:
    """Raised-cosine 0 → 1 over n samples (equal gain: the two sides are correlated at a seam);
    a column for (frames, channels) audio."""
    fade = (0.5 - 0.5 * np.cos(np.pi * (np.arange(n) + 0.5) / n)).astype(np.float32)
    return fade[:, None] if channels == 2 else fade
