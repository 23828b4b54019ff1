"""DAW-ready files: safe names and atomic, never-overwriting writes of audio and its JSON sidecar.

A DAW (or a script polling the folder) may pick a file up the moment its name appears, so a
file is written under a hidden temporary name, synced, and only then published under its final
name. Files are created with the umask's permissions (as any program creates a user's files); the
parts a killed engine leaves are removed by the next one (:func:`clean_stale_parts`). Publishing never replaces an existing file: two jobs that pick the same name must not
silently destroy one result.
"""

import contextlib
import hashlib
import json
import logging
import os
import re
import secrets
import socket
import threading
import tempfile
import time
import unicodedata
from pathlib import Path

import numpy as np
import soundfile as sf

from engine.checks import check_int, check_positive_rate
from engine.errors import EngineError, InvalidInput, is_disk_full

# name -> (soundfile format, subtype, extension)
FORMATS = {
    "wav24": ("WAV", "PCM_24", ".wav"),
    "wav16": ("WAV", "PCM_16", ".wav"),
    "wav32f": ("WAV", "FLOAT", ".wav"),
    "flac": ("FLAC", "PCM_24", ".flac"),
}
DEFAULT_FORMAT = "wav24"

logger = logging.getLogger(__name__)

#: A part file (audio or sidecar not yet published) is named ``.audioldm-HOST-PID-RUN-RANDOM.part``:
#: this machine (a hash of its name), the writing process and that process's run (a pid can come
#: back: a container's engine is often pid 1), so a later engine tells whose part it is.
_HOST_TAG = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]
_RUN_TAG = secrets.token_hex(2)
_PART = re.compile(r"\.audioldm-(?:(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-(?P<run>[0-9a-f]{4})-)?[A-Za-z0-9_]+\.part")
#: A part is published within seconds of its creation: one this old is left over, whoever wrote it.
STALE_PART_AGE_S = 3600.0
_cleaned: set = set()
_cleaned_lock = threading.Lock()

# Device names Windows reserves in every folder, whatever the extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}
_SHORT_ID = re.compile(r"[A-Za-z0-9]{1,32}")


def check_format(name) -> tuple[str, str, str]:
    """Return (soundfile format, subtype, extension) for an output format name, else raise InvalidInput."""
    if name not in FORMATS:
        raise InvalidInput(f"output format must be one of {', '.join(FORMATS)}, got {name!r}")
    return FORMATS[name]


def slugify(prompt: str, max_len: int = 40) -> str:
    """Turn free text into a file-name stem that is safe on every OS: ``rain-on-a-tin-roof``.

    Lowercase ASCII letters and digits joined by '-', cut at a word boundary to ``max_len``;
    no separators or dots survive, so the result can never be a path. Empty input gives
    "untitled"; a Windows device name (con, nul, com1...) gets a "-audio" suffix.
    """
    check_int("max_len", max_len, lo=1, must="a positive integer")
    # NFKD splits accented letters into letter + mark, so "café" keeps its "cafe".
    ascii_text = unicodedata.normalize("NFKD", str(prompt)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]  # a single word longer than max_len: cut inside it
    if not slug:
        return "untitled"
    if slug in _WINDOWS_RESERVED:
        slug += "-audio"
    return slug


def output_name(prompt: str, seed: int, short_id: str, fmt: str, name_hint: str | None = None) -> str:
    """File name for a result, e.g. ``rain-on-a-tin-roof_1234_3fa2c1.wav``.

    A client's ``name_hint``, when given, replaces the prompt as the stem and is slugified the
    same way, so "../../x" or "C:\\x" still yields a plain name inside the output folder.
    """
    ext = check_format(fmt)[2]
    check_int("seed", seed)
    if not isinstance(short_id, str) or not _SHORT_ID.fullmatch(short_id):
        raise InvalidInput(f"short id must be 1-32 ASCII letters/digits, got {short_id!r}")
    stem = slugify(name_hint) if name_hint and name_hint.strip() else slugify(prompt)
    return f"{stem}_{seed}_{short_id}{ext}"


def sidecar_path(audio_path) -> Path:
    """Path of the JSON metadata sidecar of an audio file: same stem, ".json"."""
    return Path(audio_path).with_suffix(".json")


def _create(folder, prefix: str) -> tuple[int, str]:
    """Create a new hidden file in ``folder`` for writing, never an existing one. Unlike mkstemp
    (always 0600) it is created 0666 less the umask, as any program creates a user's files."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(folder, f"{prefix}{secrets.token_hex(4)}.part")
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _create_part(folder) -> tuple[int, str]:
    """A part file of the engine's (see :data:`_PART`)."""
    return _create(folder, f".audioldm-{_HOST_TAG}-{os.getpid()}-{_RUN_TAG}-")


def _process_gone(pid: int) -> bool:
    """True when no process ``pid`` runs on this machine. POSIX only (elsewhere: False, so only the
    age rule applies): signal 0 checks without sending anything."""
    if os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError):
        return False
    return False


def _is_stale(name: str, age_s: float) -> bool:
    match = _PART.fullmatch(name)
    if match is None:
        return False
    host, pid, run = match["host"], match["pid"], match["run"]
    if host == _HOST_TAG and int(pid) == os.getpid():
        return run != _RUN_TAG  # ours is being written; an earlier process with our pid is gone
    if age_s > STALE_PART_AGE_S:
        return True
    return host == _HOST_TAG and _process_gone(int(pid))


