"""Progress a person can read: `generate` and `request` on a terminal show a tqdm bar with the steps, the
ETA and the stage (sampling, decoding, writing); scripts and REAPER (stderr not a terminal) see what they
saw before, and --quiet shows no bar. The terminal is a real pseudo-terminal (POSIX only) standing in
for stderr."""

import contextlib
import os
import re
import sys
import threading
from pathlib import Path

import pytest

from bridge.cli import main
from bridge.cli.progress import wants_bar
from cli_support import service

__all__ = ["service"]  # the fixture
from engine.tiny import TEST_MODEL_LABEL

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

ETA = re.compile(r"\d+/\d+ \[\d\d:\d\d<\d\d:\d\d")  # "3/3 [00:01<00:00": steps, elapsed < remaining


@contextlib.contextmanager
def stderr_on_a_terminal(monkeypatch):
    """sys.stderr is a pseudo-terminal 160 columns wide; yields the list that receives what it showed."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 160, 0, 0))
    screen = []

    def read():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the terminal's other end is closed
                return
            if not data:
                return
            screen.append(data)

    reader = threading.Thread(target=read)
    reader.start()
    terminal = os.fdopen(slave, "w", encoding="utf-8", buffering=1)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stderr", terminal)
            yield screen
    finally:
        terminal.close()
        reader.join(timeout=10)
        os.close(master)
        screen[:] = [b"".join(screen).decode("utf-8", "replace")]


def stages(screen: str) -> list[str]:
    """The bar's labels in the order the terminal showed them (each redraw starts with a carriage return)."""
    labels = [m.group(1) for m in re.finditer(r"\r([a-z][a-z, ]*?):", screen)]
    return [label for i, label in enumerate(labels) if i == 0 or label != labels[i - 1]]


def test_the_bar_is_for_a_person_only(tmp_path):
    with open(os.devnull, "w") as devnull, (tmp_path / "f").open("w") as file:
        assert not wants_bar(False, file) and not wants_bar(False, devnull)  # a file, a pipe: scripts, REAPER
    assert not wants_bar(False, object())  # no isatty at all


def test_generate_shows_steps_eta_and_stages_on_a_terminal_and_nothing_new_in_a_pipe(tmp_path, monkeypatch,
                                                                                        capsys):
    args = ["generate", "rain", "--seconds", "0.3", "--steps", "3", "--model", "tiny", "--device", "cpu",
            "--dtype", "fp32", "--seed", "3"]
    with stderr_on_a_terminal(monkeypatch) as screen:
        assert main([*args, "--out", str(tmp_path / "tty")]) == 0
    [screen] = screen
    [path] = capsys.readouterr().out.split()
    assert Path(path).is_file()
    assert ETA.search(screen) and "3/3" in screen, screen
    assert stages(screen) == ["sampling", "decoding", "writing", "done"], screen

    assert main([*args, "--out", str(tmp_path / "pipe")]) == 0  # stderr captured: not a terminal
    captured = capsys.readouterr()
    assert captured.err == f"note: {TEST_MODEL_LABEL}\n"  # as before: no bar, no step counter
    [path] = captured.out.split()
    assert Path(path).is_file()


def test_request_shows_the_queue_steps_and_stages_on_a_terminal(service, tmp_path, monkeypatch, capsys):
    endpoint = service.endpoints()["zmq"]["requests"]
    args = ["request", "rain", "--seconds", "0.3", "--steps", "3", "--seed", "3", "--endpoint", endpoint,
            "--reply-timeout", "10"]
    with stderr_on_a_terminal(monkeypatch) as screen:
        assert main([*args, "--id", "bar-1", "--out", str(tmp_path / "tty")]) == 0
    [screen] = screen
    assert Path(capsys.readouterr().out.strip()).is_file()
    assert "queued as bar-1 (position " in screen and ETA.search(screen) and "3/3" in screen, screen
    labels = stages(screen)
    assert labels[-3:] == ["sampling", "decoding, writing", "done"] and "queued" in labels, screen

    assert main([*args, "--id", "bar-2", "--out", str(tmp_path / "pipe")]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and Path(captured.out.strip()).is_file()  # REAPER's view: unchanged

    with stderr_on_a_terminal(monkeypatch) as screen:
        assert main([*args, "--id", "bar-3", "--out", str(tmp_path / "quiet"), "--quiet"]) == 0
    [screen] = screen
    assert Path(capsys.readouterr().out.strip()).is_file()
    assert "step" not in screen and "queued" not in screen, screen  # --quiet: no bar, even on a terminal
