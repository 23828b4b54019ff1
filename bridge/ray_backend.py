"""Scale out on Ray: one engine front, model replicas on every GPU of a studio or a venue.

The front (this process) keeps everything it owns in one process — transports, protocol,
validation, the job queue and its lanes, idempotency, post-processing and writing files — and
sends batches to **model replicas**: Ray actors, each holding one loaded model. Clients keep
talking to one address and see nothing but more throughput.

Per replica the front runs one :class:`ReplicaWorker` (a :class:`bridge.worker.Worker`): it takes
the next batch from the shared queue (live lane first, batching as in one process), and its
engine's ``sample_jobs`` becomes a remote call — :meth:`ModelReplica.sample`, a streaming generator
that yields one ``("progress", step, total)`` per denoising step and then the 16 kHz waveforms
(the actor and its handle on the front, :class:`ReplicaClient`: bridge.ray_replica).
The front writes the files, so replicas need no shared disk, and a replica that dies mid-batch
has written nothing: its jobs are given back to the queue and run once more on the next free
replica (or end with a clear error), while Ray restarts the dead replica.

Why plain Ray actors and not Ray Serve: Serve routes each request to a replica by itself and
batches with its own ``@serve.batch`` queue, behind an HTTP proxy. Here the queue, its lanes,
batching by sampling parameters, per-step progress, cancel between steps and exactly-once final
events already live in the front (bridge.queue, bridge.worker); they must decide *which* batch a
free replica runs next. Actors give exactly that — a handle per replica, streaming method calls, restarts —
without a second router, an HTTP hop or Serve's controller processes.

Here: the pool (:class:`RayReplicas`: start, stop, one worker per replica), the front's engine
and failover (a lost batch runs again once; clients see one ``started`` and progress that never
goes back). Ray is an optional dependency (``pip install 'audioldm-bridge[ray]'``) imported only
here, and these modules are imported only for ``serve --ray``.
"""

from __future__ import annotations

import logging
import os
import threading

from engine.errors import EngineError
from engine.length import DEFAULT_LIMITS, LengthLimits
from engine.render import Engine

from . import protocol
from .queue import JobQueue, Part
from .ray_replica import ModelReplica, ReplicaClient, ReplicaLost, ReplicaModel, first_line
from .worker import Publish, Worker

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'audioldm-bridge[ray]'"
#: A job whose replica died mid-batch runs this many more times before it fails.
RERUNS = 1


def import_ray():
    """``ray``, or an EngineError that says how to install it."""
    try:
        import ray
    except ImportError:
        raise EngineError(f"--ray needs Ray, which is not installed here: {INSTALL_HINT} "
                          "(on every machine that runs replicas)", code="internal") from None
    return ray


# --- the front: one worker per replica, failover --------------------------------------------------------


class ReplicaWorker(Worker):
    """The service's worker for one replica. It takes work only while its replica is up, and
    gives a lost batch back to the queue (once per job) for the next free replica."""

    def __init__(self, pool: "RayReplicas", client: ReplicaClient, queue: JobQueue, publish: Publish):
        super().__init__(client, queue, pool.publisher(publish))
        self.name = f"audioldm-{client.name.replace(' ', '-')}"
        self.pool, self.client = pool, client
        self.current: list[Part] = []  # the batch on the replica now

    def run(self) -> None:
        while not self._stopping.is_set():
            if self.client.dead:
                if self.pool.any_alive():
                    return  # the others serve
                self._fail_waiting_jobs()
            elif self.client.ready(timeout=0.5):
                self.run_once(timeout=0.5)

    def run_preempting(self, running_lane: str) -> float:
        """Never: a replica runs one batch at a time. In one process a live job runs between two steps
        of the batch in hand (same thread, same model); here it would be a second call into a busy
        replica's model, stalling this batch's progress while both share its cores. The live job is
        next for whichever replica frees up first."""
        return 0.0

    def run_batch(self, parts: list[Part]) -> None:
        self.current = parts
        try:
            super().run_batch(parts)
        except ReplicaLost as err:
            logger.warning("%s; its jobs run again elsewhere", err)
            self._fail_over(parts, err)
        finally:
            self.current = []

    def _fail_over(self, parts: list[Part], err: ReplicaLost) -> None:
        for part in parts:
            job = part.job
            if job.finished:
                continue
            if self.pool.count_rerun(job.id) <= RERUNS and self.queue.requeue(part):
                continue  # nothing was written: the next free replica runs it from its first step
            if job.cancel_requested:
                self._end(job, "cancelled", protocol.cancelled(job.id))
            else:
                self._end(job, "error", protocol.failed(job.id, protocol.error(
                    "internal", f"{err}; the job had already been run again once, so it fails here")))

    def _fail_waiting_jobs(self) -> None:
        """No replica is left: end what waits with a clear error instead of letting it wait forever."""
        parts = self.queue.take_batch(timeout=0.5)
        try:
            for part in parts:
                self._end(part.job, "error", protocol.failed(part.job.id, protocol.error(
                    "model_unavailable", "no model replica is left (Ray could not restart them); "
                                         "restart the engine")))
        finally:
            self.queue.finish_batch(parts)


