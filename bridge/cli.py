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
    parser.add_argument("--dtype", default="auto", choices=["auto", "fp32", "fp16", "bf16", "float32", "float16",
                                                             "bfloat16"], metavar="DTYPE",
                        help="auto (fp16 on cuda; bf16 on a CPU with native bf16, text encoder fp32; else fp32), "
                             "fp32 (bit-faithful), fp16, bf16")
    parser.add_argument("--compile", action="store_true",
                        help="torch.compile the UNet, VAE decoder and vocoder (worth it on a GPU; each new clip "
                             "length compiles once; `serve` warms up 1, 2 and 4 bars at 120 BPM)")
    parser.add_argument("--clap-model", help="CLAP model that ranks --best-of candidates: hub id or local folder "
                                             "(default laion/clap-htsat-unfused; a tiny one with --model tiny)")


def add_render_options(parser: argparse.ArgumentParser, prompt_optional: bool = False) -> None:
    """Options shared by `generate` (in-process) and `request` (through the service).

    Defaults are None: an option not given is left out of the request and the protocol's default
    applies (the same values the help texts name), so `request --request-file` can tell what was typed.
    """
    parser.add_argument("prompt", nargs="?" if prompt_optional else None,
                        help="what to generate, e.g. 'warm analog bass, 90s house'")
    length = parser.add_argument_group("length (seconds, or bars/beats at a tempo)")
    length.add_argument("--seconds", type=float)
    length.add_argument("--bars", type=float)
    length.add_argument("--beats", type=float, help="extra beats (in units of the time signature's denominator)")
    length.add_argument("--bpm", type=float, help="quarter notes per minute, REAPER's convention (default 120)")
    length.add_argument("--time-sig", help="time signature N/D (default 4/4)")
    parser.add_argument("--out", type=Path, help="output folder (default: your Music folder/audioldm-bridge)")
    parser.add_argument("--name", dest="name_hint", help="file name hint (slugified; never a path)")
    parser.add_argument("--sample-rate", type=int, help="8000..384000 (default 48000)")
    parser.add_argument("--stereo", action="store_true", help="dual-mono stereo file instead of mono")
    parser.add_argument("--format", choices=["wav24", "wav16", "wav32f", "flac"], help="default wav24")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("--lufs", type=float, help="integrated loudness target (default -14 LUFS)")
    loud.add_argument("--peak", type=float, help="normalize the sample peak to this dBFS instead")
    loud.add_argument("--no-normalize", action="store_true", help="leave the level alone (ceiling still applies)")
    parser.add_argument("--ceiling", type=float, help="true-peak ceiling in dBTP (default -1)")
    parser.add_argument("--loop", action="store_true", help="make the file loop seamlessly")
    parser.add_argument("--variations", type=int, help="default 1")
    parser.add_argument("--seed", type=int)
    parser.add_argument("--steps", type=int, help="default 10")
    parser.add_argument("--guidance", type=float, help="default 2.5")
    parser.add_argument("--negative", help="negative prompt: what to avoid")
    parser.add_argument("--scheduler", help="ddim (default), dpmsolver++, euler, pndm, lms")
    parser.add_argument("--eta", type=float, help="default 0")
    edit = parser.add_argument_group("audio in (the length defaults to the input's)")
    edit.add_argument("--init-audio", type=Path, metavar="FILE", help="audio to transform (style transfer), "
                      "repaint or extend; any soundfile-readable file")
    edit.add_argument("--init-range", metavar="START:END",
                      help="use only this part of the input file (seconds); --repaint then counts from START")
    edit.add_argument("--strength", type=float, help="0 keeps the input, 1 ignores it (default 0.5; 1 for "
                      "--repaint/--extend-*)")
    edit.add_argument("--repaint", metavar="START:END", help="regenerate this region (seconds), keep the rest")
    edit.add_argument("--extend-bars", type=float, metavar="N", help="continue the input by N bars at --bpm/--time-sig")
    edit.add_argument("--extend-seconds", type=float, metavar="S", help="continue the input by S seconds")
    parser.add_argument("--best-of", type=int, metavar="N",
                        help="generate N candidates, keep the --variations best by CLAP audio-text similarity")
    parser.add_argument("--align", choices=["none", "onset"], help="onset: move the first strong onset to sample 0")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of paths")


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
    }
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


