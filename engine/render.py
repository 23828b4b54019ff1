"""Request → DAW-ready files: the engine's front door.

One :class:`RenderRequest` becomes ``variations`` files. The data path, one module per stage:

    [audio_in → init_audio: an init audio's latents]
    sampler (16 kHz) → [ranking: best of N by CLAP] → resample (soxr) → [align: onset to sample 0]
    → edit (exact length, loop or fades; init_audio: stitch a repaint/extend) → loudness → writer

Requests whose sampling parameters match (:meth:`RenderRequest.batch_key`) can be rendered as one
batch; each result is the same as rendering it alone.
"""

from __future__ import annotations

import datetime as _dt
import math
import secrets
import time
import uuid
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import __version__
import soundfile as sf

from .edit import apply_fades, fit_length, loop_preroll_samples, make_loop
from .errors import EngineError, InvalidInput
from .init_audio import DEFAULT_STRENGTH, EditPlan, PreparedInit, plan_edit, stitch
from .length import DEFAULT_LIMITS, MODEL_RATE, LengthLimits, MusicalLength, exact, frames_for_samples
from .loudness import LoudnessReport, check_settings, integrated_lufs, normalize, true_peak_dbtp
from .models import AudioLDMComponents, load_model
from .resample import check_rate, resample
from .sampler import MAX_VARIATIONS, SEED_RANGE, AudioLDMSampler, SamplingJob, check_job, normalize_scheduler_name
from .writer import check_format, clean_stale_parts_once, output_name, publish_with_sidecar, stage_audio

#: A fresh random suffix is tried this many times when a file name is taken.
NAME_ATTEMPTS = 8
MAX_NAME_HINT_CHARS = 200
#: Rounding to 16/24-bit can lift a sample at the ceiling by half a step (0.0003 dB at 16 bit);
#: aiming this much lower keeps the *file's* true peak under the ceiling.
_QUANTIZATION_MARGIN_DB = {"wav16": 0.01, "wav24": 0.001, "flac": 0.001, "wav32f": 0.0}
ALIGN_MODES = ("none", "onset")
#: How far past a file's end init_end may point and be read as its end (MP3/AAC priming and padding).
END_SLACK_S = Fraction(5, 100)

#: The live lane's common lengths: 1, 2 and 4 bars of 4/4 at 120 BPM (2, 4 and 8 s). A compiled
#: engine warms these shapes up at start so a performance never waits on a compile.
LIVE_WARM_UP_LENGTHS = tuple(MusicalLength.from_bars(bars, bpm=120) for bars in (1, 2, 4))


