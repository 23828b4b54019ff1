"""Weighted prompts, morphs and sweeps (engine.prompts) through the engine: what a request may ask,
what it renders (amount 0 and 1 exactly the two prompts), and what its files and sidecars say."""

import json

import numpy as np
import pytest
import soundfile as sf

from engine.errors import InvalidInput
from engine.length import MusicalLength
from engine.prompts import decode_embeds, encode_embeds
from engine.request import RenderRequest


def request(tmp_path, **fields):
    fields.setdefault("prompt", "rain on a tin roof")
    return RenderRequest(length=MusicalLength.from_seconds(0.32), out_dir=tmp_path, seed=11, steps=2, **fields)


def render(engine, tmp_path, **fields):
    files = engine.render(request(tmp_path, **fields))
    return [sf.read(f.path, dtype="float32")[0] for f in files], files


def test_morph_amount_0_and_1_are_exactly_the_two_prompts(engine, tmp_path):
    [first], _ = render(engine, tmp_path)
    [second], _ = render(engine, tmp_path, prompt="distant thunder")
    [at0], _ = render(engine, tmp_path, morph_to="distant thunder", morph=0.0)
    [at1], _ = render(engine, tmp_path, morph_to="distant thunder", morph=1)
    [half], files = render(engine, tmp_path, morph_to="distant thunder", morph=0.5)
    assert np.array_equal(at0, first) and np.array_equal(at1, second)
    assert not np.allclose(half, first, atol=1e-4) and not np.allclose(half, second, atol=1e-4)
    meta = json.loads(files[0].sidecar.read_text())
    assert meta["prompt"] == "rain on a tin roof" and meta["morph"] == {"to": "distant thunder", "amount": 0.5}
    assert meta["prompts"] == [{"text": "rain on a tin roof", "weight": 0.5}, {"text": "distant thunder", "weight": 0.5}]
    assert files[0].as_dict()["morph"] == meta["morph"]


def test_a_sweep_is_one_batch_of_ordered_files_with_one_seed(engine, tmp_path, monkeypatch):
    calls = []
    real = engine.sampler.__class__.__call__
    monkeypatch.setattr(engine.sampler.__class__, "__call__", lambda self, jobs, *a, **k: calls.append(
        [len(j.seeds) for j in jobs]) or real(self, jobs, *a, **k))
    waves, files = render(engine, tmp_path, morph_to="distant thunder", sweep=5)
    assert calls == [[5]]  # one request, one sampler batch of 5 rows
    assert [f.metadata["morph"]["amount"] for f in files] == [0, 0.25, 0.5, 0.75, 1]
    assert [f.path.name for f in files] == sorted(f.path.name for f in files)  # named in order
    assert all("_11_" in f.path.name and f"{k + 1:02d}of05" in f.path.name for k, f in enumerate(files))
    assert {f.metadata["seed"] for f in files} == {11}
    assert [json.loads(f.sidecar.read_text())["sweep"] for f in files] == [{"point": k, "points": 5} for k in range(1, 6)]
    [first], _ = render(engine, tmp_path)
    np.testing.assert_allclose(waves[0], first, rtol=0, atol=1e-5)  # batched in fp32: float rounding


def test_a_batch_invariant_sweeps_ends_are_exactly_the_two_prompts(tiny_components):
    from engine.prompts import Blend
    from engine.sampler import AudioLDMSampler, SamplingJob

    sampler = AudioLDMSampler(tiny_components)
    sampler.batch_invariant = True  # each row alone: a sweep's ends are bit for bit the prompts alone
    job = request(None, morph_to="distant thunder", sweep=3)
    job.check_inputs()
    points = sampler([job.sampling_job()])[0]
    alone = [sampler([SamplingJob(text, job.sampling_job().frames, [11], steps=2)])[0][0]
             for text in ("rain on a tin roof", "distant thunder")]
    assert np.array_equal(points[0], alone[0]) and np.array_equal(points[2], alone[1])
    assert job.sampling_job().conditions[1] == Blend(("rain on a tin roof", "distant thunder"), (0.5, 0.5))


def test_weighted_prompts_and_negatives_render_and_are_recorded(engine, tmp_path):
    prompts = [{"text": "rain", "weight": 0.2}, {"text": "wind", "weight": 0.5}, {"text": "fire", "weight": 0.3}]
    _, files = render(engine, tmp_path, prompt="", prompts=prompts, negative_prompts=[{"text": "hiss"}])
    meta = json.loads(files[0].sidecar.read_text())
    assert meta["prompt"] == "wind" and files[0].path.name.startswith("wind_11_")  # the heaviest names it
    assert meta["prompts"] == prompts and meta["negative_prompts"] == [{"text": "hiss", "weight": 1.0}]


