"""Our sampling loop against diffusers' AudioLDMPipeline, determinism, batching, progress, cancel."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.errors import Cancelled, InvalidInput
from engine.length import MODEL_RATE, MusicalLength, frames_for_samples
from engine.sampler import SamplingJob

SHIPPED_SCHEDULER = Path(__file__).resolve().parents[1] / "engine" / "data" / "audioldm-s-full-v2" / "scheduler"

#: What each scheduler name means, stated here from diffusers' own classes, not taken from
#: engine.sampler: a wrong class or option there must make the conformance test fail.
REFERENCE_SCHEDULERS = {
    "ddim": ("DDIMScheduler", {}),
    "dpmsolver++": ("DPMSolverMultistepScheduler", {"algorithm_type": "dpmsolver++"}),
    "euler": ("EulerDiscreteScheduler", {}),
    "pndm": ("PNDMScheduler", {"skip_prk_steps": True}),  # as Stable Diffusion/AudioLDM configs use it
    "lms": ("LMSDiscreteScheduler", {}),
}


def reference_scheduler(name):
    """The checkpoint's published DDIM config, swapped to another class the way diffusers documents
    it (``OtherScheduler.from_config(pipe.scheduler.config)``)."""
    import diffusers

    class_name, options = REFERENCE_SCHEDULERS[name]
    published = diffusers.DDIMScheduler.from_pretrained(SHIPPED_SCHEDULER)
    return getattr(diffusers, class_name).from_config(published.config, **options)


def test_the_tiny_model_uses_the_published_scheduler_config(tiny_components):
    import diffusers

    published = dict(diffusers.DDIMScheduler.from_pretrained(SHIPPED_SCHEDULER).config)
    ours = dict(tiny_components.scheduler.config)
    assert type(tiny_components.scheduler) is diffusers.DDIMScheduler
    # diffusers stamps its own version into a config whenever it serializes it (save_pretrained,
    # to_json_string, even repr): either the shipped file's version or the installed diffusers'
    assert ours.pop("_diffusers_version") in {published.pop("_diffusers_version"), diffusers.__version__}
    assert ours == published


def _pipeline(components, scheduler):
    try:
        from diffusers import AudioLDMPipeline
    except ImportError:  # removed from a future diffusers: nothing left to conform to
        pytest.skip("diffusers.AudioLDMPipeline cannot be imported")
    pipe = AudioLDMPipeline(vae=components.vae, text_encoder=components.text_encoder,
                            tokenizer=components.tokenizer, unet=components.unet,
                            scheduler=scheduler, vocoder=components.vocoder)
    pipe.set_progress_bar_config(disable=True)
    return pipe


@pytest.mark.parametrize(
    "seconds, scheduler, eta, negative, guidance",
    [
        (0.32, "ddim", 0.0, "", 2.5),
        (1.0, "ddim", 0.7, "low quality", 2.5),  # eta > 0 draws noise from the generators every step
        (2.56, "ddim", 0.0, "", 1.0),  # guidance 1: no classifier-free guidance
        (0.64, "dpmsolver++", 0.0, "", 3.0),
        (0.64, "euler", 0.0, "", 2.5),
        (0.64, "pndm", 0.0, "", 2.5),
        (0.64, "lms", 0.0, "", 2.5),
    ],
)
def test_conforms_to_the_seed_pipeline(sampler, tiny_components, seconds, scheduler, eta, negative, guidance):
    pipe = _pipeline(tiny_components, reference_scheduler(scheduler))
    seeds = [7, 8]
    reference = pipe("a dog barking in the rain", audio_length_in_s=seconds, num_inference_steps=10,
                     guidance_scale=guidance, eta=eta, negative_prompt=negative or None, num_waveforms_per_prompt=2,
                     generator=[torch.Generator().manual_seed(s) for s in seeds]).audios
    samples = MusicalLength.from_seconds(seconds).samples(MODEL_RATE)
    assert reference.shape == (2, samples)
    ours = sampler([SamplingJob("a dog barking in the rain", frames_for_samples(samples), seeds, negative_prompt=negative,
                                guidance=guidance, eta=eta, scheduler=scheduler)])[0]
    for wave, ref in zip(ours, reference):
        assert np.abs(ref).max() > 1e-3  # the comparison means something only if there is signal
        np.testing.assert_allclose(wave[:samples], ref, rtol=0, atol=1e-5)


def test_longest_padding_gives_the_512_padded_embedding(tiny_components, sampler):
    tok, enc = tiny_components.tokenizer, tiny_components.text_encoder
    texts = ["kick", "a long prompt about a warm analog bass line with slow filter sweeps"]
    full = tok(texts, padding="max_length", max_length=512, truncation=True, return_tensors="pt")
    with torch.inference_mode():
        ref = torch.nn.functional.normalize(enc(full.input_ids, attention_mask=full.attention_mask).text_embeds, dim=-1)
    sampler.embedding_cache.entries.clear()
    ours = sampler.encode_texts(texts)
    torch.testing.assert_close(ours, ref, rtol=0, atol=1e-6)


def test_embedding_cache_hits_and_is_bounded(sampler):
    sampler.embedding_cache.entries.clear()
    hits = sampler.embedding_cache.hits
    sampler.encode_texts(["snare roll"])
    sampler.encode_texts(["snare roll"])
    assert sampler.embedding_cache.hits == hits + 1
    for i in range(sampler.embedding_cache.size + 5):
        sampler.encode_texts([f"prompt {i}"])
    assert len(sampler.embedding_cache.entries) == sampler.embedding_cache.size
    assert "snare roll" not in sampler.embedding_cache.entries


def test_a_batch_with_more_prompts_than_the_cache_holds(tiny_components, sampler):
    """More distinct prompts in one batch than the cache keeps (64; a big --max-batch) are all encoded,
    each to its own embedding, and the batch samples as it would with a bigger cache."""
    from engine.sampler import AudioLDMSampler

    texts = [f"prompt number {i}" for i in range(sampler.embedding_cache.size + 6)]
    embeds = sampler.encode_texts(texts)
    assert embeds.shape[0] == len(texts)
    torch.testing.assert_close(embeds[-1], sampler.encode_texts([texts[-1]])[0], rtol=0, atol=1e-6)
    torch.testing.assert_close(embeds[0], sampler.encode_texts([texts[0]])[0], rtol=0, atol=1e-6)
    small = AudioLDMSampler(tiny_components, embedding_cache_size=2)
    jobs = [SamplingJob(f"bell {i}", 16, [i], steps=1, negative_prompt=f"hiss {i}") for i in range(3)]
    for ours, reference in zip(small(jobs), sampler(jobs)):
        np.testing.assert_allclose(ours[0], reference[0], rtol=0, atol=1e-6)


def test_same_seed_same_audio_other_seed_other_audio(sampler):
    job = SamplingJob("glass harmonica", 64, [42])
    a, b = sampler([job])[0][0], sampler([job])[0][0]
    c = sampler([SamplingJob("glass harmonica", 64, [43])])[0][0]
    np.testing.assert_array_equal(a, b)
    assert np.abs(a - c).max() > 1e-3


def test_batched_equals_alone(sampler):
    """A job's audio must not depend on its batch mates (own generators, own text embedding)."""
    alone = sampler([SamplingJob("rain on a tin roof", 48, [5, 6], negative_prompt="hiss", eta=0.3)])[0]
    batched = sampler([
        SamplingJob("kick", 48, [1], eta=0.3),
        SamplingJob("rain on a tin roof", 48, [5, 6], negative_prompt="hiss", eta=0.3),
        SamplingJob("a much longer prompt that pads the whole batch to more tokens", 48, [9], eta=0.3),
    ])[1]
    for a, b in zip(alone, batched):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-5)


