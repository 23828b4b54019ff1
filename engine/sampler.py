"""Our own AudioLDM sampling loop over the diffusers/transformers components.

It follows diffusers' deprecated ``AudioLDMPipeline`` step by step (a conformance test holds it to
that pipeline: same seed → same audio) and adds what a server needs:

* prompts padded to the longest prompt of the batch instead of to 512 tokens (identical
  embeddings thanks to the attention mask, ~20× cheaper) and an LRU cache of prompt embeddings
  (:mod:`engine.conditioning`);
* several jobs in one batch, each with its own random generators, so a job's audio does not
  depend on what it was batched with — bit for bit where :attr:`AudioLDMSampler.batch_invariant`
  (reduced precision on the CPU, see there), up to float rounding (~1e-6) elsewhere;
* a progress callback and cancellation between steps;
* exact integer frame counts (the caller passes frames, see :mod:`engine.length`);
* on the CPU, channels-last (NHWC) activations for the UNet and the VAE and a HiFi-GAN forward
  that runs its 1-D convolutions as NHWC 2-D convolutions (:mod:`engine.hifigan`): oneDNN's fastest layout, ~10 % less
  time per stage on a 2-core EPYC, same weights, results within ~1e-5 (see BENCHMARKS.md);
* each stage in its own dtype (:attr:`AudioLDMComponents.stage_dtypes`, e.g. a bf16 UNet with an
  fp32 text encoder); latents, guidance and the scheduler's arithmetic stay in fp32 whatever the
  UNet runs in (tiny tensors, and a bf16 scheduler step would round the latents every step);
* optional per-stage timings (``record_timings``), free when off.
"""

from __future__ import annotations

import inspect
import time
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np
import torch

from .checks import check_int, check_number, is_finite_number, refuse
from .conditioning import EmbeddingCache, check_condition, encode_texts, row_embeddings
from .errors import Cancelled, InvalidInput
from .hifigan import hifigan_forward, hifigan_supported
from .length import FRAME_MULTIPLE, HOP_SAMPLES
from .models import AudioLDMComponents
from .prompts import Blend

#: Scheduler names accepted on the wire → (diffusers class name, config overrides).
SCHEDULERS = {
    "ddim": ("DDIMScheduler", {}),
    "dpmsolver++": ("DPMSolverMultistepScheduler", {"algorithm_type": "dpmsolver++"}),
    "euler": ("EulerDiscreteScheduler", {}),
    "pndm": ("PNDMScheduler", {"skip_prk_steps": True}),
    "lms": ("LMSDiscreteScheduler", {}),
}
SCHEDULER_ALIASES = {"dpm++": "dpmsolver++", "dpm-solver++": "dpmsolver++", "dpmsolver": "dpmsolver++"}

MAX_STEPS = 500
MAX_VARIATIONS = 16
MAX_PROMPT_CHARS = 2000
SEED_RANGE = 2**32  # seeds are recorded in sidecars and sent over OSC as ints: keep them 32-bit


@dataclass
class SamplingJob:
    """One prompt's worth of work: ``variations`` waveforms of ``frames`` mel frames."""

    prompt: str
    frames: int
    seeds: list[int]
    negative_prompt: str = ""
    steps: int = 10
    guidance: float = 2.5
    eta: float = 0.0
    scheduler: str = "ddim"
    #: Audio in (see :mod:`engine.audio_in`): the scaled VAE latents (channels, frames/4, bins/4) of
    #: an init audio. With ``strength`` < 1, sampling starts from them noised to the matching step
    #: (style transfer); with ``keep`` (one 0/1 per latent frame, 1 = keep), the kept frames are
    #: re-imposed, noised to the current step, before every step and clean after the last
    #: (the AudioLDM paper's inpainting: repaint and extend).
    strength: float = 1.0
    init_latents: torch.Tensor | None = None
    keep: torch.Tensor | None = None
    #: Per variation, a condition other than ``prompt`` (engine.prompts: a Blend of weighted texts, or a
    #: given (1, D) embedding); ``negative`` a Blend in place of ``negative_prompt``. None: the texts.
    conditions: list | None = None
    negative: object = None

    def __post_init__(self):
        # dataclasses.asdict (how serve --ray ships a job to a replica) turns each Blend into a dict
        if self.conditions is not None:
            self.conditions = [Blend(**c) if isinstance(c, dict) else c for c in self.conditions]
        if isinstance(self.negative, dict):
            self.negative = Blend(**self.negative)

    @property
    def variations(self) -> int:
        return len(self.seeds)

    def select(self, indices: Sequence[int]) -> "SamplingJob":
        """The same job for some of its variations (a batch part): their seeds and conditions."""
        conditions = None if self.conditions is None else [self.conditions[i] for i in indices]
        return replace(self, seeds=[self.seeds[i] for i in indices], conditions=conditions)

    def first_step(self) -> int:
        """Where in the schedule denoising starts: 0 for generation; strength s skips the first (1 − s)."""
        if not is_finite_number(self.strength) or isinstance(self.steps, bool) or not isinstance(self.steps, int):
            return 0  # check_inputs names the bad value
        return self.steps - min(int(self.steps * self.strength + 1e-9), self.steps)

    def batch_key(self) -> tuple:
        """Jobs with equal keys can share a batch: they walk the same timesteps on same-shaped latents."""
        return (self.frames, self.steps, float(self.guidance), float(self.eta), self.scheduler, self.first_step())


