"""Shared by the REAPER tests: the actions run as they are under real Lua 5.4 (lupa) in a fake REAPER
(tests/reaper_fake.py), whose ExecProcess really launches `audioldm-bridge` (ping, request, cancel, serve)
against an engine with the tiny model on free loopback ports; the defer loop picks the results up.

Test modules import the fixtures from here (`make_fake` needs `engine_service` and `command`): one engine
per test module.
"""

import json
import socket
import sys
import tempfile
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from bridge.service import ServiceConfig, serving
from engine.render import Engine
from reaper_fake import FakeReaper, Source, TempoMap, read_wav_header

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "reaper_scripts"
ACTIONS = sorted(SCRIPTS.glob("AudioLDM - *.lua"))
MAIN = SCRIPTS / "AudioLDM - Generate at edit cursor.lua"  # the ReaPack package's main file
AWKWARD = 'say "hi", it\'s a\nnew line — café ☕ 雨'
LONG_PROMPT = ("taiko 鼓 drums in a stone hall, café crowd murmuring, rain on the skylight, a distant train, deep sub-bass "
               "swells, brushed snare, crackling vinyl, échos of a choir, wind chimes, a dog barking, 和太鼓 rolls "
               "to a crash, then one bell, then a hush")  # 240 characters, 252 bytes of UTF-8
STRENGTH = "Strength (0 keeps the audio / 1 ignores it)"

# 4/4 at 120 BPM; 90 BPM from bar 2 (t = 4 s); 7/8 from bar 3 (t = 6.667 s); 3/4 at 140 BPM from bar 6.
TEMPO_MAP = TempoMap(tempos=[(0, 120), (8, 90), (22.5, 140)], signatures=[(0, 4, 4), (3, 7, 8), (6, 3, 4)])


def bar_starts():
    """The same map worked out by hand, exactly: (seconds per quarter note, quarter notes) per bar."""
    bars = [(F(1, 2), 4), (F(1, 2), 4), (F(2, 3), 4), (F(2, 3), F(7, 2)), (F(2, 3), F(7, 2)), (F(2, 3), F(7, 2)),
            (F(3, 7), 3), (F(3, 7), 3)]
    starts = [F(0)]
    for spq, qn in bars:
        starts.append(starts[-1] + spq * qn)
    return starts


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def engine_service(tiny_components, tmp_path_factory):
    with serving(Engine(tiny_components), ServiceConfig.on_free_ports(tmp_path_factory.mktemp("engine"), allow_out=(Path(tempfile.gettempdir()),)),
                 shutdown_grace_s=5) as svc:
        yield svc


@pytest.fixture(scope="module")
def command(tmp_path_factory):
    """An `audioldm-bridge` executable in a folder with a space and non-ASCII letters."""
    folder = tmp_path_factory.mktemp("cmd") / "Mes outils é" / "bin"
    folder.mkdir(parents=True)
    path = folder / "audioldm-bridge"
    path.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO)!r})\n"
                    "from bridge.cli import main\nsys.exit(main())\n")
    path.chmod(0o755)
    return path


def settings(cmd_path, endpoint, **overrides):
    values = {"command": str(cmd_path), "endpoint": endpoint, "steps": "1", "guidance": "2.5", "loudness": "-14",
              "format": "wav24", "folder": "project", "unsaved_folder": "", "serve_options": "", "timeout": "120"}
    values.update(overrides)
    return {("AudioLDM", k): v for k, v in values.items()}


@pytest.fixture
def make_fake(tmp_path, command, engine_service):
    fakes = []

    def make(endpoint=None, ext=None, **kw):
        base = tmp_path / "Projet été"
        base.mkdir(exist_ok=True)
        fake = FakeReaper(base, tempo_map=kw.pop("tempo_map", TEMPO_MAP), **kw)
        fake.ext_state.update(settings(command, endpoint or engine_service.endpoints()["zmq"]["requests"],
                                       **(ext or {})))
        fakes.append(fake)
        return fake

    yield make
    for fake in fakes:
        fake.close()


def run_action(fake, name, timeout=90.0, on_tick=None):
    fake.run_script(SCRIPTS / f"AudioLDM - {name}.lua")
    fake.run_defer(timeout=timeout, on_tick=on_tick)


def job_files(fake):
    return [p for p in Path(fake.media_path).rglob("*") if ".jobs" in p.parts and p.is_file()]


def lua_lib(fake):
    return fake.lua.eval(f"dofile({json.dumps(str(SCRIPTS / 'lib' / 'audioldm.lua'))})")


def press_cancel_when_generating(fake):
    """Click the Cancel button (press, then release) once the job reports progress."""
    if any(t.startswith("step") for t in fake.gfx_text) and not getattr(fake, "_clicked", 0):
        fake.gfx.mouse_x, fake.gfx.mouse_y, fake.gfx.mouse_cap = 350.0, 80.0, 1.0
        fake._clicked = 1
    elif getattr(fake, "_clicked", 0) == 1:
        fake.gfx.mouse_cap = 0.0
        fake._clicked = 2


def write_input(path: Path, frames: int, rate: int, channels: int = 1, level: float = 0.2,
                peak: float | None = None) -> Source:
    """A real WAV (a 220 Hz tone with a slow tremolo, a little noise) and REAPER's source for it;
    with ``peak`` scaled so that its largest sample is exactly that (a hot, mastered take)."""
    t = np.arange(frames) / rate
    rng = np.random.default_rng(frames)
    mono = level * np.sin(2 * np.pi * 220 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 2 * t)) + 0.01 * rng.standard_normal(frames)
    if peak is not None:
        mono *= peak / np.max(np.abs(mono))
    audio = np.stack([mono, 0.5 * mono], axis=1) if channels == 2 else mono
    sf.write(path, audio, rate, subtype="PCM_24")
    return read_wav_header(str(path))


def sidecar(take) -> dict:
    return json.loads(Path(take.source.path).with_suffix(".json").read_text(encoding="utf-8"))


def untouched(fake, item, takes):
    """Nothing changed: no process, no undo point, the item as it was."""
    return (not fake.processes and fake.undo_begins == 0 and item.takes == takes and item.active is takes[0]
            and not job_files(fake))
