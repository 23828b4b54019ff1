"""Inputs for a remote engine: the ``upload`` op brings a client's file (an init audio) over ZeroMQ.

A file is named by its SHA-256. The client first asks without bytes,
``{"op": "upload", "sha256": H, "size": N, "name": "loop.wav"}``: the reply says how much of it the
engine holds (``received``), or gives its ``path`` at once when the whole file is there already (a
loop used for ten transfers crosses the network once). Then it sends one chunk per request, the
JSON plus a second frame of bytes (``"offset": K``), each answered the same way. A chunk sent
twice (its reply was lost and the client asked again) is not written twice. The last chunk is
checked against the SHA-256 and only then published as ``<uploads>/<sha256><suffix>``, the path a
request names as ``init_audio``; a damaged upload is dropped, never used.

Bounds: a chunk is at most :data:`MAX_CHUNK_BYTES`, a file at most ``max_bytes``, at most
:data:`MAX_PARTIAL` uploads are unfinished at once (one idle for :data:`PARTIAL_TTL_S` is dropped),
and finished uploads beyond ``keep_bytes`` are removed, least recently used first — but none used
in the last :data:`KEEP_RECENT_S` (a queued job may still need it). The store touches only names it
makes (``<sha256><suffix>``, ``.<sha256>.part``), so a folder given with ``--uploads`` that holds
other files loses none of them.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import InvalidInput, is_disk_full

from . import protocol

MAX_CHUNK_BYTES = 4 * 1024 * 1024
DEFAULT_MAX_BYTES = 256 * 1024 * 1024  # 10 min of 48 kHz stereo float32 is 230 MB
DEFAULT_KEEP_BYTES = 2 * 1024 * 1024 * 1024
MAX_PARTIAL = 4
PARTIAL_TTL_S = 600.0
KEEP_RECENT_S = 3600.0
_SHA256 = re.compile(r"[0-9a-f]{64}")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
_FINISHED = re.compile(r"[0-9a-f]{64}(\.[a-z0-9]{1,8})?")
_PART = re.compile(r"\.[0-9a-f]{64}\.part")


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
    """The engine's uploads folder: content-addressed finished files and the unfinished ones."""

    def __init__(self, folder, max_bytes: int = DEFAULT_MAX_BYTES, keep_bytes: int = DEFAULT_KEEP_BYTES):
        self.folder = Path(folder).expanduser().resolve()
        self.max_bytes, self.keep_bytes = max_bytes, keep_bytes
        self._partial: dict[str, _Partial] = {}
        self._used: dict[str, float] = {}  # sha → last use (wall clock): what pruning keeps longest
        self._lock = threading.Lock()
        self._ready = False

    def holds(self, path: Path) -> bool:
        """Whether a resolved path is a finished upload of this store (a root for reading inputs
        would open the whole folder; this admits only the store's own files)."""
        return path.parent == self.folder and _FINISHED.fullmatch(path.name) is not None and path.is_file()

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

    def receive(self, message: dict, data: bytes | None) -> dict:
        """One ``upload`` request (``data`` is None for the opening question) → its reply."""
        sha, size, offset, suffix = self._check(message, data)
        with self._lock:
            self._prepare()
            finished = self._finished(sha)
            if finished is not None:
                self._used[sha] = time.time()  # not the file's mtime: jobs check that it is unchanged
                return _reply(message, sha, size, size, finished)
            self._expire()
            partial = self._partial.get(sha)
            if partial is None:
                if len(self._partial) >= MAX_PARTIAL:
                    raise protocol.error("busy", f"{MAX_PARTIAL} uploads are unfinished; try again when one ends "
                                                 f"(an idle one is dropped after {PARTIAL_TTL_S:g} s)")
                try:
                    self._part(sha).write_bytes(b"")
                except OSError as err:
                    raise _write_error(err, self._part(sha)) from None
                partial = self._partial[sha] = _Partial(size, 0, time.monotonic())
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
                with open(self._part(sha), "r+b") as f:
                    f.seek(partial.received)
                    f.write(data)
                    f.truncate()  # a failed write left nothing past `received`; this one ends here
            except OSError as err:
                raise _write_error(err, self._part(sha)) from None
            partial.received += len(data)
            partial.digest.update(data)
            if partial.received < size:
                return _reply(message, sha, size, partial.received, None)
            return _reply(message, sha, size, size, self._publish(sha, suffix))

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

    def _part(self, sha: str) -> Path:
        return self.folder / f".{sha}.part"

    def _finished(self, sha: str) -> Path | None:
        return next((p for p in self.folder.glob(f"{sha}*") if _FINISHED.fullmatch(p.name) and p.is_file()), None)

    def _expire(self) -> None:
        now = time.monotonic()
        for sha in [s for s, p in self._partial.items() if now - p.touched > PARTIAL_TTL_S]:
            self._drop(sha)

    def _drop(self, sha: str) -> None:
        self._partial.pop(sha, None)
        self._part(sha).unlink(missing_ok=True)

    def _publish(self, sha: str, suffix: str) -> Path:
        partial = self._partial[sha]
        if partial.digest.hexdigest() != sha:
            self._drop(sha)
            raise InvalidInput(f"upload {sha[:12]}… arrived damaged (its SHA-256 is {partial.digest.hexdigest()[:12]}…); "
                               f"nothing was kept, send it again")
        final = self.folder / f"{sha}{suffix}"
        try:
            os.replace(self._part(sha), final)
        except OSError as err:
            self._drop(sha)
            raise _write_error(err, final) from None
        self._partial.pop(sha, None)
        self._used[sha] = time.time()
        self._prune()
        return final

    def _prune(self) -> None:
        """Least recently used finished uploads go until the folder fits ``keep_bytes``; none used in
        the last KEEP_RECENT_S (a queued job may still read it), and nothing but the store's own files."""
        files = []
        for path in self.folder.iterdir():
            try:
                if _FINISHED.fullmatch(path.name) and path.is_file():
                    info = path.stat()
                    files.append((self._used.get(path.name[:64], info.st_mtime), info.st_size, path))
            except OSError:
                continue
        total = sum(size for _, size, _ in files)
        now = time.time()
        for used, size, path in sorted(files):
            if total <= self.keep_bytes or now - used < KEEP_RECENT_S:
                break
            try:
                path.unlink()
            except OSError:  # in use (Windows) or gone: try the next
                continue
            self._used.pop(path.name[:64], None)
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
