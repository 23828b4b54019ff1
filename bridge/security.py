"""Where a client may make the engine read or write: paths confined to allowed roots.

A request's ``out_dir`` and its input file (``init_audio``) are checked on the
*resolved* path, never on its text: relative paths, ``..``, symlinks that lead out of the roots,
and device or Windows-reserved names are refused with ``bad_request`` before any work is queued.

Who may use which folders (docs/SECURITY.md):

* a local client of an engine its user started writes, and reads inputs, wherever that user can
  (a REAPER project on another drive: ``D:\\Projects``, ``/Volumes/Studio``) — the form checks above
  still apply, and what is written or read is the resolved path;
* an engine running with elevated rights (root, Administrator: :func:`is_elevated`) confines its
  local clients to roots: ``--out``, the home directory of the user it runs as, and each
  ``--allow-out DIR``;
* remote clients (CURVE, or OSC from beyond loopback) write only under ``--out`` and get files by
  ``fetch``; their inputs are their uploads (bridge.upload) and their own results.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Iterable

from engine.errors import InvalidInput

#: The owner of every local client's jobs and files (bridge.service.BridgeService.owner_of): the
#: user who started the engine, however many programs they use. A remote client is its own owner.
LOCAL = "local"

# Device names Windows reserves in every folder, with any extension ("nul.txt" is the device too).
WINDOWS_RESERVED = ({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
                    | {f"{p}{i}" for p in ("COM", "LPT") for i in (*range(1, 10), "¹", "²", "³")})
_WINDOWS_BAD_CHARS = set('<>:"|?*') | {chr(c) for c in range(32)}


def reserved_component(path: str) -> str | None:
    """The first component of ``path`` that Windows treats as a device or cannot store, else None.

    Checked on every OS: a REAPER project folder moves between machines, and a name that is a
    device on Windows is never a sensible output folder anywhere.
    """
    pure = PureWindowsPath(path) if os.name == "nt" else PurePosixPath(path)
    parts = pure.parts[1:] if pure.is_absolute() else pure.parts  # the anchor ("C:\\", "/") is not a name
    for part in parts:
        stem = part.split(".")[0].rstrip(" ").upper()
        if stem in WINDOWS_RESERVED:
            return part
        if part != part.rstrip(" .") or (os.name == "nt" and set(part) & _WINDOWS_BAD_CHARS):
            return part  # Windows drops trailing dots/spaces: "out." would silently be "out"
    return None


def confine(path, roots: Iterable | None, *, what: str = "out_dir", must_exist: bool = False,
            kind: str = "dir", hint: str = "the engine's --allow-out adds folders") -> Path:
    """Return the resolved ``path`` if it lies inside one of ``roots``; raise InvalidInput naming why not.

    ``kind`` is ``"dir"`` (an output folder; it may not exist yet and is created on delivery) or
    ``"file"`` (an input file: with ``must_exist`` it must be a regular file). Symlinks are
    followed before the comparison, so a link inside a root that points outside is refused.
    ``roots=None`` checks the path's form only (in-process use, where the caller is the user).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidInput(f"{what} must be text (a path), got {path!r:.80}")
    text = os.fspath(path)
    if "\x00" in text:
        raise InvalidInput(f"{what} must not contain NUL characters")
    if not text.strip():
        raise InvalidInput(f"{what} must be a non-empty path")
    candidate = Path(text)
    if text.startswith("~"):
        raise InvalidInput(f"{what} must be an absolute path, not relative to a home folder, got {text!r:.200}")
    if not candidate.is_absolute():
        raise InvalidInput(f"{what} must be an absolute path, got {text!r:.200}")
    if ".." in candidate.parts:
        raise InvalidInput(f"{what} must not contain '..', got {text!r:.200}")
    bad = reserved_component(text)
    if bad is not None:
        raise InvalidInput(f"{what} {text!r:.200} contains {bad!r}, a device or reserved name on Windows")
    try:
        resolved = candidate.resolve(strict=False)  # follows every symlink that exists
    except (OSError, RuntimeError) as err:  # a symlink loop, a path too long
        raise InvalidInput(f"{what} {text!r:.200} cannot be resolved: {err}") from None
    allowed = resolved_roots(roots) if roots is not None else [resolved]
    if not any(resolved == root or root in resolved.parents for root in allowed):
        raise InvalidInput(f"{what} {text!r:.200} is outside the folders this engine may use "
                           f"({', '.join(map(str, allowed)) or 'none'}); {hint}")
    try:
        info = resolved.stat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise InvalidInput(f"{what} {text!r:.200} cannot be examined: {err.strerror or err}") from None
    if info is None:
        if must_exist:
            raise InvalidInput(f"{what} {text!r:.200} does not exist")
        return resolved
    if kind == "dir" and not stat.S_ISDIR(info.st_mode):
        raise InvalidInput(f"{what} {text!r:.200} exists and is not a folder")
    if kind == "file" and not stat.S_ISREG(info.st_mode):
        raise InvalidInput(f"{what} {text!r:.200} is not a regular file")
    return resolved


def resolved_roots(roots: Iterable) -> list[Path]:
    out = []
    for root in roots:
        if root is None:
            continue
        resolved = Path(root).expanduser().resolve(strict=False)
        if resolved not in out:
            out.append(resolved)
    return out


def is_elevated(os_name: str | None = None) -> bool:
    """Whether this process runs with elevated rights: root (effective uid 0) on POSIX, an
    Administrator on Windows. When it cannot be told, True: the engine then keeps the roots."""
    if (os_name or os.name) == "nt":
        try:
            import ctypes

            return bool(ctypes.windll.shell32.IsUserAnAdmin())
        except Exception:  # noqa: BLE001 — no windll (not Windows), shell32 refused: assume the worst
            return True
    geteuid = getattr(os, "geteuid", None)
    return True if geteuid is None else geteuid() == 0  # no uid to ask: keep the roots


def default_roots(out_dir, allow_out: Iterable = (), local: bool = True,
                  elevated: bool | None = None) -> list[Path] | None:
    """The roots for one client (None: anywhere, the path's form checked only).

    Remote clients: ``--out``. Local clients of an engine with elevated rights (``elevated``;
    None asks :func:`is_elevated`): ``--out``, the home folder and ``--allow-out``. Local clients
    of an engine its user runs: None — that user's projects may be on any drive."""
    if not local:
        return resolved_roots([out_dir])
    if not (is_elevated() if elevated is None else elevated):
        return None
    return resolved_roots([out_dir, Path.home(), *allow_out])
