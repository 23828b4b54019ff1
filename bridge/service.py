"""The long-running engine service: one model worker, a job queue, ZeroMQ and OSC front ends.

Transports turn wire messages into calls of :meth:`BridgeService.submit`, ``cancel``, ``status``
and ``ping``, and deliver events to *origins* (their own reply addresses). Every event of a job
goes to all of its origins; a local client's job's events also go to the ZeroMQ PUB feed.

A job belongs to its *owner* (:meth:`BridgeService.owner_of`): the CURVE key that sent it, or
``local`` for every client on the engine's machine. Only the owner may cancel it, join it by
resending its id, see it in ``status``, fetch its files or edit them (``init_audio``); to anyone
else it does not exist (``not_found``). A remote client's events reach that client only: the PUB
feed, which every key may subscribe to, carries no remote client's job (docs/SECURITY.md).
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import zmq

from engine import __version__
from engine.errors import EngineError
from engine.render import Engine
from engine.writer import check_writable, clean_stale_parts_once

from . import protocol, security
from .fetch import FileRegistry
from .history_ops import answer as history_answer
from .history_recorder import HistoryRecorder
from .upload import DEFAULT_BYTES_PER_HOUR, DEFAULT_CAP_BYTES, DEFAULT_MAX_UNFINISHED
from .upload import DEFAULT_MAX_BYTES as DEFAULT_MAX_UPLOAD_BYTES
from .upload import UploadStore, default_uploads_dir
from .queue import Job, JobQueue
from .remote import CurveServer, OscAllowList
from .osc_transport import OscTransport
from .worker import Worker
from .zmq_transport import ZmqTransport

logger = logging.getLogger(__name__)


@dataclass
class ServiceConfig:
    out_dir: Path
    host: str = "127.0.0.1"
    osc_port: int = 18000
    osc_reply_port: int = 18001
    zmq_port: int = 18002
    pub_port: int = 18003
    max_queued: int = 32
    max_batch: int = 4
    max_batch_rows: int = 16
    shutdown_grace_s: float = 30.0
    enable_osc: bool = True
    enable_zmq: bool = True
    # Security (docs/SECURITY.md): extra output roots for local clients; CURVE keys, which make
    # every ZeroMQ client remote; OSC senders beyond loopback that are let in.
    allow_out: tuple = ()
    curve_secret: Path | None = None
    curve_clients: Path | None = None
    osc_allow: tuple = ()
    # Files clients send over ZeroMQ (bridge.upload); None: the user's cache folder. Bounds: a file,
    # the whole folder, and per client key its bytes per hour and unfinished uploads.
    uploads_dir: Path | None = None
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    uploads_cap_bytes: int = DEFAULT_CAP_BYTES
    upload_bytes_per_hour: int = DEFAULT_BYTES_PER_HOUR
    max_unfinished_uploads: int = DEFAULT_MAX_UNFINISHED
    # Whether the engine runs with elevated rights (root, Administrator): then local clients keep to
    # --out, home and --allow-out. None: ask the OS (bridge.security.is_elevated); tests set it.
    elevated: bool | None = None
    # The history database every delivered file is recorded in (bridge.history); None: no history.
    history_db: Path | None = None

    @property
    def curve(self) -> bool:
        return self.curve_secret is not None

    @classmethod
    def on_free_ports(cls, out_dir: Path, **overrides) -> "ServiceConfig":
        """Every port picked by the OS (tests, benchmarks, several engines on one machine)."""
        return cls(**{"out_dir": out_dir, "osc_port": 0, "osc_reply_port": 0, "zmq_port": 0, "pub_port": 0,
                      **overrides})


class BridgeService:
    """Bind first (:meth:`bind`: a taken port fails before a model is loaded), then
    :meth:`start_loading` (requests are served and queued while the model loads: ping and status
    say ``loading``), then :meth:`start` with the loaded engine (the workers begin)."""

    def __init__(self, engine: Engine | None, config: ServiceConfig):
        self.engine = engine
        self.config = config
        self.loading: tuple[str, object] | None = None  # (model id, LengthLimits) while the model loads
        self._shut_down = False
        self.queue = JobQueue(max_queued=config.max_queued, max_batch=config.max_batch,
                              max_batch_rows=config.max_batch_rows)
        self.workers: list[Worker] = []  # one, or one per model replica (bridge.ray_backend)
        self.transports: dict = {}
        self.files = FileRegistry()  # what `fetch` may serve: files of finished jobs
        self.uploads = UploadStore(config.uploads_dir or default_uploads_dir(), max_bytes=config.max_upload_bytes,
                                   cap_bytes=config.uploads_cap_bytes, bytes_per_hour=config.upload_bytes_per_hour,
                                   max_unfinished=config.max_unfinished_uploads)
        self.elevated = security.is_elevated() if config.elevated is None else config.elevated
        self.osc_allow = OscAllowList(config.osc_allow)
        self.curve = (CurveServer.from_files(config.curve_secret, config.curve_clients)
                      if config.curve_secret is not None or config.curve_clients is not None else None)
        self.history = HistoryRecorder(config.history_db) if config.history_db is not None else None
        self.started_at = time.monotonic()
        # Held while an event is recorded and sent, so every origin sees a job's events in order
        # (accepted is out before the worker can say started).
        self._lock = threading.RLock()

    # -- lifecycle ---------------------------------------------------------------------------------

    def bind(self) -> "BridgeService":
        """Open every socket (nothing is served yet). Raises EngineError naming a taken port."""
        if self.transports:
            return self
        c = self.config
        wanted = []
        if c.enable_zmq:
            wanted.append(("zmq", lambda: ZmqTransport(self, c.host, c.zmq_port, c.pub_port, curve=self.curve),
                           f"ZeroMQ ports {c.zmq_port}/{c.pub_port} (--zmq-port/--pub-port)"))
        if c.enable_osc:
            wanted.append(("osc", lambda: OscTransport(self, c.host, c.osc_port, c.osc_reply_port, allow=self.osc_allow),
                           f"OSC port {c.osc_port} (--osc-port)"))
        try:
            for name, make, what in wanted:
                try:
                    self.transports[name] = make()
                except (OSError, zmq.ZMQError) as err:
                    reason = getattr(err, "strerror", None) or str(err)
                    raise EngineError(f"cannot listen on {c.host}, {what}: {reason} "
                                      f"(is another engine running? pick other ports)", code="internal") from None
        except EngineError:
            for transport in self.transports.values():
                transport.close()
            self.transports = {}
            raise
        return self

    def start_loading(self, model_id: str, limits) -> "BridgeService":
        """Serve while ``model_id`` loads: ping and status answer ``loading``, generate requests are
        validated (against ``limits``, the engine's length limits) and queued for when it is ready."""
        self.loading = (model_id, limits)
        self.bind()
        self._start_transports()
        return self

    def _start_transports(self) -> None:
        for transport in self.transports.values():
            if not transport.started:
                transport.start()

    def start(self, engine: Engine | None = None) -> "BridgeService":
        if engine is not None:
            self.engine = engine
        self.bind()
        clean_stale_parts_once(self.config.out_dir)  # parts an engine killed while writing left there
        # A scaled-out engine (bridge.ray_backend) brings one worker per model replica.
        make_workers = getattr(self.engine, "make_workers", None)
        workers = (make_workers(self.queue, self.publish) if make_workers is not None
                   else [Worker(self.engine, self.queue, self.publish)])
        with self._lock:  # status() may run on a transport thread meanwhile
            self.workers, self.loading = workers, None
        self._start_transports()
        for worker in self.workers:
            worker.start()
        self.started_at = time.monotonic()  # uptime counts from ready
        return self

    def endpoints(self) -> dict:
        return {name: transport.endpoints() for name, transport in self.transports.items()}

    def shutdown(self, grace_s: float | None = None, reason: EngineError | None = None) -> None:
        """Stop accepting, cancel what waits, let the running batch finish (or cancel it), close sockets.

        ``reason``: why the engine stops before it ever ran (the model did not load): the jobs that
        waited for it end with that error instead of ``cancelled``."""
        if self._shut_down:
            return
        self._shut_down = True
        grace_s = self.config.shutdown_grace_s if grace_s is None else grace_s
        for job in self.queue.drain():
            self.publish(job, protocol.cancelled(job.id) if reason is None else protocol.failed(job.id, reason))
        deadline = time.monotonic() + grace_s
        while self.queue.busy() and time.monotonic() < deadline:
            time.sleep(0.05)
        for worker in self.workers:
            worker.stop()  # a batch still running stops at its next step, as cancelled
        for worker in self.workers:
            worker.join(timeout=60)
        for job in self.queue.unfinished():  # parts that never ran: every job still ends once
            if self.queue.end(job, "cancelled"):
                self.publish(job, protocol.cancelled(job.id))
        for transport in self.transports.values():
            transport.close()
        if self.history is not None:
            self.history.close()  # what the last jobs delivered is written before the engine exits

    # -- operations (called by transports, from their own threads) ------------------------------------

    def submit(self, fields: dict, origin) -> list[dict]:
        """Validate and queue. Job events reach ``origin`` through :meth:`publish`; the returned
        events (an error, or the replay for a resent id) are for the transport to send back itself."""
        limits = self.engine.limits if self.engine is not None else self.loading[1]
        try:
            request = protocol.parse_request(fields, self.config.out_dir, limits,
                                             roots=self.roots_for(origin), input_roots=self.input_roots_for(origin),
                                             input_also=self.readable_input(origin))
            # Found now, not after minutes of sampling: a folder the engine cannot write into.
            check_writable(request.render.out_dir, f"out_dir {str(request.render.out_dir)!r}")
        except EngineError as err:
            job_id = fields.get("id") if isinstance(fields, dict) and isinstance(fields.get("id"), str) else ""
            return [protocol.failed(job_id, err)]
        with self._lock:
            try:
                job, is_new = self.queue.submit(request, origin, self.owner_of(origin))
            except EngineError as err:
                return [protocol.failed(request.id, err)]
            if is_new:
                self.publish(job, protocol.accepted(job.id, self.queue.position(job), request.priority))
                return []
            # A resent id: tell the sender where the job stands (its latest event); nothing runs twice.
            return [job.last_event] if job.last_event else []

    def is_remote(self, origin) -> bool:
        """Remote clients write only under --out: every client of a CURVE engine, OSC beyond loopback."""
        if origin[0] == "zmq":
            return self.config.curve
        if origin[0] == "osc":
            return not _is_loopback(origin[1])
        return True

    def owner_of(self, origin) -> str:
        """Who a client is, for what it may see and touch: every local client is one owner (the
        user who started the engine); a CURVE client is its key (the ZAP User-Id the ZeroMQ
        transport puts in its origin); a remote OSC sender is its address."""
        if not self.is_remote(origin):
            return security.LOCAL
        if origin[0] == "zmq":
            user = origin[3] if len(origin) > 3 else ""
            # No User-Id (never with ZAP): this connection alone, so nothing is shared by mistake.
            return f"key:{user}" if user else f"connection:{origin[1].hex()}"
        return f"{origin[0]}:{origin[1]}"

    def roots_for(self, origin) -> list[Path] | None:
        """Folders a client may write into; None: anywhere (a local client of an engine its user runs)."""
        return security.default_roots(self.config.out_dir, self.config.allow_out, local=not self.is_remote(origin),
                                      elevated=self.elevated)

    def input_roots_for(self, origin) -> list[Path] | None:
        """Folders an init_audio may be read from: a local client's output roots; none for a remote
        client (everything under --out would be readable back through an extend)."""
        return [] if self.is_remote(origin) else self.roots_for(origin)

    def readable_input(self, origin) -> Callable[[Path], bool]:
        """Files outside those folders a client may still edit: its uploads; for a remote client also
        its own published results (it may fetch them anyway)."""
        remote, owner = self.is_remote(origin), self.owner_of(origin)
        return lambda path: self.uploads.holds(path, owner) or (remote and self.files.knows(path, owner))

    def cancel(self, job_id, origin) -> list[dict]:
        try:
            job, outcome = self.queue.cancel(protocol.check_id(job_id), self.owner_of(origin))
        except EngineError as err:
            return [protocol.failed(job_id if isinstance(job_id, str) else "", err)]
        if outcome == "ended":
            # Not a second final event for the job: a refusal of this request (id "").
            return [protocol.failed("", protocol.error("not_cancellable", f"job {job.id} already ended ({job.state})"))]
        if outcome == "delivering":
            return [protocol.failed("", protocol.error(
                "not_cancellable", f"job {job.id} is writing its files; it will end as done"))]
        with self._lock:
            if origin not in job.origins:
                job.origins.append(origin)
        if outcome == "cancelled":
            self.publish(job, protocol.cancelled(job.id))  # reaches every origin, this one included
        return []  # requested: the worker sends `cancelled` at the next step

    def state(self) -> str:
        """``loading`` (the model is not ready yet: requests wait in the queue), ``ready``, ``stopping``."""
        if self.loading is not None or self.engine is None:
            return "loading"
        return "ready" if self.queue.accepting else "stopping"

    def status(self, origin=None) -> dict:
        """The engine's state; ``running`` names only the asking client's jobs (``origin`` None: a
        local client's)."""
        with self._lock:
            engine, workers, loading = self.engine, self.workers, self.loading
        if loading is not None or engine is None:
            model, test_model, device, dtype, extra = (loading[0] if loading else None), None, None, None, {}
        else:
            c = engine.components
            model, test_model, device, dtype = c.model_id, c.is_test_model, str(c.device), c.dtype_name
            extra = engine.status_fields() if hasattr(engine, "status_fields") else {}
        return {
            "event": "status", "id": "", "version": __version__, "protocol": protocol.PROTOCOL_VERSION,
            "state": self.state(), "model": model, "test_model": test_model, "device": device,
            "dtype": dtype, "uptime_s": round(time.monotonic() - self.started_at, 3),
            "jobs_done": sum(worker.jobs_done for worker in workers),
            "batches_run": sum(worker.batches_run for worker in workers),
            "osc_dropped": self.osc_allow.dropped,
            **self.queue.snapshot(security.LOCAL if origin is None else self.owner_of(origin)),
            **extra,
        }

    def history_entries(self, fields: dict, origin) -> dict:
        """The ``history`` op (bridge.history_ops): a remote client sees its own jobs' files only."""
        return history_answer(self.config.history_db, fields, self.owner_of(origin) if self.is_remote(origin) else None)

    def ping(self) -> list[dict]:
        return [protocol.pong(self.state())]

    def embed(self, message: dict) -> dict:
        """The ``embed`` op: ``prompt``'s condition as the sampler uses it (engine.Engine.embed)."""
        with self._lock:
            engine = None if self.loading is not None else self.engine
        if engine is None:
            raise protocol.error("model_unavailable", "the model is still loading: ask for the embedding again soon")
        if not hasattr(engine.components, "text_encoder"):  # serve --ray: the model lives on the replicas
            raise protocol.error("model_unavailable", "the embed op needs the model in the engine's own process "
                                                      "(it is not served with --ray)")
        unknown = sorted(set(message) - {"op", "prompt", "id"})
        if unknown:
            raise protocol.error("bad_request", f"unknown field(s) {', '.join(unknown)} for embed; it takes prompt")
        return protocol.embedding(engine.embed(message.get("prompt")))

    # -- events ----------------------------------------------------------------------------------------

    def publish(self, job: Job, event: dict) -> None:
        if event["event"] == "done":
            self.files.add_done(event, job.owner)  # before anyone hears of it: a remote client may fetch at once
            if self.history is not None:  # here every backend's done passes, with the job's owner and fields
                self.history.record(event["files"], job.request.fingerprint, job.owner, job.id)
        with self._lock:
            job.last_event = event
            for origin in job.origins:
                transport = self.transports.get(origin[0])
                if transport is not None:
                    transport.send(origin, event)
            if job.owner == security.LOCAL:  # every key may subscribe to the feed: no remote client's work on it
                self._broadcast(event)

    def _broadcast(self, event: dict) -> None:
        zmq = self.transports.get("zmq")
        if zmq is not None:
            zmq.broadcast(event)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextlib.contextmanager
def serving(engine: Engine, config: ServiceConfig, shutdown_grace_s: float | None = None):
    """A started service for the duration of a ``with`` block, shut down gracefully after it."""
    service = BridgeService(engine, config).start()
    try:
        yield service
    finally:
        service.shutdown(shutdown_grace_s)

