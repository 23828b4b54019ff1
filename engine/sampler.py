"""Our own AudioLDM sampling loop over the diffusers/transformers components.

It follows diffusers' deprecated ``AudioLDMPipeline`` step by step (a conformance test holds it to
that pipeline: same seed → same audio) and adds what a server needs:

* prompts padded to the longest prompt of the batch instead of to 512 tokens (identical
  embeddings thanks to the attention mask, ~20× cheaper) and an LRU cache of prompt embeddings;
* several jobs in one batch, each with its own random generators, so a job's audio does not
  depend on what it was batched with — bit for bit where :attr:`AudioLDMSampler.batch_invariant`
  (reduced precision on the CPU, see there), up to float rounding (~1e-6) elsewhere;
* a progress callback and cancellation between steps;
* exact integer frame counts (the caller passes frames, see :mod:`engine.length`);
* on the CPU, channels-last (NHWC) activations for the UNet and the VAE and a HiFi-GAN forward
  that runs its 1-D convolutions as NHWC 2-D convolutions: oneDNN's fastest layout, ~10 % less
  time per stage on a 2-core EPYC, same weights, results within ~1e-5 (see BENCHMARKS.md);
* each stage in its own dtype (:attr:`AudioLDMComponents.stage_dtypes`, e.g. a bf16 UNet with an
  fp32 text encoder); latents, guidance and the scheduler's arithmetic stay in fp32 whatever the
  UNet runs in (tiny tensors, and a bf16 scheduler step would round the latents every step);
* optional per-stage timings (``record_timings``), free when off.
"""

from __future__ import annotations

import inspect
import math
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from .errors import Cancelled, InvalidInput
from .length import FRAME_MULTIPLE, HOP_SAMPLES
from .models import AudioLDMComponents

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

    @property
    def variations(self) -> int:
        return len(self.seeds)

    def first_step(self) -> int:
        """Where in the schedule denoising starts: 0 for generation; strength s skips the first (1 − s)."""
        if not _is_number(self.strength) or isinstance(self.steps, bool) or not isinstance(self.steps, int):
            return 0  # check_inputs names the bad value
        return self.steps - min(int(self.steps * self.strength + 1e-9), self.steps)

    def batch_key(self) -> tuple:
        """Jobs with equal keys can share a batch: they walk the same timesteps on same-shaped latents."""
        return (self.frames, self.steps, float(self.guidance), float(self.eta), self.scheduler, self.first_step())


ProgressCallback = Callable[[int, int], None]


@dataclass
class _EmbeddingCache:
    """A small LRU of normalized CLAP text embeddings keyed by text."""

    size: int = 64
    entries: OrderedDict = field(default_factory=OrderedDict)
    hits: int = 0
    misses: int = 0

    def get(self, text: str):
        if text in self.entries:
            self.entries.move_to_end(text)
            self.hits += 1
            return self.entries[text]
        self.misses += 1
        return None

    def put(self, text: str, embedding: torch.Tensor) -> None:
        self.entries[text] = embedding
        self.entries.move_to_end(text)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


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
    if not isinstance(job.frames, int) or job.frames <= 0 or job.frames % frame_multiple:
        raise InvalidInput(f"frames must be a positive multiple of {frame_multiple}, got {job.frames!r}")
    if isinstance(job.steps, bool) or not isinstance(job.steps, int) or not 1 <= job.steps <= MAX_STEPS:
        raise InvalidInput(f"steps must be an integer 1..{MAX_STEPS}, got {job.steps!r}")
    if not _is_number(job.guidance) or not 0 <= job.guidance <= 30:
        raise InvalidInput(f"guidance must be a number 0..30, got {job.guidance!r}")
    if not _is_number(job.eta) or not 0 <= job.eta <= 1:
        raise InvalidInput(f"eta must be a number 0..1, got {job.eta!r}")
    if not 1 <= len(job.seeds) <= MAX_VARIATIONS:
        raise InvalidInput(f"variations must be 1..{MAX_VARIATIONS}, got {len(job.seeds)}")
    for seed in job.seeds:
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < SEED_RANGE:
            raise InvalidInput(f"seed must be an integer 0..{SEED_RANGE - 1}, got {seed!r}")
    normalize_scheduler_name(job.scheduler)
    if not _is_number(job.strength) or not 0 <= job.strength <= 1:
        raise InvalidInput(f"strength must be a number 0..1, got {job.strength!r}")


