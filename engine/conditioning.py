"""The condition AudioLDM samples from: CLAP text embeddings, L2-normalized as the pipeline does.

``AudioLDMPipeline._encode_prompt`` takes CLAP's projected text embedding (``text_embeds``) and
normalizes it to unit length: the UNet's class embedding sees points on the unit sphere. This
module encodes texts onto that sphere (with a small LRU cache, padding to the longest text).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Sequence

import torch
import torch.nn.functional as F


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