@dataclass
class RenderRequest:
    """Everything one generation needs; defaults are what a musician gets without asking."""

    prompt: str
    length: MusicalLength | None  # None only with init_audio: the input's own length
    out_dir: Path
    negative_prompt: str = ""
    steps: int = 10
    guidance: float = 2.5
    variations: int = 1
    seed: int | None = None
    eta: float = 0.0
    scheduler: str = "ddim"
    sample_rate: int = 48000
    channels: int | None = None  # 1; a repaint/extend of a stereo file keeps its 2 channels
    format: str = "wav24"
    loudness: str | None = None  # lufs; off for a repaint/extend (the take keeps its level)
    target: float | None = None
    ceiling_dbtp: float = -1.0
    loop: bool = False
    fade_in_ms: float = 2.0
    fade_out_ms: float = 10.0
    name_hint: str | None = None
    seeds: list[int] = field(default_factory=list)
    # Audio in (engine.init_audio): transfer when only init_audio is given, else repaint or extend.
    init_audio: Path | None = None
    init_start: float | None = None  # seconds into the file: the section read (a REAPER take's range)
    init_end: float | None = None
    strength: float | None = None  # default per mode: 0.5 transfer, 1 repaint/extend
    repaint_start: float | None = None  # seconds from the start of init_audio's range
    repaint_end: float | None = None
    extend: MusicalLength | None = None  # appended after init_audio
    best_of: int | None = None  # candidates ranked by CLAP; the best `variations` are kept
    align: str = "none"  # onset: the first strong onset moved to sample 0
    plan: EditPlan | None = field(default=None, init=False, repr=False)
    init_frames: tuple[int, int] | None = field(default=None, init=False, repr=False)  # [start, stop) read
    init_rate: int = field(default=0, init=False, repr=False)
    init_stamp: tuple | None = field(default=None, init=False, repr=False)  # (size, mtime) when accepted
    # Filled by Engine.prepare just before sampling: the init audio's latents and what stitching needs.
    prepared: PreparedInit | None = field(default=None, init=False, repr=False)
    init_latents: object = field(default=None, init=False, repr=False)
    keep: object = field(default=None, init=False, repr=False)

    def check_inputs(self) -> None:
        """Validate and normalize in place; every message names the field and its bad value."""
        if isinstance(self.variations, bool) or not isinstance(self.variations, int) or not (
            1 <= self.variations <= MAX_VARIATIONS
        ):
            raise InvalidInput(f"variations must be an integer 1..{MAX_VARIATIONS}, got {self.variations!r}")
        if self.best_of is not None and (isinstance(self.best_of, bool) or not isinstance(self.best_of, int)
                                         or not self.variations <= self.best_of <= MAX_VARIATIONS):
            raise InvalidInput(f"best_of must be an integer {self.variations}..{MAX_VARIATIONS} "
                               f"(at least variations), got {self.best_of!r}")
        if self.align not in ALIGN_MODES:
            raise InvalidInput(f"align must be one of {', '.join(ALIGN_MODES)}, got {self.align!r}")
        self._check_edit()
        if not isinstance(self.length, MusicalLength):
            raise InvalidInput(f"length must be a MusicalLength, got {self.length!r}")
        if self.seed is not None and (isinstance(self.seed, bool) or not isinstance(self.seed, int)
                                      or not 0 <= self.seed < SEED_RANGE):
            raise InvalidInput(f"seed must be an integer 0..{SEED_RANGE - 1}, got {self.seed!r}")
        check_rate(self.sample_rate)
        if self.channels is None:
            self.channels = 1
        if self.channels not in (1, 2) or isinstance(self.channels, bool):
            raise InvalidInput(f"channels must be 1 (mono) or 2 (dual-mono stereo), got {self.channels!r}")
        check_format(self.format)
        if self.loudness is None:
            self.loudness = "off" if self.edit_mode() in ("repaint", "extend") else "lufs"
        check_settings(self.loudness, self.target, self.ceiling_dbtp)
        if self.name_hint is not None:
            if not isinstance(self.name_hint, str):
                raise InvalidInput(f"name must be text, got {self.name_hint!r:.80}")
            self.name_hint = shorten_name_hint(self.name_hint)
        for name in ("fade_in_ms", "fade_out_ms"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1000:
                raise InvalidInput(f"{name} must be 0..1000 ms, got {value!r}")
        self.scheduler = normalize_scheduler_name(self.scheduler)
        if not self.seeds:
            base = self.seed if self.seed is not None else secrets.randbelow(SEED_RANGE)
            self.seeds = [(base + k) % SEED_RANGE for k in range(self.best_of or self.variations)]
        check_job(self.sampling_job())  # prompt, steps, guidance, eta…: refused now, not after queuing

    def edit_mode(self) -> str | None:
        """None (plain generation), transfer, repaint or extend."""
        if self.init_audio is None:
            return None
        if self.extend is not None:
            return "extend"
        if self.repaint_start is not None or self.repaint_end is not None:
            return "repaint"
        return "transfer"

    def _check_edit(self) -> None:
        from .audio_in import probe

        mode = self.edit_mode()
        if mode is None:
            for name in ("strength", "init_start", "init_end", "repaint_start", "repaint_end", "extend"):
                if getattr(self, name) is not None:
                    raise InvalidInput(f"{name} needs init_audio (the audio to transform, repaint or extend)")
            return
        if self.plan is not None:  # checked before (a request is validated where it arrives and runs)
            return
        self.init_stamp = _stamp(Path(self.init_audio))
        frames, rate, channels = probe(Path(self.init_audio))
        self.init_frames = first, stop = self._init_range(frames, rate, channels)
        input_seconds = Fraction(stop - first, self.init_rate)
        if self.strength is None:
            self.strength = DEFAULT_STRENGTH[mode]
        if isinstance(self.strength, bool) or not isinstance(self.strength, (int, float)) or not (
                0 <= self.strength <= 1):
            raise InvalidInput(f"strength must be a number 0..1, got {self.strength!r}")
        self.strength = float(self.strength)
        region = None
        if mode == "transfer":
            if self.length is None:
                self.length = MusicalLength(seconds=input_seconds)
        else:
            if self.length is not None:
                raise InvalidInput(f"a {mode} takes its length from init_audio (and extend): give no seconds/bars")
            if self.loop or self.align != "none":
                raise InvalidInput(f"loop and align apply to new audio, not to a {mode} of init_audio")
            if self.channels is None:  # the take keeps its own channels (more than 2 are mixed to mono)
                self.channels = 2 if channels == 2 else 1
            if mode == "extend":
                if self.repaint_start is not None or self.repaint_end is not None:
                    raise InvalidInput("give either repaint_start/repaint_end or extend, not both")
                if not isinstance(self.extend, MusicalLength) or self.extend.seconds <= 0:
                    raise InvalidInput(f"extend must be a positive length, got {self.extend!r}")
                region = (input_seconds, input_seconds + self.extend.seconds)
                self.length = MusicalLength(seconds=region[1])
            else:
                if self.repaint_start is None or self.repaint_end is None:
                    raise InvalidInput("a repaint needs both repaint_start and repaint_end (seconds)")
                start, end = exact(self.repaint_start, "repaint_start"), exact(self.repaint_end, "repaint_end")
                if input_seconds < end <= input_seconds + Fraction(1, self.init_rate):
                    end = input_seconds  # the input's end, given where a DAW's item ends: between two samples
                if not 0 <= start < end <= input_seconds:
                    raise InvalidInput(f"repaint region must satisfy 0 <= start < end <= {float(input_seconds):g} s "
                                       f"(init_audio's length), got {self.repaint_start}..{self.repaint_end}")
                region = (start, end)
                self.length = MusicalLength(seconds=input_seconds)
        self.plan = plan_edit(mode, input_seconds, self.length.seconds, region)

    def _init_range(self, frames: int, rate: int, channels: int) -> tuple[int, int]:
        """init_start/init_end (seconds, default the whole file) → frames [first, stop) of the file."""
        from .audio_in import check_range_length

        self.init_rate = rate
        file_seconds = Fraction(frames, rate)
        start = Fraction(0) if self.init_start is None else exact(self.init_start, "init_start")
        end = file_seconds if self.init_end is None else exact(self.init_end, "init_end")
        if start < 0:
            raise InvalidInput(f"init_start must be >= 0 s, got {self.init_start!r}")
        if start >= end:
            raise InvalidInput(f"init_audio's range needs init_start < init_end, got {float(start):g}..{float(end):g} s")
        first, stop = math.floor(start * rate + Fraction(1, 2)), math.floor(end * rate + Fraction(1, 2))
        if stop > frames + math.ceil(END_SLACK_S * rate):
            raise InvalidInput(f"init_end {float(end):g} s is past the end of init_audio ({float(file_seconds):g} s)")
        # A DAW may see a compressed file a few ms longer than libsndfile does (encoder delay and padding).
        stop = min(stop, frames)
        if first >= stop:
            raise InvalidInput(f"init_audio's range {float(start):g}..{float(end):g} s holds no whole sample")
        check_range_length(stop - first, rate, channels)
        return first, stop

    def check_length(self, limits: LengthLimits) -> None:
        """The length limits apply to what the model generates: a repaint's region or an extension
        (their context shrinks to keep the model's window within the limit), else the clip."""
        plan = self.plan
        if plan is None or plan.mode == "transfer":
            self.length.check(limits)
            return
        start, end = plan.region
        longest = exact(limits.max_seconds, "max_seconds")
        if end - start > longest:
            what = (f"a repaint region must be at most {limits.max_seconds:g} s (what the model generates at once), "
                    f"got {float(end - start):g} s ({self.repaint_start}..{self.repaint_end} s)"
                    if plan.mode == "repaint" else
                    f"an extension must be at most {limits.max_seconds:g} s (what the model generates at once), "
                    f"got {float(end - start):g} s")
            raise InvalidInput(what)
        fitted = plan_edit(plan.mode, plan.input_seconds, plan.output_seconds, plan.region, max_window=longest)
        if fitted != plan:  # planned without the limits when accepted: nothing prepared for it may be kept
            self.plan, self.prepared, self.init_latents, self.keep = fitted, None, None, None
        window = Fraction(fitted.window_end - fitted.window_start, MODEL_RATE)
        if window < exact(limits.min_seconds, "min_seconds"):
            MusicalLength(seconds=window).check(limits)

    def output_samples(self) -> int:
        return self.length.samples(self.sample_rate)

    def needed_samples(self) -> int:
        """Output-rate samples to generate: the exact length plus a loop's pre-roll and an onset lookahead."""
        from .align import lookahead_samples

        n = self.output_samples()
        return (n + (loop_preroll_samples(n, self.sample_rate) if self.loop else 0)
                + (lookahead_samples(self.sample_rate) if self.align == "onset" else 0))

    def sampling_job(self) -> SamplingJob:
        """What the sampler must produce: enough 16 kHz audio for the exact length (or an edit's window)."""
        if self.plan is not None and self.plan.mode != "transfer":
            frames = self.plan.frames
        else:
            # No extra frames for the resampler: HiFi-GAN's transposed convolutions already leave 32
            # samples past frames × 160, and an extra frame would cost a whole 40 ms grid step
            # (5.12 s would decode 516 frames instead of the pipeline's 512).
            frames = frames_for_samples(-(-self.needed_samples() * MODEL_RATE // self.sample_rate))
        return SamplingJob(
            prompt=self.prompt, negative_prompt=self.negative_prompt, frames=frames,
            seeds=list(self.seeds), steps=self.steps, guidance=self.guidance, eta=self.eta, scheduler=self.scheduler,
            strength=self.strength if self.plan is not None else 1.0,
            init_latents=self.init_latents, keep=self.keep,
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

    def __init__(self, components: AudioLDMComponents, limits: LengthLimits = DEFAULT_LIMITS,
                 ranking_model: str | None = None):
        self.components = components
        self.sampler = AudioLDMSampler(components)
        self.limits = limits
        self._set_ranking(ranking_model, components.device)

    def _set_ranking(self, ranking_model: str | None, device) -> None:
        """The CLAP model for best-of ranking, loaded at the first request that asks (the test model
        ranks with a tiny random CLAP of its own), and the device it will run on."""
        from .ranking import DEFAULT_RANKING_MODEL

        self.ranking_model = ranking_model or ("tiny" if self.components.is_test_model else DEFAULT_RANKING_MODEL)
        self.ranking_device = device
        self._ranker = None

    @property
    def ranker(self):
        if self._ranker is None:
            from .ranking import load_ranker

            self._ranker = load_ranker(self.ranking_model, device=self.ranking_device)
        return self._ranker

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
            request.check_length(self.limits)
        for request in requests:
            self.prepare(request)
        return self.sample_jobs([request.sampling_job() for request in requests], progress, should_cancel)

    def prepare(self, request: RenderRequest, encode: Callable | None = None) -> None:
        """What must happen before a request's first step (idempotent): load the ranking model for
        best_of (or fail with model_unavailable now), and read the init audio through AudioLDM's
        front end and the VAE encoder into latents that its sampling jobs carry.

        ``encode`` (log-mel → one clip's latents) runs the VAE encoder elsewhere: on the model
        replica that samples the batch, where the front (bridge.ray_backend) holds no model."""
        if request.best_of is not None:
            self.ranker  # noqa: B018
        if request.plan is None or request.init_latents is not None:
            return
        if request.plan.mode == "transfer" and request.sampling_job().first_step() == 0:
            return  # strength 1: a plain generation of the input's length; nothing to encode
        import torch

        from .audio_in import encode_latents, log_mel, read_audio
        from .init_audio import prepare

        frames = request.sampling_job().frames
        if _stamp(Path(request.init_audio)) != request.init_stamp:
            raise InvalidInput(f"init_audio {str(request.init_audio)!r:.200} changed after the request was accepted "
                               f"(written over or removed); nothing was generated: send the request again")
        request.prepared = prepare(request.plan, read_audio(Path(request.init_audio), *request.init_frames), frames)
        mel = log_mel(request.prepared.wave16k)
        request.init_latents = encode(mel) if encode is not None else encode_latents(self.components, mel)[0]
        keep = request.plan.keep_mask(frames)
        request.keep = None if keep is None else torch.from_numpy(keep)

    def sample_jobs(self, jobs: Sequence[SamplingJob], progress: ProgressCallback | None = None,
                    should_cancel: Callable[[], bool] | None = None) -> tuple[list[list[np.ndarray]], float]:
        """Sample validated jobs as one batch: waveforms per job and variation, and the time it took."""
        started = time.perf_counter()
        waveforms = self.sampler(jobs, callback=progress, should_cancel=should_cancel)
        return waveforms, time.perf_counter() - started

    def deliver_all(self, request: RenderRequest, waves: Sequence[np.ndarray],
                    sampling_seconds: float = 0.0) -> list[RenderedFile]:
        seeds, extras = list(request.seeds), [{} for _ in waves]
        if request.best_of is not None:
            picks, scores = self.rank(request, waves)
            waves, seeds = [waves[i] for i in picks], [seeds[i] for i in picks]
            extras = [{"best_of": request.best_of, "rank": rank + 1, "clap_score": round(scores[i], 6),
                       "clap_model": self.ranking_model} for rank, i in enumerate(picks)]
        try:
            return [self.deliver(request, wave, seed, variation, sampling_seconds, extra)
                    for variation, (wave, seed, extra) in enumerate(zip(waves, seeds, extras))]
        finally:  # a finished job's request is kept for replays: do not keep its input audio with it
            request.prepared = request.init_latents = request.keep = None

    def rank(self, request: RenderRequest, waves: Sequence[np.ndarray]) -> tuple[list[int], list[float]]:
        """Indices of the best ``variations`` candidates by CLAP audio–text similarity, and every score.

        Each request is ranked over its own candidates only, scored on the audio the file will hold.
        """
        window = request.plan is not None and request.plan.mode != "transfer"
        samples = None if window else -(-request.output_samples() * MODEL_RATE // request.sample_rate)
        scores = self.ranker.score(request.prompt, [np.asarray(w)[:samples] for w in waves])
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        return order[: request.variations], scores

    def deliver(self, request: RenderRequest, wave16k: np.ndarray, seed: int, variation: int,
                sampling_seconds: float = 0.0, extra: dict | None = None) -> RenderedFile:
        """Post-process one 16 kHz waveform into a written file with its sidecar."""
        timings = {"sampling": sampling_seconds}
        clock = time.perf_counter()

        def lap(stage):
            nonlocal clock
            now = time.perf_counter()
            timings[stage] = now - clock
            clock = now

        rate, n = request.sample_rate, request.output_samples()
        mode, extra = request.edit_mode(), dict(extra or {})
        aim_dbtp = request.ceiling_dbtp - _QUANTIZATION_MARGIN_DB[request.format]
        keep_take = mode in ("repaint", "extend") and request.loudness == "off"
        if mode in ("repaint", "extend"):
            # loudness off: the take keeps its own samples, so only the model's audio is limited
            stitched = stitch(request.plan, request.prepared, wave16k, rate, n, request.channels,
                              ceiling_dbtp=aim_dbtp if keep_take else None)
            audio = stitched.audio
            span = stitched.span if keep_take else (0, n)
            lap("resample")
            # the input's own start (and a repaint's end) are kept as they are: no fades there
            audio = apply_fades(audio, rate, 0.0, request.fade_out_ms if mode == "extend" else 0.0)
        else:
            audio = resample(wave16k, MODEL_RATE, rate)
            lap("resample")
            preroll = loop_preroll_samples(n, rate) if request.loop else 0
            if request.align == "onset":
                from .align import find_alignment

                onset, extra["align"] = find_alignment(audio, rate, n)
                if onset is not None:
                    # a loop's pre-roll (what its end crossfades into) is the audio just before the onset
                    preroll = min(preroll, onset)
                    audio = audio[onset - preroll:]
                if request.loop:
                    extra["align"]["loop_crossfade_ms"] = round(preroll * 1000 / rate, 3)
                lap("align")
            if request.loop:
                audio = make_loop(audio, n, rate, preroll=preroll)
            else:
                audio = apply_fades(fit_length(audio, n), rate, request.fade_in_ms, request.fade_out_ms)
        if request.align == "onset":
            from .align import describe_rhythm

            extra["align"].update(describe_rhythm(audio, rate))
        if request.channels == 2 and audio.ndim == 1:  # before loudness: BS.1770 sums channels, so measure what is written
            audio = np.stack([audio, audio], axis=1)
        lap("edit")
        if keep_take:
            reduction = stitched.gain_reduction_db
            report = LoudnessReport("off", None, None, None, 0.0, reduction > 0, reduction_db=reduction)
        else:
            audio, report = normalize(audio, rate, mode=request.loudness, target=request.target,
                                      ceiling_dbtp=aim_dbtp, circular=request.loop)
        if mode in ("repaint", "extend"):  # where the ceiling was held, and what it took
            extra["limiter"] = {"span_s": [span[0] / rate, span[1] / rate], "ceiling_dbtp": request.ceiling_dbtp,
                                "gain_reduction_db": round(report.reduction_db, 3)}
        lap("loudness")

        out_dir = Path(request.out_dir).expanduser()
        out_dir.mkdir(parents=True, exist_ok=True)
        clean_stale_parts_once(out_dir)  # what an engine killed while writing here left behind
        staged = stage_audio(out_dir, audio, rate, request.format)
        try:
            # The sidecar states what the file on disk measures (after quantization), as a meter would.
            written, _ = sf.read(staged, dtype="float64", always_2d=False)
            measured = {"lufs": _finite_or_none(integrated_lufs(written, rate)),
                        "true_peak_dbtp": _finite_or_none(true_peak_dbtp(written, rate, circular=request.loop))}
            peak = measured["true_peak_dbtp"]
            if keep_take and peak is not None and peak > request.ceiling_dbtp:
                report.note = (f"the take's own samples are kept outside the regenerated "
                               f"{span[0] / rate:.3f}..{span[1] / rate:.3f} s: they peak over the "
                               f"{request.ceiling_dbtp:g} dBTP ceiling, which holds for the new audio")
            lap("write")
            for _ in range(NAME_ATTEMPTS):
                path = out_dir / output_name(request.prompt, seed, uuid.uuid4().hex[:6], request.format,
                                             name_hint=request.name_hint)
                metadata = {**self._metadata(request, path, seed, variation, report, measured, written.shape[0],
                                             timings), **extra}
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
            **self._edit_metadata(request),
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

    @staticmethod
    def _edit_metadata(request: RenderRequest) -> dict:
        mode = request.edit_mode()
        if mode is None:
            return {}
        meta = {"edit": mode, "init_audio": str(request.init_audio), "strength": request.strength,
                "init_seconds": float(request.plan.input_seconds)}
        if request.init_frames[0] or request.init_end is not None:
            first, stop = request.init_frames
            meta["init_range"] = [first / request.init_rate, stop / request.init_rate]
        if mode == "repaint":
            meta["repaint"] = [float(request.plan.region[0]), float(request.plan.region[1])]
        if mode == "extend":
            meta["extend"] = request.extend.as_dict()
        if mode in ("repaint", "extend"):
            meta["context_s"] = [round(s, 4) for s in request.plan.context_seconds]
        return meta


def shorten_name_hint(hint: str, limit: int = MAX_NAME_HINT_CHARS) -> str:
    """A name hint only names the file (slugified to a few words): a longer one (REAPER sends the
    prompt) is cut to ``limit`` characters at the end of a word, never refused."""
    if len(hint) <= limit:
        return hint
    cut = hint[:limit + 1]
    boundary = max((i for i, ch in enumerate(cut) if not ch.isalnum()), default=0)
    # a word boundary in the second half keeps whole words; else (one long word) a plain cut
    return (cut[:boundary] if boundary >= limit // 2 else hint[:limit]).rstrip()


def _stamp(path: Path) -> tuple | None:
    """What tells a file rewritten since it was checked: size, times and identity (a same-size
    rewrite within a FAT/HFS+ timestamp tick still changes the change time or the inode)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _finite_or_none(value: float) -> float | None:
    return value if np.isfinite(value) else None
