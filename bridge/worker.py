"""The worker: the one thread per model that takes batches from the queue (bridge.queue) and runs them.

* A ``live`` job does not wait for a lower-priority batch to finish: between two denoising steps
  the worker runs the waiting live work to the end (its file written), then resumes the
  preempted batch where it stopped. A live request waits at most one step of the batch in
  progress (or its VAE + vocoder, if it arrived after the last step).
* With ``serve --ray`` there is one worker per model replica (bridge.ray_backend), each taking the
  next batch when its replica is free.
* Whatever goes wrong in a batch (a bad input, an allocation failure, a bug) fails the jobs it
  concerned and the worker goes on serving; every job ends exactly once (bridge.queue).

Events go to one ``publish(job, event)`` callable supplied by the service.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from engine.errors import Cancelled, EngineError, is_disk_full, is_out_of_memory
from engine.render import Engine

from . import protocol
from .queue import PREEMPTING_LANES, Job, JobQueue, Part

logger = logging.getLogger(__name__)

Publish = Callable[[Job, dict], None]


class BatchLost(Exception):
    """What runs the batch is gone (a Ray replica died): its worker gives the batch back to the queue."""


def free_memory() -> None:
    """After an allocation failure: collect garbage and hand the device's cached memory back (best effort)."""
    import gc

    gc.collect()
    try:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            torch.mps.empty_cache()
    except Exception:  # noqa: BLE001 — freeing is best effort
        logger.debug("could not empty the device cache", exc_info=True)