ProgressCallback = Callable[[int, int], None]


def normalize_scheduler_name(name: str) -> str:
    if not isinstance(name, str):
        raise InvalidInput(f"scheduler must be a name, got {name!r}")
    key = SCHEDULER_ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in SCHEDULERS:
        raise InvalidInput(f"unknown scheduler {name!r}: use one of {', '.join(SCHEDULERS)}")
    return key


def check_job(job: SamplingJob, frame_multiple: int = FRAME_MULTIPLE) -> None:
    """Validate one job without a model, so requests can be refused before they are queued."""
    if not isinstance(job.prompt, str) or not job.prompt.strip():
        raise InvalidInput(f"prompt must be non-empty text, got {job.prompt!r}")
    if len(job.prompt) > MAX_PROMPT_CHARS:
        raise InvalidInput(f"prompt is {len(job.prompt)} characters, the limit is {MAX_PROMPT_CHARS}")
    if not isinstance(job.negative_prompt, str) or len(job.negative_prompt) > MAX_PROMPT_CHARS:
        raise InvalidInput(f"negative prompt must be text of at most {MAX_PROMPT_CHARS} characters, "
                           f"got {job.negative_prompt!r:.60}")
    frames_must = f"a positive multiple of {frame_multiple}"
    if check_int("frames", job.frames, lo=1, must=frames_must, kinds=int) % frame_multiple:
        refuse("frames", frames_must, job.frames)
    check_int("steps", job.steps, 1, MAX_STEPS, must=f"an integer 1..{MAX_STEPS}", kinds=int)
    check_number("guidance", job.guidance, 0, 30, must="a number 0..30", kinds=(int, float), finite=True)
    check_number("eta", job.eta, 0, 1, must="a number 0..1", kinds=(int, float), finite=True)
    check_int("variations", len(job.seeds), 1, MAX_VARIATIONS, must=f"1..{MAX_VARIATIONS}")
    for seed in job.seeds:
        check_int("seed", seed, 0, SEED_RANGE - 1, must=f"an integer 0..{SEED_RANGE - 1}", kinds=int)
    normalize_scheduler_name(job.scheduler)
    check_number("strength", job.strength, 0, 1, must="a number 0..1", kinds=(int, float), finite=True)


