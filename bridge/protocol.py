"""The one protocol both transports speak, defined once.

A request is a flat set of fields (a JSON object over ZeroMQ, key–value pairs over OSC). Replies
are events, each a flat JSON object with ``event`` and ``id``. See docs/PROTOCOL.md, whose
examples a test checks against this module.
"""

from __future__ import annotations

import json
import math
import re
import struct
import uuid
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING, Callable

from engine.checks import check_number
from engine.errors import EngineError, InvalidInput
from engine.length import DEFAULT_LIMITS, LengthLimits, MusicalLength
from engine.prompts import encode_embeds, nested_fields

from .security import confine

if TYPE_CHECKING:  # the client imports this module; it must not pay for importing torch
    from engine.request import RenderRequest

PROTOCOL_VERSION = 1

#: Error codes on the wire (``EngineError.code``).
ERROR_CODES = ("bad_request", "busy", "not_found", "not_cancellable", "cancelled", "model_unavailable",
               "shutting_down", "out_of_memory", "disk_full", "history_unavailable", "internal", "timeout", "unreachable",
               "interrupted")
EVENTS = ("accepted", "started", "progress", "done", "error", "cancelled", "pong", "status", "embedding")
OPS = ("generate", "cancel", "status", "ping", "fetch", "upload", "history", "embed")
PRIORITIES = ("live", "normal", "background")

MAX_MESSAGE_BYTES = 64 * 1024
_ID = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")

# Field name → (expected type, description). Order is the documentation order.
FIELDS = {
    "id": (str, "client-chosen job id (1–64 of A–Z a–z 0–9 _ . : -); assigned if absent"),
    "prompt": (str, "what to generate"),
    "negative_prompt": (str, "what to avoid (default empty)"),
    "prompts": (list, "ZeroMQ: weighted prompts [{\"text\": …, \"weight\": w}, …] in place of prompt, blended"),
    "negative_prompts": (list, "ZeroMQ: weighted negative prompts, in place of negative_prompt"),
    "morph_to": (str, "a second prompt: the blend from prompt to it by morph (or a sweep of points)"),
    "morph": (float, "how far from prompt to morph_to, 0..1 (ZeroMQ also {\"to\": …, \"amount\": a})"),
    "sweep": (int, "points 2..16 from prompt (0) to morph_to (1), one file each, one seed (ZeroMQ also "
                   "{\"to\": …, \"points\": N})"),
    "prompt_embeds": (dict, "ZeroMQ: the condition itself, {\"dtype\": \"float32\", \"shape\": [1, D], "
                            "\"data\": base64}"),
    "audio_prompt": (str, "absolute path of a sound to condition on (more like this; needs a matching CLAP)"),
    "seconds": (float, "length in seconds — or bars/beats with bpm and time_sig"),
    "bars": (float, "length in bars"),
    "beats": (float, "extra beats (units of the time signature's denominator)"),
    "bpm": (float, "tempo in quarter notes per minute (default 120)"),
    "time_sig": (str, "time signature N/D (default 4/4)"),
    "steps": (int, "denoising steps (default 10)"),
    "guidance": (float, "classifier-free guidance scale (default 2.5)"),
    "seed": (int, "seed of the first variation (0..2^32-1); random if absent"),
    "variations": (int, "waveforms for this prompt, seeds seed, seed+1, … (default 1)"),
    "scheduler": (str, "ddim (default), dpmsolver++, euler, pndm, lms"),
    "eta": (float, "DDIM eta (default 0)"),
    "sample_rate": (int, "output rate 8000..384000 (default 48000)"),
    "channels": (int, "1 mono (default) or 2 dual-mono; a repaint/extend of a stereo file keeps its 2 channels"),
    "format": (str, "wav24 (default), wav16, wav32f, flac"),
    "loudness": (str, "lufs (default), peak, off"),
    "target": (float, "LUFS target (default -14) or peak dBFS (default -1)"),
    "ceiling": (float, "true-peak ceiling in dBTP (default -1)"),
    "loop": (bool, "make the file loop seamlessly (default false)"),
    "init_audio": (str, "absolute path of an audio file to transform (style transfer), repaint or extend"),
    "init_start": (float, "seconds into init_audio where the part to use starts (default 0: a REAPER take's section)"),
    "init_end": (float, "seconds into init_audio where the part to use ends (default: the file's end)"),
    "strength": (float, "how far to move from init_audio: 0 keeps it, 1 ignores it (default 0.5; 1 for repaint/extend)"),
    "repaint_start": (float, "seconds into init_audio where the regenerated region starts"),
    "repaint_end": (float, "seconds into init_audio where the regenerated region ends"),
    "extend_seconds": (float, "seconds of new audio to append after init_audio"),
    "extend_bars": (float, "bars of new audio to append after init_audio, at bpm and time_sig"),
    "best_of": (int, "candidates to generate; the variations best matching the prompt (CLAP) are kept"),
    "align": (str, "none (default) or onset: the first strong onset moved to sample 0"),
    "tempo_lock": (str, "off, auto (default with bpm), on or report: warp the beats onto the bpm grid"),
    "key": (str, "the song's key, e.g. 'D minor', 'F#', 'Bbm', 'Eb major'"),
    "key_lock": (str, "off, auto (default with key), on or report: shift the audio into key"),
    "priority": (str, "live, normal (default) or background"),
    "out_dir": (str, "absolute output folder (default: the engine's --out)"),
    "name": (str, "file name hint (slugified, never a path; a longer one is cut to 200 characters)"),
    "reply_port": (int, "OSC only: UDP port replies go to (default 18001)"),
}
_RENDER_FIELDS = {"negative_prompt", "steps", "guidance", "variations", "seed", "scheduler", "eta", "sample_rate",
                  "channels", "format", "loudness", "target", "loop", "strength", "init_start", "init_end", "repaint_start", "repaint_end",
                  "best_of", "align", "prompts", "negative_prompts", "morph_to", "morph", "sweep", "prompt_embeds",
                  "tempo_lock", "key", "key_lock"}


