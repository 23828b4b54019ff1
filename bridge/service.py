"""The long-running engine service: one model worker, a job queue, ZeroMQ and OSC front ends.

Transports turn wire messages into calls of :meth:`BridgeService.submit`, ``cancel``, ``status``
and ``ping``, and deliver events to *origins* (their own reply addresses). Every event of a job
goes to all of its origins and to the ZeroMQ PUB feed.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from engine import __version__
from engine.errors import EngineError, InvalidInput
from engine.render import Engine

from . import protocol
from .jobs import Job, JobQueue, Worker

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
    shutdown_grace_s: float = 30.0
    enable_osc: bool = True
    enable_zmq: bool = True

    @classmethod
    def on_free_ports(cls, out_dir: Path, **overrides) -> "ServiceConfig":
        """Every port picked by the OS (tests, benchmarks, several engines on one machine)."""
        return cls(**{"out_dir": out_dir, "osc_port": 0, "osc_reply_port": 0, "zmq_port": 0, "pub_port": 0,
                      **overrides})


class BridgeService:
    def __init__(self, engine: Engine, config: ServiceConfig):
        self.engine = engine
        self.config = config
        self.queue = JobQueue(max_queued=config.max_queued, max_batch=config.max_batch)
        self.worker = Worker(engine, self.queue, self.publish)
        self.transports: dict = {}
        self.started_at = time.monotonic()
        # Held while an event is recorded and sent, so every origin sees a job's events in order
        # (accepted is out before the worker can say started).
        self._lock = threading.RLock()

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> "BridgeService":
        from .osc_transport import OscTransport
        from .zmq_transport import ZmqTransport

        if self.config.enable_zmq:
            self.transports["zmq"] = ZmqTransport(self, self.config.host, self.config.zmq_port, self.config.pub_port)
        if self.config.enable_osc:
            self.transports["osc"] = OscTransport(self, self.config.host, self.config.osc_port,
                                                  self.config.osc_reply_port)
        for transport in self.transports.values():
            transport.start()
        self.worker.start()
        self.started_at = time.monotonic()
        return self

    def endpoints(self) -> dict:
        return {name: transport.endpoints() for name, transport in self.transports.items()}

    def shutdown(self, grace_s: float | None = None) -> None:
        """Stop accepting, cancel what waits, let the running batch finish (or cancel it), close sockets."""
        grace_s = self.config.shutdown_grace_s if grace_s is None else grace_s
        for job in self.queue.drain():
            job.cancel_requested = True
            job.state = "cancelled"
            self.publish(job, protocol.cancelled(job.id))
        deadline = time.monotonic() + grace_s
        while self.queue.running and time.monotonic() < deadline:
            time.sleep(0.05)
        self.worker.stop()  # a batch still running stops at its next step, as cancelled
        self.worker.join(timeout=60)
        for transport in self.transports.values():
            transport.close()

    # -- operations (called by transports, from their own threads) ------------------------------------

    def submit(self, fields: dict, origin) -> list[dict]:
        """Validate and queue. Job events reach ``origin`` through :meth:`publish`; the returned
        events (an error, or the replay for a resent id) are for the transport to send back itself."""
        try:
            request = protocol.parse_request(fields, self.config.out_dir, self.engine.limits)
        except EngineError as err:
            job_id = fields.get("id") if isinstance(fields, dict) and isinstance(fields.get("id"), str) else ""
            return [protocol.failed(job_id, err)]
        with self._lock:
            try:
                job, is_new = self.queue.submit(request, origin)
            except EngineError as err:
                return [protocol.failed(request.id, err)]
            if is_new:
                self.publish(job, protocol.accepted(job.id, self.queue.position(job), request.priority))
                return []
            # A resent id: replay what happened so far to the sender; nothing runs twice.
            return list(job.events)

    def cancel(self, job_id, origin) -> list[dict]:
        try:
            job = self.queue.cancel(protocol.check_id(job_id))
        except EngineError as err:
            return [protocol.failed(job_id if isinstance(job_id, str) else "", err)]
        with self._lock:
            if origin not in job.origins:
                job.origins.append(origin)
        if job.state == "queued":
            job.state = "cancelled"
            self.publish(job, protocol.cancelled(job.id))
            return []  # publish already reached every origin, this one included
        if job.finished:
            return [job.events[-1]]  # already over: say how it ended
        return []  # running: the worker sends `cancelled` at the next step

    def status(self) -> dict:
        c = self.engine.components
        return {
            "event": "status", "id": "", "version": __version__, "protocol": protocol.PROTOCOL_VERSION,
            "model": c.model_id, "test_model": c.is_test_model, "device": str(c.device),
            "dtype": c.dtype_name, "uptime_s": round(time.monotonic() - self.started_at, 3),
            "jobs_done": self.worker.jobs_done, "batches_run": self.worker.batches_run,
            **self.queue.snapshot(),
        }

    def ping(self) -> list[dict]:
        return [protocol.pong()]

    # -- events ----------------------------------------------------------------------------------------

    def publish(self, job: Job, event: dict) -> None:
        with self._lock:
            job.events.append(event)
            for origin in job.origins:
                transport = self.transports.get(origin[0])
                if transport is not None:
                    transport.send(origin, event)
            self._broadcast(event)

    def _broadcast(self, event: dict) -> None:
        zmq = self.transports.get("zmq")
        if zmq is not None:
            zmq.broadcast(event)


@contextlib.contextmanager
def serving(engine: Engine, config: ServiceConfig, shutdown_grace_s: float | None = None):
    """A started service for the duration of a ``with`` block, shut down gracefully after it."""
    service = BridgeService(engine, config).start()
    try:
        yield service
    finally:
        service.shutdown(shutdown_grace_s)


def bad_message(message: str) -> dict:
    """An error event for input that never became a request (malformed JSON, unknown address…)."""
    return protocol.failed("", InvalidInput(message))
