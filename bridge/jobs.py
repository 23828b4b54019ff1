"""Jobs: a bounded queue with priority lanes and one model worker that batches.

* ``live`` before ``normal`` before ``background``; FIFO inside a lane.
* A full queue answers ``busy`` at once — nothing is dropped silently.
* The worker takes the head job and every queued job that can share its batch (same frames,
  steps, guidance, eta, scheduler), up to ``max_batch``; each result equals running alone.
* Cancel works on queued jobs (removed) and running ones (stop at the next denoising step; a
  batch keeps running for its other members and the cancelled job's audio is discarded).
* Ids are idempotent: submitting a known id returns the existing job, whose events are replayed.

Events go to one ``publish(job, event)`` callable supplied by the service.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Callable

from engine.errors import Cancelled, EngineError
from engine.render import Engine

from . import protocol
from .protocol import JobRequest

logger = logging.getLogger(__name__)

Publish = Callable[["Job", dict], None]


@dataclass
class Job:
    request: JobRequest
    origins: list = field(default_factory=list)  # where its events go (transport-specific reply addresses)
    state: str = "queued"  # queued → running → done | error | cancelled
    events: list = field(default_factory=list)  # history, replayed to a client that resends the id
    cancel_requested: bool = False

    @property
    def id(self) -> str:
        return self.request.id

    @property
    def finished(self) -> bool:
        return self.state in protocol.FINAL_EVENTS


class JobQueue:
    """Thread-safe; the transports submit and cancel, the worker takes batches."""

    def __init__(self, max_queued: int = 32, max_batch: int = 4, keep_finished: int = 1000):
        self.max_queued = max_queued
        self.max_batch = max_batch
        self.keep_finished = keep_finished
        self.lanes: dict[str, deque[Job]] = {lane: deque() for lane in protocol.PRIORITIES}
        self.jobs: OrderedDict[str, Job] = OrderedDict()  # every known id, oldest first
        self.running: list[Job] = []
        self.accepting = True
        self.cond = threading.Condition()

    def queued_count(self) -> int:
        return sum(len(lane) for lane in self.lanes.values())

    def submit(self, request: JobRequest, origin) -> tuple[Job, bool]:
        """Queue a job; returns (job, is_new). A known id returns the existing job with the origin added."""
        with self.cond:
            existing = self.jobs.get(request.id)
            if existing is not None:
                if origin not in existing.origins:
                    existing.origins.append(origin)
                return existing, False
            if not self.accepting:
                raise protocol.error("shutting_down", "the engine is shutting down; no new jobs")
            if self.queued_count() >= self.max_queued:
                raise protocol.error("busy", f"queue full ({self.max_queued} jobs waiting); try again later")
            job = Job(request=request, origins=[origin])
            self.lanes[request.priority].append(job)
            self.jobs[job.id] = job
            self._forget_old()
            self.cond.notify_all()
            return job, True

    def position(self, job: Job) -> int:
        """1-based place in the order the worker will take jobs; 0 when running or finished."""
        with self.cond:
            position = 0
            for lane in protocol.PRIORITIES:
                for queued in self.lanes[lane]:
                    position += 1
                    if queued is job:
                        return position
            return 0

    def cancel(self, job_id: str) -> Job:
        """Mark a job cancelled. Raises not_found for unknown ids. Returns the job."""
        with self.cond:
            job = self.jobs.get(job_id)
            if job is None:
                raise protocol.error("not_found", f"no job with id {job_id!r}")
            if job.state == "queued":
                self.lanes[job.request.priority].remove(job)
            job.cancel_requested = True
            return job

    def take_batch(self, timeout: float | None = None) -> list[Job]:
        """Block until work is queued; return the head job plus compatible queued jobs."""
        with self.cond:
            if not self.cond.wait_for(lambda: self.queued_count() > 0, timeout):
                return []
            head = next((lane[0] for lane in (self.lanes[p] for p in protocol.PRIORITIES) if lane), None)
            if head is None:
                return []
            key = head.request.render.sampling_job().batch_key()
            batch = [head]
            for lane_name in protocol.PRIORITIES:
                for job in list(self.lanes[lane_name]):
                    if len(batch) >= self.max_batch:
                        break
                    if job is not head and job.request.render.sampling_job().batch_key() == key:
                        batch.append(job)
            for job in batch:
                self.lanes[job.request.priority].remove(job)
                job.state = "running"
            self.running = batch
            return batch

    def finish(self) -> None:
        with self.cond:
            self.running = []
            self.cond.notify_all()

    def drain(self) -> list[Job]:
        """Stop accepting and take every queued job out (the service cancels them)."""
        with self.cond:
            self.accepting = False
            queued = [job for lane in self.lanes.values() for job in lane]
            for lane in self.lanes.values():
                lane.clear()
            self.cond.notify_all()
            return queued

    def snapshot(self) -> dict:
        with self.cond:
            return {
                "queue": {lane: len(jobs) for lane, jobs in self.lanes.items()},
                "running": [job.id for job in self.running],
                "max_queued": self.max_queued,
                "max_batch": self.max_batch,
            }

    def _forget_old(self) -> None:
        finished = [job_id for job_id, job in self.jobs.items() if job.finished]
        for job_id in finished[: max(0, len(finished) - self.keep_finished)]:
            del self.jobs[job_id]


class Worker(threading.Thread):
    """The one thread that touches the model."""

    def __init__(self, engine: Engine, queue: JobQueue, publish: Publish):
        super().__init__(name="audioldm-worker", daemon=True)
        self.engine = engine
        self.queue = queue
        self.publish = publish
        self.batches_run = 0
        self.jobs_done = 0
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        with self.queue.cond:
            self.queue.cond.notify_all()

    def run(self) -> None:
        while not self._stopping.is_set():
            batch = self.queue.take_batch(timeout=0.5)
            if batch:
                try:
                    self.run_batch(batch)
                finally:
                    self.queue.finish()

    def run_batch(self, batch: list[Job]) -> None:
        live = [job for job in batch if not job.cancel_requested]
        for job in batch:
            if job.cancel_requested:
                self._end(job, "cancelled", protocol.cancelled(job.id))
        if not live:
            return
        self.batches_run += 1
        for job in live:
            self.publish(job, protocol.started(job.id, len(live)))

        def on_progress(step: int, total: int) -> None:
            for job in live:
                if job.finished:
                    continue
                if job.cancel_requested:  # batch mates go on; this one is over from the client's view
                    self._end(job, "cancelled", protocol.cancelled(job.id))
                else:
                    self.publish(job, protocol.progress(job.id, step, total))

        def should_cancel() -> bool:
            # Stop the batch only when nobody in it still wants the result.
            return self._stopping.is_set() or all(job.cancel_requested for job in live)

        try:
            waveforms, seconds = self.engine.sample([job.request.render for job in live], on_progress, should_cancel)
        except Cancelled:
            for job in live:
                if not job.finished:
                    self._end(job, "cancelled", protocol.cancelled(job.id))
            return
        except EngineError as err:
            for job in live:
                self._end(job, "error", protocol.failed(job.id, err))
            return
        except Exception as err:  # a bug must not kill the worker: report it and keep serving
            logger.exception("batch failed")
            for job in live:
                self._end(job, "error", protocol.failed(job.id, EngineError(f"internal error: {err}")))
            return

        for job, waves in zip(live, waveforms):
            if job.finished:
                continue
            if job.cancel_requested:
                self._end(job, "cancelled", protocol.cancelled(job.id))
                continue
            try:
                files = self.engine.deliver_all(job.request.render, waves, seconds / len(live))
            except EngineError as err:
                self._end(job, "error", protocol.failed(job.id, err))
            except OSError as err:
                self._end(job, "error", protocol.failed(job.id, EngineError(f"could not write the file: {err}")))
            else:
                self.jobs_done += 1
                self._end(job, "done", protocol.done(job.id, [f.as_dict() for f in files]))

    def _end(self, job: Job, state: str, event: dict) -> None:
        job.state = state
        self.publish(job, event)
