"""The job queue: a bounded queue with priority lanes, taken in batches by the workers (bridge.worker).

* ``live`` before ``normal`` before ``background``; FIFO inside a lane.
* A full queue answers ``busy`` at once — nothing is dropped silently.
* A batch is the head job and queued jobs *of the same lane* that can share it (same frames, steps,
  guidance, eta, scheduler). It is limited in UNet rows (variations × 2 with guidance), not only in
  jobs: a request with more variations than fit is split into :class:`Part`\\ s that run as
  consecutive batches; its files are written together when the last part is done. Each result
  equals running alone.
* Several workers (one per model replica with ``serve --ray``, bridge.ray_backend) may take
  batches at once; a job's parts still run one after another.
* Cancel works on queued jobs (removed) and running ones (stop at the next denoising step; a
  batch keeps running for its other members and the cancelled job's audio is discarded). Once a
  job is writing its files it can no longer be cancelled, and the canceller is told so.
* Every job ends exactly once (done, error or cancelled); the transition happens under the
  queue's lock, and only the thread that made it publishes the final event.
* Ids are idempotent: a known id with the same request returns the existing job (its latest event
  is replayed); a known id with a different request is refused.
* A job belongs to its *owner* (the client key that sent it; every local client is one owner,
  see bridge.service): another owner cannot cancel it, join it by resending its id, or see it in
  the queue's snapshot — to them it does not exist.

Nothing here touches the model: the queue imports no torch.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field

from engine.errors import InvalidInput

from . import protocol
from .protocol import JobRequest
from .security import LOCAL

QUEUED, RUNNING, DELIVERING = "queued", "running", "delivering"

#: Lanes whose jobs preempt a running batch of a lower lane between denoising steps.
PREEMPTING_LANES = ("live",)
#: Upper bounds of ``--max-batch`` and ``--max-batch-rows`` (defaults 4 and 16): far above what a
#: batch gains from, and a typo (16000 for 16) is refused at start instead of meeting a device limit.
MAX_BATCH_JOBS = 64
MAX_BATCH_ROWS = 256


@dataclass
class Job:
    request: JobRequest
    origins: list = field(default_factory=list)  # where its events go (transport-specific reply addresses)
    owner: str = LOCAL  # who may cancel it, join it, fetch and edit its files
    state: str = QUEUED  # queued → running → delivering → done | error | cancelled
    last_event: dict | None = None  # replayed to a client that resends the id
    cancel_requested: bool = False
    pending: list[int] = field(default_factory=list)  # variation indices not yet sampled
    waves: dict = field(default_factory=dict)  # variation index → 16 kHz waveform, until delivery
    sampling_seconds: float = 0.0
    parts: int = 1  # batches this job is expected to take (for cumulative progress)
    steps_done: int = 0  # denoising steps its finished parts ran

    def __post_init__(self):
        if not self.pending:
            self.pending = list(range(len(self.request.render.seeds)))

    @property
    def id(self) -> str:
        return self.request.id

    @property
    def finished(self) -> bool:
        return self.state in protocol.FINAL_EVENTS


@dataclass
class Part:
    """Some variations of one job, sampled in the current batch."""

    job: Job
    variations: list[int]

    def sampling_job(self):
        return self.job.request.render.sampling_job().select(self.variations)


def rows_per_variation(request: JobRequest) -> int:
    """UNet rows one variation costs: two with classifier-free guidance (conditional + unconditional)."""
    return 2 if request.render.guidance > 1.0 else 1


class JobQueue:
    """Thread-safe; the transports submit and cancel, the worker takes batches."""

    def __init__(self, max_queued: int = 32, max_batch: int = 4, max_batch_rows: int = 16, keep_finished: int = 1000):
        for option, value, most in (("--max-batch", max_batch, MAX_BATCH_JOBS),
                                    ("--max-batch-rows", max_batch_rows, MAX_BATCH_ROWS)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
                raise InvalidInput(f"{option} must be 1..{most}, got {value!r}")
        self.max_queued = max_queued
        self.max_batch = max_batch
        self.max_batch_rows = max_batch_rows
        self.keep_finished = keep_finished
        self.lanes: dict[str, deque[Job]] = {lane: deque() for lane in protocol.PRIORITIES}
        self.jobs: OrderedDict[str, Job] = OrderedDict()  # every known id, oldest first
        self.parts: list[Part] = []  # the batch being sampled
        self.accepting = True
        self.cond = threading.Condition()

    @property
    def running(self) -> list[Job]:
        return [part.job for part in self.parts]

    def queued_count(self) -> int:
        return sum(len(lane) for lane in self.lanes.values())

    def variations_per_batch(self, request: JobRequest) -> int:
        return max(1, self.max_batch_rows // rows_per_variation(request))

    def submit(self, request: JobRequest, origin, owner: str = LOCAL) -> tuple[Job, bool]:
        """Queue a job; returns (job, is_new). A known id returns the existing job with the origin added
        (only to its own owner: another owner gets the refusal a different request gets)."""
        with self.cond:
            existing = self.jobs.get(request.id)
            if existing is not None:
                if existing.request.fingerprint != request.fingerprint or existing.owner != owner:
                    raise protocol.error("bad_request", f"id {request.id!r} is already used by a different request; "
                                                        "choose a new id for a new request")
                if origin not in existing.origins:
                    existing.origins.append(origin)
                return existing, False
            if not self.accepting:
                raise protocol.error("shutting_down", "the engine is shutting down; no new jobs")
            if self.queued_count() >= self.max_queued:
                raise protocol.error("busy", f"queue full ({self.max_queued} jobs waiting); try again later")
            job = Job(request=request, origins=[origin], owner=owner)
            job.parts = -(-len(job.pending) // self.variations_per_batch(request))
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

    def cancel(self, job_id: str, owner: str | None = None) -> tuple[Job, str]:
        """Cancel a job (of ``owner``; None: of anyone). Returns (job, outcome):

        ``cancelled`` — it was waiting and is now cancelled (the caller publishes that, once);
        ``requested`` — it is being sampled: the worker ends it at the next step;
        ``delivering`` — its files are being written: too late to cancel;
        ``ended`` — it had already ended (``job.state`` says how).
        Raises not_found for unknown ids and for another owner's jobs (the same answer).
        """
        with self.cond:
            job = self.jobs.get(job_id)
            if job is None or (owner is not None and job.owner != owner):
                raise protocol.error("not_found", f"no job with id {job_id!r}")
            if job.finished:
                return job, "ended"
            if job.state == DELIVERING:
                return job, "delivering"
            job.cancel_requested = True
            lane = self.lanes[job.request.priority]
            if job in lane:
                lane.remove(job)
            if any(part.job is job for part in self.parts):
                return job, "requested"
            job.state = "cancelled"
            job.waves.clear()
            return job, "cancelled"

    def end(self, job: Job, state: str) -> bool:
        """Make a job's one final transition; False if it had already ended (publish nothing then)."""
        with self.cond:
            if job.finished:
                return False
            job.state = state
            job.waves.clear()
            lane = self.lanes[job.request.priority]
            if job in lane:
                lane.remove(job)
            self.cond.notify_all()
            return True

    def start_delivery(self, job: Job) -> bool:
        """Running → delivering, unless a cancel got there first. Past this point cancel says too late."""
        with self.cond:
            if job.finished or job.cancel_requested:
                return False
            job.state = DELIVERING
            return True

    def take_batch(self, timeout: float | None = None, stop: threading.Event | None = None) -> list[Part]:
        """Block until work is queued; return the head job's next part plus compatible jobs of its lane.

        Several workers (one per model replica, see bridge.ray_backend) may take batches at once:
        a job whose part is already running is skipped, so a job's parts run one after another.
        ``stop`` set (and the condition notified) ends the wait at once: [] then."""
        with self.cond:
            if not self.cond.wait_for(lambda: self._takeable_lane() is not None or (stop is not None and stop.is_set()),
                                      timeout) or (stop is not None and stop.is_set()):
                return []
            parts = self._take(self._takeable_lane())
            self.parts = self.parts + parts
            return parts

    def take_preempting(self, running_lane: str) -> list[Part]:
        """Without waiting: a batch from a preempting lane above ``running_lane``, to run nested inside
        the current batch (between two of its steps); [] when there is none. Both batches count as
        running until :meth:`finish_batch` of its parts."""
        with self.cond:
            above = protocol.PRIORITIES[:protocol.PRIORITIES.index(running_lane)]
            lane = next((self.lanes[p] for p in above if p in PREEMPTING_LANES
                         and any(not self._is_running(job) for job in self.lanes[p])), None)
            if lane is None:
                return []
            parts = self._take(lane)
            self.parts = self.parts + parts
            return parts

    def _take(self, lane: deque) -> list[Part]:
        """The next part of the lane's first job that is not running, plus compatible jobs of ``lane``
        (the caller holds the lock)."""
        head = next(job for job in lane if not self._is_running(job))
        key = head.request.render.sampling_job().batch_key()
        budget = self.variations_per_batch(head.request)
        parts = [Part(head, head.pending[:budget])]
        budget -= len(parts[0].variations)
        # Batch-mates come from the head's own lane only: a lower-priority job never slows a
        # higher-priority batch, and a job joins whole or not at all.
        for job in list(lane)[lane.index(head) + 1:]:
            if len(parts) >= self.max_batch or budget <= 0:
                break
            if (not self._is_running(job) and len(job.pending) <= budget
                    and job.request.render.sampling_job().batch_key() == key):
                parts.append(Part(job, list(job.pending)))
                budget -= len(job.pending)
        for part in parts:
            job = part.job
            job.state = RUNNING
            job.pending = job.pending[len(part.variations):] if job is head else []
            if not job.pending:
                lane.remove(job)
        return parts

    def finish_batch(self, parts: list[Part] | None = None) -> None:
        """The batch of ``parts`` is over (None: every running batch)."""
        with self.cond:
            self.parts = [] if parts is None else [p for p in self.parts if not any(p is q for q in parts)]
            self.cond.notify_all()

    def requeue(self, part: Part) -> bool:
        """Give a part whose batch was lost (a model replica died) back to its job, at the head of its
        lane, so the next free replica runs it. False when the job has ended or a cancel came first."""
        with self.cond:
            self.parts = [p for p in self.parts if p is not part]
            job = part.job
            if job.finished or job.cancel_requested:
                return False
            job.pending = sorted(set(job.pending) | set(part.variations))
            lane = self.lanes[job.request.priority]
            if job not in lane:
                lane.appendleft(job)
            self.cond.notify_all()
            return True

    def _is_running(self, job: Job) -> bool:
        return any(part.job is job for part in self.parts)

    def _takeable_lane(self) -> deque | None:
        """The first lane (by priority) holding a job that has no part running."""
        for p in protocol.PRIORITIES:
            if any(not self._is_running(job) for job in self.lanes[p]):
                return self.lanes[p]
        return None

    def drain(self) -> list[Job]:
        """Stop accepting; take out and cancel every job that has not started. Returns them (the
        service publishes their `cancelled`). Jobs already running keep their remaining parts."""
        with self.cond:
            self.accepting = False
            drained = []
            for lane in self.lanes.values():
                for job in list(lane):
                    if job.state == QUEUED:
                        lane.remove(job)
                        job.cancel_requested = True
                        job.state = "cancelled"
                        drained.append(job)
            self.cond.notify_all()
            return drained

    def busy(self) -> bool:
        """A batch is running or a started job still has parts to run."""
        with self.cond:
            return bool(self.parts) or any(lane for lane in self.lanes.values())

    def unfinished(self) -> list[Job]:
        with self.cond:
            return [job for job in self.jobs.values() if not job.finished]

    def snapshot(self, owner: str | None = None) -> dict:
        """Queue lengths (every owner's: how busy the engine is) and the running jobs' ids (only
        ``owner``'s; None: all)."""
        with self.cond:
            return {
                "queue": {lane: len(jobs) for lane, jobs in self.lanes.items()},
                "running": [job.id for job in self.running if owner is None or job.owner == owner],
                "max_queued": self.max_queued,
                "max_batch": self.max_batch,
                "max_batch_rows": self.max_batch_rows,
            }

    def _forget_old(self) -> None:
        finished = [job_id for job_id, job in self.jobs.items() if job.finished]
        for job_id in finished[: max(0, len(finished) - self.keep_finished)]:
            del self.jobs[job_id]
