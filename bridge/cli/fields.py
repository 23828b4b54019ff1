"""Command-line options → protocol fields: the render options, the edit options, a request file merged
with what was typed (the fields `generate` renders and `request` sends)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from engine.errors import InvalidInput


LENGTH_FIELDS = ("seconds", "bars", "beats", "bpm", "time_sig")


def request_fields(args, require_length: bool = True) -> dict:
    """The render options given on the command line as protocol fields (plain JSON types)."""
    if args.seconds is not None and (args.bars is not None or args.beats is not None):
        raise InvalidInput("give either --seconds or --bars/--beats, not both")
    if require_length and args.seconds is None and args.bars is None and args.beats is None \
            and args.init_audio is None:  # an init audio's own length is the default
        raise InvalidInput("give a length: --seconds S, or --bars N (with --bpm and --time-sig)")
    fields = {
        "prompt": args.prompt, "negative_prompt": args.negative, "steps": args.steps, "guidance": args.guidance,
        "variations": args.variations, "seed": args.seed, "eta": args.eta, "scheduler": args.scheduler,
        "sample_rate": args.sample_rate, "channels": 2 if args.stereo else None, "format": args.format,
        "ceiling": args.ceiling, "loop": True if args.loop else None, "name": args.name_hint,
        "seconds": args.seconds, "bars": args.bars, "beats": args.beats, "bpm": args.bpm, "time_sig": args.time_sig,
        "morph_to": args.morph_to, "morph": args.morph, "sweep": args.sweep,
    }
    if args.audio_prompt is not None:  # absolute, as init_audio; `request --upload` sends the file instead
        fields["audio_prompt"] = str(args.audio_prompt.expanduser().resolve())
    if args.no_normalize:
        fields["loudness"] = "off"
    elif args.peak is not None:
        fields.update(loudness="peak", target=args.peak)
    elif args.lufs is not None:
        fields.update(loudness="lufs", target=args.lufs)
    if args.out is not None:
        fields["out_dir"] = str(args.out.expanduser().resolve())  # the engine wants absolute folders
    fields.update(edit_fields(args))
    return {k: v for k, v in fields.items() if v is not None}


def note_default_tempo(fields: dict) -> None:
    """Bars without a tempo are bars at 120 BPM: say so (the sidecar records it too), never assume silently."""
    given = [name for name in ("bars", "beats", "extend_bars") if name in fields]
    if given and "bpm" not in fields:
        print(f"note: --{given[0].replace('_', '-')} without --bpm: 120 BPM in {fields.get('time_sig') or '4/4'} "
              f"assumed (give --bpm, and --time-sig, for your tempo)", file=sys.stderr)


def _span(text: str, option: str) -> tuple[float, float]:
    try:
        start, end = (float(part) for part in text.split(":"))
    except ValueError:
        raise InvalidInput(f"{option} must be START:END in seconds, e.g. 4:6.5, got {text!r}") from None
    return start, end


def edit_fields(args) -> dict:
    """--init-audio, --strength, --repaint, --extend-*, --best-of, --align as protocol fields."""
    fields = {"strength": args.strength, "best_of": args.best_of, "align": args.align,
              "extend_seconds": args.extend_seconds}
    if args.init_audio is not None:
        # Absolute, as the engine requires; `request --upload` (or a remote engine) sends the file instead.
        fields["init_audio"] = str(args.init_audio.expanduser().resolve())
    if args.init_range is not None:
        fields.update(zip(("init_start", "init_end"), _span(args.init_range, "--init-range")))
    if args.repaint is not None:
        fields.update(zip(("repaint_start", "repaint_end"), _span(args.repaint, "--repaint")))
    if args.extend_bars is not None:
        fields.update(extend_bars=args.extend_bars, bpm=args.bpm, time_sig=args.time_sig)
    return fields


def read_request_file(path: Path) -> dict:
    """A JSON object of protocol fields (how REAPER passes a prompt without a shell in between)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InvalidInput(f"cannot read the request file {path}: {err.strerror or err}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InvalidInput(f"the request file {path} is not UTF-8 JSON: {err}") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"the request file {path} must hold a JSON object, got {type(data).__name__}")
    if data.pop("op", "generate") != "generate":
        raise InvalidInput(f"the request file {path} must be a generate request")
    return data


def merge_request(from_file: dict, typed: dict) -> dict:
    """The file's fields with the typed options on top; a typed length replaces the file's."""
    fields = dict(from_file)
    if "seconds" in typed:
        for key in ("bars", "beats", "bpm", "time_sig"):
            fields.pop(key, None)
    if "bars" in typed or "beats" in typed:
        fields.pop("seconds", None)
    if "loudness" in typed and "target" not in typed:
        fields.pop("target", None)
    fields.update(typed)
    return fields


def request_from_args(args) -> dict:
    from .. import protocol

    if args.model is not None:
        raise InvalidInput(f"request cannot choose the model (--model {args.model}): the engine runs the one "
                           "`audioldm-bridge serve --model M` loaded (`audioldm-bridge status` names it); start "
                           "an engine with --model for another")
    typed = request_fields(args, require_length=args.request_file is None)
    if args.request_file is not None:
        fields = merge_request(read_request_file(args.request_file), typed)
    else:
        if args.prompt is None:
            raise InvalidInput("give a prompt (or --request-file F)")
        fields = typed
    if args.priority is not None:
        fields["priority"] = args.priority
    if args.id is not None:
        fields["id"] = args.id
    fields.setdefault("id", protocol.new_id())  # known up front, so even a timeout names its job
    return fields

