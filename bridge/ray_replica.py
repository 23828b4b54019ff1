"""One model replica of ``serve --ray`` (bridge.ray_backend), both ends of it.

:class:`ModelReplica` is the Ray actor: it runs in a Ray worker process and holds one loaded model.
:class:`ReplicaClient` is its handle on the front: a :class:`bridge.worker.Worker`'s engine whose
``sample_jobs`` is a remote call — :meth:`ModelReplica.sample`, a streaming generator that yields
one ``("progress", step, total)`` per denoising step and then one of ``("done", waveforms,
seconds)``, ``("cancelled", message)``, ``("error", code, message)``. Both ends of that stream
live here. A replica that dies mid-call raises :class:`ReplicaLost` on the front, whose worker
gives the batch back to the queue (bridge.ray_backend).

Ray itself is passed in by the pool (``pool.ray``): this module imports no Ray.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import queue as _queue
import threading
import uuid
from dataclasses import dataclass

from engine.errors import Cancelled, EngineError
from engine.length import LengthLimits
from engine.render import Engine

from .worker import BatchLost

logger = logging.getLogger(__name__)

#: How often the front looks at cancel requests while it waits for a replica's next step.
POLL_S = 0.05


class ReplicaLost(BatchLost):
    """The replica running a batch died (its process was killed, its node vanished…)."""


# --- the replica (runs inside a Ray worker process) ---------------------------------------------------


class ModelReplica:
    """One loaded model in a Ray actor. The front sends it one batch at a time; ``cancel`` arrives
    on another thread (the actor is threaded), so a running batch sees it before its next step."""

    def __init__(self, model_id: str, device: str = "auto", dtype: str = "auto", threads: int | None = None,
                 compile: bool | str = False):
        import torch

        if threads:  # the CPUs Ray gave this replica, not every core of the node
            torch.set_num_threads(threads)
        self.engine = Engine.from_pretrained(model_id, device=device, dtype=dtype, compile=compile)
        self.engine.warm_up()  # compiled: the live lane's lengths, before the front says ready
        self.cancelled: set[str] = set()
        self.lock = threading.Lock()  # the Engine is not thread-safe: one batch at a time

    def describe(self) -> dict:
        import torch

        c = self.engine.components
        return {"pid": os.getpid(), "model": c.model_id, "test_model": c.is_test_model, "device": str(c.device),
                "dtype": c.dtype_name, "compiled": _backend_name(c.compiled), "threads": torch.get_num_threads()}

    def cancel(self, batch_id: str) -> None:
        self.cancelled.add(batch_id)

    def encode(self, mel):
        """An init audio's log-mel (made on the front, which holds no model) → its VAE latents."""
        import torch

        from engine.audio_in import encode_latents

        with self.lock:
            return encode_latents(self.engine.components, torch.as_tensor(mel))[0].float().cpu().numpy()

    def sample(self, batch_id: str, jobs: list[dict]):
        """Streaming: ``("progress", step, total)`` per step, then one of ``("done", waveforms, seconds)``,
        ``("cancelled", message)``, ``("error", code, message)``."""
        from engine.sampler import SamplingJob

        items: _queue.Queue = _queue.Queue()

        def work():
            with self.lock:
                try:
                    waves, seconds = self.engine.sample_jobs(
                        [SamplingJob(**job) for job in jobs], lambda step, total: items.put(("progress", step, total)),
                        lambda: batch_id in self.cancelled)
                    items.put(("done", waves, seconds))
                except Cancelled as err:
                    items.put(("cancelled", str(err)))
                except EngineError as err:
                    items.put(("error", err.code, str(err)))
                except Exception as err:  # noqa: BLE001 — reported to the front, which fails the batch
                    items.put(("error", "internal", f"internal error on a replica: {type(err).__name__}: {err}"))

        # The sampler reports through a callback; a thread turns its calls into this generator's items.
        threading.Thread(target=work, name=f"batch-{batch_id}", daemon=True).start()
        try:
            while True:
                item = items.get()
                yield item
                if item[0] != "progress":
                    return
        finally:
            self.cancelled.discard(batch_id)


# --- the front's side of one replica --------------------------------------------------------------------


@dataclass
class ReplicaModel:
    """What the front says about the model it serves (status, sidecars), as the replicas report it."""

    model_id: str
    is_test_model: bool
    device: str
    dtype_name: str
    compiled: str | None = None  # the torch.compile backend of the replicas' stages, if any


