"""What a request is conditioned on: weighted prompts, a morph, a sweep, a given embedding, a sound.

AudioLDM conditions on one CLAP vector on the unit sphere. A request names it by

* ``prompt`` — one text (the default);
* ``prompts`` — weighted texts ``[{"text": ..., "weight": w}, ...]``, blended on the sphere
  (:func:`engine.conditioning.mix`: spherical interpolation for two, normalized weighted sum for more);
* ``prompt`` + ``morph_to`` + ``morph`` — the blend from ``prompt`` to ``morph_to`` by that amount
  (weights ``1 - amount`` and ``amount``); a zero weight drops its text, so amount 0 is exactly
  ``prompt`` and 1 exactly ``morph_to``;
* ``prompt`` + ``morph_to`` + ``sweep`` N — N points at amounts 0, 1/(N-1), …, 1, one file each, same seed;
* ``prompt_embeds`` — the vector itself (float32, shape [1, D]; :func:`decode_embeds`);
* ``audio_prompt`` — a sound, through a CLAP audio tower matching the model's text tower
  (:mod:`engine.audio_prompt`).

Torch-free: the protocol validates these fields where a request arrives.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

import numpy as np

from .checks import check_int, check_number, refuse
from .errors import InvalidInput

MAX_PROMPTS = 8
#: A sweep's points, one file each (the sampler's most variations of one request).
MAX_SWEEP_POINTS = 16
MAX_PROMPT_CHARS = 2000
MAX_EMBED_DIM = 4096
EMBED_DTYPE = "float32"


@dataclass(frozen=True)
class Blend:
    """Weighted texts naming one condition (weights > 0; a single text is a plain prompt)."""

    texts: tuple[str, ...]
    weights: tuple[float, ...]

    def __post_init__(self):  # lists (from JSON or a pickled dict) as tuples: equal blends compare equal
        object.__setattr__(self, "texts", tuple(self.texts))
        object.__setattr__(self, "weights", tuple(float(w) for w in self.weights))

    @classmethod
    def text(cls, text: str) -> "Blend":
        return cls((text,), (1.0,))

    @classmethod
    def of(cls, pairs) -> "Blend":
        """Zero weights dropped: a morph at amount 0 or 1 is exactly its one remaining prompt."""
        kept = [(text, float(weight)) for text, weight in pairs if weight > 0]
        return cls(tuple(t for t, _ in kept), tuple(w for _, w in kept))

    def as_list(self) -> list[dict]:
        total = sum(self.weights)
        return [{"text": t, "weight": round(w / total, 6)} for t, w in zip(self.texts, self.weights)]

    def label(self) -> str:
        """The text that names the blend's files: the heaviest (the first of equals)."""
        return self.texts[max(range(len(self.texts)), key=lambda i: (self.weights[i], -i))]


