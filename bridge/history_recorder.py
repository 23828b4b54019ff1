"""The engine's side of the history: every delivered file recorded, and generation never stopped.

:meth:`HistoryRecorder.record` only queues (the worker that delivered the file goes straight on);
one thread writes. Whatever the database does — corrupt, not a database, locked by another program
past the timeout, on a full or read-only disk — generation carries on: the problem is logged once
(a warning naming the file and what to do) and the entry is dropped. A database file deleted while
the engine runs is noticed at the next write and made again, with a warning saying how to restore
the older entries (``audioldm-bridge history rebuild DIR``).
"""

from __future__ import annotations

import json
import logging
import os
import queue
import sqlite3
import threading
from pathlib import Path

from . import history

logger = logging.getLogger(__name__)

#: How long a write waits for a lock another program holds on the database (then it is dropped).
LOCK_TIMEOUT_S = 5.0


class HistoryRecorder:
    def __init__(self, path: Path):
        self.path = Path(path).expanduser().resolve()
        self._conn: sqlite3.Connection | None = None
        self._identity = None  # (device, inode) of the file the connection has open
        self._warned: set[str] = set()
        self.recorded = 0  # entries written (tests, status)
        self.dropped = 0  # entries the database could not take
        self._queue: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="audioldm-history", daemon=True)
        self._thread.start()
        self._queue.put(("open",))  # a bad database is reported at start, not at the first file

    # -- any thread ------------------------------------------------------------------------------------

    def record(self, files: list[dict], fields_json: str, owner: str, job_id: str) -> None:
        """Queue a finished job's files (``done.files``) with its request's fields (canonical JSON)."""
        self._queue.put(("record", files, fields_json, owner, job_id))

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until everything queued so far is written (or dropped); False if that took too long."""
        done = threading.Event()
        self._queue.put(("mark", done))
        return done.wait(timeout)

    def close(self, timeout: float = 30.0) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    # -- the writer thread ------------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                break
            if item[0] == "mark":
                item[1].set()
                continue
            try:
                conn = self._connection()
                if item[0] == "record":
                    _, files, fields_json, owner, job_id = item
                    fields = json.loads(fields_json) if fields_json else {}
                    entries = [history.entry_from_file(f, fields) for f in files]
                    self.recorded += history.insert(conn, entries, owner, job_id)
                    self._warned.clear()  # working again: a later problem is news
            except (sqlite3.Error, OSError, ValueError, TypeError) as err:
                if item[0] == "record":
                    self.dropped += len(item[1])
                self._drop_connection()
                self._warn(type(err).__name__ + str(err),
                           f"history database {self.path} cannot be used ({err}); generation goes on, but files are not "
                           f"recorded until it can — if it is damaged, move it away (a new one is made) and run "
                           f"`audioldm-bridge history rebuild DIR` to index the files' sidecars")
            except Exception:  # a bug here must not end the thread (or the jobs waiting on it)
                logger.exception("recording history failed")
        self._drop_connection()

    def _connection(self) -> sqlite3.Connection:
        identity = _identity(self.path)
        if self._conn is not None and identity != self._identity:
            self._drop_connection()  # first: closing the old one must not touch the new file's journal
            self._warn(f"deleted {identity}",
                       f"history database {self.path} was deleted or replaced while the engine ran; made a new one "
                       f"(earlier entries are not in it: `audioldm-bridge history rebuild DIR` indexes their sidecars)")
        if self._conn is None:
            self._conn = history.connect(self.path, timeout_s=LOCK_TIMEOUT_S)
            self._identity = _identity(self.path)
        return self._conn

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn, self._identity = None, None

    def _warn(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            logger.warning("%s", message)


def _identity(path: Path):
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_dev, stat.st_ino
