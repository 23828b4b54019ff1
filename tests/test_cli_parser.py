"""The `audioldm-bridge` parser as a newcomer meets it: --version, defaults in every help text."""

import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from bridge.cli import build_parser
from bridge.cli import version as cli_version

REPO = Path(__file__).resolve().parents[1]
PYPROJECT_VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def run_cli(*args, env_extra=None):
    return subprocess.run([sys.executable, "-m", "bridge.cli", *args], capture_output=True, text=True, timeout=120,
                          cwd=REPO.parent, env={**os.environ, "PYTHONPATH": str(REPO), **(env_extra or {})})


def test_version_prints_the_version_of_the_running_code():
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"audioldm-bridge {PYPROJECT_VERSION}"
    assert "--version" in run_cli("--help").stdout


def test_the_source_tree_version_is_read_only_from_this_projects_pyproject(tmp_path):
    assert cli_version.source_tree_version(tmp_path) is None  # an installed wheel: no pyproject.toml beside it
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "1.2.3"\n', encoding="utf-8")
    assert cli_version.source_tree_version(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text('[build-system]\nrequires = []\n\n[project]\nname = "audioldm-bridge"\n'
                                             'version = "9.8.7"\n\n[tool.x]\nversion = "0"\n', encoding="utf-8")
    assert cli_version.source_tree_version(tmp_path) == "9.8.7"


def every_option(parser, path=("audioldm-bridge",)):
    """(command path, action) for each optional argument of the parser and all its subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from every_option(sub, (*path, name))
        elif action.option_strings:
            yield " ".join(path), action


def shown(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def test_every_option_names_its_default():
    """Every option that takes a value says what happens without it: "default X" with X its real default,
    or (default None: the protocol's or the engine's choice) what that is. Exempt: --help, --version and
    flags (store_true), which are off unless given — their help says what giving them does."""
    missing, wrong = [], []
    for command, action in every_option(build_parser()):
        if isinstance(action, (argparse._HelpAction, argparse._VersionAction, argparse._StoreConstAction)):
            continue
        name = f"{command} {action.option_strings[-1]}"
        text = " ".join((action.help or "").split())
        if not re.search(r"\bdefault\b", text):
            missing.append(name)
        elif action.default not in (None, []) and not re.search(rf"\bdefault:? {re.escape(shown(action.default))}\b",
                                                                text):
            wrong.append(f"{name}: {action.default!r} not in {text!r}")
    assert missing == [] and wrong == []


def test_the_help_shows_the_ports_and_the_options_that_had_none():
    serve = run_cli("serve", "--help", env_extra={"COLUMNS": "200"}).stdout
    for option, port in (("--osc-port", 18000), ("--osc-reply-port", 18001), ("--zmq-port", 18002),
                         ("--pub-port", 18003)):
        assert re.search(rf"{option} \S+\s+[^\n]*\(default {port}\)", serve), option
    request = run_cli("request", "--help", env_extra={"COLUMNS": "200"}).stdout
    assert re.search(r"--seed SEED +the same seed gives the same audio \(default: a random one", request)
    assert re.search(r"--seconds SECONDS +length in seconds.*\(default: none", request)
    assert re.search(r"--retries RETRIES +resends after the first try \(default 3", request)


def test_without_a_source_tree_or_metadata_the_version_is_the_codes_own(monkeypatch):
    import importlib.metadata

    import engine

    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(cli_version, "source_tree_version", lambda root=None: None)
    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert cli_version.package_version() == engine.__version__ == PYPROJECT_VERSION


def test_request_says_that_serve_chooses_the_model(tmp_path):
    help_text = " ".join(run_cli("request", "--help").stdout.split())
    assert "The engine's model is the one `serve --model` loaded: `status` names it." in help_text
    assert "--model MODEL not for request: `serve --model` chooses the engine's model" in help_text
    result_file = tmp_path / "result.json"
    result = run_cli("request", "rain", "--seconds", "1", "--model", "tiny", "--result-file", result_file,
                     "--endpoint", "tcp://127.0.0.1:9")  # refused before anything is sent
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "request cannot choose the model (--model tiny)" in result.stderr
    assert "`audioldm-bridge serve --model M`" in result.stderr
    event = json.loads(result_file.read_text(encoding="utf-8"))
    assert event["event"] == "error" and event["code"] == "bad_request" and "--model tiny" in event["message"]