class Worker(threading.Thread):
    """The one thread that touches the model. Whatever goes wrong, it fails the jobs concerned
    and goes on serving."""

    def __init__(self, engine: Engine, queue: JobQueue, publish: Publish):
        super().__init__(name="audioldm-worker", daemon=True)
        self.engine = engine
        self.queue = queue
        self.publish = publish
        self.batches_run = 0
        self.jobs_done = 0
        self.preemptions = 0  # batches run between the steps of a lower-priority one
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()
        with self.queue.cond:
            self.queue.cond.notify_all()

    def run(self) -> None:
        while not self._stopping.is_set():
            self.run_once(timeout=0.5)

    def run_once(self, timeout: float) -> None:
        """Take one batch (waiting up to ``timeout`` for work) and run it."""
        parts = self.queue.take_batch(timeout=timeout, stop=self._stopping)
        if parts:
            self._run_guarded(parts)

    def _run_guarded(self, parts: list[Part]) -> None:
        """Run one taken batch; a bug must not kill the worker (or a preempted outer batch): fail
        the jobs it concerned and keep serving. The batch stops counting as running either way."""
        try:
            self.run_batch(parts)
        except Exception as err:
            logger.exception("batch failed")
            for part in parts:
                self._end(part.job, "error", protocol.failed(part.job.id, protocol.error(
                    "internal", f"internal error: {type(err).__name__}: {err}")))
        finally:
            self.queue.finish_batch(parts)

    def run_batch(self, parts: list[Part]) -> None:
        lane = parts[0].job.request.priority
        preemptible = any(lane in protocol.PRIORITIES[protocol.PRIORITIES.index(p) + 1:] for p in PREEMPTING_LANES)
        preempted_s = 0.0
        live = []
        for part in parts:
            if part.job.cancel_requested:
                self._end(part.job, "cancelled", protocol.cancelled(part.job.id))
                continue
            try:  # an init audio read and encoded, a ranking model loaded: before any step, failing alone
                self.engine.prepare(part.job.request.render)
            except EngineError as err:
                self._end(part.job, "error", protocol.failed(part.job.id, err))
                continue
            except Exception as err:  # noqa: BLE001 — a bug or an allocation failure: this job only
                if isinstance(err, BatchLost):
                    raise  # the whole batch runs again elsewhere
                oom = is_out_of_memory(err)
                if oom:
                    free_memory()
                else:
                    logger.exception("preparing job %s failed", part.job.id)
                self._end(part.job, "error", protocol.failed(part.job.id, protocol.error(
                    "out_of_memory" if oom else "internal",
                    f"{'out of memory' if oom else 'internal error'} while reading the job's input: "
                    f"{type(err).__name__}: {err}")))
                continue
            live.append(part)
        if not live:
            return
        self.batches_run += 1
        for part in live:
            if part.variations[0] == 0:  # the job's first part
                self.publish(part.job, protocol.started(part.job.id, len(live)))

        steps_run = 0  # what the sampler runs per part: pndm's extra step, a strength's skipped ones counted

        def on_progress(step: int, total: int) -> None:
            nonlocal preempted_s, steps_run
            steps_run = total
            for part in live:
                job = part.job
                if job.finished:
                    continue
                if job.cancel_requested:  # batch mates go on; this one is over from the client's view
                    self._end(job, "cancelled", protocol.cancelled(job.id))
                else:
                    self.publish(job, protocol.progress(job.id, job.steps_done + step, total * job.parts))
            if preemptible and not self._stopping.is_set():
                preempted_s += self.run_preempting(lane)

        def should_cancel() -> bool:
            # Stop the batch only when nobody in it still wants the result.
            return self._stopping.is_set() or all(part.job.cancel_requested for part in live)

        try:
            waveforms, seconds = self.engine.sample_jobs([part.sampling_job() for part in live], on_progress,
                                                         should_cancel)
        except Cancelled:
            for part in live:
                self._end(part.job, "cancelled", protocol.cancelled(part.job.id))
            return
        except EngineError as err:
            for part in live:
                self._end(part.job, "error", protocol.failed(part.job.id, err))
            return
        except Exception as err:
            if not is_out_of_memory(err):
                raise
            free_memory()  # this batch's tensors are gone with the frame; hand the cache back too
            for part in live:
                self._end(part.job, "error", protocol.failed(part.job.id, protocol.error(
                    "out_of_memory", f"out of memory while generating ({len(live)} job(s) in the batch): "
                                     f"{str(err).splitlines()[0] if str(err) else type(err).__name__}; "
                                     "try fewer variations or a shorter length")))
            return
        # (any other exception: run() fails every job of the batch with `internal`)
        seconds = max(0.0, seconds - preempted_s)  # the live work run in between is not this batch's

        for part, waves in zip(live, waveforms):
            job = part.job
            if job.cancel_requested:  # cancelled after its last step: discard, say so once
                self._end(job, "cancelled", protocol.cancelled(job.id))
                continue
            job.waves.update(zip(part.variations, waves))
            job.sampling_seconds += seconds * len(part.variations) / sum(len(p.variations) for p in live)
            job.steps_done += steps_run
            if job.pending or job.finished:
                continue  # more parts to come, or already ended (cancelled mid-batch)
            self.deliver(job)

    def run_preempting(self, running_lane: str) -> float:
        """Run every waiting batch of a preempting lane now, nested in the running batch's step loop
        (same thread, so the model is never used twice at once). Returns the seconds it took."""
        started = time.perf_counter()
        while not self._stopping.is_set():
            parts = self.queue.take_preempting(running_lane)
            if not parts:
                break
            self.preemptions += 1
            self._run_guarded(parts)
        return time.perf_counter() - started

    def deliver(self, job: Job) -> None:
        if not self.queue.start_delivery(job):
            self._end(job, "cancelled", protocol.cancelled(job.id))
            return
        render = job.request.render
        waves = [job.waves[i] for i in range(len(render.seeds))]
        try:
            files = self.engine.deliver_all(render, waves, job.sampling_seconds)
        except EngineError as err:
            self._end(job, "error", protocol.failed(job.id, err))
        except OSError as err:
            if is_disk_full(err):
                failure = protocol.error("disk_full", f"no space left in {render.out_dir} to write the file "
                                                      f"({err.strerror}); nothing was written")
            else:
                failure = EngineError(f"could not write the file: {err}")
            self._end(job, "error", protocol.failed(job.id, failure))
        except Exception as err:
            logger.exception("delivery failed")
            self._end(job, "error", protocol.failed(job.id, protocol.error(
                "internal", f"internal error while writing: {type(err).__name__}: {err}")))
        else:
            self.jobs_done += 1
            self._end(job, "done", protocol.done(job.id, [f.as_dict() for f in files]))

    def _end(self, job: Job, state: str, event: dict) -> None:
        if self.queue.end(job, state):
            self.publish(job, event)
