"""`serve` (the engine service, optionally with Ray replicas) and `keygen` (CURVE keys for remote use)."""

from __future__ import annotations

import logging
from pathlib import Path

from engine.errors import EngineError, InvalidInput

from . import history
from .options import add_model_options, default_out_dir


def add_serve_options(serve) -> None:
    add_model_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1: this "
                       "machine only)")
    serve.add_argument("--osc-port", type=int, default=18000,
                       help="OSC (UDP) port for requests (default 18000)")
    serve.add_argument("--osc-reply-port", type=int, default=18001, help="port OSC replies go to when a request names no "
                       "reply_port (default 18001)")
    serve.add_argument("--zmq-port", type=int, default=18002, help="ZeroMQ ROUTER for requests (default 18002)")
    serve.add_argument("--pub-port", type=int, default=18003, help="ZeroMQ PUB with every event (default 18003)")
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
                             "Run by you, local clients may use any folder you can (default: no other folder)")
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
                        help="the engine's server.key_secret: ZeroMQ speaks CURVE (required beyond loopback; "
                             "default: none, loopback clients only)")
    safety.add_argument("--curve-clients", type=Path, metavar="DIR", help="folder of allowed client public keys "
                        "(*.key; default: none)")
    safety.add_argument("--osc-allow", action="append", default=[], metavar="CIDR",
                        help="network whose OSC datagrams are accepted besides loopback (repeatable); others are "
                             "dropped and counted (default: loopback only)")
    history.add_db_options(serve)


def add_keygen_options(keys) -> None:
    keys.add_argument("dir", type=Path, help="folder for the keys (made if missing)")
    keys.add_argument("--client", default="client", help="name of the client key pair (default client)")


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

    from ..remote import KEYGEN_HINT, OscAllowList

    OscAllowList(args.osc_allow)  # a bad CIDR is a usage error now, not a surprise later
    if (args.curve_secret is None) != (args.curve_clients is None):
        raise InvalidInput("CURVE needs both --curve-secret DIR/server.key_secret and --curve-clients DIR/clients; "
                           + KEYGEN_HINT)
    if not ipaddress.ip_address(host).is_loopback and args.curve_secret is None:
        raise InvalidInput(f"--host {host} lets other machines in: that requires --curve-secret "
                           f"DIR/server.key_secret --curve-clients DIR/clients (only listed client keys get in); "
                           + KEYGEN_HINT)


def cmd_keygen(args) -> int:
    from ..remote import keygen

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

    from ..service import BridgeService, ServiceConfig

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
                           max_unfinished_uploads=args.max_unfinished_uploads, history_db=history.serve_db(args))
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
    log.info("recording history in %s", config.history_db) if config.history_db else log.info("keeping no history")
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
    from ..ray_backend import RayReplicas

    replicas = RayReplicas(args.model, replicas=args.replicas or 1, address=args.ray,
                           gpus_per_replica=args.gpus_per_replica, cpus_per_replica=args.cpus_per_replica,
                           device=args.device, dtype=args.dtype, limits=limits, ranking_model=args.clap_model,
                           compile=args.compile)
    replicas.start()
    return replicas

