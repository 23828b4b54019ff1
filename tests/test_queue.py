"""bridge.queue: batches limited in UNet rows, lanes, exactly one end per job, and several workers at once
(one per model replica, `serve --ray`): no model, no Ray needed."""

import threading
from pathlib import Path

from bridge.queue import JobQueue
from bridge.protocol import parse_request


def submit(queue, job_id, priority="normal", **fields):
    request = parse_request({"id": job_id, "prompt": "p", "seconds": 1, "priority": priority, **fields}, Path("/tmp"))
    return queue.submit(request, ("test",))[0]


def ids(parts):
    return [(p.job.id, p.variations) for p in parts]


def test_two_workers_take_two_batches_and_each_finishes_its_own():
    queue = JobQueue(max_batch=1)
    for job_id in ("a", "b", "c"):
        submit(queue, job_id)
    first, second = queue.take_batch(0), queue.take_batch(0)
    assert ids(first) == [("a", [0])] and ids(second) == [("b", [0])]
    assert [job.id for job in queue.running] == ["a", "b"]
    queue.finish_batch(first)
    assert [job.id for job in queue.running] == ["b"]  # the other batch is still running
    assert queue.cancel("b")[1] == "requested"


def test_a_split_jobs_parts_run_one_after_another():
    queue = JobQueue(max_batch_rows=4)  # 2 variations per batch with guidance
    submit(queue, "big", variations=4)
    submit(queue, "small", seed=1)
    first = queue.take_batch(0)
    assert ids(first) == [("big", [0, 1])]
    assert ids(queue.take_batch(0)) == [("small", [0])]  # not big's second part while its first runs
    assert queue.take_batch(0) == []
    queue.finish_batch(first)
    assert ids(queue.take_batch(0)) == [("big", [2, 3])]


def test_a_lost_part_goes_back_to_the_head_of_its_lane():
    queue = JobQueue(max_batch=1)
    submit(queue, "lost")
    submit(queue, "next")
    parts = queue.take_batch(0)
    assert queue.requeue(parts[0]) is True
    assert queue.running == []
    again = queue.take_batch(0)
    assert ids(again) == [("lost", [0])]  # before "next", which was queued after it


def test_a_requeued_job_can_be_cancelled_and_a_cancelled_one_is_not_requeued():
    queue = JobQueue(max_batch=1)
    submit(queue, "a")
    submit(queue, "b")
    (a,), (b,) = queue.take_batch(0), queue.take_batch(0)
    assert queue.requeue(a)
    job, outcome = queue.cancel("a")
    assert outcome == "cancelled" and job.state == "cancelled"  # waiting again: cancelled at once, once
    assert queue.cancel("b")[1] == "requested"
    assert queue.requeue(b) is False  # the cancel came first: its worker ends it as cancelled
    assert queue.take_batch(0) == []


def test_batch_limits_have_bounds_and_the_engine_says_which(tmp_path, capsys):
    """A batch of 65+ distinct prompts once broke the prompt cache; a batch far beyond what a device
    holds only fails later. The options are bounded, refused at start with the option named."""
    import pytest

    from bridge.cli import main
    from bridge.queue import MAX_BATCH_JOBS, MAX_BATCH_ROWS
    from engine.errors import InvalidInput

    JobQueue(max_batch=MAX_BATCH_JOBS, max_batch_rows=MAX_BATCH_ROWS)
    for kw, message in [({"max_batch": MAX_BATCH_JOBS + 1}, f"--max-batch must be 1..{MAX_BATCH_JOBS}"),
                        ({"max_batch_rows": MAX_BATCH_ROWS + 1}, f"--max-batch-rows must be 1..{MAX_BATCH_ROWS}"),
                        ({"max_batch": 0}, "--max-batch must be 1..")]:
        with pytest.raises(InvalidInput, match=message):
            JobQueue(**kw)
    ports = ["--osc-port", "0", "--osc-reply-port", "0", "--zmq-port", "0", "--pub-port", "0"]
    code = main(["serve", "--model", "tiny", "--out", str(tmp_path), *ports, "--max-batch-rows", "100000"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"--max-batch-rows must be 1..{MAX_BATCH_ROWS}, got 100000" in err


# --- batches limited in UNet rows, lanes, one end per job ---------------------------------------------------


def test_rows_not_jobs_limit_a_batch():
    queue = JobQueue(max_batch=10, max_batch_rows=8)
    requests = [parse_request({"id": f"j{i}", "prompt": "p", "seconds": 1, "variations": 3, "seed": i}, Path("/tmp"))
                for i in range(3)]
    for request in requests:
        queue.submit(request, ("test",))
    parts = queue.take_batch(0)
    # j0 (6 rows) fits; j1 would make 12 rows > 8: it waits for the next batch.
    assert [(p.job.id, p.variations) for p in parts] == [("j0", [0, 1, 2])]
    queue.finish_batch()
    assert [(p.job.id, p.variations) for p in queue.take_batch(0)] == [("j1", [0, 1, 2])]


def test_batch_mates_come_from_the_head_lane_only():
    queue = JobQueue(max_batch=4, max_batch_rows=16)
    for job_id, priority in [("n1", "normal"), ("bg", "background"), ("n2", "normal")]:
        queue.submit(parse_request({"id": job_id, "prompt": "p", "seconds": 1, "priority": priority}, Path("/tmp")),
                     ("test",))
    assert [p.job.id for p in queue.take_batch(0)] == ["n1", "n2"]
    queue.finish_batch()
    assert [p.job.id for p in queue.take_batch(0)] == ["bg"]


def test_cancel_drain_and_worker_racing_end_each_job_exactly_once():
    """Many threads cancelling the same queued jobs while the queue drains: no exception, one end each."""
    queue = JobQueue(max_queued=200)
    for i in range(100):
        queue.submit(parse_request({"id": f"r{i}", "prompt": "p", "seconds": 1}, Path("/tmp")), ("test",))
    ends, errors = [], []
    lock = threading.Lock()

    def canceller():
        for i in range(100):
            try:
                job, outcome = queue.cancel(f"r{i}")
                if outcome == "cancelled":
                    with lock:
                        ends.append(job.id)
            except Exception as err:  # pragma: no cover - the assertion below reports it
                errors.append(err)

    threads = [threading.Thread(target=canceller) for _ in range(3)]
    for thread in threads:
        thread.start()
    drained = [job.id for job in queue.drain()]
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(ends + drained) == sorted(f"r{i}" for i in range(100))
    assert all(job.state == "cancelled" for job in queue.jobs.values())
