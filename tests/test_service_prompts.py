"""Weighted prompts, morphs, sweeps and embeddings over the real transports: ZeroMQ (the embed op,
prompt_embeds, the nested morph/sweep objects) and OSC (morph_to and morph as Max sends them)."""

import json
from pathlib import Path

import numpy as np
import soundfile as sf

from engine.prompts import decode_embeds, encode_embeds
from test_service import client_for, osc, service  # noqa: F401 (fixtures)

BASE = {"prompt": "rain on a tin roof", "seconds": 0.32, "steps": 2, "seed": 5}


def test_embed_then_generate_from_the_embedding_over_zmq(service, engine):
    with client_for(service) as client:
        reply = client.embed("rain on a tin roof")
        assert reply["event"] == "embedding" and reply["dtype"] == "float32" and reply["shape"] == [1, 32]
        np.testing.assert_array_equal(decode_embeds({k: reply[k] for k in ("dtype", "shape", "data")}),
                                      engine.embed("rain on a tin roof"))
        fields = {**BASE, "prompt_embeds": {k: reply[k] for k in ("dtype", "shape", "data")}}
        del fields["prompt"]
        given = list(client.events(fields))[-1]
        text = list(client.events(BASE))[-1]
        wrong = list(client.events({**fields, "prompt_embeds": encode_embeds(np.ones((1, 512), np.float32))}))[-1]
        refused = client.call({"op": "embed", "prompt": ""})
    assert given["event"] == "done" and given["files"][0]["prompt_embeds"]["given"] is True
    np.testing.assert_allclose(sf.read(given["paths"][0])[0], sf.read(text["paths"][0])[0], rtol=0, atol=1e-4)
    assert wrong["event"] == "error" and wrong["code"] == "bad_request"
    assert "prompt_embeds must have shape [1, 32]" in wrong["message"] and "[1, 512]" in wrong["message"]
    assert refused["event"] == "error" and refused["code"] == "bad_request" and "prompt must be non-empty text" in \
        refused["message"]


def test_nested_morph_and_sweep_over_zmq(service):
    with client_for(service) as client:
        morph = list(client.events({**BASE, "morph": {"to": "distant thunder", "amount": 0.25}}))[-1]
        sweep = list(client.events({**BASE, "sweep": {"to": "distant thunder", "points": 3}}))[-1]
        bad = list(client.events({**BASE, "morph": {"to": "distant thunder"}}))[-1]
        weighted = list(client.events({"seconds": 0.32, "steps": 2, "prompts": [
            {"text": "rain", "weight": 0.2}, {"text": "wind", "weight": 0.5}, {"text": "fire", "weight": 0.3}]}))[-1]
    assert morph["files"][0]["morph"] == {"to": "distant thunder", "amount": 0.25}
    assert [f["morph"]["amount"] for f in sweep["files"]] == [0, 0.5, 1]
    assert sweep["paths"] == sorted(sweep["paths"]) and len(sweep["paths"]) == 3
    assert [json.loads(Path(p).with_suffix(".json").read_text())["seed"] for p in sweep["paths"]] == [5, 5, 5]
    assert bad["code"] == "bad_request" and "morph must be a number or an object" in bad["message"]
    assert weighted["event"] == "done" and weighted["files"][0]["prompt"] == "wind"
    assert [p["text"] for p in weighted["files"][0]["prompts"]] == ["rain", "wind", "fire"]


def test_morph_over_osc_as_max_sends_it(osc):
    listener, send, _ = osc
    send("/audioldm/generate", "prompt", "rain", "morph_to", "distant", "thunder", "morph", 0.5, "seconds", 0.32,
         "steps", 2, "seed", 9, "sweep", 3, "reply_port", listener.port, "id", "m1")
    [error] = listener.wait("/audioldm/error")
    assert error[1:3] == ("m1", "bad_request") and "not both" in error[3]
    send("/audioldm/generate", "prompt", "rain", "morph_to", "distant", "thunder", "sweep", 3, "seconds", 0.32,
         "steps", 2, "seed", 9, "reply_port", listener.port, "id", "m2")
    [done] = listener.wait("/audioldm/done")
    assert done[1] == "m2" and len(done[2:]) == 3 and list(done[2:]) == sorted(done[2:])
    metas = [json.loads(Path(p).with_suffix(".json").read_text()) for p in done[2:]]
    assert [m["morph"] for m in metas] == [{"to": "distant thunder", "amount": a} for a in (0, 0.5, 1)]


def test_a_sweep_split_into_parts_keeps_each_points_condition(tiny_components, tmp_path):
    """Two UNet rows per batch (guidance: one point per part): each part samples its own points' blends."""
    from test_service import running_service

    with running_service(tiny_components, tmp_path, max_batch_rows=2) as svc, client_for(svc) as client:
        parts = list(client.events({**BASE, "sweep": {"to": "distant thunder", "points": 3}}))[-1]
        ends = [list(client.events({**BASE, "prompt": p}))[-1] for p in ("rain on a tin roof", "distant thunder")]
    assert [f["morph"]["amount"] for f in parts["files"]] == [0, 0.5, 1]
    for path, end in zip((parts["paths"][0], parts["paths"][2]), ends):
        np.testing.assert_array_equal(sf.read(path)[0], sf.read(end["paths"][0])[0])  # one row a part, as alone
