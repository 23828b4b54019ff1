"""Request → DAW-ready files: the engine's front door.

One :class:`RenderRequest` becomes ``variations`` files. The data path, one module per stage:

    sampler (16 kHz) → resample (soxr) → edit (exact length, loop or fades) → loudness → writer

Requests whose sampling parameters match (:meth:`RenderRequest.batch_key`) can be rendered as one
batch; each result is the same as rendering it alone.
"""

from __future__ import annotations

import datetime as _dt
import secrets
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import __version__
import soundfile as sf

from .edit import apply_fades, fit_length, loop_preroll_samples, make_loop
from .errors import EngineError, InvalidInput
from .length import DEFAULT_LIMITS, MODEL_RATE, LengthLimits, MusicalLength, frames_for_samples
from .loudness import check_settings, integrated_lufs, normalize, true_peak_dbtp
from .models import AudioLDMComponents, load_model
from .resample import check_rate, resample
from .sampler import MAX_VARIATIONS, SEED_RANGE, AudioLDMSampler, SamplingJob, check_job, normalize_scheduler_name
from .writer import check_format, output_name, publish_with_sidecar, stage_audio

#: A fresh random suffix is tried this many times when a file name is taken.
NAME_ATTEMPTS = 8
MAX_NAME_HINT_CHARS = 200
#: Rounding to 16/24-bit can lift a sample at the ceiling by half a step (0.0003 dB at 16 bit);
#: aiming this much lower keeps the *file's* true peak under the ceiling.
_QUANTIZATION_MARGIN_DB = {"wav16": 0.01, "wav24": 0.001, "flac": 0.001, "wav32f": 0.0}


#: The live lane's common lengths: 1, 2 and 4 bars of 4/4 at 120 BPM (2, 4 and 8 s). A compiled
#: engine warms these shapes up at start so a performance never waits on a compile.
LIVE_WARM_UP_LENGTHS = tuple(MusicalLength.from_bars(bars, bpm=120) for bars in (1, 2, 4))


