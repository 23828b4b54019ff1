"""``audioldm-bridge --version``: the version of the code that is running."""

from __future__ import annotations

import re
from pathlib import Path

DIST = "audioldm-bridge"


def source_tree_version(root: Path | None = None) -> str | None:
    """The version in pyproject.toml when this code runs from a clone (or an editable install, whose
    installed metadata keeps the version it had when it was installed)."""
    root = Path(__file__).resolve().parents[2] if root is None else root
    try:
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return None
    project = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    if project is None or not re.search(rf'^name\s*=\s*"{re.escape(DIST)}"', project.group(1), re.M):
        return None
    version = re.search(r'^version\s*=\s*"([^"]+)"', project.group(1), re.M)
    return version.group(1) if version else None


def package_version() -> str:
    """pyproject.toml of the source tree this runs from, else the installed distribution's metadata
    (importlib.metadata), else the version the code itself carries (``engine.__version__``)."""
    version = source_tree_version()
    if version:
        return version
    from importlib import metadata

    try:
        return metadata.version(DIST)
    except metadata.PackageNotFoundError:
        from engine import __version__

        return __version__
