"""Inputs for a remote engine: the ``upload`` op brings a client's file (an init audio) over ZeroMQ.

A file is named by its SHA-256. The client first asks without bytes,
``{"op": "upload", "sha256": H, "size": N, "name": "loop.wav"}``: the reply says how much of it the
engine holds (``received``), or gives its ``path`` at once when the whole file is there already (a
loop used for ten transfers crosses the network once). Then it sends one chunk per request, the
JSON plus a second frame of bytes (``"offset": K``), each answered the same way. A chunk sent
twice (its reply was lost and the client asked again) is not written twice. The last chunk is
checked against the SHA-256 and only then published as ``<uploads>/<sha256><suffix>``, the path a
request names as ``init_audio``; a damaged upload is dropped, never used.

Bounds, all checked when an upload opens, before a byte of it is written: a chunk is at most
:data:`MAX_CHUNK_BYTES`, a file at most ``max_bytes``. Each client key (every local client
together is one) has at most ``max_unfinished`` unfinished uploads (one idle for
:data:`PARTIAL_TTL_S` is dropped) and opens at most ``bytes_per_hour`` of uploads in any hour
(``busy`` beyond either, naming when to try again), so one key cannot lock out or crowd out
another. The folder never holds more than ``cap_bytes`` (finished files plus what the open uploads
may still bring), and an upload that would leave less than :data:`MIN_FREE_BYTES` free on the disk
is refused: ``disk_full`` for both. Finished uploads beyond ``keep_bytes`` are removed, least
recently used first — but none used in the last :data:`KEEP_RECENT_S` (a queued job may still need
it); at the cap, the same files make room for a new upload. The store touches only names it makes
(``<sha256><suffix>``, ``.<sha256>.<client>.part``), so a folder given with ``--uploads`` that holds
other files loses none of them.

A finished file is a client's only once it has sent every byte of it: knowing a SHA-256 is not
having the file. A key that asks for a file another key uploaded gets ``received: 0`` and sends it
too (its bytes are checked, the stored file is left as it is); local clients may use any upload.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import InvalidInput, is_disk_full

from . import protocol
from .security import LOCAL

MiB = 1024 * 1024
MAX_CHUNK_BYTES = 4 * MiB
DEFAULT_MAX_BYTES = 256 * MiB  # 10 min of 48 kHz stereo float32 is 230 MB
DEFAULT_KEEP_BYTES = 2048 * MiB  # pruned down to this, least recently used first
DEFAULT_CAP_BYTES = 4096 * MiB  # never more than this in the folder
DEFAULT_BYTES_PER_HOUR = 1024 * MiB  # per client key
DEFAULT_MAX_UNFINISHED = 4  # per client key
MIN_FREE_BYTES = 512 * MiB  # left free on the disk after an upload (renders need room too)
PARTIAL_TTL_S = 600.0
KEEP_RECENT_S = 3600.0
HOUR_S = 3600.0
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
_FINISHED = re.compile(r"[0-9a-f]{64}(\.[a-z0-9]{1,8})?")
_PART = re.compile(r"\.[0-9a-f]{64}(\.[0-9a-f]{16})?\.part")


@dataclass
class _Partial:
    size: int
    received: int
    touched: float
    digest: "hashlib._Hash" = field(default_factory=hashlib.sha256)  # of the bytes received so far


def default_uploads_dir() -> Path:
    """Uploads are a cache: the user's cache folder (``~/.cache``, ``~/Library/Caches``, ``%LOCALAPPDATA%``)."""
    import platformdirs

    return platformdirs.user_cache_path("audioldm-bridge") / "uploads"


def audio_suffix(name) -> str:
    """The suffix of the client's file name, if it is a plain one (libsndfile reads by content; the
    suffix only helps a human who looks in the folder)."""
    if not isinstance(name, str):
        return ""
    suffix = os.path.splitext(name.replace("\\", "/").rsplit("/", 1)[-1])[1]
    return suffix.lower() if _SUFFIX.fullmatch(suffix) else ""