@dataclass
class RenderRequest:
    """Everything one generation needs; defaults are what a musician gets without asking."""

    prompt: str
    length: MusicalLength
    out_dir: Path
    negative_prompt: str = ""
    steps: int = 10
    guidance: float = 2.5
    variations: int = 1
    seed: int | None = None
    eta: float = 0.0
    scheduler: str = "ddim"
    sample_rate: int = 48000
    channels: int = 1
    format: str = "wav24"
    loudness: str = "lufs"
    target: float | None = None
    ceiling_dbtp: float = -1.0
    loop: bool = False
    fade_in_ms: float = 2.0
    fade_out_ms: float = 10.0
    name_hint: str | None = None
    seeds: list[int] = field(default_factory=list)

    def check_inputs(self) -> None:
        """Validate and normalize in place; every message names the field and its bad value."""
        if not isinstance(self.length, MusicalLength):
            raise InvalidInput(f"length must be a MusicalLength, got {self.length!r}")
        if isinstance(self.variations, bool) or not isinstance(self.variations, int) or not (
            1 <= self.variations <= MAX_VARIATIONS
        ):
            raise InvalidInput(f"variations must be an integer 1..{MAX_VARIATIONS}, got {self.variations!r}")
        if self.seed is not None and (isinstance(self.seed, bool) or not isinstance(self.seed, int)
                                      or not 0 <= self.seed < SEED_RANGE):
            raise InvalidInput(f"seed must be an integer 0..{SEED_RANGE - 1}, got {self.seed!r}")
        check_rate(self.sample_rate)
        if self.channels not in (1, 2) or isinstance(self.channels, bool):
            raise InvalidInput(f"channels must be 1 (mono) or 2 (dual-mono stereo), got {self.channels!r}")
        check_format(self.format)
        check_settings(self.loudness, self.target, self.ceiling_dbtp)
        if self.name_hint is not None and (not isinstance(self.name_hint, str)
                                           or len(self.name_hint) > MAX_NAME_HINT_CHARS):
            raise InvalidInput(f"name must be text of at most {MAX_NAME_HINT_CHARS} characters, got {self.name_hint!r:.80}")
        for name in ("fade_in_ms", "fade_out_ms"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1000:
                raise InvalidInput(f"{name} must be 0..1000 ms, got {value!r}")
        self.scheduler = normalize_scheduler_name(self.scheduler)
        if not self.seeds:
            base = self.seed if self.seed is not None else secrets.randbelow(SEED_RANGE)
            self.seeds = [(base + k) % SEED_RANGE for k in range(self.variations)]
        check_job(self.sampling_job())  # prompt, steps, guidance, eta…: refused now, not after queuing

    def output_samples(self) -> int:
        return self.length.samples(self.sample_rate)

    def sampling_job(self) -> SamplingJob:
        """What the sampler must produce: enough 16 kHz audio for the exact length (after a loop's pre-roll)."""
        needed = self.output_samples() + (loop_preroll_samples(self.output_samples(), self.sample_rate)
                                          if self.loop else 0)
        # No extra frames for the resampler: HiFi-GAN's transposed convolutions already leave 32
        # samples past frames × 160, and an extra frame would cost a whole 40 ms grid step
        # (5.12 s would decode 516 frames instead of the pipeline's 512).
        model_samples = -(-needed * MODEL_RATE // self.sample_rate)
        return SamplingJob(
            prompt=self.prompt, negative_prompt=self.negative_prompt, frames=frames_for_samples(model_samples),
            seeds=list(self.seeds), steps=self.steps, guidance=self.guidance, eta=self.eta, scheduler=self.scheduler,
        )


@dataclass
class RenderedFile:
    """One written file and the metadata of its sidecar."""

    path: Path
    sidecar: Path
    metadata: dict

    def as_dict(self) -> dict:
        """What clients get: both paths plus the sidecar data."""
        return {"path": str(self.path), "sidecar": str(self.sidecar), **self.metadata}


ProgressCallback = Callable[[int, int], None]


class Engine:
    """A resident model plus the post-processing chain. Not thread-safe: one worker calls it."""

    def __init__(self, components: AudioLDMComponents, limits: LengthLimits = DEFAULT_LIMITS):
        self.components = components
        self.sampler = AudioLDMSampler(components)
        self.limits = limits

    @classmethod
    def from_pretrained(cls, model_id: str, device: str = "auto", dtype: str = "auto", compile: bool | str = False,
                        **kwargs) -> "Engine":
        return cls(load_model(model_id, device=device, dtype=dtype, compile=compile), **kwargs)

    @property
    def model_id(self) -> str:
        return self.components.model_id

    def warm_up(self, lengths: Sequence[MusicalLength] | None = None, sample_rate: int = 48000) -> list[int]:
        """Throwaway one-step generations so first requests do not pay for lazy initialisation.

        A compiled model compiles once per input shape, which would stall the first request of each
        length for seconds to minutes: it warms up ``lengths`` (default :data:`LIVE_WARM_UP_LENGTHS`,
        what a performance asks for) at one variation. Returns the frame counts warmed up.
        """
        if lengths is None:
            lengths = LIVE_WARM_UP_LENGTHS if self.components.compiled else ()
        frames = sorted({RenderRequest(prompt="warm up", length=length, out_dir=Path("."), seeds=[0],
                                       sample_rate=sample_rate).sampling_job().frames for length in lengths}) or [16]
        for count in frames:
            self.sampler([SamplingJob(prompt="warm up", frames=count, seeds=[0], steps=1)])
        return frames

    def render(self, request: RenderRequest, progress: ProgressCallback | None = None,
               should_cancel: Callable[[], bool] | None = None) -> list[RenderedFile]:
        return self.render_batch([request], progress, should_cancel)[0]

    def render_batch(self, requests: Sequence[RenderRequest], progress: ProgressCallback | None = None,
                     should_cancel: Callable[[], bool] | None = None) -> list[list[RenderedFile]]:
        """Render compatible requests in one sampler batch; returns files per request."""
        waveforms, sampling_seconds = self.sample(requests, progress, should_cancel)
        return [self.deliver_all(request, waves, sampling_seconds / len(requests))
                for request, waves in zip(requests, waveforms)]

    def sample(self, requests: Sequence[RenderRequest], progress: ProgressCallback | None = None,
               should_cancel: Callable[[], bool] | None = None) -> tuple[list[list[np.ndarray]], float]:
        """The model part of a batch: 16 kHz waveforms per request and variation, and the time it took."""
        for request in requests:
            request.check_inputs()
            request.length.check(self.limits)
        return self.sample_jobs([request.sampling_job() for request in requests], progress, should_cancel)

    def sample_jobs(self, jobs: Sequence[SamplingJob], progress: ProgressCallback | None = None,
                    should_cancel: Callable[[], bool] | None = None) -> tuple[list[list[np.ndarray]], float]:
        """Sample validated jobs as one batch: waveforms per job and variation, and the time it took."""
        started = time.perf_counter()
        waveforms = self.sampler(jobs, callback=progress, should_cancel=should_cancel)
        return waveforms, time.perf_counter() - started

    def deliver_all(self, request: RenderRequest, waves: Sequence[np.ndarray],
                    sampling_seconds: float = 0.0) -> list[RenderedFile]:
        return [self.deliver(request, wave, seed, variation, sampling_seconds)
                for variation, (wave, seed) in enumerate(zip(waves, request.seeds))]

    def deliver(self, request: RenderRequest, wave16k: np.ndarray, seed: int, variation: int,
                sampling_seconds: float = 0.0) -> RenderedFile:
        """Post-process one 16 kHz waveform into a written file with its sidecar."""
        timings = {"sampling": sampling_seconds}
        clock = time.perf_counter()

        def lap(stage):
            nonlocal clock
            now = time.perf_counter()
            timings[stage] = now - clock
            clock = now

        rate, n = request.sample_rate, request.output_samples()
        audio = resample(wave16k, MODEL_RATE, rate)
        lap("resample")
        if request.loop:
            audio = make_loop(audio, n, rate)
        else:
            audio = apply_fades(fit_length(audio, n), rate, request.fade_in_ms, request.fade_out_ms)
        if request.channels == 2:  # before loudness: BS.1770 sums channels, so measure what is written
            audio = np.stack([audio, audio], axis=1)
        lap("edit")
        audio, report = normalize(audio, rate, mode=request.loudness, target=request.target,
                                  ceiling_dbtp=request.ceiling_dbtp - _QUANTIZATION_MARGIN_DB[request.format],
                                  circular=request.loop)
        lap("loudness")

        out_dir = Path(request.out_dir).expanduser()
        out_dir.mkdir(parents=True, exist_ok=True)
        staged = stage_audio(out_dir, audio, rate, request.format)
        try:
            # The sidecar states what the file on disk measures (after quantization), as a meter would.
            written, _ = sf.read(staged, dtype="float64", always_2d=False)
            measured = {"lufs": _finite_or_none(integrated_lufs(written, rate)),
                        "true_peak_dbtp": _finite_or_none(true_peak_dbtp(written, rate, circular=request.loop))}
            lap("write")
            for _ in range(NAME_ATTEMPTS):
                path = out_dir / output_name(request.prompt, seed, uuid.uuid4().hex[:6], request.format,
                                             name_hint=request.name_hint)
                metadata = self._metadata(request, path, seed, variation, report, measured, written.shape[0], timings)
                try:
                    path, sidecar = publish_with_sidecar(staged, path, metadata)
                    break
                except FileExistsError:
                    continue  # the name is taken: nothing was published; another suffix
            else:
                raise EngineError(f"could not find a free file name in {out_dir} after {NAME_ATTEMPTS} tries",
                                  code="internal")
        finally:
            staged.unlink(missing_ok=True)
        return RenderedFile(path=path, sidecar=sidecar, metadata=metadata)

    def _metadata(self, request, path, seed, variation, report, measured, samples, timings) -> dict:
        c = self.components
        meta = {
            "file": path.name,
            "prompt": request.prompt,
            "negative_prompt": request.negative_prompt,
            "seed": seed,
            "variation": variation,
            "steps": request.steps,
            "guidance": request.guidance,
            "eta": request.eta,
            "scheduler": request.scheduler,
            "model": c.model_id,
            "test_model": c.is_test_model,
            **request.length.as_dict(),
            "samples": samples,
            "sample_rate": request.sample_rate,
            "channels": request.channels,
            "format": request.format,
            "loop": request.loop,
            "loudness_mode": report.mode,
            "loudness_target": report.target,
            "true_peak_ceiling_dbtp": request.ceiling_dbtp,
            **measured,
            "gain_db": report.gain_db,
            "limited": report.limited,
            "loudness_note": report.note,
            "device": str(c.device),
            "dtype": c.dtype_name,
            "timings_s": {k: round(v, 6) for k, v in timings.items()},
            "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "engine": f"audioldm-bridge {__version__}",
        }
        if c.is_test_model:
            from .tiny import TEST_MODEL_LABEL

            meta["note"] = TEST_MODEL_LABEL
        return meta


def _finite_or_none(value: float) -> float | None:
    return value if np.isfinite(value) else None