@pytest.fixture(scope="module", params=["auto", "bf16"])
def bf16_sampler(request):
    """The tiny model as a CPU with native bf16 runs it, whatever this CPU is: ``auto`` (forced
    through AUDIOLDM_BRIDGE_CPU_BF16=1: text encoder fp32, the rest bf16) and ``bf16`` (every stage)."""
    from engine.models import CPU_BF16_ENV, load_model
    from engine.sampler import AudioLDMSampler

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CPU_BF16_ENV, "1")
        components = load_model("tiny", device="cpu", dtype=request.param)
    assert components.stage_dtype("unet") == components.stage_dtype("vae") == torch.bfloat16
    return AudioLDMSampler(components)


def test_batch_invariance_is_the_default_for_bf16_on_the_cpu_and_exact_in_fp32_on_request(sampler, bf16_sampler):
    assert bf16_sampler.batch_invariant and not sampler.batch_invariant  # fp32 stays batched (BENCHMARKS.md)
    job = SamplingJob("kick drum", 32, [1, 2], steps=2)
    sampler.batch_invariant = True
    try:
        batch = sampler([job])[0]
        alone = [sampler([replace(job, seeds=[seed])])[0][0] for seed in job.seeds]
    finally:
        sampler.batch_invariant = False
    for ours, theirs in zip(batch, alone):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize("scheduler, eta, guidance",
                         [("ddim", 0.0, 2.5), ("ddim", 0.5, 1.0), ("dpmsolver++", 0.0, 3.0)])
