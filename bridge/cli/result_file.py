"""The ``--result-file`` of `request` and `ping`: the latest event, replaced atomically."""

from __future__ import annotations

from pathlib import Path


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

        from ..protocol import FINAL_EVENTS

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