class ReplicaClient:
    """A :class:`bridge.worker.Worker`'s engine for one replica: sampling is remote, delivery local."""

    def __init__(self, pool, index: int, actor):  # pool: the RayReplicas (bridge.ray_backend) it belongs to
        self.pool, self.index, self.actor = pool, index, actor
        self.ray = pool.ray
        self.info: dict = {}  # what the replica said about itself last (pid, device…)
        self.up = False  # answering; false from a crash until Ray has restarted it
        self.dead = False  # gone for good (Ray gave up restarting it)
        self._probe = None  # a pending describe() while the replica (re)starts

    @property
    def name(self) -> str:
        return f"replica {self.index}"

    # what the Worker uses of an Engine
    @property
    def components(self) -> ReplicaModel:
        return self.pool.front.components

    @property
    def limits(self) -> LengthLimits:
        return self.pool.front.limits

    def deliver_all(self, *args, **kwargs):
        return self.pool.front.deliver_all(*args, **kwargs)

    def prepare(self, request) -> None:
        """The init audio read on the front (where the request's path was checked), encoded here."""
        import torch

        def encode(mel):
            try:
                return torch.from_numpy(self.ray.get(self.actor.encode.remote(mel.numpy())).copy())
            except self.ray.exceptions.RayActorError as err:
                self.lost()
                raise ReplicaLost(f"{self.name} died while encoding an init audio ({first_line(err)})") from None

        self.pool.front.prepare(request, encode=encode)

    def ready(self, timeout: float) -> bool:
        """True once the replica answers (at start, and again after Ray restarted it)."""
        if self.up:
            return True
        ray = self.ray
        if self._probe is None:
            self._probe = self.actor.describe.remote()
        try:
            info = ray.get(self._probe, timeout=timeout)
        except ray.exceptions.GetTimeoutError:
            return False
        except _unavailable(ray):  # restarting: ask again
            self._probe = None
            return False
        except ray.exceptions.RayActorError as err:
            self._probe = None
            self.dead = self.pool.is_dead(self.actor)
            if self.dead:
                logger.error("%s is gone and will not be restarted: %s", self.name, first_line(err))
            return False
        self._probe = None
        if self.info and info["pid"] != self.info["pid"]:
            logger.warning("%s is back (restarted by Ray, pid %s)", self.name, info["pid"])
        self.info, self.up = info, True
        return True

    def lost(self) -> None:
        """The replica died mid-batch: no more work for it until it answers again."""
        self.up = False

    def sample_jobs(self, jobs, progress=None, should_cancel=None):
        """Engine.sample_jobs, run on the replica: progress per step, cancel between steps."""
        ray = self.ray
        batch_id = uuid.uuid4().hex
        stream = self.actor.sample.options(num_returns="streaming").remote(
            batch_id, [dataclasses.asdict(job) for job in jobs])
        cancel_sent = False
        try:
            while True:
                if not cancel_sent and should_cancel is not None and should_cancel():
                    self.actor.cancel.remote(batch_id)
                    cancel_sent = True
                ready, _ = ray.wait([stream], timeout=POLL_S)
                if not ready:
                    continue
                try:
                    item = ray.get(next(stream))
                except StopIteration:
                    raise ReplicaLost(f"{self.name} ended a batch without a result") from None
                kind = item[0]
                if kind == "progress":
                    if progress is not None:
                        progress(item[1], item[2])
                elif kind == "done":
                    return item[1], item[2]
                elif kind == "cancelled":
                    raise Cancelled(item[1])
                else:
                    raise EngineError(item[2], code=item[1])
        except ray.exceptions.RayActorError as err:
            self.lost()
            raise ReplicaLost(f"{self.name} died while sampling ({first_line(err)})") from None


def _backend_name(backend) -> str | None:
    """A torch.compile backend as a replica reports it: its name (a callable backend stays in the replica)."""
    if backend is None or isinstance(backend, str):
        return backend
    return getattr(backend, "__name__", type(backend).__name__)


def _unavailable(ray) -> type:
    """Ray's "restarting, ask again" error (older Rays have none: a tuple that matches nothing)."""
    return getattr(ray.exceptions, "ActorUnavailableError", ())


def first_line(err: BaseException) -> str:
    """An error's first line (Ray's errors carry a whole remote traceback)."""
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