def check_text(name: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        refuse(name, "non-empty text", value, 80)
    if len(value) > MAX_PROMPT_CHARS:
        raise InvalidInput(f"{name} is {len(value)} characters, the limit is {MAX_PROMPT_CHARS}")
    return value


def check_prompt_list(name: str, value) -> list[tuple[str, float]]:
    """``[{"text": "...", "weight": 0.7}, ...]`` → [(text, weight)]: 1..8 texts, weights >= 0, not all 0."""
    if not isinstance(value, (list, tuple)) or not 1 <= len(value) <= MAX_PROMPTS:
        refuse(name, f'a list of 1..{MAX_PROMPTS} {{"text": ..., "weight": ...}} objects', value, 120)
    pairs = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or set(item) - {"text", "weight"} or "text" not in item:
            refuse(f"{name}[{i}]", 'an object {"text": ..., "weight": ...} (weight default 1)', item, 120)
        weight = check_number(f"{name}[{i}].weight", item.get("weight", 1.0), lo=0, must="a finite number >= 0",
                              kinds=(int, float), finite=True)
        pairs.append((check_text(f"{name}[{i}].text", item["text"]), weight))
    if not sum(w for _, w in pairs) > 0:
        raise InvalidInput(f"{name} needs a weight above 0, got {[w for _, w in pairs]}")
    return pairs


def _label(prompts) -> str | None:
    try:
        return Blend.of((p["text"], p["weight"]) for p in prompts).label()
    except (TypeError, KeyError, ValueError):  # not checked yet: check_prompt_list names what is wrong
        return None


def morph_amounts(points: int) -> list[float]:
    """A sweep's amounts: ``points`` evenly from 0 to 1, both ends included exactly."""
    return [k / (points - 1) for k in range(points)]


def decode_embeds(value, name: str = "prompt_embeds") -> np.ndarray:
    """``{"dtype": "float32", "shape": [1, D], "data": "<base64, little-endian>"}`` → a (1, D) float32 array."""
    if not isinstance(value, dict) or set(value) != {"dtype", "shape", "data"}:
        refuse(name, 'an object {"dtype": "float32", "shape": [1, D], "data": "<base64>"}', value, 120)
    if value["dtype"] != EMBED_DTYPE:
        refuse(f"{name}.dtype", f'"{EMBED_DTYPE}"', value["dtype"], 40)
    shape = value["shape"]
    if not isinstance(shape, list) or len(shape) != 2 or shape[0] != 1 or isinstance(shape[0], bool):
        refuse(f"{name}.shape", "[1, D] (one embedding of D numbers)", shape, 80)
    dim = check_int(f"{name}.shape[1]", shape[1], 1, MAX_EMBED_DIM, must=f"an integer 1..{MAX_EMBED_DIM}", kinds=int)
    try:
        raw = base64.b64decode(value["data"], validate=True) if isinstance(value["data"], str) else None
    except (binascii.Error, ValueError):
        raw = None
    if raw is None:
        refuse(f"{name}.data", "base64 text", value["data"], 60)
    if len(raw) != 4 * dim:
        raise InvalidInput(f"{name}.data holds {len(raw)} bytes; shape [1, {dim}] of float32 needs {4 * dim}")
    array = np.frombuffer(raw, dtype="<f4").astype(np.float32).reshape(1, dim)
    if not np.isfinite(array).all():
        raise InvalidInput(f"{name} holds NaN or infinite values")
    return array


def encode_embeds(array) -> dict:
    """A (1, D) embedding as the wire form :func:`decode_embeds` reads."""
    array = np.ascontiguousarray(np.asarray(array, dtype="<f4").reshape(1, -1))
    return {"dtype": EMBED_DTYPE, "shape": list(array.shape), "data": base64.b64encode(array.tobytes()).decode("ascii")}


def check_conditioning(request) -> None:
    """Validate a :class:`~engine.request.RenderRequest`'s condition fields in place (called by its check_inputs).

    Sets ``prompt`` to a label where the condition is not one text (it names files), and for a
    sweep sets ``variations`` to its points (one file each)."""
    r = request
    if r.prompts is not None and isinstance(r.prompt, str) and r.prompt.strip() and r.prompt != _label(r.prompts):
        raise InvalidInput("give either prompt or prompts, not both")  # (a checked request carries the label)
    if r.negative_prompts is not None and r.negative_prompt:
        raise InvalidInput("give either negative_prompt or negative_prompts, not both")
    sources = [name for name in ("prompts", "prompt_embeds", "audio_prompt") if getattr(r, name) is not None]
    if len(sources) > 1:
        raise InvalidInput(f"give one of prompts, prompt_embeds and audio_prompt, not {' and '.join(sources)}")
    if r.morph is not None:
        check_number("morph", r.morph, 0, 1, must="a number 0..1", kinds=(int, float))
    if r.sweep is not None:
        check_int("sweep", r.sweep, 2, MAX_SWEEP_POINTS, must=f"an integer 2..{MAX_SWEEP_POINTS} (points)", kinds=int)
    if r.morph_to is not None:
        check_text("morph_to", r.morph_to)
        if sources:
            raise InvalidInput(f"morph_to blends from prompt (text): it cannot start from {sources[0]}")
        if (r.morph is None) == (r.sweep is None):
            raise InvalidInput("morph_to needs either morph (the amount 0..1) or sweep (a number of points), "
                               "not " + ("both" if r.morph is not None else "neither"))
    elif r.morph is not None or r.sweep is not None:
        raise InvalidInput(f"{'morph' if r.morph is not None else 'sweep'} needs morph_to (the prompt to morph to)")
    if r.sweep is not None:
        if r.variations != 1 and r.variations != r.sweep:
            raise InvalidInput(f"a sweep renders one file per point: give no variations (got {r.variations})")
        if r.best_of is not None:
            raise InvalidInput("a sweep renders every point: best_of does not apply")
        r.variations = r.sweep
    if r.prompts is not None:
        r.prompts = [{"text": t, "weight": w} for t, w in check_prompt_list("prompts", r.prompts)]
        r.prompt = Blend.of((p["text"], p["weight"]) for p in r.prompts).label()
    if r.negative_prompts is not None:
        r.negative_prompts = [{"text": t, "weight": w}
                              for t, w in check_prompt_list("negative_prompts", r.negative_prompts)]
    if r.prompt_embeds is not None:
        if isinstance(r.prompt_embeds, dict):
            r.prompt_embeds = decode_embeds(r.prompt_embeds)
        if not isinstance(r.prompt_embeds, np.ndarray) or r.prompt_embeds.ndim != 2 or r.prompt_embeds.shape[0] != 1:
            refuse("prompt_embeds", "a float32 array of shape [1, D]", r.prompt_embeds, 80)
        if not (isinstance(r.prompt, str) and r.prompt.strip()):
            r.prompt = "prompt embedding"
    if r.audio_prompt is not None and not (isinstance(r.prompt, str) and r.prompt.strip()):
        from pathlib import Path

        r.prompt = f"like {Path(r.audio_prompt).stem}"


def row_conditions(request) -> list | None:
    """Per variation, what the sampler conditions it on (a :class:`Blend` or a (1, D) array); None: ``prompt``."""
    r = request
    if r.sweep is not None:
        return [Blend.of([(r.prompt, 1 - a), (r.morph_to, a)]) for a in morph_amounts(r.sweep)]
    if r.morph_to is not None:
        return [Blend.of([(r.prompt, 1 - r.morph), (r.morph_to, r.morph)])] * len(r.seeds)
    if r.prompts is not None:
        return [Blend.of((p["text"], p["weight"]) for p in r.prompts)] * len(r.seeds)
    given = r.prompt_embeds if r.prompt_embeds is not None else r.audio_embeds
    if given is not None:
        return [given] * len(r.seeds)
    return None


def negative_condition(request) -> Blend | None:
    if request.negative_prompts is None:
        return None
    return Blend.of((p["text"], p["weight"]) for p in request.negative_prompts)


def point_metadata(request, point: int) -> dict:
    """What a file's entry (and sidecar) says of its condition, beyond ``prompt``."""
    r = request
    meta = {}
    if r.morph_to is not None:
        amount = morph_amounts(r.sweep)[point] if r.sweep is not None else float(r.morph)
        meta["morph"] = {"to": r.morph_to, "amount": amount}
        if r.sweep is not None:
            meta["sweep"] = {"point": point + 1, "points": r.sweep}
    conditions = row_conditions(r)
    if r.prompts is not None or r.morph_to is not None:
        meta["prompts"] = conditions[point].as_list()
    if r.negative_prompts is not None:
        meta["negative_prompts"] = negative_condition(r).as_list()
    if r.prompt_embeds is not None:
        meta["prompt_embeds"] = {"given": True, "dtype": EMBED_DTYPE, "shape": list(r.prompt_embeds.shape)}
    if r.audio_prompt is not None:
        meta["audio_prompt"] = str(r.audio_prompt)
    return meta


def name_tag(request, point: int) -> str:
    """What orders a sweep's files by name: ``01of05`` before the random suffix (empty otherwise)."""
    return f"{point + 1:02d}of{request.sweep:02d}" if request.sweep is not None else ""


def nested_fields(fields: dict) -> dict:
    """ZeroMQ's object forms as flat fields: ``morph: {"to": T, "amount": a}`` → ``morph_to T morph a``,
    ``sweep: {"to": T, "points": N}`` → ``morph_to T sweep N`` (one ``morph_to`` only)."""
    if not isinstance(fields, dict) or not any(isinstance(fields.get(k), dict) for k in ("morph", "sweep")):
        return fields
    flat = dict(fields)
    for name, inner in (("morph", "amount"), ("sweep", "points")):
        value = flat.get(name)
        if not isinstance(value, dict):
            continue
        if set(value) != {"to", inner}:
            refuse(name, f'a number or an object {{"to": ..., "{inner}": ...}}', value, 120)
        if "morph_to" in flat and flat["morph_to"] != value["to"]:
            raise InvalidInput(f"{name}.to and morph_to name different prompts: give one")
        flat["morph_to"], flat[name] = value["to"], value[inner]
    return flat
