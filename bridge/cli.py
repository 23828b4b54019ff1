"""The ``audioldm-bridge`` command.

Exit codes: 0 success, 1 the work failed (model unavailable, engine error, timeout), 2 bad
arguments — always with one line on stderr that names the problem.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from engine.errors import EngineError, InvalidInput

EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (scripts and ReaScripts read stderr)."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def default_out_dir() -> Path:
    import platformdirs

    return platformdirs.user_music_path() / "audioldm-bridge"


def add_model_options(parser: argparse.ArgumentParser) -> None:
    from engine.models import DEFAULT_MODEL

    parser.add_argument("--model", default=DEFAULT_MODEL,
                        help=f"hub id, local diffusers folder, 'tiny' or 'random:audioldm-s-full-v2' (default {DEFAULT_MODEL})")
    parser.add_argument("--device", default="auto", help="auto (cuda → mps → cpu), cpu, cuda, cuda:N, mps")
    parser.add_argument("--dtype", default="auto", help="auto (fp16 on cuda, else fp32), fp32, fp16, bf16")


def add_render_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `generate` (in-process) and `request` (through the service)."""
    parser.add_argument("prompt", help="what to generate, e.g. 'warm analog bass, 90s house'")
    length = parser.add_argument_group("length (seconds, or bars/beats at a tempo)")
    length.add_argument("--seconds", type=float)
    length.add_argument("--bars", type=float)
    length.add_argument("--beats", type=float, help="extra beats (in units of the time signature's denominator)")
    length.add_argument("--bpm", type=float, default=120.0, help="quarter notes per minute, REAPER's convention (default 120)")
    length.add_argument("--time-sig", default="4/4", help="time signature N/D (default 4/4)")
    parser.add_argument("--out", type=Path, help="output folder (default: your Music folder/audioldm-bridge)")
    parser.add_argument("--name", dest="name_hint", help="file name hint (slugified; never a path)")
    parser.add_argument("--sample-rate", type=int, default=48000, help="22050..192000 (default 48000)")
    parser.add_argument("--stereo", action="store_true", help="dual-mono stereo file instead of mono")
    parser.add_argument("--format", default="wav24", choices=["wav24", "wav16", "wav32f", "flac"])
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("--lufs", type=float, help="integrated loudness target (default -14 LUFS)")
    loud.add_argument("--peak", type=float, help="normalize the sample peak to this dBFS instead")
    loud.add_argument("--no-normalize", action="store_true", help="leave the level alone (ceiling still applies)")
    parser.add_argument("--ceiling", type=float, default=-1.0, help="true-peak ceiling in dBTP (default -1)")
    parser.add_argument("--loop", action="store_true", help="make the file loop seamlessly")
    parser.add_argument("--variations", type=int, default=1)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--guidance", type=float, default=2.5)
    parser.add_argument("--negative", default="", help="negative prompt: what to avoid")
    parser.add_argument("--scheduler", default="ddim", help="ddim, dpmsolver++, euler, pndm, lms")
    parser.add_argument("--eta", type=float, default=0.0)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of paths")


def request_fields(args) -> dict:
    """The CLI's render options as protocol-style fields (plain JSON types)."""
    if args.seconds is not None and (args.bars is not None or args.beats is not None):
        raise InvalidInput("give either --seconds or --bars/--beats, not both")
    fields = {
        "prompt": args.prompt, "negative_prompt": args.negative, "steps": args.steps, "guidance": args.guidance,
        "variations": args.variations, "seed": args.seed, "eta": args.eta, "scheduler": args.scheduler,
        "sample_rate": args.sample_rate, "channels": 2 if args.stereo else 1, "format": args.format,
        "ceiling_dbtp": args.ceiling, "loop": args.loop, "name": args.name_hint,
    }
    if args.seconds is not None:
        fields["seconds"] = args.seconds
    elif args.bars is not None or args.beats is not None:
        fields.update(bars=args.bars, beats=args.beats, bpm=args.bpm, time_sig=args.time_sig)
    else:
        raise InvalidInput("give a length: --seconds S, or --bars N (with --bpm and --time-sig)")
    if args.no_normalize:
        fields["loudness"] = "off"
    elif args.peak is not None:
        fields.update(loudness="peak", target=args.peak)
    else:
        fields.update(loudness="lufs", target=args.lufs)
    if args.out is not None:
        fields["out_dir"] = str(args.out)
    return {k: v for k, v in fields.items() if v is not None}


def render_request_from_fields(fields: dict, default_out: Path):
    from engine.length import MusicalLength
    from engine.render import RenderRequest

    if "seconds" in fields:
        length = MusicalLength.from_seconds(fields["seconds"])
    else:
        length = MusicalLength.from_bars(fields.get("bars"), fields.get("bpm", 120), fields.get("time_sig", "4/4"),
                                         beats=fields.get("beats"))
    keep = {"negative_prompt", "steps", "guidance", "variations", "seed", "eta", "scheduler", "sample_rate",
            "channels", "format", "loudness", "target", "ceiling_dbtp", "loop"}
    return RenderRequest(prompt=fields["prompt"], length=length, out_dir=Path(fields.get("out_dir", default_out)),
                         name_hint=fields.get("name"), **{k: v for k, v in fields.items() if k in keep})


# --- commands ---------------------------------------------------------------------------------------


def cmd_generate(args) -> int:
    from engine.render import Engine

    request = render_request_from_fields(request_fields(args), default_out_dir())
    request.check_inputs()  # bad values fail before the (slow) model load
    engine = Engine.from_pretrained(args.model, device=args.device, dtype=args.dtype)
    if engine.components.is_test_model:
        from engine.tiny import TEST_MODEL_LABEL

        print(f"note: {TEST_MODEL_LABEL}", file=sys.stderr)
    files = engine.render(request, progress=_progress_printer(args.json))
    if args.json:
        print(json.dumps({"model": engine.model_id, "files": [
            {"path": str(f.path), "sidecar": str(f.sidecar), **f.metadata} for f in files]}, indent=2))
    else:
        for f in files:
            print(f.path)
    return 0


def _progress_printer(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None

    def show(step, total):
        print(f"\rstep {step}/{total}", end="\n" if step == total else "", file=sys.stderr, flush=True)

    return show


def cmd_models(args) -> int:
    from engine.models import DEFAULT_MODEL, KNOWN_MODELS, LICENCE_NOTE, RANDOM_UNET_WIDTHS, cached_models

    cached = cached_models()
    rows = [{"id": model_id, "parameters": params, "cached": model_id in cached,
             "size_on_disk": cached.get(model_id), "default": model_id == DEFAULT_MODEL}
            for model_id, params in KNOWN_MODELS.items()]
    rows.append({"id": "tiny", "parameters": None, "cached": None, "size_on_disk": None, "default": False,
                 "note": "built in-process; test-model noise"})
    rows += [{"id": f"random:{name}", "parameters": KNOWN_MODELS[f"cvssp/{name}"], "cached": None, "size_on_disk": None, "default": False,
              "note": "full-size architecture, random weights (benchmarks)"} for name in RANDOM_UNET_WIDTHS]
    if args.json:
        print(json.dumps({"models": rows, "licence": LICENCE_NOTE}, indent=2))
        return 0
    print(f"{'model':34} {'params':>8}  {'cached':6}  {'on disk':>9}")
    for row in rows:
        params = f"{row['parameters'] / 1e6:.0f}M" if row["parameters"] else "-"
        disk = f"{row['size_on_disk'] / 1e9:.2f} GB" if row["size_on_disk"] else "-"
        cached_txt = {True: "yes", False: "no", None: "built"}[row["cached"]]
        mark = " (default)" if row["default"] else f"  {row.get('note', '')}"
        print(f"{row['id']:34} {params:>8}  {cached_txt:6}  {disk:>9}{mark}")
    print(f"\n{LICENCE_NOTE}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="audioldm-bridge", description="AudioLDM text-to-audio for DAWs (REAPER, Max) and scripts")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the engine does")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    gen = sub.add_parser("generate", help="generate in this process and write DAW-ready files")
    add_render_options(gen)
    add_model_options(gen)
    gen.set_defaults(func=cmd_generate)

    models = sub.add_parser("models", help="known models, whether cached locally, sizes")
    models.add_argument("--json", action="store_true")
    models.set_defaults(func=cmd_models)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s: %(message)s")
    if not args.verbose:
        _quiet_libraries()
    try:
        return args.func(args)
    except InvalidInput as err:
        print(f"audioldm-bridge {args.command}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except EngineError as err:
        print(f"audioldm-bridge {args.command}: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


def _quiet_libraries() -> None:
    """Library chatter (deprecations, dtype casts) is noise to a musician; -v shows it."""
    import warnings

    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("DIFFUSERS_VERBOSITY", "error")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", category=UserWarning)


if __name__ == "__main__":
    sys.exit(main())
