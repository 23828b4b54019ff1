"""`audioldm-bridge setup max`: the Max package copied into the user's Max Packages folder.

Max looks for packages in ``~/Documents/Max 9/Packages`` (Max 9) and ``~/Documents/Max 8/Packages``
(Max 8), on Windows in the Documents folder too, and loads them when it starts. The package is
copied whole (package-info.json, patchers/, help/, docs/, and any other folder such as devices/),
replacing an older copy of itself; a folder of the same name that is not this package is refused.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import assets
from .setup_reaper import SetupError, running_processes

PACKAGE_NAME = "audioldm-bridge"


def documents_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def default_packages_dirs() -> list[Path]:
    docs = documents_dir()
    return [docs / "Max 9" / "Packages", docs / "Max 8" / "Packages"]


def find_packages_dirs(explicit: Path | None = None) -> list[Path]:
    """The given Packages folder, or every default one that exists (Max 9 first)."""
    if explicit is not None:
        folder = Path(explicit).expanduser()
        if not folder.is_dir():
            raise SetupError(f"--packages {explicit}: no such folder")
        return [folder.absolute()]
    found = [folder for folder in default_packages_dirs() if folder.is_dir()]
    if not found:
        looked = " and ".join(str(folder) for folder in default_packages_dirs())
        raise SetupError(f"no Max Packages folder found ({looked}): start Max once (it creates it), or pass "
                         f"--packages with the folder")
    return found


def package_info(folder: Path) -> dict | None:
    try:
        info = json.loads((folder / "package-info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def version_text(info: dict | None) -> str:
    version = (info or {}).get("version", "?")
    return ".".join(str(part) for part in version) if isinstance(version, list) else str(version)


def _is_ours(folder: Path) -> bool:
    info = package_info(folder)
    return info is not None and info.get("name") == PACKAGE_NAME


def install(packages: Path) -> Path:
    """Copy the package into ``packages``/audioldm-bridge (replacing an older copy); returns that folder."""
    source = assets.max_package_dir()
    target = packages / PACKAGE_NAME
    if target.exists() and not _is_ours(target):
        raise SetupError(f"{target} exists and is not the audioldm-bridge package (no package-info.json naming "
                         f"it): move it away first")
    staging = packages / f".{PACKAGE_NAME}.new"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(source, staging, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store"))
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return target


def uninstall(packages: Path) -> Path | None:
    target = packages / PACKAGE_NAME
    if not target.exists():
        return None
    if not _is_ours(target):
        raise SetupError(f"{target} is not the audioldm-bridge package; left alone")
    shutil.rmtree(target)
    return target


@dataclass
class Installed:
    version: str | None  # None: not installed
    same_files: bool


def installed_state(packages: Path) -> Installed:
    source = assets.max_package_dir()
    target = packages / PACKAGE_NAME
    if not _is_ours(target):
        return Installed(None, False)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    same = all((target / rel).is_file() and (target / rel).read_bytes() == (source / rel).read_bytes() for rel in wanted)
    return Installed(version_text(package_info(target)), same)


def max_running() -> list[str]:
    return running_processes({"max", "max.exe"})
