"""`request`: send a job to a running engine, follow its events, print (and keep) the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from engine.errors import EngineError, InvalidInput

from .client_cmds import connect
from .fields import note_default_tempo, request_from_args
from .options import add_client_options, add_render_options
from .progress import StageBar, wants_bar
from .result_file import ResultFile


def add_request_options(req) -> None:
    req.description = ("Send a generation to a running engine (`audioldm-bridge serve`), follow it and print the "
                       "written paths. The engine's model is the one `serve --model` loaded: `status` names it.")
    add_render_options(req, prompt_optional=True)
    add_client_options(req)
    req.add_argument("--request-file", type=Path,
                     help="JSON object of protocol fields (docs/PROTOCOL.md); options typed here override it "
                          "(default: none, the options alone)")
    req.add_argument("--model", help="not for request: `serve --model` chooses the engine's model (`status` names "
                                      "it; default: the engine's)")
    req.add_argument("--priority", choices=["live", "normal", "background"], help="default normal")
    req.add_argument("--id", help="job id (idempotent: resending it never runs twice; "
                     "default: a new random one)")
    req.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds (default 600)")
    req.add_argument("--ping-timeout", type=float,
                     help="ping first; if the engine does not answer within this many seconds, fail at once "
                          "with code `unreachable` (what the REAPER actions use to offer starting it; default: no "
                          "ping first)")
    req.add_argument("--result-file", type=Path,
                     help="keep the latest event here as JSON, replaced atomically: accepted, started, "
                          "progress…, then exactly one of done / error / cancelled (default: none)")
    req.add_argument("--fetch-to", type=Path,
                     help="copy the finished files (and sidecars) from a remote engine into this folder; "
                          "printed paths and --result-file then name the local copies (default: none, the "
                          "engine's paths)")
    req.add_argument("--upload", action="store_true",
                     help="send --init-audio (and --audio-prompt) through the ZeroMQ connection instead of naming "
                          "its path (automatic "
                          "with --server-key: a remote engine cannot read this machine's files)")


def cmd_request(args) -> int:
    from .. import protocol

    results = ResultFile(args.result_file)
    try:
        fields = request_from_args(args)
    except InvalidInput as err:
        results.write(protocol.failed(args.id or "", err))
        raise
    note_default_tempo(fields)
    # The engine says nothing between its last step and its files: decoding and writing are one stage here.
    bar = StageBar("sending", after_sampling="decoding, writing") if wants_bar(args.quiet or args.json) else None
    final = None
    sent = False  # once the job may have reached the engine, giving up on it cancels it
    try:
        if args.ping_timeout is not None:
            _check_reachable(args)
        with connect(args) as client:
            for name in ("init_audio", "audio_prompt"):  # a remote engine gets the files themselves
                if name in fields and (args.upload or args.server_key is not None):
                    fields[name] = _upload(client, fields[name])
            sent = True
            for event in client.events(fields, deadline_s=args.timeout):
                if bar is not None:
                    _show(bar, event)
                if event["event"] == "done" and args.fetch_to is not None:
                    from ..fetch import fetch_results  # a remote engine: bring the files here, name the local copies

                    if bar is not None:
                        bar.stage("fetching")
                    event = fetch_results(client, event, args.fetch_to)
                results.write(event)
                final = event
    except EngineError as err:
        message = str(err)
        if err.code == "timeout" and final is not None and not _ended(final):  # --timeout, or the engine went silent
            message += "; " + _give_up(args, fields["id"], args.reply_timeout)[1]
        final = {"event": "error", "id": str(fields.get("id", "")), "code": err.code, "message": message}
        results.write(final)
    except KeyboardInterrupt:
        # Nothing heard yet: the engine is probably not there, so do not wait long for it.
        wait = args.reply_timeout if final is not None else min(args.reply_timeout, 1.0)
        outcome, note = _give_up(args, fields["id"], wait) if sent and not _ended(final) else (None, "")
        if outcome is not None and outcome["event"] in protocol.FINAL_EVENTS and outcome["id"] == fields["id"]:
            results.write(outcome)
        else:
            results.write(protocol.failed(str(fields.get("id", "")), protocol.error(
                "interrupted", f"the request command was interrupted ({note or 'before the job was sent'})")))
        if bar is not None:  # end the bar's line first
            bar.close("interrupted")
        if note:
            print(f"audioldm-bridge request: interrupted: {note}", file=sys.stderr)
        raise
    finally:
        if bar is not None:
            bar.close()
    if final is None or final["event"] not in protocol.FINAL_EVENTS:
        final = {"event": "error", "id": str(fields.get("id", "")), "code": "internal",
                 "message": "the event stream ended without a result"}
        results.write(final)
    if args.json:
        print(json.dumps(final, indent=2))
    if final["event"] == "error":
        if final["code"] == "bad_request":  # the engine refused an argument: a usage error, as for generate
            raise InvalidInput(final["message"])
        raise EngineError(final["message"], code=final["code"])
    if final["event"] == "cancelled":
        raise EngineError(f"job {final['id']} was cancelled", code="cancelled")
    if not args.json:
        for path in final["paths"]:
            print(path)
    return 0


def _check_reachable(args) -> None:
    """One ping with a short timeout: an engine that is down is reported at once, as `unreachable`."""
    from ..client import BridgeClient

    try:
        with BridgeClient(args.endpoint, timeout=args.ping_timeout, retries=0) as client:
            client.ping()
    except EngineError:
        raise EngineError(f"the engine at {args.endpoint} does not answer (is `audioldm-bridge serve` running?)",
                          code="unreachable") from None


def _upload(client, path: str) -> str:
    """A remote engine cannot read this machine's disk: send the file, name the engine's copy."""
    from ..upload import upload_file

    if not Path(path).is_file():
        raise InvalidInput(f"--init-audio {path} is not a file")
    return upload_file(client, path)


def _ended(event: dict | None) -> bool:
    from ..protocol import FINAL_EVENTS

    return event is not None and event["event"] in FINAL_EVENTS


def _give_up(args, job_id: str, wait: float) -> tuple[dict | None, str]:
    """`request` stops waiting for a job it sent (Ctrl-C, --timeout): cancel it rather than leave it
    running unseen. Returns the engine's answer (the job's final event, or a refusal) and what to
    tell the user."""
    from ..client import BridgeClient

    try:
        with BridgeClient(args.endpoint, timeout=wait, retries=0, server_key=args.server_key,
                          client_key=args.client_key) as client:
            reply = client.cancel(job_id)
    except EngineError as err:
        return None, f"could not cancel job {job_id}, it may still run ({err})"
    if reply["event"] == "cancelled":
        return reply, f"job {job_id} cancelled"
    if reply["event"] == "done":
        return reply, f"job {job_id} had finished: {', '.join(reply['paths'])}"
    if reply.get("code") == "not_found":
        return reply, f"job {job_id} never reached the engine"
    return reply, f"job {job_id} not cancelled: {reply['message']}"


def _show(bar, event: dict) -> None:
    """The bar follows the job: queued, sampling step by step, then decoding and writing until done."""
    kind = event["event"]
    if kind == "accepted":
        bar.write(f"queued as {event['id']} (position {event['position']})")
        bar.stage("queued")
    elif kind == "started":
        bar.stage("started")
    elif kind == "progress":
        bar.step(event["step"], event["total"])
    elif kind in ("done", "error", "cancelled"):
        bar.stage({"error": "failed"}.get(kind, kind))