# --- commands ---------------------------------------------------------------------------------------


def cmd_generate(args) -> int:
    from engine.render import Engine
    from engine.writer import check_writable

    from .protocol import parse_request

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
    try:
        files = engine.render(request, progress=_progress_printer(args.json))
    except OSError as err:  # the folder changed under us after the check: still one line
        raise EngineError(f"could not write to {request.out_dir}: {err.strerror or err}") from None
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

    check_ray_options(args)  # first: without Ray installed, say how to get it in a second

    from engine.length import LengthLimits
    from engine.render import Engine
    from engine.writer import check_writable

    from .service import BridgeService, ServiceConfig

    log = logging.getLogger("audioldm-bridge")
    logging.getLogger().setLevel(logging.INFO)
    for name in ("osc_port", "osc_reply_port", "zmq_port", "pub_port"):
        if not 0 <= getattr(args, name) <= 65535:
            raise InvalidInput(f"--{name.replace('_', '-')} must be 0..65535, got {getattr(args, name)}")
    for name in ("max_queue", "max_batch", "max_batch_rows"):
        if getattr(args, name) < 1:
            raise InvalidInput(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    if not 0 < args.max_upload_mb <= 1024 * 1024:
        raise InvalidInput(f"--max-upload-mb must be above 0 and at most 1048576 (1 TB), got {args.max_upload_mb:g}")
    for name in ("uploads_cap_mb", "upload_mb_per_hour"):  # each must hold one file of --max-upload-mb
        if not args.max_upload_mb <= getattr(args, name) <= 1024 * 1024 * 1024:
            raise InvalidInput(f"--{name.replace('_', '-')} must be at least --max-upload-mb ({args.max_upload_mb:g}) "
                               f"and at most 1073741824 (1 PB), got {getattr(args, name):g}")
    if args.max_unfinished_uploads < 1:
        raise InvalidInput(f"--max-unfinished-uploads must be at least 1, got {args.max_unfinished_uploads}")
    host = resolve_host(args.host)
    check_remote_options(host, args)
    out_dir = (args.out or default_out_dir()).expanduser().resolve()
    check_writable(out_dir, f"--out {out_dir}" if args.out is not None else f"the output folder {out_dir} (--out)")
    config = ServiceConfig(out_dir=out_dir, host=host,
                           osc_port=args.osc_port, osc_reply_port=args.osc_reply_port, zmq_port=args.zmq_port,
                           pub_port=args.pub_port, max_queued=args.max_queue, max_batch=args.max_batch,
                           max_batch_rows=args.max_batch_rows, allow_out=tuple(args.allow_out),
                           curve_secret=args.curve_secret, curve_clients=args.curve_clients,
                           osc_allow=tuple(args.osc_allow),
                           uploads_dir=args.uploads.expanduser().resolve() if args.uploads else None,
                           max_upload_bytes=round(args.max_upload_mb * 1024 * 1024),
                           uploads_cap_bytes=round(args.uploads_cap_mb * 1024 * 1024),
                           upload_bytes_per_hour=round(args.upload_mb_per_hour * 1024 * 1024),
                           max_unfinished_uploads=args.max_unfinished_uploads)
    limits = LengthLimits(max_seconds=args.max_seconds)  # checked before any socket or model
    if not ipaddress.ip_address(host).is_loopback:
        log.warning("listening on %s: ZeroMQ only for CURVE keys in %s; OSC from loopback%s", host,
                    args.curve_clients, "".join(f", {c}" for c in args.osc_allow) or " only")
    # Bind before loading: a taken port is reported in a second, not after the model has loaded.
    # Then serve at once: ping and status answer `loading`, requests wait in the queue for the model.
    service = BridgeService(None, config).bind().start_loading(args.model, limits)
    replicas = None  # the Ray pool with --ray (bridge.ray_backend)
    try:
        log.info("loading %s …", args.model)
        try:
            if args.ray is not None:
                replicas = start_ray_replicas(args, limits)
                engine = replicas.front
            else:
                engine = Engine.from_pretrained(args.model, device=args.device, dtype=args.dtype,
                                                compile=args.compile, limits=limits, ranking_model=args.clap_model)
        except EngineError as err:
            hint = "" if "--model tiny" in str(err) else " (to try the engine without a download, use --model tiny)"
            failure = EngineError(f"{err}{hint}", code=err.code)
            service.shutdown(0, reason=failure)  # the requests that waited for the model hear why
            raise failure from None
        if engine.components.is_test_model:
            from engine.tiny import TEST_MODEL_LABEL

            log.warning("%s", TEST_MODEL_LABEL)
        log.info("warming up on %s (%s%s) …", engine.components.device, engine.components.dtype_name,
                 ", compiling the live lane's lengths" if engine.components.compiled else "")
        engine.warm_up()
        service.start(engine)
    except BaseException:
        service.shutdown(0)
        if replicas is not None:
            replicas.close()
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
    if replicas is not None:
        replicas.close()
    log.info("stopped")
    return 0


def check_ray_options(args) -> None:
    if args.ray is None:
        for name in ("replicas", "gpus_per_replica", "cpus_per_replica"):
            if getattr(args, name) is not None:
                raise InvalidInput(f"--{name.replace('_', '-')} needs --ray (model replicas run on Ray)")
        return
    if args.replicas is not None and args.replicas < 1:
        raise InvalidInput(f"--replicas must be at least 1, got {args.replicas}")
    for name in ("gpus_per_replica", "cpus_per_replica"):
        if getattr(args, name) is not None and not getattr(args, name) >= 0:
            raise InvalidInput(f"--{name.replace('_', '-')} must be 0 or more, got {getattr(args, name)}")
    try:
        import ray  # noqa: F401
    except ImportError:
        raise EngineError("--ray needs Ray, which is not installed here: pip install 'audioldm-bridge[ray]' "
                          "(on every machine that runs replicas)") from None


def start_ray_replicas(args, limits):
    """`serve --ray`: model replicas as Ray actors; this process stays the front (bridge.ray_backend)."""
    from .ray_backend import RayReplicas

    replicas = RayReplicas(args.model, replicas=args.replicas or 1, address=args.ray,
                           gpus_per_replica=args.gpus_per_replica, cpus_per_replica=args.cpus_per_replica,
                           device=args.device, dtype=args.dtype, limits=limits, ranking_model=args.clap_model,
                           compile=args.compile)
    replicas.start()
    return replicas


def _client(args):
    from .client import BridgeClient

    if args.retries < 0:
        raise InvalidInput(f"--retries must be 0 or more, got {args.retries}")
    if not args.reply_timeout > 0:
        raise InvalidInput(f"--reply-timeout must be above 0 s, got {args.reply_timeout:g}")
    return BridgeClient(args.endpoint, timeout=args.reply_timeout, retries=args.retries,
                        server_key=args.server_key, client_key=args.client_key)


class ResultFile:
    """The latest event of a job, replaced atomically (what a REAPER script polls).

    Progress is written at most every ``min_interval`` seconds; ``accepted`` and the final event
    always are. On Windows a reader that has the file open makes ``os.replace`` fail for a moment:
    progress then skips a beat, the final event retries.
    """

    def __init__(self, path: Path | None, min_interval: float = 0.1):
        self.path = path
        self.min_interval = min_interval
        self.last = float("-inf")
        self.final_written = False

    def write(self, event: dict) -> None:
        import time

        from engine.writer import write_json_atomic

        from .protocol import FINAL_EVENTS

        if self.path is None or self.final_written:
            return
        final = event["event"] in FINAL_EVENTS
        now = time.monotonic()
        if event["event"] == "progress" and now - self.last < self.min_interval:
            return
        attempts = 50 if final else 1
        for attempt in range(attempts):
            try:
                write_json_atomic(self.path, event, replace=True)
                break
            except PermissionError:
                if attempt == attempts - 1:
                    if final:
                        raise
                    return
                time.sleep(0.1)
        self.last = now
        self.final_written = final


def _request_from_args(args) -> dict:
    from . import protocol

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


def _check_reachable(args) -> None:
    """One ping with a short timeout: an engine that is down is reported at once, as `unreachable`."""
    from .client import BridgeClient

    try:
        with BridgeClient(args.endpoint, timeout=args.ping_timeout, retries=0) as client:
            client.ping()
    except EngineError:
        raise EngineError(f"the engine at {args.endpoint} does not answer (is `audioldm-bridge serve` running?)",
                          code="unreachable") from None


def _upload(client, path: str) -> str:
    """A remote engine cannot read this machine's disk: send the file, name the engine's copy."""
    from .upload import upload_file

    if not Path(path).is_file():
        raise InvalidInput(f"--init-audio {path} is not a file")
    return upload_file(client, path)


def cmd_request(args) -> int:
    from . import protocol

    results = ResultFile(args.result_file)
    try:
        fields = _request_from_args(args)
    except InvalidInput as err:
        results.write(protocol.failed(args.id or "", err))
        raise
    note_default_tempo(fields)
    show = _event_printer(args.json)
    final = None
    sent = False  # once the job may have reached the engine, giving up on it cancels it
    try:
        if args.ping_timeout is not None:
            _check_reachable(args)
        with _client(args) as client:
            if "init_audio" in fields and (args.upload or args.server_key is not None):
                fields["init_audio"] = _upload(client, fields["init_audio"])
            sent = True
            for event in client.events(fields, deadline_s=args.timeout):
                if show is not None:
                    show(event)
                if event["event"] == "done" and args.fetch_to is not None:
                    from .fetch import fetch_results  # a remote engine: bring the files here, name the local copies

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
        if note:
            after_progress = "\n" if show is not None else ""  # end the "step n/N" line first
            print(f"{after_progress}audioldm-bridge request: interrupted: {note}", file=sys.stderr)
        raise
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


def _ended(event: dict | None) -> bool:
    from .protocol import FINAL_EVENTS

    return event is not None and event["event"] in FINAL_EVENTS


def _give_up(args, job_id: str, wait: float) -> tuple[dict | None, str]:
    """`request` stops waiting for a job it sent (Ctrl-C, --timeout): cancel it rather than leave it
    running unseen. Returns the engine's answer (the job's final event, or a refusal) and what to
    tell the user."""
    from .client import BridgeClient

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

    results = ResultFile(args.result_file)
    try:
        with _client(args) as client:
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
                        help=f"engine's ZeroMQ endpoint (default {DEFAULT_ENDPOINT}), e.g. tcp://gpu-box:18002 "
                             "or gpu-box:18002")
    parser.add_argument("--server-key", type=Path, help="a remote engine's public key (server.key from keygen)")
    parser.add_argument("--client-key", type=Path, help="your secret key (NAME.key_secret from keygen)")
    parser.add_argument("--reply-timeout", type=float, default=5.0, help="seconds of silence before a retry (default 5)")
    parser.add_argument("--retries", type=int, default=3,
                        help="resends after the first try (default 3; 0: one try): an engine that does not answer "
                             "is reported after --reply-timeout × (--retries + 1)")


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
    scale = serve.add_argument_group("scale out on Ray (pip install 'audioldm-bridge[ray]'; docs/SCALING.md)")
    scale.add_argument("--ray", nargs="?", const="auto", metavar="ADDRESS",
                       help="run the model in Ray replicas: 'local' starts Ray here, 'auto' (the default with "
                            "no value) joins the cluster running here or starts one, HOST:PORT joins that cluster")
    scale.add_argument("--replicas", type=int, help="model replicas (default 1)")
    scale.add_argument("--gpus-per-replica", type=float,
                       help="GPUs per replica (default 1 where the cluster has GPUs, else 0: CPU)")
    scale.add_argument("--cpus-per-replica", type=float,
                       help="CPU cores per replica (default: the cluster's cores shared out on CPU, 1 with a GPU)")
    safety = serve.add_argument_group("security (docs/SECURITY.md)")
    safety.add_argument("--allow-out", type=Path, action="append", default=[], metavar="DIR",
                        help="for an engine run as root/Administrator: another folder local clients may write into "
                             "and read init_audio from (repeatable; --out and the home folder are always allowed). "
                             "Run by you, local clients may use any folder you can")
    safety.add_argument("--uploads", type=Path, metavar="DIR",
                        help="where files sent with the upload op land (default: the user's cache folder, "
                             "audioldm-bridge/uploads)")
    safety.add_argument("--max-upload-mb", type=float, default=256.0,
                        help="largest file a client may upload (default 256 MB; the folder is pruned to 2 GB, "
                             "least recently used first, none used in the last hour)")
    safety.add_argument("--uploads-cap-mb", type=float, default=4096.0,
                        help="the uploads folder never holds more (default 4096 MB): beyond it uploads are refused "
                             "(disk_full) until old ones may go")
    safety.add_argument("--upload-mb-per-hour", type=float, default=1024.0,
                        help="what one client key may upload in any hour (default 1024 MB; busy beyond it)")
    safety.add_argument("--max-unfinished-uploads", type=int, default=4,
                        help="unfinished uploads one client key may have open (default 4; busy beyond it)")
    safety.add_argument("--curve-secret", type=Path, metavar="FILE",
                        help="the engine's server.key_secret: ZeroMQ speaks CURVE (required beyond loopback)")
    safety.add_argument("--curve-clients", type=Path, metavar="DIR", help="folder of allowed client public keys (*.key)")
    safety.add_argument("--osc-allow", action="append", default=[], metavar="CIDR",
                        help="network whose OSC datagrams are accepted besides loopback (repeatable); others are "
                             "dropped and counted")
    serve.set_defaults(func=cmd_serve)

    req = sub.add_parser("request", help="ask a running engine to generate; wait for and print the result")
    add_render_options(req, prompt_optional=True)
    add_client_options(req)
    req.add_argument("--request-file", type=Path,
                     help="JSON object of protocol fields (docs/PROTOCOL.md); options typed here override it")
    req.add_argument("--priority", choices=["live", "normal", "background"], help="default normal")
    req.add_argument("--id", help="job id (idempotent: resending it never runs twice)")
    req.add_argument("--timeout", type=float, default=600.0, help="give up after this many seconds (default 600)")
    req.add_argument("--ping-timeout", type=float,
                     help="ping first; if the engine does not answer within this many seconds, fail at once "
                          "with code `unreachable` (what the REAPER actions use to offer starting it)")
    req.add_argument("--result-file", type=Path,
                     help="keep the latest event here as JSON, replaced atomically: accepted, started, "
                          "progress…, then exactly one of done / error / cancelled")
    req.add_argument("--fetch-to", type=Path,
                     help="copy the finished files (and sidecars) from a remote engine into this folder; "
                          "printed paths and --result-file then name the local copies")
    req.add_argument("--upload", action="store_true",
                     help="send --init-audio through the ZeroMQ connection instead of naming its path (automatic "
                          "with --server-key: a remote engine cannot read this machine's files)")
    req.set_defaults(func=cmd_request)

    ping = sub.add_parser("ping", help="check that the engine answers")
    add_client_options(ping)
    ping.add_argument("--result-file", type=Path, help="also write the outcome here as JSON (pong or error), atomically")
    ping.set_defaults(func=cmd_ping)
    status = sub.add_parser("status", help="queue, running job, model, device, uptime")
    add_client_options(status)
    status.set_defaults(func=cmd_status)
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

    from .fit_cli import add_parser as add_fit_command  # fit FILE: tempo and key, no model (bridge/fit_cli.py)

    add_fit_command(sub)
    from .setup_cli import add_setup_commands  # setup reaper/max/model, doctor (bridge/setup_cli.py)

    add_setup_commands(sub, _Parser)
    return parser


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
            from .client import normalize_endpoint

            args.endpoint = normalize_endpoint(args.endpoint)  # HOST:PORT → tcp://HOST:PORT
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