class AudioLDMSampler:
    """Text → 16 kHz waveforms with classifier-free guidance, for a batch of :class:`SamplingJob`."""

    def __init__(self, components: AudioLDMComponents, embedding_cache_size: int = 64):
        self.components = components
        self.embedding_cache = _EmbeddingCache(size=embedding_cache_size)
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
                             and _hifigan_supported(components.vocoder))
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

    @torch.inference_mode()
    def encode_texts(self, texts: Sequence[str]) -> torch.Tensor:
        """Normalized CLAP text embeddings (len(texts), dim), via the LRU cache.

        Misses are encoded in one call padded to the longest text (not 512): with the attention
        mask the pooled embedding is the same, at a fraction of the cost.
        """
        c = self.components
        # this call's embeddings, kept here: a batch may hold more distinct texts than the cache keeps
        found = {t: self.embedding_cache.get(t) for t in dict.fromkeys(texts)}
        missing = [t for t, embed in found.items() if embed is None]
        for chunk in ([[t] for t in missing] if self.batch_invariant else [missing] if missing else []):
            tokens = c.tokenizer(chunk, padding="longest", truncation=True,
                                 max_length=c.tokenizer.model_max_length, return_tensors="pt")
            output = c.text_encoder(tokens.input_ids.to(c.device), attention_mask=tokens.attention_mask.to(c.device))
            embeds = F.normalize(output.text_embeds, dim=-1).to(dtype=c.stage_dtype("unet"))
            for text, embed in zip(chunk, embeds):
                found[text] = embed
                self.embedding_cache.put(text, embed)
        return torch.stack([found[t] for t in texts])

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

        # 2. Encode prompts; one row per variation, unconditional rows first (as the pipeline)
        cond_texts = [job.prompt for job in jobs for _ in job.seeds]
        uncond_texts = [job.negative_prompt for job in jobs for _ in job.seeds]
        embeds = self.encode_texts(uncond_texts + cond_texts if do_cfg else cond_texts)
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
        waves = [_hifigan_forward(c.vocoder, mel) if self.fast_vocoder else c.vocoder(mel) for mel in mels]
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


# --- HiFi-GAN with its 1-D convolutions run as NHWC 2-D convolutions --------------------------------


def _hifigan_supported(vocoder) -> bool:
    """True for a SpeechT5HifiGan whose structure :func:`_hifigan_forward` reproduces exactly."""
    try:
        from transformers import SpeechT5HifiGan
        from transformers.models.speecht5.modeling_speecht5 import HifiGanResidualBlock
    except ImportError:
        return False
    if type(vocoder) is not SpeechT5HifiGan or type(vocoder).forward.__qualname__ != "SpeechT5HifiGan.forward":
        return False
    if type(vocoder).__call__ is not torch.nn.Module.__call__ or vocoder._forward_hooks or vocoder._forward_pre_hooks:
        return False
    convs = [m for m in vocoder.modules() if isinstance(m, (torch.nn.Conv1d, torch.nn.ConvTranspose1d))]
    return (
        all(type(block) is HifiGanResidualBlock for block in vocoder.resblocks)
        and all(m.padding_mode == "zeros" and m.groups == 1 and not m._forward_hooks and not m._forward_pre_hooks
                for m in convs)
        and all(m.output_padding == (0,) for m in vocoder.upsampler)
        and len(vocoder.resblocks) == vocoder.num_upsamples * vocoder.num_kernels
    )


def _conv(conv, x: torch.Tensor) -> torch.Tensor:
    """``conv`` (Conv1d or ConvTranspose1d) applied to x of shape (N, C, 1, L) in channels-last."""
    weight = conv.weight.unsqueeze(2)  # (out, in, 1, k) or (in, out, 1, k)
    if isinstance(conv, torch.nn.ConvTranspose1d):
        return F.conv_transpose2d(x, weight, conv.bias, stride=(1, conv.stride[0]), padding=(0, conv.padding[0]),
                                  dilation=(1, conv.dilation[0]))
    return F.conv2d(x, weight, conv.bias, stride=(1, conv.stride[0]), padding=(0, conv.padding[0]),
                    dilation=(1, conv.dilation[0]))


def _hifigan_forward(vocoder, spectrogram: torch.Tensor) -> torch.Tensor:
    """``SpeechT5HifiGan.forward`` for a batched (batch, frames, mel bins) input, step for step.

    oneDNN runs NHWC 2-D convolutions faster than 1-D ones on the CPU: same weights, same
    operations, differences at float rounding level.
    """
    cfg = vocoder.config
    if cfg.normalize_before:
        spectrogram = (spectrogram - vocoder.mean) / vocoder.scale
    x = spectrogram.transpose(2, 1).unsqueeze(2).contiguous(memory_format=torch.channels_last)
    x = _conv(vocoder.conv_pre, x)
    for i in range(vocoder.num_upsamples):
        x = F.leaky_relu(x, cfg.leaky_relu_slope)
        x = _conv(vocoder.upsampler[i], x)
        res_state = None
        for j in range(vocoder.num_kernels):
            out = _resblock(vocoder.resblocks[i * vocoder.num_kernels + j], x)
            res_state = out if res_state is None else res_state.add_(out)
        x = res_state / vocoder.num_kernels
    x = F.leaky_relu(x)
    x = _conv(vocoder.conv_post, x)
    return torch.tanh(x).reshape(x.shape[0], -1)


def _resblock(block, x: torch.Tensor) -> torch.Tensor:
    for conv1, conv2 in zip(block.convs1, block.convs2):
        residual = x
        x = _conv(conv1, F.leaky_relu(x, block.leaky_relu_slope))
        x = _conv(conv2, F.leaky_relu(x, block.leaky_relu_slope))
        x = x + residual
    return x


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
