"""Command lines (reaper_scripts/lib/cmdline.lua): quoting per platform, and the command that starts the engine."""

import shlex

import pytest

from reaper_fake import split_quoted, split_windows
from reaper_support import command, engine_service, lua_lib, make_fake  # noqa: F401  (fixtures: one engine per module)


OUT = "/music/AudioLDM"


@pytest.mark.parametrize("endpoint, options, expected", [
    ("tcp://127.0.0.1:18002", "", ["--zmq-port", "18002", "--allow-out", OUT]),
    ("tcp://127.0.0.1:28002", "--model tiny", ["--zmq-port", "28002", "--allow-out", OUT, "--model", "tiny"]),
    ("tcp://localhost:28002", "", ["--zmq-port", "28002", "--allow-out", OUT]),
    ("tcp://127.0.0.2:28002", "", ["--host", "127.0.0.2", "--zmq-port", "28002", "--allow-out", OUT]),
    ("tcp://127.0.0.2:28002", "--host 127.0.0.2", ["--zmq-port", "28002", "--allow-out", OUT, "--host", "127.0.0.2"]),
    ("tcp://127.0.0.1:28002", "--zmq-port 28002 --pub-port 28003",
     ["--allow-out", OUT, "--zmq-port", "28002", "--pub-port", "28003"]),
    ("tcp://127.0.0.1:28002", "--zmq-port=28002", ["--allow-out", OUT, "--zmq-port=28002"]),
])
def test_engine_start_listens_on_the_endpoint(make_fake, endpoint, options, expected):
    """`serve` as the start offer launches it: on the endpoint's port (and loopback address), allowed to
    write where the job writes, the start options after; what the options already say is not said twice."""
    fake = make_fake(endpoint=endpoint, ext={"serve_options": options})
    lib = lua_lib(fake)
    args = lib.serve_args(lib.load_settings(), OUT)
    assert [args[i] for i in range(1, len(args) + 1)] == [fake.ext_state[("AudioLDM", "command")], "serve", *expected]


@pytest.mark.parametrize("os_name, split", [("Win64", split_windows), ("OSX64", split_quoted),
                                            ("macOS-arm64", shlex.split), ("Other", split_quoted)])
def test_command_line_round_trips_per_platform(make_fake, os_name, split):
    fake = make_fake(os_name=os_name)
    lib = lua_lib(fake)
    if os_name == "Win64":
        args = [r"C:\Users\Zoë M\venv\Scripts\audioldm-bridge.exe", "request", "--request-file",
                r"C:\Users\Zoë M\My Music\AudioLDM\.jobs\r 1.request.json", "--timeout", "600",
                "C:\\dir with space\\"]
    else:
        args = ["/Users/Zoë M/venv/bin/audioldm-bridge", "request", "--request-file",
                "/Users/Zoë M/Music/it's here/r 1.json", "--timeout", "600"]
    line = lib.command_line(fake.lua.table(*args), os_name.startswith("Win"))
    assert split(line) == args


def test_command_line_refuses_what_it_cannot_quote(make_fake):
    fake = make_fake()
    lib = lua_lib(fake)
    line, problem = lib.command_line(fake.lua.table("/a/b", '/tmp/x"y'), False)
    assert line is None and "cannot carry" in problem
    line, problem = lib.command_line(fake.lua.table("/a/b", "/tmp/$HOME"), False)
    assert line is None
