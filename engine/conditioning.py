"""The condition AudioLDM samples from: CLAP text embeddings, L2-normalized as the pipeline does.

``AudioLDMPipeline._encode_prompt`` takes CLAP's projected text embedding (``text_embeds``) and
normalizes it to unit length: the UNet's class embedding sees points on the unit sphere. This
module encodes texts onto that sphere (with a small LRU cache, padding to the longest text) and
blends points on it (:func:`mix`, the rule docs/PROTOCOL.md states): weighted prompts, morphs and
sweeps (:mod:`engine.prompts` says what a request asks for), next to embeddings given as they are.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable, Sequence

import torch
import torch.nn.functional as F

from .errors import InvalidInput
from .prompts import Blend


@dataclass
class EmbeddingCache:
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


@torch.inference_mode()
def encode_texts(components, texts: Sequence[str], cache: EmbeddingCache, one_at_a_time: bool = False) -> torch.Tensor:
    """Normalized CLAP text embeddings (len(texts), dim) in the UNet's dtype, via ``cache``.

    Misses are encoded in one call padded to the longest text (not 512): with the attention
    mask the pooled embedding is the same, at a fraction of the cost. ``one_at_a_time`` encodes
    each text alone (the sampler's batch-invariant mode: the same shapes whatever the batch holds).
    """
    c = components
    # this call's embeddings, kept here: a batch may hold more distinct texts than the cache keeps
    found = {t: cache.get(t) for t in dict.fromkeys(texts)}
    missing = [t for t, embed in found.items() if embed is None]
    for chunk in ([[t] for t in missing] if one_at_a_time else [missing] if missing else []):
        tokens = c.tokenizer(chunk, padding="longest", truncation=True,
                             max_length=c.tokenizer.model_max_length, return_tensors="pt")
        output = c.text_encoder(tokens.input_ids.to(c.device), attention_mask=tokens.attention_mask.to(c.device))
        embeds = F.normalize(output.text_embeds, dim=-1).to(dtype=c.stage_dtype("unet"))
        for text, embed in zip(chunk, embeds):
            found[text] = embed
            cache.put(text, embed)
    return torch.stack([found[t] for t in texts])


# --- blends: points between prompts on the sphere ----------------------------------------------------


def slerp(a: torch.Tensor, b: torch.Tensor, t: float) -> torch.Tensor:
    """Spherical interpolation between unit vectors ``a`` (t = 0) and ``b`` (t = 1), in fp32.

    Nearly parallel vectors (sin θ < 1e-6) fall back to the normalized straight line; opposite ones
    have no one shortest arc and are refused."""
    a32, b32 = a.float(), b.float()
    cos = torch.clamp(torch.dot(a32, b32) / (a32.norm() * b32.norm()), -1.0, 1.0)
    theta = torch.arccos(cos)
    sin = torch.sin(theta)
    if float(sin) < 1e-6:
        if float(cos) < 0:
            raise InvalidInput("the two prompts' embeddings point in opposite directions: no one blend between them")
        return F.normalize((1 - t) * a32 + t * b32, dim=-1)
    return (torch.sin((1 - t) * theta) / sin) * a32 + (torch.sin(t * theta) / sin) * b32


def mix(embeds: torch.Tensor, weights: Sequence[float]) -> torch.Tensor:
    """One condition from unit vectors (k, D) and weights > 0, in ``embeds``' dtype.

    One vector is itself (bit for bit); two are spherically interpolated at t = w₂ / (w₁ + w₂); more
    are the normalized weighted sum (the weights' scale does not matter)."""
    if len(weights) == 1:
        return embeds[0]
    if len(weights) == 2:
        return slerp(embeds[0], embeds[1], weights[1] / (weights[0] + weights[1])).to(embeds.dtype)
    w = torch.tensor(list(weights), dtype=torch.float32, device=embeds.device)
    total = (w[:, None] * embeds.float()).sum(0)
    if float(total.norm()) < 1e-6:
        raise InvalidInput(f"the weighted prompts cancel out (weights {list(weights)}): no direction to condition on")
    return F.normalize(total, dim=-1).to(embeds.dtype)


def check_condition(job, dim: int) -> None:
    """A job's conditions are one per variation, and its given embeddings (prompt_embeds, an audio
    prompt's) fit the model: one vector of ``dim``."""
    if job.conditions is not None and len(job.conditions) != job.variations:
        raise InvalidInput(f"a job needs one condition per variation ({job.variations}), got {len(job.conditions)}")
    for cond in job.conditions or ():
        if isinstance(cond, Blend):
            continue
        shape = tuple(getattr(cond, "shape", ()))
        if shape not in ((dim,), (1, dim)):
            raise InvalidInput(f"prompt_embeds must have shape [1, {dim}] (this model's CLAP dimension), "
                               f"got {list(shape)}")


def row_embeddings(jobs, encode: Callable, do_cfg: bool, device, dtype) -> torch.Tensor:
    """The sampler's condition rows: per variation, the negative's (first, with guidance) then the prompt's.

    Every text of every row is encoded in one ``encode`` call, in row order, so plain prompts are
    encoded exactly as they always were (unconditional texts first, then the prompts)."""
    conds = [cond for job in jobs for cond in (job.conditions or [Blend.text(job.prompt)] * job.variations)]
    negs = [job.negative or Blend.text(job.negative_prompt) for job in jobs for _ in job.seeds]
    rows = negs + conds if do_cfg else conds
    texts = [text for cond in rows if isinstance(cond, Blend) for text in cond.texts]
    encoded = iter(encode(texts) if texts else ())
    out = []
    for cond in rows:
        if isinstance(cond, Blend):
            out.append(mix(torch.stack([next(encoded) for _ in cond.texts]), cond.weights))
        else:
            out.append(torch.as_tensor(cond).reshape(-1).to(device=device, dtype=dtype))
    return torch.stack(out)
