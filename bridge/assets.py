"""Where the REAPER scripts and the Max package are, in a checkout or in an installed wheel.

The repository keeps them in its top-level ``reaper_scripts/`` and ``max_patches/audioldm-bridge/``
folders; a wheel carries the same files as ``bridge/_data/reaper_scripts`` and
``bridge/_data/max_package`` (pyproject.toml maps the folders there). An installed copy wins
over a checkout only when it is the one this ``bridge`` package was imported from.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_INSTALLED = _HERE / "_data"
_CHECKOUT = _HERE.parent

REAPER_MAIN = "AudioLDM - Generate at edit cursor.lua"  # the ReaPack package's main file (@provides the rest)


class AssetsMissing(FileNotFoundError):
    pass


def _first(candidates: list[Path], marker: str, what: str) -> Path:
    for folder in candidates:
        if (folder / marker).is_file():
            return folder
    looked = ", ".join(str(folder) for folder in candidates)
    raise AssetsMissing(f"the {what} are not part of this installation (looked in {looked}); "
                        f"reinstall audioldm-bridge (pip install --force-reinstall audioldm-bridge, or from a clone)")


def reaper_scripts_dir() -> Path:
    """The folder holding the AudioLDM ReaScripts (``AudioLDM - *.lua``, ``lib/``)."""
    return _first([_INSTALLED / "reaper_scripts", _CHECKOUT / "reaper_scripts"], REAPER_MAIN, "REAPER scripts")


def max_package_dir() -> Path:
    """The Max package folder (``package-info.json``, ``patchers/``, ``help/``, ``docs/``…)."""
    return _first([_INSTALLED / "max_package", _CHECKOUT / "max_patches" / "audioldm-bridge"], "package-info.json",
                  "Max package files")