class UploadStore:
    """The engine's uploads folder: content-addressed finished files and the unfinished ones.

    ``owner`` (in :meth:`receive` and :meth:`holds`) is the client key an upload comes from
    (bridge.service.BridgeService.owner_of); every local client is :data:`bridge.security.LOCAL`."""

    def __init__(self, folder, max_bytes: int = DEFAULT_MAX_BYTES, keep_bytes: int = DEFAULT_KEEP_BYTES,
                 cap_bytes: int = DEFAULT_CAP_BYTES, bytes_per_hour: int = DEFAULT_BYTES_PER_HOUR,
                 max_unfinished: int = DEFAULT_MAX_UNFINISHED):
        self.folder = Path(folder).expanduser().resolve()
        self.max_bytes, self.keep_bytes, self.cap_bytes = max_bytes, keep_bytes, cap_bytes
        self.bytes_per_hour, self.max_unfinished = bytes_per_hour, max_unfinished
        self._partial: dict[tuple[str, str], _Partial] = {}  # (owner, sha) → an unfinished upload
        self._used: dict[str, float] = {}  # sha → last use (wall clock): what pruning keeps longest
        self._holders: dict[str, set[str]] = {}  # sha → the owners that sent all of its bytes
        self._opened: dict[str, deque] = {}  # owner → (monotonic time, bytes) of uploads opened in the last hour
        self._lock = threading.Lock()
        self._ready = False

    def holds(self, path: Path, owner: str | None = None) -> bool:
        """Whether a resolved path is a finished upload of this store (a root for reading inputs
        would open the whole folder; this admits only the store's own files) that ``owner`` sent
        (None or a local client: any)."""
        return (path.parent == self.folder and _FINISHED.fullmatch(path.name) is not None and path.is_file()
                and self._has(owner, path.name[:64]))

    def unfinished(self, owner: str) -> int:
        """How many uploads ``owner`` has open."""
        with self._lock:
            return sum(1 for who, _ in self._partial if who == owner)

    def _has(self, owner: str | None, sha: str) -> bool:
        return owner is None or owner == LOCAL or owner in self._holders.get(sha, ())

    def _prepare(self) -> None:
        """Create the folder on first use; drop unfinished files an earlier run left (not those of
        another engine sharing the folder, which are younger than PARTIAL_TTL_S)."""
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.iterdir():
            try:
                if _PART.fullmatch(stale.name) and time.time() - stale.stat().st_mtime > PARTIAL_TTL_S:
                    stale.unlink()
            except OSError:
                pass
        self._ready = True

    def receive(self, message: dict, data: bytes | None, owner: str = LOCAL) -> dict:
        """One ``upload`` request (``data`` is None for the opening question) → its reply."""
        sha, size, offset, suffix = self._check(message, data)
        with self._lock:
            self._prepare()
            finished = self._finished(sha)
            if finished is not None and self._has(owner, sha):
                self._used[sha] = time.time()  # not the file's mtime: jobs check that it is unchanged
                return _reply(message, sha, size, size, finished)
            self._expire()
            key = (owner, sha)
            partial = self._partial.get(key)
            if partial is None:
                self._admit(owner, size)
                try:
                    self._part(key).write_bytes(b"")
                except OSError as err:
                    raise _write_error(err, self._part(key)) from None
                partial = self._partial[key] = _Partial(size, 0, time.monotonic())
                self._opened.setdefault(owner, deque()).append((time.monotonic(), size))
            if partial.size != size:
                raise InvalidInput(f"upload {sha[:12]}… is {partial.size} bytes, this chunk says size {size}")
            partial.touched = time.monotonic()
            if data is None:
                return _reply(message, sha, size, partial.received, None)
            if offset > partial.received:
                raise InvalidInput(f"upload {sha[:12]}…: chunk at offset {offset}, but the engine holds "
                                   f"{partial.received} bytes; send from offset {partial.received}")
            data = data[partial.received - offset:]  # a resent chunk: only what is new is written
            if partial.received + len(data) > size:
                raise InvalidInput(f"upload {sha[:12]}…: chunk ends at byte {partial.received + len(data)}, "
                                   f"past the size {size}")
            try:
                with open(self._part(key), "r+b") as f:
                    f.seek(partial.received)
                    f.write(data)
                    f.truncate()  # a failed write left nothing past `received`; this one ends here
            except OSError as err:
                raise _write_error(err, self._part(key)) from None
            partial.received += len(data)
            partial.digest.update(data)
            if partial.received < size:
                return _reply(message, sha, size, partial.received, None)
            return _reply(message, sha, size, size, self._publish(key, suffix))

    def _admit(self, owner: str, size: int) -> None:
        """Refuse a new upload of ``owner`` that would pass a bound (before anything is written)."""
        mine = sum(1 for who, _ in self._partial if who == owner)
        if mine >= self.max_unfinished:
            raise protocol.error("busy", f"this client has {mine} unfinished uploads (the limit per client); finish "
                                         f"one, or try again when one is dropped ({PARTIAL_TTL_S:g} s idle)")
        if size > self.bytes_per_hour:
            raise InvalidInput(f"upload of {size} bytes is over this engine's limit of {self.bytes_per_hour} bytes "
                               f"per client and hour (--upload-mb-per-hour)")
        opened, now = self._opened.setdefault(owner, deque()), time.monotonic()
        while opened and now - opened[0][0] >= HOUR_S:
            opened.popleft()
        spent = sum(n for _, n in opened)
        if spent + size > self.bytes_per_hour:
            left, wait = spent + size - self.bytes_per_hour, HOUR_S
            for when, n in opened:  # the oldest uploads stop counting first
                left -= n
                if left <= 0:
                    wait = HOUR_S - (now - when)
                    break
            raise protocol.error("busy", f"this client opened uploads of {spent} bytes in the last hour; this one "
                                         f"({size} bytes) is over its {self.bytes_per_hour} bytes per hour "
                                         f"(--upload-mb-per-hour); try again in {max(1, round(wait))} s")
        to_come = sum(p.size - p.received for p in self._partial.values())  # reserved by open uploads
        if self._stored_bytes() + to_come + size > self.cap_bytes:
            self._prune(self.cap_bytes - to_come - size)  # old uploads make room, if any may go
            stored = self._stored_bytes()
            if stored + to_come + size > self.cap_bytes:
                raise protocol.error("disk_full", f"the uploads folder holds {stored + to_come} bytes (with the "
                                                  f"unfinished uploads) of its {self.cap_bytes}-byte cap "
                                                  f"(--uploads-cap-mb); none of it may be removed before it has "
                                                  f"been unused for {KEEP_RECENT_S:g} s; try again later")
        try:
            free = shutil.disk_usage(self.folder).free
        except OSError:
            free = None
        if free is not None and free - to_come - size < MIN_FREE_BYTES:
            raise protocol.error("disk_full", f"the disk holding {self.folder} has {free} bytes free; an upload of "
                                              f"{size} bytes would leave less than the {MIN_FREE_BYTES} bytes kept "
                                              f"free for renders")

    def _check(self, message: dict, data: bytes | None) -> tuple[str, int, int, str]:
        sha, size, offset = message.get("sha256"), message.get("size"), message.get("offset", 0)
        if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
            raise InvalidInput(f"upload needs sha256: the file's SHA-256 as 64 lowercase hex digits, got {sha!r:.80}")
        for name, value, low in (("size", size, 1), ("offset", offset, 0)):
            if isinstance(value, bool) or not isinstance(value, int) or value < low:
                raise InvalidInput(f"upload {name} must be a whole number >= {low}, got {value!r:.40}")
        if size > self.max_bytes:
            raise InvalidInput(f"upload of {size} bytes is over this engine's limit of {self.max_bytes} bytes "
                               f"(--max-upload-mb)")
        if data is not None and len(data) > MAX_CHUNK_BYTES:
            raise InvalidInput(f"upload chunk of {len(data)} bytes is over the {MAX_CHUNK_BYTES}-byte limit")
        return sha, size, offset, audio_suffix(message.get("name"))

    def _part(self, key: tuple[str, str]) -> Path:
        owner, sha = key  # each client its own unfinished file: nobody resumes, or finishes, another's
        return self.folder / f".{sha}.{hashlib.sha256(owner.encode()).hexdigest()[:16]}.part"

    def _finished(self, sha: str) -> Path | None:
        return next((p for p in self.folder.glob(f"{sha}*") if _FINISHED.fullmatch(p.name) and p.is_file()), None)

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, p in self._partial.items() if now - p.touched > PARTIAL_TTL_S]:
            self._drop(key)

    def _drop(self, key: tuple[str, str]) -> None:
        self._partial.pop(key, None)
        self._part(key).unlink(missing_ok=True)

    def _publish(self, key: tuple[str, str], suffix: str) -> Path:
        owner, sha = key
        partial = self._partial[key]
        if partial.digest.hexdigest() != sha:
            self._drop(key)
            raise InvalidInput(f"upload {sha[:12]}… arrived damaged (its SHA-256 is {partial.digest.hexdigest()[:12]}…); "
                               f"nothing was kept, send it again")
        final = self._finished(sha)
        if final is not None:  # another client sent it first: keep that file as it is (jobs may read it)
            self._drop(key)
        else:
            final = self.folder / f"{sha}{suffix}"
            try:
                os.replace(self._part(key), final)
            except OSError as err:
                self._drop(key)
                raise _write_error(err, final) from None
            self._partial.pop(key, None)
        self._holders.setdefault(sha, set()).add(owner)
        self._used[sha] = time.time()
        self._prune(self.keep_bytes)
        return final

    def _own_files(self) -> list[tuple[Path, os.stat_result]]:
        """The store's own files (finished and unfinished) with their stat; nothing else in the folder."""
        files = []
        for path in self.folder.iterdir():
            try:
                if _FINISHED.fullmatch(path.name) or _PART.fullmatch(path.name):
                    info = path.stat()
                    if stat.S_ISREG(info.st_mode):
                        files.append((path, info))
            except OSError:
                continue
        return files

    def _stored_bytes(self) -> int:
        return sum(info.st_size for _, info in self._own_files())

    def _prune(self, keep: int) -> None:
        """Least recently used finished uploads go until the store's files fit ``keep`` bytes; none
        used in the last KEEP_RECENT_S (a queued job may still read it), and nothing but the store's
        own files."""
        files = self._own_files()
        total = sum(info.st_size for _, info in files)
        finished = sorted((self._used.get(path.name[:64], info.st_mtime), info.st_size, path)
                          for path, info in files if _FINISHED.fullmatch(path.name))
        now = time.time()
        for used, size, path in finished:
            if total <= keep or now - used < KEEP_RECENT_S:
                break
            try:
                path.unlink()
            except OSError:  # in use (Windows) or gone: try the next
                continue
            self._used.pop(path.name[:64], None)
            self._holders.pop(path.name[:64], None)
            total -= size


