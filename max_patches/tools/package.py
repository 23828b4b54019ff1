"""What the package's patches share: ports, the MIDI map, the bar clock, package-info.json, and the
engine host/port controls of the generator and the live patch, the take-path wiring of Transform."""

from __future__ import annotations

import tomllib
from pathlib import Path

from maxdsl import Patch

ENGINE_PORT = 18000
REPLY_PORT = 18001  # audioldm.client's reply port when it is given no arguments
GENERATOR_PORT = 7401  # each client instance listens on its own port: replies are never stolen
SLOT_BASE_PORT = 7410  # live slot n (1..8) listens on 7410 + n
HELP_PORT = 7420
SLOTS = 8
SLOT_STRIP = (830, 56)  # a slot's strip (its presentation) as audioldm.live and the helps show it
MORPH_POINTS = 5  # a slot's morph sweep: amounts 0, 0.25 … 1, rendered in one request
MORPH_PORT_OFFSET = 100  # a slot's sweep client listens on the slot's reply port + 100 (7511–7518)
FIRST_NOTE = 60  # C3 (Max/Live naming; C4 in others) triggers slot 1, one semitone per slot
# The bar clock: one bar of the transport's time signature, on the bar lines. A bars.beats.units
# interval is tempo-relative and counts bars of the current signature (Max's "Time Value Syntax":
# "A time of 1 1 0 as an interval in 4/4 time is (4 * 480) + 480 ticks"), so 1.0.0 is 1920 ticks in
# 4/4 and 1440 in 3/4; a note value (1n = 1920 ticks) is a bar only in 4/4. Units other than ms and
# note values go in the interval attribute (the metro reference).
BAR_CLOCK = "metro @interval 1.0.0 @quantize 1.0.0"


#: The release the package belongs to: pyproject.toml's version (one number for Python, REAPER and Max).
RELEASE = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())["project"]["version"]

PACKAGE_INFO = {
    "author": "audioldm-bridge developers",
    "description": "Text-to-audio (AudioLDM) in Max: a generator and a live-performance patch talking to the "
                   "audioldm-bridge engine over OSC.",
    "homepatcher": "audioldm.generator.maxpat",
    "max_version_min": "8.0",
    "name": "audioldm-bridge",
    "os": {"macintosh": {"platform": ["ia32", "x64", "aarch64"], "min_version": "none"},
           "windows": {"platform": ["x64"], "min_version": "none"}},
    "package_extra": {"reverse_domain": "org.audioldm-bridge", "copyright": "MIT (patches)"},
    "tags": ["audio", "generative", "osc", "AI"],
    "version": [int(part) for part in RELEASE.split(".")],  # this release's, as the REAPER scripts' @version
    "website": "",
}


def engine_controls(p: Patch, x, y, panel: tuple, at: tuple) -> tuple[str, str]:
    """The engine's host (Return sends it) and OSC port at (x, y) in the patching view and at ``panel`` in
    the presentation, labelled; [p address] at ``at`` turns them into ``host <name>`` / ``port <n>``
    messages for audioldm.client (defaults shown: the client's own). Returns the boxes that send those."""
    host = p.ui("textedit", x, y + 20, 110, 22, panel=(panel[0], panel[1] + 20), keymode=1, lines=1,
                text="127.0.0.1", varname="host")
    p.label("engine host", host, 0, -20, 90)
    port = p.ui("number", x + 120, y + 20, 60, 22, panel=(panel[0] + 120, panel[1] + 20), minimum=1,
                maximum=65535, varname="port")
    p.label("port", port, 0, -20, 50)
    with p.group("address", *at, "The engine's address: host <name> when Return is pressed in the host box (an "
                 "empty box sends nothing), port <n> when the port changes; the port box shows the client's default."):
        host_text = p.obj("route text", 0, 0)
        host_typed = p.obj("route bang", 0, 25)  # an empty box sends nothing
        host_msg = p.obj("prepend host", 0, 50)
        port_msg = p.msg("port $1", 120, 50)
        shown = p.obj(f"loadmess set {ENGINE_PORT}", 200, 0)
    p.wire(shown, 0, port, port=f"set {ENGINE_PORT}")
    p.wire(host, 0, host_text, port="the host box (Return)")
    p.wire(host_text, 0, host_typed)
    p.wire(host_typed, 1, host_msg)
    p.wire(port, 0, port_msg, port="the port box")
    return host_msg, port_msg


def wire_take_path(p: Patch, platform_ask, platform_msg, platform, which_os, on_mac, on_windows, by_os,
                   file_name, mac_path, windows_path, file_t, write) -> None:
    """The take's file name → a path the engine can read: `; max getsystem` picks the platform, then
    `conformpath slash boot` (macOS; Max's "native" there is the colon form) or `native_win absolute`;
    the path is written by `writewave` first (right outlet of `t s s`). Shared by the generator's
    Transform and its help patch's example."""
    p.wire(platform_ask, 0, platform_msg)
    p.wire(platform, 0, which_os)
    p.wire(which_os, 0, on_mac)
    p.wire(which_os, 1, on_windows)
    p.wire(on_mac, 0, by_os, 0)
    p.wire(on_windows, 0, by_os, 0)
    p.wire(file_name, 0, by_os, 1)
    p.wire(by_os, 0, mac_path)
    p.wire(by_os, 1, windows_path)
    p.wire(mac_path, 0, file_t)
    p.wire(windows_path, 0, file_t)
    p.wire(file_t, 1, write)
