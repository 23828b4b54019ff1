"""AUDIOLDM_BRIDGE_ENDPOINT: the engine the client commands (and doctor, and `setup reaper`) use when no
--endpoint is given — reached here only through the variable, against a real engine on loopback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import soundfile as sf

from bridge.cli import build_parser, main
from cli_support import endpoint, service

__all__ = ["service"]  # the fixture

REPO = Path(__file__).resolve().parents[1]
VAR = "AUDIOLDM_BRIDGE_ENDPOINT"


def cli(*args, env_extra):
    env = {**os.environ, "PYTHONPATH": str(REPO), **env_extra}
    return subprocess.run([sys.executable, "-m", "bridge.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_request_reaches_the_engine_named_by_the_variable(service, tmp_path):
    host_port = endpoint(service).removeprefix("tcp://")  # HOST:PORT is accepted, as for --endpoint
    result = cli("request", "rain", "--seconds", "0.3", "--steps", "2", "--seed", "1", "--out", tmp_path,
                 "--reply-timeout", "10", "--retries", "0", env_extra={VAR: host_port})
    assert result.returncode == 0, result.stderr
    [path] = result.stdout.split()
    assert Path(path).parent == tmp_path and sf.info(path).frames == round(0.3 * 48000)


def test_ping_and_status_use_the_variable_and_an_option_overrides_it(service, monkeypatch, capsys):
    monkeypatch.setenv(VAR, endpoint(service))
    assert main(["ping", "--reply-timeout", "10"]) == 0
    assert capsys.readouterr().out.startswith(f"pong from {endpoint(service)} ")
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["event"] == "status"
    monkeypatch.setenv(VAR, "tcp://127.0.0.1:9")  # nothing there: the option wins
    assert main(["ping", "--endpoint", endpoint(service), "--reply-timeout", "10"]) == 0
    assert f"pong from {endpoint(service)} " in capsys.readouterr().out


@pytest.mark.parametrize("command", [["request", "x", "--seconds", "1"], ["ping"], ["status"], ["cancel", "job-1"],
                                     ["doctor"]])
def test_a_bad_variable_is_one_usage_error_naming_it(command, monkeypatch, capsys):
    monkeypatch.setenv(VAR, "gpu-box")  # no port
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{VAR} 'gpu-box' is not an engine address" in err, err


def test_setup_reaper_records_the_variables_engine(tmp_path, monkeypatch, capsys):
    from bridge import setup_reaper

    if setup_reaper.find_command() is None:
        pytest.skip("the package is not installed in this environment (pip install -e .)")
    resource = tmp_path / "REAPER"
    resource.mkdir()
    args = ["setup", "reaper", "--reaper-resource", str(resource), "--force"]  # another test's stand-in REAPER
    monkeypatch.setenv(VAR, "gpu-box")                                          # may be running: not the point
    assert main(args) == 2
    assert f"{VAR} 'gpu-box' is not an engine address" in capsys.readouterr().err
    assert list(resource.iterdir()) == []  # refused before anything was written
    monkeypatch.setenv(VAR, "studio.local:19002")
    assert main(args) == 0
    ini = setup_reaper.read_ini((resource / "reaper-extstate.ini").read_text(encoding="utf-8"))
    assert ini[("audioldm", "endpoint")] == "tcp://studio.local:19002"


def test_the_help_of_every_command_with_an_endpoint_names_the_variable():
    parser = build_parser()
    subs = parser._subparsers._group_actions[0].choices
    setup_reaper = subs["setup"]._subparsers._group_actions[0].choices["reaper"]
    for name, sub in [*((n, subs[n]) for n in ("request", "ping", "status", "cancel", "doctor")),
                      ("setup reaper", setup_reaper)]:
        [action] = [a for a in sub._actions if "--endpoint" in a.option_strings]
        assert f"${VAR} if set, else tcp://127.0.0.1:18002" in action.help, name