def _write_error(err: OSError, path: Path):
    if is_disk_full(err) or err.errno == errno.EFBIG:  # EFBIG: a file-size limit, full all the same
        return protocol.error("disk_full", f"no space left for the upload in {path.parent}; nothing was kept past "
                                           f"the bytes already received")
    return protocol.error("internal", f"cannot write the upload {path.name}: {err.strerror or err}")


def _reply(message: dict, sha: str, size: int, received: int, path: Path | None) -> dict:
    return {"event": "upload", "id": message.get("id", "") if isinstance(message.get("id"), str) else "",
            "sha256": sha, "size": size, "received": received, "path": None if path is None else str(path)}


def upload_file(client, path, chunk_bytes: int = 512 * 1024) -> str:
    """Send a local file to the engine (resuming what it already holds); returns the engine's path."""
    path = Path(path)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            h.update(block)
    size = path.stat().st_size
    if size == 0:
        raise InvalidInput(f"{path} is empty")
    base = {"op": "upload", "sha256": h.hexdigest(), "size": size, "name": path.name}
    reply = client.upload_chunk(base, None)
    with open(path, "rb") as f:
        while reply["path"] is None:
            f.seek(reply["received"])
            data = f.read(min(chunk_bytes, MAX_CHUNK_BYTES))
            if not data:
                raise InvalidInput(f"{path} changed while it was being sent (now {f.tell()} bytes)")
            reply = client.upload_chunk({**base, "offset": reply["received"]}, data)
    return reply["path"]