def test_a_checked_request_checks_again_unchanged(tmp_path):
    """A request is checked where it arrives and again where it runs: its own labels are not refused."""
    for fields in ({"prompt": "", "prompts": [{"text": "a", "weight": 1}, {"text": "b", "weight": 2}]},
                   {"morph_to": "b", "sweep": 3}, {"prompt": "", "prompt_embeds": np.ones((1, 32), np.float32)}):
        once = request(tmp_path, **fields)
        once.check_inputs()
        seeds, prompt, conditions = list(once.seeds), once.prompt, once.sampling_job().conditions
        once.check_inputs()
        assert (once.seeds, once.prompt) == (seeds, prompt)
        assert len(once.sampling_job().conditions) == len(conditions)


def test_given_embeddings_render_like_their_prompt(engine, tmp_path):
    wire = encode_embeds(engine.embed("rain on a tin roof"))
    assert wire["dtype"] == "float32" and wire["shape"] == [1, 32]
    [given], files = render(engine, tmp_path, prompt="", prompt_embeds=decode_embeds(wire))
    [text], _ = render(engine, tmp_path)
    np.testing.assert_allclose(given, text, rtol=0, atol=1e-5)  # the text was encoded beside "": padding
    meta = json.loads(files[0].sidecar.read_text())
    assert meta["prompt_embeds"] == {"given": True, "dtype": "float32", "shape": [1, 32]}
    assert meta["prompt"] == "prompt embedding"


@pytest.mark.parametrize("fields, message", [
    ({"prompts": [{"text": "a", "weight": 1}]}, "give either prompt or prompts, not both"),
    ({"prompt": "", "prompts": []}, "prompts must be a list of 1..8"),
    ({"prompt": "", "prompts": [{"text": "a", "weight": -1}]}, r"prompts\[0\].weight must be a finite number >= 0, got -1"),
    ({"prompt": "", "prompts": [{"text": "a", "weight": 0}]}, r"prompts needs a weight above 0, got \[0.0\]"),
    ({"prompt": "", "prompts": [{"text": "", "weight": 1}]}, r"prompts\[0\].text must be non-empty text"),
    ({"prompt": "", "prompts": [{"txt": "a"}]}, r"prompts\[0\] must be an object"),
    ({"morph_to": "b"}, "morph_to needs either morph .* or sweep .*not neither"),
    ({"morph_to": "b", "morph": 0.5, "sweep": 3}, "not both"),
    ({"morph": 0.5}, "morph needs morph_to"),
    ({"morph_to": "b", "morph": 1.5}, "morph must be a number 0..1, got 1.5"),
    ({"morph_to": "b", "sweep": 1}, r"sweep must be an integer 2..16 \(points\), got 1"),
    ({"morph_to": "b", "sweep": 3, "variations": 2}, "a sweep renders one file per point: give no variations"),
    ({"morph_to": "b", "sweep": 3, "best_of": 4}, "best_of does not apply"),
    ({"negative_prompt": "x", "negative_prompts": [{"text": "y"}]}, "either negative_prompt or negative_prompts"),
])
def test_bad_blends_are_refused_by_name(tmp_path, fields, message):
    with pytest.raises(InvalidInput, match=message):
        request(tmp_path, **fields).check_inputs()


@pytest.mark.parametrize("wire, message", [
    ({"dtype": "float16", "shape": [1, 2], "data": ""}, "prompt_embeds.dtype must be \"float32\", got 'float16'"),
    ({"dtype": "float32", "shape": [2, 2], "data": ""}, r"prompt_embeds.shape must be \[1, D\]"),
    ({"dtype": "float32", "shape": [1, 2], "data": "!!"}, "prompt_embeds.data must be base64 text"),
    ({"dtype": "float32", "shape": [1, 3], "data": "AAAAAAAAAAA="}, r"holds 8 bytes; shape \[1, 3\] of float32 needs 12"),
    ({"dtype": "float32", "shape": [1, 1], "data": "AADAfw=="}, "NaN or infinite"),
    ([1, 2], "prompt_embeds must be an object"),
])
def test_bad_embeddings_are_refused_by_name(wire, message):
    with pytest.raises(InvalidInput, match=message):
        decode_embeds(wire)


def test_a_blend_job_survives_the_trip_to_a_ray_replica(tmp_path):
    """serve --ray ships SamplingJob as dataclasses.asdict; the replica rebuilds it with SamplingJob(**fields)."""
    import dataclasses

    from engine.sampler import SamplingJob

    sweep = request(tmp_path, morph_to="distant thunder", sweep=3, negative_prompts=[{"text": "hiss", "weight": 2}])
    sweep.check_inputs()
    job = sweep.sampling_job()
    assert SamplingJob(**dataclasses.asdict(job)).conditions == job.conditions
    assert SamplingJob(**dataclasses.asdict(job)).negative == job.negative
    assert job.select([2]).conditions == job.conditions[2:] and job.select([2]).seeds == [11]