def clean_stale_parts(folder) -> list[Path]:
    """Remove part files an engine left in ``folder`` (killed while writing): the engine's own
    naming only, each one that is an hour old or was written on this machine by a process that no
    longer runs. Parts of live engines (another machine's too, in a shared folder) stay. Returns
    the paths removed; a folder that cannot be listed is skipped."""
    removed, now = [], time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(".audioldm-"):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if _is_stale(entry.name, now - entry.stat(follow_symlinks=False).st_mtime):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except FileNotFoundError:
            continue  # published or removed meanwhile
        except OSError as err:
            logger.warning("could not remove the left-over part file %s: %s", entry.path, err)
    if removed:
        logger.info("removed %d left-over part file(s) in %s", len(removed), folder)
    return removed


def clean_stale_parts_once(folder) -> None:
    """:func:`clean_stale_parts` the first time this process writes into ``folder``."""
    key = os.path.normcase(os.path.abspath(folder))
    with _cleaned_lock:
        if key in _cleaned:
            return
        _cleaned.add(key)
    clean_stale_parts(folder)


def _fsync_dir(folder: Path) -> None:
    # Makes the new directory entry itself durable; POSIX only (Windows cannot open folders).
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some network file systems refuse fsync on folders; the file is already published
    finally:
        os.close(fd)


def _publish(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path``, raising FileExistsError rather than replacing a file."""
    try:
        # link() fails atomically if the name is taken, which os.replace cannot do.
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (FAT/exFAT, some network mounts): check, then rename. Only on such
        # file systems does a small window remain for a concurrent writer to take the name.
        if path.exists():
            raise FileExistsError(f"{path} already exists") from None
        os.replace(tmp, path)


def _write_atomic(path, write, replace: bool = False) -> Path:
    """Run ``write(binary_file)`` on a hidden temp file next to ``path``, sync it, then publish it."""
    path = Path(path)
    if not replace and path.exists():
        raise FileExistsError(f"{path} already exists")
    fd, tmp = _create(path.parent, f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            _publish(tmp, path)
    finally:
        # After a hard link the temp name is a second link to drop; after a failure, the debris.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    _fsync_dir(path.parent)
    return path


def _check_audio(data, rate) -> np.ndarray:
    data = np.asarray(data)
    if data.ndim not in (1, 2) or not np.issubdtype(data.dtype, np.floating):
        raise InvalidInput(f"audio must be float with shape (n,) or (n, ch), got {data.dtype} {data.shape}")
    check_positive_rate(rate)
    return data


def stage_audio(folder, data: np.ndarray, rate: int, fmt: str) -> Path:
    """Write audio under a hidden temporary name in ``folder``, synced; publish it with
    :func:`publish_with_sidecar` and delete it afterwards (it is the caller's)."""
    major, subtype, _ = check_format(fmt)
    data = _check_audio(data, rate)
    fd, tmp = _create_part(folder)
    try:
        with os.fdopen(fd, "wb") as f:
            sf.write(f, data, rate, format=major, subtype=subtype)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def publish_with_sidecar(staged_audio: Path, path: Path, metadata: dict) -> tuple[Path, Path]:
    """Publish a staged audio file as ``path`` together with its JSON sidecar: both or neither.

    Raises FileExistsError, publishing nothing, if either name is taken (the caller picks another
    name and tries again). The staged file stays the caller's to delete.
    """
    path = Path(path)
    sidecar = sidecar_path(path)
    if sidecar.exists():
        raise FileExistsError(f"{sidecar} already exists")
    text = json.dumps(metadata, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    fd, tmp_json = _create_part(path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        _publish(str(staged_audio), path)
        try:
            _publish(tmp_json, sidecar)
        except BaseException:
            # Without its sidecar the audio is not a result: take it back (to the staged name if
            # publishing moved it there, so the caller can retry under another name).
            if staged_audio.exists():
                os.unlink(path)
            else:
                os.replace(path, staged_audio)
            raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_json)
    _fsync_dir(path.parent)
    return path, sidecar


def write_json_atomic(path, obj, replace: bool = False) -> Path:
    """Write ``obj`` as UTF-8 JSON (indent 2, trailing newline) to ``path`` atomically.

    Never overwrites unless ``replace`` (for files a client owns and polls, like the CLI's
    ``--result-file``: a reader sees the old or the new content, never a half-written file).
    NaN/inf are refused (ValueError) because strict JSON parsers in DAW scripts reject them.
    """
    # Serialize before touching the disk, so a bad object leaves nothing behind.
    text = json.dumps(obj, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return _write_atomic(path, lambda f: f.write(text.encode("utf-8")), replace=replace)


def check_writable(folder, label: str) -> Path:
    """Raise unless files can be made in ``folder`` — or, while it does not exist yet, in the
    nearest folder above it (where it will be made). ``label`` names it in the message
    (``"--out /x"``, ``"out_dir '/x'"``). Tried, not judged from permission bits: an administrator
    ignores those, a read-only mount or an ACL does not show in them. The probe leaves nothing."""
    folder = Path(folder)
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        raise InvalidInput(f"{label} cannot be made: {existing} is not a folder")
    try:
        with tempfile.TemporaryFile(prefix=".audioldm-probe-", dir=existing):
            pass
    except OSError as err:
        where = "" if existing == folder else f"; it would be made in {existing}, which is not writable either"
        if is_disk_full(err):
            raise EngineError(f"{label} has no space left ({err.strerror}){where}", code="disk_full") from None
        raise InvalidInput(f"{label} is not writable ({err.strerror or err}){where}") from None
    return folder