class FrontEngine(Engine):
    """The front's engine: post-processing and writing as in one process; no model here."""

    def __init__(self, pool: "RayReplicas", components: ReplicaModel, limits: LengthLimits,
                 ranking_model: str | None = None):
        self.pool, self.components, self.limits = pool, components, limits
        self.sampler = None
        self._set_ranking(ranking_model, "cpu")  # best_of ranks on the front's CPU: the replicas' devices are theirs

    def sample_jobs(self, jobs, progress=None, should_cancel=None):
        raise EngineError("the front samples nothing: its workers send batches to the replicas", code="internal")

    def warm_up(self) -> None:
        pass  # replicas warm themselves up

    def make_workers(self, queue: JobQueue, publish: Publish) -> list[Worker]:
        return [ReplicaWorker(self.pool, client, queue, publish) for client in self.pool.clients]

    def status_fields(self) -> dict:
        return {"replicas": {"total": len(self.pool.clients),
                             "ready": sum(1 for c in self.pool.clients if c.up)}}


# --- the pool --------------------------------------------------------------------------------------------


class RayReplicas:
    """Start Ray (or join a cluster), start ``replicas`` model replicas, hand the service a FrontEngine.

    ``address``: ``local`` starts a new Ray instance on this machine; ``auto`` joins the one running
    here (``ray start --head``, ``RAY_ADDRESS``) or starts one; anything else (``HOST:6379``,
    ``ray://HOST:10001``) joins that cluster.
    """

    def __init__(self, model_id: str, replicas: int = 1, address: str = "auto", gpus_per_replica: float | None = None,
                 cpus_per_replica: float | None = None, device: str = "auto", dtype: str = "auto",
                 limits: LengthLimits = DEFAULT_LIMITS, max_restarts: int = 3, num_cpus: int | None = None,
                 ranking_model: str | None = None, compile: bool | str = False):
        if replicas < 1:
            raise EngineError(f"--replicas must be at least 1, got {replicas}", code="bad_request")
        self.ray = import_ray()
        self.model_id, self.replicas, self.address = model_id, replicas, address
        self.gpus_per_replica, self.cpus_per_replica = gpus_per_replica, cpus_per_replica
        self.device, self.dtype, self.limits = device, dtype, limits
        self.max_restarts, self.num_cpus = max_restarts, num_cpus
        self.ranking_model, self.compile = ranking_model, compile
        self.clients: list[ReplicaClient] = []
        self.front: FrontEngine | None = None
        self._started_ray = False
        self._lock = threading.Lock()
        self._reruns: dict[str, int] = {}
        self._said: dict[str, tuple[bool, int]] = {}  # job id → (started sent, last progress step sent)

    # -- lifecycle ------------------------------------------------------------------------------------

    def start(self, timeout: float = 600.0) -> FrontEngine:
        """Start the replicas and wait until every one has loaded and warmed up its model."""
        ray = self.ray
        if not ray.is_initialized():
            kwargs = {"include_dashboard": False, "log_to_driver": False}
            if self.address == "local":
                kwargs.update(address="local", num_cpus=self.num_cpus or os.cpu_count())
            elif self.address != "auto":
                kwargs["address"] = self.address
            try:
                ray.init(**kwargs)
            except Exception as err:  # noqa: BLE001 — Ray raises ConnectionError, RuntimeError, ValueError…
                raise EngineError(f"cannot start or join Ray at {self.address!r}: {first_line(err)}",
                                  code="internal") from None
            self._started_ray = True
        resources = ray.cluster_resources()
        gpus = self.gpus_per_replica
        if gpus is None:  # one GPU per replica where the cluster has GPUs, else the CPU
            gpus = 1 if resources.get("GPU", 0) >= 1 else 0
        cpus = self.cpus_per_replica
        if cpus is None:  # on the CPU, share the cluster's cores between replicas; a GPU replica needs one
            cpus = 1 if gpus else max(1, int(resources.get("CPU", 1)) // self.replicas)
        remote = ray.remote(ModelReplica).options(num_cpus=cpus, num_gpus=gpus, max_restarts=self.max_restarts,
                                                  max_task_retries=0, max_concurrency=4)
        threads = None if gpus else max(1, int(cpus))
        self.clients = [ReplicaClient(self, i, remote.remote(self.model_id, self.device, self.dtype, threads,
                                                                  self.compile))
                        for i in range(self.replicas)]
        logger.info("starting %d replica(s) of %s (%s GPU, %s CPU each) …", self.replicas, self.model_id, gpus, cpus)
        try:
            infos = ray.get([c.actor.describe.remote() for c in self.clients], timeout=timeout)
        except ray.exceptions.GetTimeoutError:
            self.close()
            raise EngineError(f"the replicas did not start in {timeout:.0f} s (are {gpus} GPU and {cpus} CPU "
                              f"free for each of {self.replicas}? see `ray status`)", code="model_unavailable") from None
        except Exception as err:  # noqa: BLE001 — the model could not load: say why, as one process would
            self.close()
            raise EngineError(f"a replica could not load {self.model_id}: {_cause(err)}",
                              code="model_unavailable") from None
        for client, info in zip(self.clients, infos):
            client.info, client.up = info, True
        first = infos[0]
        devices = sorted({info["device"] for info in infos})
        self.front = FrontEngine(self, ReplicaModel(first["model"], first["test_model"], ", ".join(devices),
                                                    first["dtype"], first["compiled"]), self.limits, self.ranking_model)
        return self.front

    def close(self) -> None:
        ray = self.ray
        for client in self.clients:
            try:
                ray.kill(client.actor, no_restart=True)
            except Exception:  # noqa: BLE001 — already gone
                pass
        if self._started_ray and ray.is_initialized():
            ray.shutdown()
        self._started_ray = False

    # -- shared by the workers ------------------------------------------------------------------------

    def any_alive(self) -> bool:
        return any(not client.dead for client in self.clients)

    def is_dead(self, actor) -> bool:
        """True when Ray will not restart the actor: a fresh call fails at once instead of waiting."""
        ray = self.ray
        try:
            ray.get(actor.describe.remote(), timeout=0.5)
            return False
        except ray.exceptions.ActorDiedError:
            return True
        except Exception:  # noqa: BLE001 — restarting or slow: not dead
            return False

    def count_rerun(self, job_id: str) -> int:
        with self._lock:
            self._reruns[job_id] = self._reruns.get(job_id, 0) + 1
            return self._reruns[job_id]

    def publisher(self, publish: Publish) -> Publish:
        """``publish`` as a client should see it after a failover: one ``started`` per job and
        progress that never goes back (a rerun part is silent until it passes the step reached)."""

        def filtered(job, event: dict) -> None:
            kind = event["event"]
            with self._lock:
                started, step = self._said.get(job.id, (False, 0))
                if kind in protocol.FINAL_EVENTS:
                    self._said.pop(job.id, None)
                    self._reruns.pop(job.id, None)
                elif kind == "started":
                    if started:
                        return
                    self._said[job.id] = (True, step)
                elif kind == "progress":
                    if event["step"] <= step:
                        return
                    self._said[job.id] = (started, event["step"])
            publish(job, event)

        return filtered


def _cause(err: BaseException) -> str:
    """The original error of a replica's constructor, not Ray's wrapping of it."""
    cause = getattr(err, "cause", None) or getattr(getattr(err, "error", None), "cause", None) or err
    return first_line(cause) if str(cause).strip() else type(cause).__name__
