"""Results for a remote client: the ``fetch`` op streams a finished file back over ZeroMQ.

The client asks for one chunk at a time (``{"op": "fetch", "path": P, "offset": N}``) and gets
two frames: a JSON ``chunk`` reply (offset, total size, the whole file's SHA-256, ``eof``) and the
bytes. Memory stays bounded on both sides, a lost reply is simply asked for again, and the client
writes under a hidden temporary name, checks the checksum, and only then publishes the file.

Only files this engine published for a job (and their sidecars) can be fetched, and only by the
job's owner (its client key; see bridge.service): ``fetch`` is not a way to read the engine's disk,
nor another client's work. Anything else is ``not_found``, whether it exists or not.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path, PurePosixPath, PureWindowsPath

from engine.errors import EngineError, InvalidInput

from . import protocol
from .security import LOCAL, reserved_component

CHUNK_BYTES = 512 * 1024
MAX_CHUNK_BYTES = 4 * 1024 * 1024


class FileRegistry:
    """The files the engine has published (from ``done`` events), the only ones ``fetch`` serves,
    each to the owner of the job that made it."""

    def __init__(self, keep: int = 10000):
        self.keep = keep
        self._files: OrderedDict[Path, tuple | None] = OrderedDict()  # path → (size, mtime_ns, sha256) once hashed
        self._owners: dict[Path, str] = {}  # path → the owner of the job that published it
        self._lock = threading.Lock()

    def add_done(self, event: dict, owner: str = LOCAL) -> None:
        with self._lock:
            for f in event.get("files", []):
                for key in ("path", "sidecar"):
                    if f.get(key):
                        path = Path(f[key]).resolve()
                        self._files[path] = None
                        self._owners[path] = owner
            while len(self._files) > self.keep:
                self._owners.pop(self._files.popitem(last=False)[0], None)

    def knows(self, path: Path, owner: str | None = None) -> bool:
        """Whether a resolved path is a file this engine published (and still lists), for ``owner``
        (None: for anyone)."""
        with self._lock:
            return Path(path) in self._files and (owner is None or self._owners.get(Path(path)) == owner)

    def chunk(self, message: dict, owner: str | None = None) -> tuple[dict, bytes]:
        """One ``fetch`` request of ``owner`` (None: anyone) → (reply, bytes). Raises EngineError
        (bad_request / not_found)."""
        path, offset = message.get("path"), message.get("offset", 0)
        length = message.get("length", CHUNK_BYTES)
        if not isinstance(path, str) or not path:
            raise InvalidInput(f"fetch needs the path of a finished file (from its done event), got {path!r:.80}")
        if "\x00" in path:
            raise InvalidInput("fetch path must not contain NUL characters")
        for name, value in (("offset", offset), ("length", length)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidInput(f"fetch {name} must be a whole number >= 0, got {value!r:.40}")
        length = min(max(length, 1), MAX_CHUNK_BYTES)
        resolved = Path(path).resolve() if Path(path).is_absolute() else None
        if resolved is None or not self.knows(resolved, owner):
            raise protocol.error("not_found", f"no finished file {path!r:.200} to fetch (only results of this engine's jobs)")
        try:
            with open(resolved, "rb") as f:
                info = os.fstat(f.fileno())
                digest = self._digest(resolved, f, info)
                f.seek(offset)
                data = f.read(length)
        except FileNotFoundError:
            raise protocol.error("not_found", f"{path!r:.200} was finished but is gone (moved or deleted)") from None
        except OSError as err:
            raise protocol.error("internal", f"cannot read {path!r:.200}: {err.strerror or err}") from None
        if offset > info.st_size:
            raise InvalidInput(f"fetch offset {offset} is beyond the end of {path!r:.200} ({info.st_size} bytes)")
        reply = {"event": "chunk", "id": message.get("id", "") if isinstance(message.get("id"), str) else "",
                 "path": path, "offset": offset, "size": info.st_size, "sha256": digest,
                 "eof": offset + len(data) >= info.st_size}
        return reply, data

    def _digest(self, path: Path, f, info) -> str:
        with self._lock:
            cached = self._files.get(path)
        if cached is not None and cached[:2] == (info.st_size, info.st_mtime_ns):
            return cached[2]
        h = hashlib.sha256()
        for block in iter(lambda: f.read(1024 * 1024), b""):
            h.update(block)
        with self._lock:
            if path in self._files:
                self._files[path] = (info.st_size, info.st_mtime_ns, h.hexdigest())
        return h.hexdigest()


def local_name(remote_path: str) -> str:
    """The file name of an engine path (POSIX or Windows), refused if it could be anything but a name."""
    pure = PureWindowsPath(remote_path) if "\\" in remote_path else PurePosixPath(remote_path)
    name = pure.name
    if not name or name in (".", "..") or "/" in name or "\\" in name or name.startswith(".") \
            or reserved_component(name) is not None:
        raise EngineError(f"the engine sent an unusable file name {remote_path!r:.200}", code="internal")
    return name


def fetch_file(client, remote_path: str, dest_dir: Path, deadline_s: float | None = None) -> Path:
    """Copy one finished file from the engine into ``dest_dir`` (atomically, never overwriting an
    existing file) after checking its SHA-256; returns the local path."""
    from engine.writer import _write_atomic

    dest_dir = Path(dest_dir).expanduser().resolve()
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / local_name(remote_path)

    def write(f):
        h, offset = hashlib.sha256(), 0
        while True:
            reply, data = client.fetch_chunk(remote_path, offset)
            f.write(data)
            h.update(data)
            offset += len(data)
            if reply["eof"]:
                break
            if not data:
                raise EngineError(f"the engine sent an empty chunk of {remote_path} at {offset}", code="internal")
        if offset != reply["size"] or h.hexdigest() != reply["sha256"]:
            raise EngineError(f"{remote_path} arrived damaged ({offset} of {reply['size']} bytes, checksum "
                              f"{'matches' if h.hexdigest() == reply['sha256'] else 'differs'}); nothing was written",
                              code="internal")

    try:
        return _write_atomic(dest, write)
    except FileExistsError:
        raise EngineError(f"{dest} already exists; not overwritten", code="internal") from None


def fetch_results(client, done: dict, dest_dir: Path) -> dict:
    """A ``done`` event with every file and sidecar copied into ``dest_dir``; paths name the local
    copies (the engine's are kept as ``remote_path``/``remote_sidecar``)."""
    files = []
    for f in done["files"]:
        local = dict(f)
        local["remote_path"], local["path"] = f["path"], str(fetch_file(client, f["path"], dest_dir))
        if f.get("sidecar"):
            local["remote_sidecar"], local["sidecar"] = f["sidecar"], str(fetch_file(client, f["sidecar"], dest_dir))
        files.append(local)
    return {**done, "paths": [f["path"] for f in files], "files": files}
