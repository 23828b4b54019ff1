"""Request → DAW-ready files: the engine's front door.

One :class:`~engine.request.RenderRequest` becomes ``variations`` files. The data path, one module
per stage:

    request (check_inputs, edit plan) → prompts / conditioning (text, blends, an audio prompt)
    → [audio_in → init_audio: an init audio's latents] → sampler (16 kHz) → [ranking: best of N by CLAP]
    → deliver: resample (soxr) → [fit: beats, key, stretch — tempo and key lock] → [align: onset to
    sample 0] → edit (exact length, loop or fades; init_audio: stitch a repaint/extend) → loudness → writer

:class:`Engine` holds the model and runs the model's part (prepare, sample, rank);
:mod:`engine.deliver` writes each file. Requests whose sampling parameters match
(:meth:`RenderRequest.batch_key`) can be rendered as one batch; each result is the same as rendering
it alone.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import deliver as _deliver
from .deliver import RenderedFile
from .errors import InvalidInput
from .length import DEFAULT_LIMITS, MODEL_RATE, LengthLimits, MusicalLength
from .models import AudioLDMComponents, load_model
from .prompts import point_metadata
from .request import RenderRequest, file_stamp
from .sampler import AudioLDMSampler, SamplingJob

#: The live lane's common lengths: 1, 2 and 4 bars of 4/4 at 120 BPM (2, 4 and 8 s). A compiled
#: engine warms these shapes up at start so a performance never waits on a compile.
LIVE_WARM_UP_LENGTHS = tuple(MusicalLength.from_bars(bars, bpm=120) for bars in (1, 2, 4))

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
               should_cancel: Callable[[], bool] | None = None,
               stage: Callable[[str], None] | None = None) -> list[RenderedFile]:
        return self.render_batch([request], progress, should_cancel, stage)[0]

    def render_batch(self, requests: Sequence[RenderRequest], progress: ProgressCallback | None = None,
                     should_cancel: Callable[[], bool] | None = None,
                     stage: Callable[[str], None] | None = None) -> list[list[RenderedFile]]:
        """Render compatible requests in one sampler batch; returns files per request. ``stage`` hears
        "writing" when sampling and decoding are over (the CLI's progress bar)."""
        # 1.-3. Check every request, prepare each one (ranker, init audio's latents), sample them as one batch.
        waveforms, sampling_seconds = self.sample(requests, progress, should_cancel)
        if stage is not None:
            stage("ranking, writing" if any(r.best_of is not None for r in requests) else "writing")
        # 4.-5. Per request: rank its candidates (best_of), deliver each kept one as a file.
        return [self.deliver_all(request, waves, sampling_seconds / len(requests))
                for request, waves in zip(requests, waveforms)]

    def sample(self, requests: Sequence[RenderRequest], progress: ProgressCallback | None = None,
               should_cancel: Callable[[], bool] | None = None) -> tuple[list[list[np.ndarray]], float]:
        """The model part of a batch: 16 kHz waveforms per request and variation, and the time it took."""
        # 1. Check inputs: the request's fields, then this engine's length limits.
        for request in requests:
            request.check_inputs()
            request.check_length(self.limits)
        # 2. Prepare: the ranking model for best_of, an init audio's latents.
        for request in requests:
            self.prepare(request)
        # 3. Sample: one batch through the model.
        return self.sample_jobs([request.sampling_job() for request in requests], progress, should_cancel)

    def prepare(self, request: RenderRequest, encode: Callable | None = None) -> None:
        """What must happen before a request's first step (idempotent): load the ranking model for
        best_of (or fail with model_unavailable now), and read the init audio through AudioLDM's
        front end and the VAE encoder into latents that its sampling jobs carry.

        ``encode`` (log-mel → one clip's latents) runs the VAE encoder elsewhere: on the model
        replica that samples the batch, where the front (bridge.ray_backend) holds no model."""
        if request.best_of is not None:
            self.ranker  # noqa: B018
        if request.audio_prompt is not None and request.audio_embeds is None:
            request.audio_embeds = self.audio_condition(Path(request.audio_prompt))
        if request.plan is None or request.init_latents is not None:
            return
        if request.plan.mode == "transfer" and request.sampling_job().first_step() == 0:
            return  # strength 1: a plain generation of the input's length; nothing to encode
        import torch

        from .audio_in import encode_latents, log_mel, read_audio
        from .init_audio import prepare

        frames = request.sampling_job().frames
        if file_stamp(Path(request.init_audio)) != request.init_stamp:
            raise InvalidInput(f"init_audio {str(request.init_audio)!r:.200} changed after the request was accepted "
                               f"(written over or removed); nothing was generated: send the request again")
        request.prepared = prepare(request.plan, read_audio(Path(request.init_audio), *request.init_frames), frames)
        mel = log_mel(request.prepared.wave16k)
        request.init_latents = encode(mel) if encode is not None else encode_latents(self.components, mel)[0]
        keep = request.plan.keep_mask(frames)
        request.keep = None if keep is None else torch.from_numpy(keep)

    def audio_condition(self, path: Path) -> np.ndarray:
        """A sound's CLAP audio embedding (engine.audio_prompt), refused unless the CLAP's text tower is the model's."""
        from .audio_prompt import audio_condition, check_towers

        if not getattr(self, "_towers_match", False):
            check_towers(self.ranker, self.components)
            self._towers_match = True
        return audio_condition(self.ranker, path)

    def embed(self, text: str) -> np.ndarray:
        """A prompt's condition as the sampler uses it: (1, D) float32 (the ``embed`` op). Shares no state
        with a running batch (its own cache), so a transport thread may call it."""
        from .conditioning import EmbeddingCache, encode_texts
        from .prompts import check_text

        embed = encode_texts(self.components, [check_text("prompt", text)], EmbeddingCache(size=1))
        return embed.float().cpu().numpy().reshape(1, -1)

    def sample_jobs(self, jobs: Sequence[SamplingJob], progress: ProgressCallback | None = None,
                    should_cancel: Callable[[], bool] | None = None) -> tuple[list[list[np.ndarray]], float]:
        """Sample validated jobs as one batch: waveforms per job and variation, and the time it took."""
        started = time.perf_counter()
        waveforms = self.sampler(jobs, callback=progress, should_cancel=should_cancel)
        return waveforms, time.perf_counter() - started

    def deliver_all(self, request: RenderRequest, waves: Sequence[np.ndarray],
                    sampling_seconds: float = 0.0) -> list[RenderedFile]:
        seeds, extras = list(request.seeds), [point_metadata(request, k) for k in range(len(waves))]
        # 4. Rank: best_of candidates scored by CLAP, the best `variations` kept.
        if request.best_of is not None:
            picks, scores = self.rank(request, waves)
            waves, seeds = [waves[i] for i in picks], [seeds[i] for i in picks]
            extras = [{**extras[i], "best_of": request.best_of, "rank": rank + 1, "clap_score": round(scores[i], 6),
                       "clap_model": self.ranking_model} for rank, i in enumerate(picks)]
        # 5. Deliver: each kept waveform post-processed into a published file with its sidecar.
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
        """Post-process one 16 kHz waveform into a written file with its sidecar (:func:`engine.deliver.deliver`)."""
        return _deliver.deliver(request, wave16k, seed, variation, self.components, sampling_seconds, extra)