class AudioLDMSampler:
    """Text → 16 kHz waveforms with classifier-free guidance, for a batch of :class:`SamplingJob`."""

    def __init__(self, components: AudioLDMComponents, embedding_cache_size: int = 64):
        self.components = components
        self.embedding_cache = EmbeddingCache(size=embedding_cache_size)
        vae = components.vae
        self.vae_scale_factor = 2 ** (len(vae.config.block_out_channels) - 1)
        self.mel_bins = int(components.vocoder.config.model_in_dim)
        self.hop = int(np.prod(components.vocoder.config.upsample_rates))
        if self.hop != HOP_SAMPLES or self.vae_scale_factor != FRAME_MULTIPLE:
            raise InvalidInput(f"{components.model_id}: expected a ×{HOP_SAMPLES} vocoder and a ×{FRAME_MULTIPLE} "
                               f"VAE, got ×{self.hop} and ×{self.vae_scale_factor}")
        #: NHWC activations and the 2-D HiFi-GAN path: measured faster with oneDNN on the CPU only
        #: (on CUDA cuDNN picks its own layouts; a compiled vocoder runs its own generated kernels).
        self.channels_last = components.device.type == "cpu"
        self.fast_vocoder = (self.channels_last and not components.compiled
                             and hifigan_supported(components.vocoder))
        #: Run every stage one variation at a time (its guidance pair for the UNet) and encode each
        #: text alone, so that a variation's computation has the same shapes whatever the batch
        #: holds: bit-identical to rendering that seed alone. Batched kernels round differently
        #: with the batch's size (bf16 matmul blocking, channels-last GroupNorm: a −36 dB
        #: residual; fp32: −121 dB). On by default where a model stage runs in bf16/fp16 on the
        #: CPU, at 1.3–1.4× the CPU time of batching for 2–4 variations (BENCHMARKS.md "Seed
        #: recall in bf16"); settable.
        self.batch_invariant = self.channels_last and any(
            components.stage_dtype(stage) in (torch.bfloat16, torch.float16) for stage in ("unet", "vae", "vocoder"))
        #: When true, each call fills :attr:`timings` with seconds per stage (text, unet, vae, vocoder).
        self.record_timings = False
        self.timings: dict[str, float] = {}

    # -- 1. inputs -----------------------------------------------------------------------------

    def check_inputs(self, jobs: Sequence[SamplingJob]) -> None:
        if not jobs:
            raise InvalidInput("no jobs to sample")
        for job in jobs:
            check_job(job, self.vae_scale_factor)
            self._check_init(job)
            check_condition(job, self.components.unet.config.projection_class_embeddings_input_dim)
        keys = {job.batch_key() for job in jobs}
        if len(keys) > 1:
            raise InvalidInput(f"jobs in one batch must share frames/steps/guidance/eta/scheduler, got {sorted(keys)}")

    def _check_init(self, job: SamplingJob) -> None:
        """Init latents and kept frames fit the job (check_job cannot: they come from the model's VAE)."""
        latent_shape = (self.components.unet.config.in_channels, job.frames // self.vae_scale_factor,
                        self.mel_bins // self.vae_scale_factor)
        if job.init_latents is None:
            if job.first_step() > 0 or job.keep is not None:
                raise InvalidInput("strength below 1 and kept frames need init latents (an init audio)")
            return
        if tuple(job.init_latents.shape) != latent_shape:
            raise InvalidInput(f"init latents must have shape {latent_shape}, got {tuple(job.init_latents.shape)}")
        if job.keep is not None and tuple(job.keep.shape) != latent_shape[1:2]:
            raise InvalidInput(f"keep must have one entry per latent frame ({latent_shape[1]}), "
                               f"got shape {tuple(job.keep.shape)}")

    # -- 2. text ---------------------------------------------------------------------------------

    def encode_texts(self, texts: Sequence[str]) -> torch.Tensor:
        """Normalized CLAP text embeddings (len(texts), dim), via the LRU cache
        (:func:`engine.conditioning.encode_texts`)."""
        return encode_texts(self.components, texts, self.embedding_cache, one_at_a_time=self.batch_invariant)

    def make_scheduler(self, name: str):
        """A fresh scheduler per batch: multistep schedulers keep state between steps."""
        import diffusers

        class_name, overrides = SCHEDULERS[normalize_scheduler_name(name)]
        return getattr(diffusers, class_name).from_config(self.components.scheduler.config, **overrides)

    # -- the loop --------------------------------------------------------------------------------

    @torch.inference_mode()
    def __call__(self, jobs: Sequence[SamplingJob], callback: ProgressCallback | None = None,
                 should_cancel: Callable[[], bool] | None = None) -> list[list[np.ndarray]]:
        """Sample every job; returns, per job, one float32 16 kHz waveform per seed (frames × 160 samples)."""
        from diffusers.utils.torch_utils import randn_tensor

        # 1. Check inputs
        self.check_inputs(jobs)
        c = self.components
        clock = self._clock_start()
        first = jobs[0]
        do_cfg = first.guidance > 1.0

        # 2. Encode prompts (blends, given embeddings: engine.conditioning); one row per variation,
        #    unconditional rows first (as the pipeline)
        embeds = row_embeddings(jobs, self.encode_texts, do_cfg, c.device, c.stage_dtype("unet"))
        clock = self._lap("text", clock)

        # 3. Prepare timesteps on a scheduler of our own (a lower strength starts later: img2img's slicing)
        scheduler = self.make_scheduler(first.scheduler)
        scheduler.set_timesteps(first.steps, device=c.device)
        start = first.first_step() * scheduler.order
        timesteps = scheduler.timesteps[start:]
        if start and hasattr(scheduler, "set_begin_index"):
            scheduler.set_begin_index(start)

        # 4. Prepare latents: one CPU generator per variation, so seeds mean the same everywhere
        generators = [torch.Generator("cpu").manual_seed(seed) for job in jobs for seed in job.seeds]
        shape = (len(generators), c.unet.config.in_channels, first.frames // self.vae_scale_factor,
                 self.mel_bins // self.vae_scale_factor)
        noise = randn_tensor(shape, generator=generators, device=c.device, dtype=torch.float32)
        latents = noise * scheduler.init_noise_sigma
        init, keep = self._init_rows(jobs, shape)
        if start:  # every job has init latents here (check_inputs): noise them to the first step
            latents = (scheduler.add_noise(init, noise, timesteps[:1].repeat(shape[0])) if len(timesteps)
                       else init.clone())
        step_kwargs = self._step_kwargs(scheduler, generators, first.eta)
        unet_dtype = c.stage_dtype("unet")
        # the rows each stage call takes: one variation at a time, or the whole batch
        rows = self._row_groups(shape[0])
        if do_cfg:
            uncond_embeds, cond_embeds = embeds.chunk(2)
            row_embeds = [torch.cat([uncond_embeds[r], cond_embeds[r]]) for r in rows]
        else:
            row_embeds = [embeds[r] for r in rows]

        # 5. Denoising loop (latents and scheduler in fp32; the UNet in its own dtype)
        for i, t in enumerate(timesteps):
            if should_cancel is not None and should_cancel():
                raise Cancelled(f"cancelled before step {i + 1} of {len(timesteps)}")
            if keep is not None:  # the known frames, noised to this step, with the same noise throughout
                latents = keep * scheduler.add_noise(init, noise, t.repeat(shape[0])) + (1 - keep) * latents
            preds = []
            for r, row_embed in zip(rows, row_embeds):
                model_input = torch.cat([latents[r]] * 2) if do_cfg else latents[r]
                model_input = scheduler.scale_model_input(model_input, t).to(unet_dtype)
                if self.channels_last:
                    model_input = model_input.contiguous(memory_format=torch.channels_last)
                noise_pred = c.unet(model_input, t, encoder_hidden_states=None, class_labels=row_embed).sample.float()
                if do_cfg:
                    noise_uncond, noise_text = noise_pred.chunk(2)
                    noise_pred = noise_uncond + first.guidance * (noise_text - noise_uncond)
                preds.append(noise_pred)
            noise_pred = torch.cat(preds)
            latents = scheduler.step(noise_pred, t, latents, **step_kwargs).prev_sample
            if callback is not None:
                callback(i + 1, len(timesteps))

        if keep is not None:
            latents = keep * init + (1 - keep) * latents
        clock = self._lap("unet", clock)

        # 6. Decode: latents → mel spectrogram (VAE) → waveform (HiFi-GAN)
        latents = (latents / c.vae.config.scaling_factor).to(c.stage_dtype("vae"))
        mels = []
        for r in rows:
            part = latents[r].contiguous(memory_format=torch.channels_last) if self.channels_last else latents[r]
            mels.append(c.vae.decode(part).sample.squeeze(1).to(c.stage_dtype("vocoder")))
        clock = self._lap("vae", clock)
        waves = [hifigan_forward(c.vocoder, mel) if self.fast_vocoder else c.vocoder(mel) for mel in mels]
        waveforms = torch.cat(waves).float().cpu().numpy()
        self._lap("vocoder", clock)

        # 7. Split the batch back into jobs
        results, row = [], 0
        for job in jobs:
            results.append([waveforms[row + k] for k in range(job.variations)])
            row += job.variations
        return results

    def _row_groups(self, n: int) -> list[slice]:
        """The batch rows each UNet/VAE/vocoder call takes: one per variation where batch-invariant."""
        return [slice(k, k + 1) for k in range(n)] if self.batch_invariant else [slice(0, n)]

    def _init_rows(self, jobs: Sequence[SamplingJob], shape) -> tuple[torch.Tensor | None, torch.Tensor | None]:
        """Per batch row: init latents (zeros where a job has none) and the keep mask (None if no job keeps)."""
        c = self.components
        if all(job.init_latents is None for job in jobs):
            return None, None
        # fp32 like the latents and the scheduler, whatever dtype the UNet runs in
        init = torch.zeros(shape, device=c.device, dtype=torch.float32)
        keep = torch.zeros((shape[0], 1, shape[2], 1), device=c.device, dtype=torch.float32) if any(
            job.keep is not None for job in jobs) else None
        row = 0
        for job in jobs:
            rows = slice(row, row + job.variations)
            if job.init_latents is not None:
                init[rows] = job.init_latents.to(device=c.device, dtype=torch.float32)
            if job.keep is not None:
                keep[rows] = job.keep.to(device=c.device, dtype=torch.float32).view(1, 1, -1, 1)
            row += job.variations
        return init, keep

    def _clock_start(self) -> float:
        if self.record_timings:
            self.timings = {}
            return time.perf_counter()
        return 0.0

    def _lap(self, stage: str, clock: float) -> float:
        if not self.record_timings:
            return clock
        if self.components.device.type == "cuda":  # kernels run asynchronously: wait for the stage's
            torch.cuda.synchronize(self.components.device)
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - clock
        return now

    @staticmethod
    def _step_kwargs(scheduler, generators, eta) -> dict:
        accepted = set(inspect.signature(scheduler.step).parameters)
        kwargs = {}
        if "eta" in accepted:
            kwargs["eta"] = eta
        if "generator" in accepted:
            kwargs["generator"] = generators
        return kwargs
