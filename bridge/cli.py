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
    from engine.catalog import DEFAULT_MODEL

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
        "ceiling": args.ceiling, "loop": args.loop, "name": args.name_hint,
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
        fields["out_dir"] = str(args.out.expanduser().resolve())  # the engine wants absolute folders
    return {k: v for k, v in fields.items() if v is not None}


# --- commands ---------------------------------------------------------------------------------------


def cmd_generate(args) -> int:
    from engine.render import Engine

    from .protocol import parse_request

    request = parse_request(request_fields(args), default_out_dir()).render  # bad values fail before the model loads
    engine = Engine.from_pretrained(args.model, device=args.device, dtype=args.dtype)
    if engine.components.is_test_model:
        from engine.tiny import TEST_MODEL_LABEL

        print(f"note: {TEST_MODEL_LABEL}", file=sys.stderr)
    files = engine.render(request, progress=_progress_printer(args.json))
    if args.json:
        print(json.dumps({"model": engine.model_id, "files": [
            f.as_dict() for f in files]}, indent=2))
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


def resolve_host(host: str) -> str:
    """``--host`` as an IPv4 address both transports can bind: a name like ``localhost`` is resolved."""
    import ipaddress
    import socket

    try:
        return str(ipaddress.IPv4Address(host))
    except ValueError:
        pass
    try:
        return socket.getaddrinfo(host, None, socket.AF_INET, socket.SOCK_DGRAM)[0][4][0]
    except (socket.gaierror, UnicodeError, IndexError):
        raise InvalidInput(f"--host {host!r} is not an IPv4 address or a name this machine resolves "
                           "(use 127.0.0.1 for this machine only)") from None


def check_remote_options(host: str, args) -> None:
    """Beyond loopback the engine serves only CURVE clients (docs/SECURITY.md); refuse to start otherwise."""
    import ipaddress

    from .remote import KEYGEN_HINT, OscAllowList

    OscAllowList(args.osc_allow)  # a bad CIDR is a usage error now, not a surprise later
    if (args.curve_secret is None) != (args.curve_clients is None):
        raise InvalidInput("CURVE needs both --curve-secret DIR/server.key_secret and --curve-clients DIR/clients; "
                           + KEYGEN_HINT)
    if not ipaddress.ip_address(host).is_loopback and args.curve_secret is None:
        raise InvalidInput(f"--host {host} lets other machines in: that requires --curve-secret "
                           f"DIR/server.key_secret --curve-clients DIR/clients (only listed client keys get in); "
                           + KEYGEN_HINT)


def cmd_keygen(args) -> int:
    from .remote import keygen

    made = keygen(args.dir, client=args.client)
    print(f"engine (keep on the engine machine): --curve-secret {made['server_secret']} "
          f"--curve-clients {made['clients']}")
    print(f"client (copy to the client machine): --server-key {made['server_public']} "
          f"--client-key {made['client_secret']}")
    return 0


