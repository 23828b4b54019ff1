"""Small client commands: `ping`, `status`, `cancel` (and the connection every client command opens)."""

from __future__ import annotations

import json
from pathlib import Path

from engine.errors import EngineError, InvalidInput

from .options import add_client_options
from .result_file import ResultFile


def add_ping_options(ping) -> None:
    add_client_options(ping)
    ping.add_argument("--result-file", type=Path, help="also write the outcome here as JSON (pong or "
                      "error), atomically (default: none)")


def add_status_options(status) -> None:
    add_client_options(status)
    status.add_argument("--json", action="store_true",
                        help="print the engine's status reply as JSON (for scripts) instead of the table")


def add_cancel_options(cancel) -> None:
    cancel.add_argument("id")
    add_client_options(cancel)


def connect(args):
    from ..client import BridgeClient

    if args.retries < 0:
        raise InvalidInput(f"--retries must be 0 or more, got {args.retries}")
    if not args.reply_timeout > 0:
        raise InvalidInput(f"--reply-timeout must be above 0 s, got {args.reply_timeout:g}")
    return BridgeClient(args.endpoint, timeout=args.reply_timeout, retries=args.retries,
                        server_key=args.server_key, client_key=args.client_key)


def cmd_ping(args) -> int:
    import time

    results = ResultFile(args.result_file)
    try:
        with connect(args) as client:
            started = time.perf_counter()
            reply = client.ping()
            ms = (time.perf_counter() - started) * 1000
    except EngineError as err:
        results.write({"event": "error", "id": "", "code": err.code, "message": str(err)})
        raise
    results.write({**reply, "endpoint": args.endpoint, "ms": round(ms, 3)})
    loading = " (the engine is loading its model; requests wait for it)" if reply.get("state") == "loading" else ""
    print(f"pong from {args.endpoint} in {ms:.2f} ms{loading}")
    return 0


def cmd_status(args) -> int:
    with connect(args) as client:
        status = client.status()
    if args.json:
        print(json.dumps(status, indent=2))
    else:
        from .status_table import format_status

        print(format_status(status, args.endpoint))
    return 0


def cmd_cancel(args) -> int:
    with connect(args) as client:
        reply = client.cancel(args.id)
    if reply["event"] == "error":
        raise EngineError(reply["message"], code=reply["code"])
    print(f"{args.id}: {reply['event']}")
    return 0

