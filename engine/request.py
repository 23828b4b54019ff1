"""What one generation asks for: :class:`RenderRequest`, its one validation and its edit plan.

``check_inputs`` is the request's single place of validation (every message names the field and
its bad value); ``check_length`` applies an engine's length limits; ``sampling_job`` is what the
sampler must produce for it. :mod:`engine.render` runs a request, :mod:`engine.deliver` writes its files.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from .checks import check_int, check_number
from .edit import loop_crossfade_samples
from .errors import InvalidInput
from .init_audio import DEFAULT_STRENGTH, EditPlan, PreparedInit, plan_edit
from .length import MODEL_RATE, LengthLimits, MusicalLength, exact, frames_for_samples, seconds_to_frames
from .loudness import check_settings
from .prompts import check_conditioning, negative_condition, row_conditions
from .resample import check_rate
from .sampler import MAX_VARIATIONS, SEED_RANGE, SamplingJob, check_job, normalize_scheduler_name
from .writer import check_format

MAX_NAME_HINT_CHARS = 200
ALIGN_MODES = ("none", "onset")
#: How far past a file's end init_end may point and be read as its end (MP3/AAC priming and padding).
END_SLACK_S = Fraction(5, 100)


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
    # The condition beyond one prompt (engine.prompts): weighted texts, a morph or sweep, an embedding, a sound.
    prompts: list | None = None  # [{"text": ..., "weight": ...}] in place of prompt
    negative_prompts: list | None = None
    morph_to: str | None = None
    morph: float | None = None  # 0 = prompt, 1 = morph_to
    sweep: int | None = None  # points from prompt to morph_to, one file each, same seed
    prompt_embeds: object = None  # a (1, D) float32 array (or its wire form)
    audio_prompt: Path | None = None
    audio_embeds: object = field(default=None, init=False, repr=False)  # filled by Engine.prepare
    # Musical fit (engine.fit): tempo_lock/key_lock off|auto|on|report; key like "D minor".
    tempo_lock: str | None = None  # default auto when the length has a bpm
    key: str | None = None
    key_lock: str | None = None  # default auto when a key is given
    fit: object = field(default=None, init=False, repr=False)  # engine.fit.FitSettings, None: no fit
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
        check_conditioning(self)  # prompts, morph, sweep, prompt_embeds, audio_prompt
        check_int("variations", self.variations, 1, MAX_VARIATIONS, f"an integer 1..{MAX_VARIATIONS}", kinds=int)
        if self.best_of is not None:
            check_int("best_of", self.best_of, self.variations, MAX_VARIATIONS,
                      f"an integer {self.variations}..{MAX_VARIATIONS} (at least variations)", kinds=int)
        if self.align not in ALIGN_MODES:
            raise InvalidInput(f"align must be one of {', '.join(ALIGN_MODES)}, got {self.align!r}")
        self._check_edit()
        if not isinstance(self.length, MusicalLength):
            raise InvalidInput(f"length must be a MusicalLength, got {self.length!r}")
        if self.seed is not None:
            check_int("seed", self.seed, 0, SEED_RANGE - 1, f"an integer 0..{SEED_RANGE - 1}", kinds=int)
        self._check_fit()
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
            check_number(name, getattr(self, name), 0, 1000, "0..1000 ms", kinds=(int, float))
        self.scheduler = normalize_scheduler_name(self.scheduler)
        if not self.seeds:
            base = self.seed if self.seed is not None else secrets.randbelow(SEED_RANGE)
            step = 0 if self.sweep else 1  # a sweep's points share one seed
            self.seeds = [(base + step * k) % SEED_RANGE for k in range(self.best_of or self.variations)]
        check_job(self.sampling_job())  # prompt, steps, guidance, eta…: refused now, not after queuing

    def _check_fit(self) -> None:
        from .fit import settings_for

        if self.edit_mode() in ("repaint", "extend"):
            for name in ("tempo_lock", "key", "key_lock"):
                if getattr(self, name) not in (None, "off"):
                    raise InvalidInput(f"{name} applies to new audio, not to a {self.edit_mode()} of init_audio "
                                       f"(got {getattr(self, name)!r:.80})")
            return
        self.fit = settings_for(self.tempo_lock, self.key, self.key_lock, self.length)

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
        self.init_stamp = file_stamp(Path(self.init_audio))
        frames, rate, channels = probe(Path(self.init_audio))
        self.init_frames = first, stop = self._init_range(frames, rate, channels)
        input_seconds = Fraction(stop - first, self.init_rate)
        if self.strength is None:
            self.strength = DEFAULT_STRENGTH[mode]
        self.strength = check_number("strength", self.strength, 0, 1, "a number 0..1", kinds=(int, float))
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
        first, stop = seconds_to_frames(start, rate), seconds_to_frames(end, rate)
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
        return (n + (loop_crossfade_samples(n, self.sample_rate) if self.loop else 0)
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
            conditions=row_conditions(self), negative=negative_condition(self),
        )


def shorten_name_hint(hint: str, limit: int = MAX_NAME_HINT_CHARS) -> str:
    """A name hint only names the file (slugified to a few words): a longer one (REAPER sends the
    prompt) is cut to ``limit`` characters at the end of a word, never refused."""
    if len(hint) <= limit:
        return hint
    cut = hint[:limit + 1]
    boundary = max((i for i, ch in enumerate(cut) if not ch.isalnum()), default=0)
    # a word boundary in the second half keeps whole words; else (one long word) a plain cut
    return (cut[:boundary] if boundary >= limit // 2 else hint[:limit]).rstrip()


def file_stamp(path: Path) -> tuple | None:
    """What tells a file rewritten since it was checked: size, times and identity (a same-size
    rewrite within a FAT/HFS+ timestamp tick still changes the change time or the inode)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino
