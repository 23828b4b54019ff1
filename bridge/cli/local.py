"""Commands that run in this process: `generate` (load the model, render, write) and `models`."""

from __future__ import annotations

import json
import sys

from engine.errors import EngineError

from . import history
from .fields import note_default_tempo, request_fields
from .options import add_model_options, add_render_options, default_out_dir
from .progress import StageBar, wants_bar


def add_generate_options(gen) -> None:
    add_render_options(gen)
    add_model_options(gen)
    history.add_db_options(gen)


def add_models_options(models) -> None:
    models.add_argument("--json", action="store_true")


def cmd_generate(args) -> int:
    from engine.render import Engine
    from engine.writer import check_writable

    from ..protocol import parse_request

    fields = request_fields(args)
    request = parse_request(fields, default_out_dir()).render  # bad values fail before the model loads
    note_default_tempo(fields)
    check_writable(request.out_dir, f"--out {request.out_dir}" if args.out is not None
                   else f"the output folder {request.out_dir} (--out)")
    engine = Engine.from_pretrained(args.model, device=args.device, dtype=args.dtype, compile=args.compile,
                                    ranking_model=args.clap_model)
    if engine.components.is_test_model:
        from engine.tiny import TEST_MODEL_LABEL

        print(f"note: {TEST_MODEL_LABEL}", file=sys.stderr)
    bar = StageBar() if wants_bar(args.quiet or args.json) else None
    try:
        files = engine.render(request, progress=bar and bar.step, stage=bar and bar.stage)
        if bar is not None:
            bar.stage("done")
    except OSError as err:  # the folder changed under us after the check: still one line
        raise EngineError(f"could not write to {request.out_dir}: {err.strerror or err}") from None
    finally:
        if bar is not None:
            bar.close()
    history.record_generated(args, fields, files)  # as `serve` records its jobs' files
    if args.json:
        print(json.dumps({"model": engine.model_id, "files": [
            f.as_dict() for f in files]}, indent=2))
    else:
        for f in files:
            print(f.path)
    return 0


def cmd_models(args) -> int:
    from engine.catalog import DEFAULT_MODEL, KNOWN_MODELS, LICENCE_NOTE, RANDOM_UNET_WIDTHS
    from engine.models import cached_models

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

