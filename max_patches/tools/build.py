"""Writes the Max package in ../audioldm-bridge/ (patchers, help, package-info.json).

The patches are generated so that their wiring stays readable and reviewable as code; run
``python max_patches/tools/build.py`` after editing a module here (a test checks that the committed
files are what it writes). The modules:

- ``maxobjects.py``: each Max object's inlets/outlets, from Max's reference;
- ``maxdsl.py``: ``Patch``, the patch-building language (boxes, cords, presentation, subpatchers);
- ``package.py``: ports, the MIDI map, the bar clock, package-info.json, the engine host/port controls;
- ``client.py``, ``slot.py``, ``generator.py``, ``live.py``: one patcher each (``morph.py``: the morph
  parts of the generator and the slot);
- ``helps.py``: the help patches.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from client import client  # noqa: E402
from generator import generator  # noqa: E402
from helps import client_help, generator_help, live_help, slot_help  # noqa: E402
from live import live  # noqa: E402
from maxdsl import Patch  # noqa: E402,F401  (tests build small patches with it)
from package import PACKAGE_INFO  # noqa: E402
from slot import slot  # noqa: E402

PACKAGE = HERE.parent / "audioldm-bridge"


def build() -> dict[Path, str]:
    """Every file of the package, by path, as the builder writes it."""
    files: dict[Path, str] = {}
    abstractions: dict = {}  # name -> (inlets, outlets), for the patches that use them

    def write(rel: str, patch: Patch) -> None:
        files[PACKAGE / rel] = json.dumps(patch.to_json(), indent=1) + "\n"

    for name, make in (("client", lambda: client()), ("slot", lambda: slot(abstractions)),
                       ("generator", lambda: generator(abstractions)), ("live", lambda: live(abstractions))):
        patch = make()
        abstractions[f"audioldm.{name}"] = patch.ports()
        write(f"patchers/audioldm.{name}.maxpat", patch)
    write("help/audioldm.client.maxhelp", client_help(abstractions))
    write("help/audioldm.generator.maxhelp", generator_help(abstractions))
    write("help/audioldm.live.maxhelp", live_help(abstractions))
    write("help/audioldm.slot.maxhelp", slot_help(abstractions))
    files[PACKAGE / "package-info.json"] = json.dumps(PACKAGE_INFO, indent=1) + "\n"
    return files


def main() -> None:
    for path, text in build().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