def error(code: str, message: str) -> EngineError:
    return EngineError(message, code=code)


def bad_message(message: str) -> dict:
    """An error event for input that never became a request (malformed JSON, unknown address…)."""
    return failed("", InvalidInput(message))


def decode_json(payload: bytes) -> dict:
    """One ZeroMQ request frame → its fields; raises InvalidInput naming what is wrong, never anything else."""
    if len(payload) > MAX_MESSAGE_BYTES:
        raise InvalidInput(f"message is {len(payload)} bytes; the limit is {MAX_MESSAGE_BYTES}")
    try:
        message = json.loads(payload.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InvalidInput(f"malformed JSON: not UTF-8 ({err.reason} at byte {err.start})") from None
    except RecursionError:
        raise InvalidInput("malformed JSON: nested too deeply") from None
    except ValueError as err:  # JSONDecodeError, and integers beyond Python's digit limit
        raise InvalidInput(f"malformed JSON: {err}") from None
    if not isinstance(message, dict):
        raise InvalidInput(f"a request must be a JSON object, got {type(message).__name__}")
    return message


def shortest_float32(value: float) -> float:
    """A float that arrived as 32 bits (OSC's ``f``) as the decimal it was typed as: 133.7, not
    133.6999969482. Floats that are not exactly float32 values (OSC ``d``, JSON) pass unchanged."""
    if not math.isfinite(value):
        return value
    try:
        as32 = struct.unpack("<f", struct.pack("<f", value))[0]
    except OverflowError:
        return value
    if as32 != value:
        return value
    for digits in range(1, 10):  # 9 significant digits always round-trip a float32
        candidate = float(f"{value:.{digits}g}")
        try:
            if struct.unpack("<f", struct.pack("<f", candidate))[0] == value:
                return candidate
        except OverflowError:  # rounding near FLT_MAX went past it: more digits
            continue
    return value


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def check_id(value) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidInput(f"id must be 1-64 characters of A-Z a-z 0-9 _ . : -, got {value!r:.80}")
    return value


@dataclass
class JobRequest:
    """A validated generate request: the render request plus how to schedule it."""

    id: str
    render: "RenderRequest"
    priority: str = "normal"
    fingerprint: str = ""  # the request's fields, canonical: a resent id must carry the same ones


def coerce(name: str, value):
    """Check a field's type, accepting what the transports naturally deliver.

    OSC carries ints and 32-bit floats (Max sends 4.0 for 4 from a float box); JSON may carry
    1.0 for 1. Strings are never parsed as numbers: a wrong type is named, not guessed.
    """
    kind = FIELDS[name][0]
    if kind in (list, dict):
        if not isinstance(value, kind):
            raise InvalidInput(f"{name} must be {'a list' if kind is list else 'an object'}, got {value!r:.80}")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise InvalidInput(f"{name} must be text, got {value!r:.80}")
        return value
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise InvalidInput(f"{name} must be true/false or 1/0, got {value!r:.80}")
    check_number(name, value, kinds=(int, float), finite=True, width=80)
    if kind is int:
        if value != int(value):
            raise InvalidInput(f"{name} must be a whole number, got {value!r}")
        return int(value)
    return float(value)


def parse_request(fields: dict, default_out_dir: Path, limits: LengthLimits = DEFAULT_LIMITS,
                  roots: list[Path] | None = None, input_roots: list[Path] | None = None,
                  input_also: Callable[[Path], bool] | None = None) -> JobRequest:
    """Validate a generate request; every message names the field and its bad value.

    ``roots``: the folders this client may write into (see bridge/security.py); None checks only
    the form of ``out_dir`` (in-process use by the user themselves)."""
    from engine.request import RenderRequest

    if not isinstance(fields, dict):
        raise InvalidInput(f"a request must be an object of fields, got {type(fields).__name__}")
    fields = nested_fields(fields)  # morph/sweep's ZeroMQ objects → morph_to + morph/sweep
    unknown = sorted(set(fields) - set(FIELDS) - {"op"})
    if unknown:
        raise InvalidInput(f"unknown field(s) {', '.join(unknown)}; known: {', '.join(FIELDS)}")
    values = {name: coerce(name, value) for name, value in fields.items() if name != "op" and value is not None}

    job_id = check_id(values["id"]) if "id" in values else new_id()
    prompt = values.get("prompt", "")
    if not prompt.strip() and not {"prompts", "prompt_embeds", "audio_prompt"} & set(values):
        raise InvalidInput(f"prompt must be non-empty text, got {prompt!r}")
    priority = values.get("priority", "normal")
    if priority not in PRIORITIES:
        raise InvalidInput(f"priority must be one of {', '.join(PRIORITIES)}, got {priority!r}")

    length_keys = {"bars", "beats", "bpm", "time_sig"} & set(values)
    if "seconds" in values and length_keys - {"bpm", "time_sig"}:
        raise InvalidInput("give either seconds or bars/beats, not both")
    if "seconds" in values:
        length = MusicalLength.from_seconds(values["seconds"], limits=limits)
    elif "bars" in values or "beats" in values:
        length = MusicalLength.from_bars(values.get("bars"), values.get("bpm", 120), values.get("time_sig", "4/4"),
                                         beats=values.get("beats"), limits=limits)
    elif "init_audio" in values:
        length = None  # the input's own length (plus an extension)
    else:
        raise InvalidInput("give a length: seconds, or bars/beats with bpm and time_sig")

    extend = None
    if "extend_seconds" in values and "extend_bars" in values:
        raise InvalidInput("give either extend_seconds or extend_bars, not both")
    if "extend_seconds" in values:
        extend = MusicalLength.from_seconds(values["extend_seconds"], limits=limits)
    elif "extend_bars" in values:
        extend = MusicalLength.from_bars(values["extend_bars"], values.get("bpm", 120), values.get("time_sig", "4/4"),
                                         limits=limits)

    render = RenderRequest(
        prompt=prompt, length=length, out_dir=check_out_dir(values.get("out_dir"), default_out_dir, roots),
        name_hint=values.get("name"), ceiling_dbtp=values.get("ceiling", -1.0),
        init_audio=check_input_file(values["init_audio"], roots if input_roots is None else input_roots, input_also)
        if "init_audio" in values else None, extend=extend,
        audio_prompt=check_input_file(values["audio_prompt"], roots if input_roots is None else input_roots,
                                      input_also, what="audio_prompt") if "audio_prompt" in values else None,
        **{k: v for k, v in values.items() if k in _RENDER_FIELDS},
    )
    render.check_inputs()
    render.check_length(limits)
    fingerprint = json.dumps({k: v for k, v in values.items() if k not in ("id", "reply_port")}, sort_keys=True)
    return JobRequest(id=job_id, render=render, priority=priority, fingerprint=fingerprint)


def check_input_file(value: str, roots: list[Path] | None = None,
                     also: Callable[[Path], bool] | None = None, what: str = "init_audio") -> Path:
    """An input file named by a client: an existing regular file, resolved inside ``roots`` (None:
    the form only, for in-process use) or one ``also`` admits (an upload, a result of this engine)."""
    try:
        return confine(value, roots, what=what, kind="file", must_exist=True,
                       hint="the engine's --allow-out adds folders; a client on another machine sends its "
                            "file with the upload op (`audioldm-bridge request --init-audio` does)")
    except InvalidInput as refused:
        if also is not None and roots is not None:
            try:
                path = confine(value, None, what=what, kind="file", must_exist=True)
            except InvalidInput:
                raise refused from None
            if also(path):
                return path
        raise


def check_out_dir(value: str | None, default: Path, roots: list[Path] | None = None) -> Path:
    """An output folder from a client: absolute, resolved inside ``roots``, not a file or device."""
    if value is None or value == "":
        return Path(default)
    return confine(value, roots, what="out_dir", kind="dir")


# --- events ---------------------------------------------------------------------------------------


def accepted(job_id: str, position: int, lane: str) -> dict:
    return {"event": "accepted", "id": job_id, "position": position, "priority": lane}


def started(job_id: str, batch_size: int) -> dict:
    return {"event": "started", "id": job_id, "batch": batch_size}


def progress(job_id: str, step: int, total: int) -> dict:
    return {"event": "progress", "id": job_id, "step": step, "total": total}


def done(job_id: str, files: list[dict]) -> dict:
    return {"event": "done", "id": job_id, "paths": [f["path"] for f in files], "files": files}


def failed(job_id: str | None, err: EngineError) -> dict:
    return {"event": "error", "id": job_id or "", "code": err.code, "message": str(err)}


def cancelled(job_id: str) -> dict:
    return {"event": "cancelled", "id": job_id}


def embedding(array) -> dict:
    """The ``embed`` op's reply: a prompt's condition, (1, D) float32 as base64 (engine.prompts.encode_embeds)."""
    return {"event": "embedding", "id": "", **encode_embeds(array)}


def pong(state: str = "ready") -> dict:
    """``state``: ``ready``, ``loading`` (the model is loading; requests are queued for it) or ``stopping``."""
    return {"event": "pong", "id": "", "protocol": PROTOCOL_VERSION, "state": state}


FINAL_EVENTS = ("done", "error", "cancelled")