def cmd_serve(args) -> int:
    import ipaddress
    import signal
    import threading

    from engine.length import LengthLimits
    from engine.render import Engine

    from .service import BridgeService, ServiceConfig

    log = logging.getLogger("audioldm-bridge")
    logging.getLogger().setLevel(logging.INFO)
    for name in ("osc_port", "osc_reply_port", "zmq_port", "pub_port"):
        if not 0 <= getattr(args, name) <= 65535:
            raise InvalidInput(f"--{name.replace('_', '-')} must be 0..65535, got {getattr(args, name)}")
    for name in ("max_queue", "max_batch", "max_batch_rows"):
        if getattr(args, name) < 1:
            raise InvalidInput(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    host = resolve_host(args.host)
    check_remote_options(host, args)
    config = ServiceConfig(out_dir=(args.out or default_out_dir()).expanduser().resolve(), host=host,
                           osc_port=args.osc_port, osc_reply_port=args.osc_reply_port, zmq_port=args.zmq_port,
                           pub_port=args.pub_port, max_queued=args.max_queue, max_batch=args.max_batch,
                           max_batch_rows=args.max_batch_rows, allow_out=tuple(args.allow_out),
                           curve_secret=args.curve_secret, curve_clients=args.curve_clients,
                           osc_allow=tuple(args.osc_allow))
    limits = LengthLimits(max_seconds=args.max_seconds)  # checked before any socket or model
    if not ipaddress.ip_address(host).is_loopback:
        log.warning("listening on %s: ZeroMQ only for CURVE keys in %s; OSC from loopback%s", host,
                    args.curve_clients, "".join(f", {c}" for c in args.osc_allow) or " only")
    # Bind before loading: a taken port is reported in a second, not after the model has loaded.
    service = BridgeService(None, config).bind()
    try:
        log.info("loading %s …", args.model)
        try:
            engine = Engine.from_pretrained(args.model, device=args.device, dtype=args.dtype, limits=limits)
        except EngineError as err:
            hint = "" if "--model tiny" in str(err) else " (to try the engine without a download, use --model tiny)"
            raise EngineError(f"{err}{hint}", code=err.code) from None
        if engine.components.is_test_model:
            from engine.tiny import TEST_MODEL_LABEL

            log.warning("%s", TEST_MODEL_LABEL)
        log.info("warming up on %s …", engine.components.device)
        engine.warm_up()
        service.start(engine)
    except BaseException:
        service.shutdown(0)
        raise
    for name, endpoints in service.endpoints().items():
        log.info("%s: %s", name, ", ".join(f"{k} {v}" for k, v in endpoints.items()))
    log.info("writing files to %s", config.out_dir)
    stop = threading.Event()
    # Ctrl-C everywhere, SIGTERM from service managers, Ctrl-Break in a Windows console.
    for sig in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGBREAK", None)):
        if sig is not None:
            signal.signal(sig, lambda *_: stop.set())
    log.info("ready (model %s on %s); Ctrl-C to stop", engine.model_id, engine.components.device)
    print("ready", flush=True)  # one line on stdout for scripts that wait for the engine
    while not stop.wait(0.5):  # a timed wait: Windows delivers Ctrl-C only between waits
        pass
    log.info("stopping: no new jobs; cancelling queued ones; finishing the running one …")
    service.shutdown()
    log.info("stopped")
    return 0


def _client(args):
    from .client import BridgeClient

    return BridgeClient(args.endpoint, timeout=args.reply_timeout, retries=args.retries,
                        server_key=args.server_key, client_key=args.client_key)


def cmd_request(args) -> int:
    from engine.writer import write_json_atomic

    from . import protocol

    fields = request_fields(args)
    fields["priority"] = args.priority
    fields["id"] = args.id or protocol.new_id()  # known up front, so even a timeout names its job
    result = None
    try:
        with _client(args) as client:
            result = client.generate(fields, deadline_s=args.timeout, on_event=_event_printer(args.json))
            if args.fetch_to is not None:  # a remote engine: bring the files here, name the local copies
                from .fetch import fetch_results

                result = fetch_results(client, result, args.fetch_to)
    except EngineError as err:
        result = {"event": "error", "id": fields.get("id", ""), "code": err.code, "message": str(err)}
        if err.code == "bad_request":  # the engine refused an argument: a usage error, as for generate
            raise InvalidInput(str(err)) from None
        raise
    finally:
        if args.result_file is not None and result is not None:
            write_json_atomic(args.result_file, result, replace=True)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for path in result["paths"]:
            print(path)
    return 0


def _event_printer(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None

    def show(event):
        if event["event"] == "progress":
            print(f"\rstep {event['step']}/{event['total']}", end="", file=sys.stderr, flush=True)
        elif event["event"] == "accepted":
            print(f"queued as {event['id']} (position {event['position']})", file=sys.stderr)
        elif event["event"] == "done":
            print(file=sys.stderr)

    return show


def cmd_ping(args) -> int:
    import time

    with _client(args) as client:
        started = time.perf_counter()
        client.ping()
        print(f"pong from {args.endpoint} in {(time.perf_counter() - started) * 1000:.2f} ms")
    return 0


def cmd_status(args) -> int:
    with _client(args) as client:
        print(json.dumps(client.status(), indent=2))
    return 0


def cmd_cancel(args) -> int:
    with _client(args) as client:
        reply = client.cancel(args.id)
    if reply["event"] == "error":
        raise EngineError(reply["message"], code=reply["code"])
    print(f"{args.id}: {reply['event']}")
    return 0


def add_client_options(parser: argparse.ArgumentParser) -> None:
    from .client import DEFAULT_ENDPOINT

    parser.add_argument("--endpoint", "--engine", default=DEFAULT_ENDPOINT,
                        help=f"engine's ZeroMQ endpoint (default {DEFAULT_ENDPOINT}), e.g. tcp://gpu-box:18002")
    parser.add_argument("--server-key", type=Path, help="a remote engine's public key (server.key from keygen)")
    parser.add_argument("--client-key", type=Path, help="your secret key (NAME.key_secret from keygen)")
    parser.add_argument("--reply-timeout", type=float, default=5.0, help="seconds of silence before a retry (default 5)")
    parser.add_argument("--retries", type=int, default=3)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="audioldm-bridge", description="AudioLDM text-to-audio for DAWs (REAPER, Max) and scripts")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the engine does")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    gen = sub.add_parser("generate", help="generate in this process and write DAW-ready files")
    add_render_options(gen)
    add_model_options(gen)
    gen.set_defaults(func=cmd_generate)

    serve = sub.add_parser("serve", help="run the engine service (OSC and ZeroMQ)")
    add_model_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on (default loopback only)")
    serve.add_argument("--osc-port", type=int, default=18000)
    serve.add_argument("--osc-reply-port", type=int, default=18001, help="default port OSC replies go to")
    serve.add_argument("--zmq-port", type=int, default=18002, help="ZeroMQ ROUTER for requests")
    serve.add_argument("--pub-port", type=int, default=18003, help="ZeroMQ PUB with every event")
    serve.add_argument("--out", type=Path, help="output folder (default: your Music folder/audioldm-bridge)")
    serve.add_argument("--max-queue", type=int, default=32, help="jobs waiting before `busy` (default 32)")
    serve.add_argument("--max-batch", type=int, default=4, help="compatible jobs run together (default 4)")
    serve.add_argument("--max-batch-rows", type=int, default=16,
                       help="UNet rows per batch: variations x 2 with guidance (default 16); bigger requests run in parts")
    serve.add_argument("--max-seconds", type=float, default=60.0, help="longest clip accepted (default 60)")
    safety = serve.add_argument_group("security (docs/SECURITY.md)")
    safety.add_argument("--allow-out", type=Path, action="append", default=[], metavar="DIR",
                        help="another folder local clients may write into (repeatable); --out and your home "
                             "folder are always allowed")
    safety.add_argument("--curve-secret", type=Path, metavar="FILE",
                        help="the engine's server.key_secret: ZeroMQ speaks CURVE (required beyond loopback)")
    safety.add_argument("--curve-clients", type=Path, metavar="DIR", help="folder of allowed client public keys (*.key)")
    safety.add_argument("--osc-allow", action="append", default=[], metavar="CIDR",
                        help="network whose OSC datagrams are accepted besides loopback (repeatable); others are "
                             "dropped and counted")
    serve.set_defaults(func=cmd_serve)

    req = sub.add_parser("request", help="ask a running engine to generate; wait for and print the result")
    add_render_options(req)
    add_client_options(req)
    req.add_argument("--priority", default="normal", choices=["live", "normal", "background"])
    req.add_argument("--id", help="job id (idempotent: resending it never runs twice)")
    req.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds (default 600)")
    req.add_argument("--result-file", type=Path, help="also write the final event here as JSON, atomically")
    req.add_argument("--fetch-to", type=Path,
                     help="copy the finished files (and sidecars) from a remote engine into this folder; "
                          "printed paths and --result-file then name the local copies")
    req.set_defaults(func=cmd_request)

    for name, func, text in (("ping", cmd_ping, "check that the engine answers"),
                             ("status", cmd_status, "queue, running job, model, device, uptime")):
        p = sub.add_parser(name, help=text)
        add_client_options(p)
        p.set_defaults(func=func)
    cancel = sub.add_parser("cancel", help="cancel a queued or running job")
    cancel.add_argument("id")
    add_client_options(cancel)
    cancel.set_defaults(func=cmd_cancel)

    keys = sub.add_parser("keygen", help="make CURVE keys for a remote engine and its clients")
    keys.add_argument("dir", type=Path, help="folder for the keys (made if missing)")
    keys.add_argument("--client", default="client", help="name of the client key pair (default client)")
    keys.set_defaults(func=cmd_keygen)

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
