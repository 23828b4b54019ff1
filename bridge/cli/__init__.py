"""The ``audioldm-bridge`` command (``python -m bridge.cli`` runs it too).

Exit codes: 0 success, 1 the work failed (model unavailable, engine error, timeout), 2 bad
arguments — always with one line on stderr that names the problem.

One concern per module: parser.py (the subcommand table), options.py (shared option groups),
fields.py (options → protocol fields), local.py (`generate`, `models`), serve.py (`serve`, Ray,
`keygen`), request.py (`request`), client_cmds.py (`ping`, `status`, `cancel`), result_file.py.
Nothing here imports torch at import time: the client commands run without it.
"""

from __future__ import annotations

import logging
import os
import sys

from engine.errors import EngineError, InvalidInput

from .client_cmds import cmd_cancel, cmd_ping, cmd_status, connect
from .fields import (LENGTH_FIELDS, edit_fields, merge_request, note_default_tempo, read_request_file,
                     request_fields, request_from_args)
from .local import cmd_generate, cmd_models
from .options import add_client_options, add_model_options, add_render_options, default_out_dir
from .parser import COMMANDS, EXIT_FAILED, EXIT_USAGE, build_parser
from .request import cmd_request
from .result_file import ResultFile
from .serve import (check_ray_options, check_remote_options, cmd_keygen, cmd_serve, resolve_host,
                    start_ray_replicas)

__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_USAGE", "LENGTH_FIELDS", "ResultFile", "add_client_options",
           "add_model_options", "add_render_options", "build_parser", "check_ray_options", "check_remote_options",
           "cmd_cancel", "cmd_generate", "cmd_keygen", "cmd_models", "cmd_ping", "cmd_request", "cmd_serve",
           "cmd_status", "connect", "default_out_dir", "edit_fields", "main", "merge_request", "note_default_tempo",
           "read_request_file", "request_fields", "request_from_args", "resolve_host", "start_ray_replicas"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s: %(message)s")
    if not args.verbose:
        _quiet_libraries()
    code = _run(args)
    if argv is None and args.command == "serve":  # the program itself, not a call from Python
        _exit_without_teardown(code)
    return code


def _exit_without_teardown(code: int) -> None:
    """`serve` has closed its sockets and stopped its threads; all that is left is the interpreter's
    teardown — finalizing some 3000 modules (torch, diffusers, transformers) and the model's
    tensors — which took seconds after "stopped" on a busy machine and helps nobody. Run the
    exit handlers (logging's flush, torch's and Ray's cleanups), flush, and leave."""
    import atexit

    getattr(atexit, "_run_exitfuncs", lambda: None)()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say there
            pass
    os._exit(code)


def _run(args) -> int:
    try:
        if getattr(args, "endpoint", None) is not None:
            from ..client import normalize_endpoint

            args.endpoint = normalize_endpoint(args.endpoint)  # HOST:PORT → tcp://HOST:PORT
        elif getattr(args, "endpoint_from_env", False):  # client commands: $AUDIOLDM_BRIDGE_ENDPOINT, else the default
            from ..client import default_endpoint

            args.endpoint = default_endpoint()
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