def test_seed_recall_is_exact_in_bf16(bf16_sampler, scheduler, eta, guidance):
    """A variation of a batch is bit for bit its seed rendered alone, in bf16 too (README's promise;
    bf16 kernels round differently with the batch's size: matmul blocking, channels-last GroupNorm)."""
    job = SamplingJob("kick drum", 64, [100, 101, 102, 103], steps=3, scheduler=scheduler, eta=eta, guidance=guidance)
    batch = bf16_sampler([job])[0]
    for seed, wave in zip(job.seeds, batch):
        np.testing.assert_array_equal(wave, bf16_sampler([replace(job, seeds=[seed])])[0][0])


def test_an_edit_keeps_seed_recall_in_bf16(bf16_sampler):
    """Style transfer with kept frames (repaint/extend): init latents and the keep mask per row."""
    generator = torch.Generator().manual_seed(0)
    init = torch.randn(8, 12, 16, generator=generator)
    keep = (torch.arange(12) < 6).float()
    job = SamplingJob("glass marimba", 48, [4, 5, 6], steps=4, strength=0.75, init_latents=init, keep=keep)
    batch = bf16_sampler([job])[0]
    for seed, wave in zip(job.seeds, batch):
        np.testing.assert_array_equal(wave, bf16_sampler([replace(job, seeds=[seed])])[0][0])


def test_a_job_batched_with_others_is_exact_in_bf16(bf16_sampler):
    """Batch mates with other prompts (other token lengths) and negative prompts change nothing either."""
    jobs = [SamplingJob("kick", 48, [1], steps=3, eta=0.3),
            SamplingJob("rain on a tin roof", 48, [5, 6], negative_prompt="hiss", steps=3, eta=0.3),
            SamplingJob("a much longer prompt that pads the whole batch to more tokens", 48, [9], steps=3, eta=0.3)]
    bf16_sampler.embedding_cache.entries.clear()
    batched = bf16_sampler(jobs)
    for job, waves in zip(jobs, batched):
        for seed, wave in zip(job.seeds, waves):
            bf16_sampler.embedding_cache.entries.clear()  # each text encoded afresh, alone
            np.testing.assert_array_equal(wave, bf16_sampler([replace(job, seeds=[seed])])[0][0])


def test_progress_and_cancel_between_steps(sampler):
    seen = []
    sampler([SamplingJob("bell", 16, [0], steps=4)], callback=lambda s, t: seen.append((s, t)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]

    calls = []

    def cancel_after_two():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled, match="before step 3 of 10"):
        sampler([SamplingJob("bell", 16, [0])], should_cancel=cancel_after_two)


@pytest.mark.parametrize(
    "change, message",
    [
        (dict(prompt="  "), "prompt must be non-empty text, got '  '"),
        (dict(prompt=12), "prompt must be non-empty text, got 12"),
        (dict(frames=30), "frames must be a positive multiple of 4, got 30"),
        (dict(steps=0), "steps must be an integer 1..500, got 0"),
        (dict(steps=2.5), "steps must be an integer 1..500, got 2.5"),
        (dict(guidance=float("nan")), "guidance must be a number 0..30, got nan"),
        (dict(eta=2), "eta must be a number 0..1, got 2"),
        (dict(seeds=[-1]), r"seed must be an integer 0..4294967295, got -1"),
        (dict(seeds=[]), "variations must be 1..16, got 0"),
        (dict(scheduler="heun"), "unknown scheduler 'heun'"),
    ],
)
def test_check_inputs_names_the_bad_value(sampler, change, message):
    job = SamplingJob("ok", 16, [0])
    for key, value in change.items():
        setattr(job, key, value)
    with pytest.raises(InvalidInput, match=message):
        sampler([job])


def test_incompatible_jobs_are_not_batched(sampler):
    with pytest.raises(InvalidInput, match="must share"):
        sampler([SamplingJob("a", 16, [0]), SamplingJob("b", 20, [0])])
