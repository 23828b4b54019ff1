"""`audioldm-bridge setup reaper|max|model` and `doctor`, on real files in temporary folders.

The REAPER test runs the installed action under real Lua (lupa) in the fake REAPER, which reads
the resource folder's reaper-extstate.ini at start as REAPER does, against an engine with the tiny
model: no first-run dialog, an item on the track.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from bridge import reaper_kb, setup_reaper
from bridge.cli import main
from bridge.service import ServiceConfig, serving
from engine.render import Engine

from reaper_fake import FakeReaper

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "reaper_scripts"
MAX_PACKAGE = REPO / "max_patches" / "audioldm-bridge"
INSTALLED = Path("Scripts", "audioldm-bridge", "AudioLDM")
ACTIONS = sorted(p.name for p in SCRIPTS.glob("AudioLDM - *.lua"))
FAKE_COMMIT = "0123456789abcdef0123456789abcdef01234567"

USER_KB = ('ACT 0 0 "a1b2c3" "Custom: my macro" 40001 40002\n'
           'SCR 4 0 RSfeedbeef "Custom: mine.lua" "Other/mine.lua"\n'
           'KEY 1 65 _RSfeedbeef 0\n')
USER_EXTSTATE = "[Other]\nkey=value\n\n[AudioLDM]\nhistory=[\"rain on a tin roof\"]\nsteps=12\n"


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(args, env_extra=None, cwd=None, pythonpath=REPO):
    env = {**os.environ, **(env_extra or {}), "PYTHONPATH": str(pythonpath)}
    return subprocess.run([sys.executable, "-m", "bridge.cli", *args], cwd=cwd or tempfile.gettempdir(), env=env,
                          capture_output=True, timeout=300)


def scr_lines(resource: Path) -> list[str]:
    return [line for line in (resource / "reaper-kb.ini").read_text(encoding="utf-8").splitlines()
            if line.startswith("SCR") and "audioldm-bridge" in line]


@pytest.fixture(scope="module")
def engine_service(tiny_components, tmp_path_factory):
    with serving(Engine(tiny_components), ServiceConfig.on_free_ports(tmp_path_factory.mktemp("engine"),
                                                                       allow_out=(Path(tempfile.gettempdir()),)),
                 shutdown_grace_s=5) as svc:
        yield svc


@pytest.fixture
def command_on_path(monkeypatch):
    """This environment's audioldm-bridge, running this checkout's code when a REAPER action starts it."""
    command = setup_reaper.find_command()
    assert command is not None, "the package is not installed in this environment (pip install -e .)"
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]))
    return command


# --- REAPER ------------------------------------------------------------------------------------------------


def test_setup_reaper_then_the_first_action_asks_nothing_and_inserts_an_item(tmp_path, engine_service,
                                                                              command_on_path, capsys):
    resource = tmp_path / "REAPER résumé"  # a space and non-ASCII letters, as real user folders have
    resource.mkdir()
    endpoint = engine_service.endpoints()["zmq"]["requests"]
    assert main(["setup", "reaper", "--reaper-resource", str(resource), "--endpoint", endpoint]) == 0
    out = capsys.readouterr().out
    assert f"{len(ACTIONS)} actions" in out and str(command_on_path) in out

    # the scripts and their library, where ReaPack puts them
    for name in [*ACTIONS, "lib/audioldm.lua", "lib/json.lua"]:
        assert (resource / INSTALLED / name).read_bytes() == (SCRIPTS / name).read_bytes(), name
    # every action registered once, in the Main section, by its path below Scripts/
    lines = scr_lines(resource)
    assert len(lines) == len(ACTIONS) == 10
    for name in ACTIONS:
        [line] = [line for line in lines if f'"Custom: {name}"' in line]
        tokens = reaper_kb.split_tokens(line)
        assert tokens[:3] == ["SCR", "4", "0"] and tokens[3].startswith("RS") and len(tokens[3]) == 42
        assert (resource / "Scripts" / tokens[5]).is_file()

    fake = FakeReaper(tmp_path / "project", resource_path=resource)  # reads reaper-extstate.ini at start
    try:
        assert fake.GetResourcePath() == str(resource)
        track = fake.add_track("fx", selected=True)
        fake.dialog_answers = [["door creak", "1", "1", "7", ""]]  # the generate dialog only
        fake.run_script(resource / INSTALLED / "AudioLDM - Generate at edit cursor.lua")
        fake.run_defer(timeout=120)
    finally:
        fake.close()
    assert [d["title"] for d in fake.dialogs] == ["AudioLDM: generate at edit cursor"]
    assert fake.messages == []
    [item] = track.items
    assert Path(item.active.source.path).is_file() and abs(item.length - 2.0) < 1e-9
    assert fake.processes[0][0][0] == str(command_on_path)  # the recorded command ran the request


def test_rerun_updates_in_place_and_uninstall_leaves_the_rest_of_the_ini_files(tmp_path, command_on_path, capsys):
    resource = tmp_path / "REAPER"
    resource.mkdir()
    (resource / "reaper-kb.ini").write_text(USER_KB, encoding="utf-8")
    (resource / "reaper-extstate.ini").write_text(USER_EXTSTATE, encoding="utf-8")
    args = ["setup", "reaper", "--reaper-resource", str(resource)]
    assert main(args) == 0
    first = scr_lines(resource)
    settings = FakeReaper(tmp_path / "p1", resource_path=resource).ext_state
    assert settings[("AudioLDM", "command")] == str(command_on_path)
    assert settings[("AudioLDM", "endpoint")] == "tcp://127.0.0.1:18002"
    assert settings[("AudioLDM", "steps")] == "12" and settings[("Other", "key")] == "value"  # the user's kept

    # the user binds a key to an action and changes the endpoint; an old copy of a script lingers
    generate_id = reaper_kb.split_tokens(next(line for line in first if "Generate at edit" in line))[3]
    with open(resource / "reaper-kb.ini", "a", encoding="utf-8") as f:
        f.write(f"KEY 9 71 _{generate_id} 0\n")
    ext = (resource / "reaper-extstate.ini").read_text(encoding="utf-8")
    (resource / "reaper-extstate.ini").write_text(ext.replace("tcp://127.0.0.1:18002", "tcp://studio:18002"),
                                                  encoding="utf-8")
    (resource / INSTALLED / "lib" / "audioldm.lua").write_text("-- old\n", encoding="utf-8")

    assert main(args) == 0
    assert f"0 added, {len(ACTIONS)} already there" in capsys.readouterr().out
    kb = (resource / "reaper-kb.ini").read_text(encoding="utf-8")
    assert scr_lines(resource) == first  # once each, same ids
    assert kb.startswith(USER_KB) and f"KEY 9 71 _{generate_id} 0" in kb
    assert (resource / INSTALLED / "lib" / "audioldm.lua").read_bytes() == (SCRIPTS / "lib" / "audioldm.lua").read_bytes()
    settings = FakeReaper(tmp_path / "p2", resource_path=resource).ext_state
    assert settings[("AudioLDM", "endpoint")] == "tcp://studio:18002"  # the user's choice stays

    assert main([*args, "--endpoint", "tcp://127.0.0.1:19002"]) == 0  # given explicitly: written
    assert FakeReaper(tmp_path / "p3", resource_path=resource).ext_state[("AudioLDM", "endpoint")] == \
        "tcp://127.0.0.1:19002"

    assert main([*args, "--uninstall"]) == 0
    assert (resource / "reaper-kb.ini").read_text(encoding="utf-8") == USER_KB  # the key bound to it went too
    assert (resource / "reaper-extstate.ini").read_text(encoding="utf-8") == USER_EXTSTATE
    assert not (resource / "Scripts" / "audioldm-bridge").exists()


def test_an_action_registered_by_hand_or_reapack_is_kept_not_duplicated(tmp_path, command_on_path):
    resource = tmp_path / "REAPER"
    resource.mkdir()
    own = 'SCR 4 0 RS0000aaaa "Custom: AudioLDM - Settings.lua" "audioldm-bridge/AudioLDM/AudioLDM - Settings.lua"'
    (resource / "reaper-kb.ini").write_text(own + "\r\n", encoding="utf-8")  # CRLF, as on Windows
    assert main(["setup", "reaper", "--reaper-resource", str(resource)]) == 0
    kb = (resource / "reaper-kb.ini").read_bytes().decode("utf-8")
    assert kb.count("AudioLDM - Settings.lua\"\r\n") == 1 and own in kb  # its id kept
    assert kb.count("\r\n") == len(ACTIONS) and "\n" not in kb.replace("\r\n", "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="starts a process named reaper (Linux /proc)")
def test_setup_reaper_refuses_while_reaper_runs(tmp_path, command_on_path):
    resource = tmp_path / "REAPER"
    resource.mkdir()
    fake_reaper = tmp_path / "reaper"
    shutil.copy(shutil.which("sleep"), fake_reaper)
    proc = subprocess.Popen([str(fake_reaper), "60"])
    try:
        result = cli(["setup", "reaper", "--reaper-resource", str(resource)])
        assert result.returncode == 1
        assert "REAPER is running: quit it first" in result.stderr.decode()
        assert not any(resource.iterdir())
        assert cli(["setup", "reaper", "--reaper-resource", str(resource), "--force"]).returncode == 0
        assert len(scr_lines(resource)) == len(ACTIONS)
    finally:
        proc.kill()
        proc.wait()


def test_bad_reaper_folder_and_endpoint_are_named(tmp_path, capsys):
    assert main(["setup", "reaper", "--reaper-resource", str(tmp_path / "nope")]) == 1
    assert f"--reaper-resource {tmp_path / 'nope'}: no such folder" in capsys.readouterr().err
    assert main(["setup", "reaper", "--reaper-resource", str(tmp_path), "--endpoint", "udp://localhost:18002"]) == 2
    assert "--endpoint 'udp://localhost:18002' is not an engine address" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_an_endpoint_without_its_scheme_is_recorded_as_the_scripts_read_it(tmp_path):
    """HOST:PORT is an endpoint for every command (the CLI adds tcp://); the REAPER scripts get the full form."""
    assert main(["setup", "reaper", "--reaper-resource", str(tmp_path), "--endpoint", "localhost:18002"]) == 0
    assert "endpoint=tcp://localhost:18002" in (tmp_path / "reaper-extstate.ini").read_text().splitlines()


def test_setup_commands_do_not_load_torch(tmp_path):
    from test_service import modules_loaded

    (tmp_path / "REAPER").mkdir()
    (tmp_path / "Packages").mkdir()
    code = ("import contextlib, io, sys\nfrom bridge.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n"
            f"    assert main(['setup', 'reaper', '--reaper-resource', {str(tmp_path / 'REAPER')!r}, '--command', "
            f"sys.executable]) == 0\n"
            f"    assert main(['setup', 'max', '--packages', {str(tmp_path / 'Packages')!r}]) == 0")
    assert modules_loaded(code, ("torch", "diffusers", "transformers"), cwd=tmp_path) == []


# --- Max -----------------------------------------------------------------------------------------------------


def test_setup_max_installs_a_package_max_would_load(tmp_path, capsys):
    packages = tmp_path / "Max 9" / "Packages"
    packages.mkdir(parents=True)
    assert main(["setup", "max", "--packages", str(packages)]) == 0
    target = packages / "audioldm-bridge"
    info = json.loads((target / "package-info.json").read_text(encoding="utf-8"))
    assert info["name"] == target.name and info["homepatcher"]
    assert (target / "patchers" / info["homepatcher"]).is_file()
    for folder in ("patchers", "help", "docs"):
        assert any((target / folder).iterdir()), folder
    source_files = {p.relative_to(MAX_PACKAGE) for p in MAX_PACKAGE.rglob("*") if p.is_file()}
    assert {p.relative_to(target) for p in target.rglob("*") if p.is_file()} == source_files  # devices/ too, if any
    for rel in source_files:
        assert (target / rel).read_bytes() == (MAX_PACKAGE / rel).read_bytes()
    for patch in (target / "patchers").glob("*.maxpat"):
        assert "boxes" in json.loads(patch.read_text(encoding="utf-8"))["patcher"]

    (target / "patchers" / "stale.maxpat").write_text("{}")  # an older version's file
    assert main(["setup", "max", "--packages", str(packages)]) == 0
    assert not (target / "patchers" / "stale.maxpat").exists()
    assert main(["setup", "max", "--packages", str(packages), "--uninstall"]) == 0
    assert not target.exists() and packages.is_dir()

    (packages / "audioldm-bridge").mkdir()  # someone else's folder of that name
    (packages / "audioldm-bridge" / "mine.txt").write_text("keep")
    capsys.readouterr()
    assert main(["setup", "max", "--packages", str(packages)]) == 1
    assert "is not the audioldm-bridge package" in capsys.readouterr().err
    assert (packages / "audioldm-bridge" / "mine.txt").read_text() == "keep"


# --- model and doctor -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hf_cache_with_tiny(tmp_path_factory):
    """The tiny model saved as cvssp/audioldm-s-full-v2 in the layout huggingface_hub writes."""
    from engine.building import save_components
    from engine.tiny import build_tiny_components

    cache = tmp_path_factory.mktemp("hf") / "hub"
    repo = cache / "models--cvssp--audioldm-s-full-v2"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(FAKE_COMMIT)
    save_components(build_tiny_components(), repo / "snapshots" / FAKE_COMMIT)
    return cache


@pytest.fixture
def hf_offline(monkeypatch):
    """HF_HUB_OFFLINE=1 and a cache folder of the test's choosing (huggingface_hub reads both per call)."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    return lambda cache: monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))


def test_setup_model_offline_says_what_to_run_and_finds_a_cached_one(tmp_path, hf_cache_with_tiny, hf_offline,
                                                                     capsys):
    hf_offline(tmp_path / "empty")
    assert main(["setup", "model"]) == 1
    err = capsys.readouterr().err
    assert "'cvssp/audioldm-s-full-v2' is not in the local Hugging Face cache" in err
    assert "`audioldm-bridge setup model cvssp/audioldm-s-full-v2` on a connected machine" in err
    assert str(tmp_path / "empty") in err

    hf_offline(hf_cache_with_tiny)
    assert main(["setup", "model", "cvssp/audioldm-s-full-v2"]) == 0
    assert f"ready: {hf_cache_with_tiny}" in capsys.readouterr().out


def test_doctor_names_each_missing_piece_with_its_fix_then_passes(tmp_path, hf_cache_with_tiny, hf_offline,
                                                                   engine_service, command_on_path, capsys):
    from bridge import doctor

    resource, packages = tmp_path / "REAPER", tmp_path / "Packages"
    resource.mkdir()
    packages.mkdir()
    ports = {"osc_port": free_port(socket.SOCK_DGRAM), "pub_port": free_port()}
    hf_offline(tmp_path / "empty")
    console = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")  # a Windows console: no ✓/✗, ASCII marks
    status = doctor.run("cvssp/audioldm-s-full-v2", f"tcp://127.0.0.1:{free_port()}", resource, packages,
                        stream=console, **ports)
    console.flush()
    out = console.buffer.getvalue().decode("cp1252")
    assert status == 1, out
    lines = out.splitlines()

    def after(start):
        [index] = [i for i, line in enumerate(lines) if line.startswith(start)]
        return lines[index + 1].strip()

    assert after("[X] model cvssp/audioldm-s-full-v2 is not in the Hugging Face cache") \
        .startswith("-> audioldm-bridge setup model")
    assert after(f"[X] REAPER ({resource}): the AudioLDM actions are not installed") \
        .startswith(f'-> audioldm-bridge setup reaper --reaper-resource "{resource}"')
    assert after(f"[X] Max ({packages}): the audioldm-bridge package is not installed") \
        == f'-> audioldm-bridge setup max --packages "{packages}"'
    assert any(line.startswith("[ok] no engine running; its ports are free") for line in lines)
    assert any(line.startswith("[ok] Python ") for line in lines) and "3 problems" in out

    assert main(["setup", "reaper", "--reaper-resource", str(resource)]) == 0
    assert main(["setup", "max", "--packages", str(packages)]) == 0
    hf_offline(hf_cache_with_tiny)
    capsys.readouterr()
    assert main(["doctor", "--reaper-resource", str(resource), "--packages", str(packages),
                 "--endpoint", engine_service.endpoints()["zmq"]["requests"]]) == 0
    out = capsys.readouterr().out
    assert not [line for line in out.splitlines() if line.startswith("✗")], out
    assert "✓ model cvssp/audioldm-s-full-v2 in the Hugging Face cache" in out
    assert "✓ engine answering at" in out and "model tiny" in out
    version = setup_reaper.package_version(SCRIPTS)
    assert f"✓ REAPER ({resource}): AudioLDM actions {version} installed and registered" in out
    assert f"✓ Max ({packages}): audioldm-bridge package" in out

    # an outdated copy, an action missing from the list, a command that is gone: each named
    (resource / INSTALLED / "lib" / "json.lua").write_text("-- old\n", encoding="utf-8")
    kb = (resource / "reaper-kb.ini").read_text(encoding="utf-8")
    (resource / "reaper-kb.ini").write_text("\n".join(l for l in kb.splitlines() if "Settings.lua" not in l),
                                            encoding="utf-8")
    ext = (resource / "reaper-extstate.ini").read_text(encoding="utf-8")
    (resource / "reaper-extstate.ini").write_text(ext.replace(str(command_on_path), str(tmp_path / "gone")),
                                                  encoding="utf-8")
    [check] = doctor.check_reaper(resource)
    assert check.status == doctor.FAIL and check.fix.startswith("audioldm-bridge setup reaper")
    assert f"differ from this package's {version}" in check.text
    assert "not in the Action list: AudioLDM - Settings.lua" in check.text
    assert f"the command {tmp_path / 'gone'} does not exist" in check.text


# --- the wheel -------------------------------------------------------------------------------------------------


def test_a_non_editable_install_carries_the_reaper_scripts_and_the_max_package(tmp_path):
    """pip builds the wheel from this checkout (offline, no isolation); installed into a bare folder
    it holds the scripts and the package, and `setup` installs from that copy, not the checkout."""
    wheels, target, source = tmp_path / "wheels", tmp_path / "site", tmp_path / "source"
    # a copy: setuptools builds in the source folder (build/, *.egg-info)
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__",
                                                                 ".pytest_cache", ".hypothesis", "renders", "results"))
    pip = [sys.executable, "-m", "pip"]
    # offline with this environment's setuptools where it has one (a venv of Python >= 3.12 has none)
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("setuptools") else []
    build = subprocess.run([*pip, "wheel", str(source), "--no-deps", *isolation, "-w", str(wheels)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    # no packaging warning on install: no data folder mistaken for a package, no deprecated licence table
    assert "BuildBackendWarning" not in build.stderr and "deprecated" not in build.stderr, build.stderr
    [wheel] = wheels.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    [metadata] = [name for name in names if name.endswith(".dist-info/METADATA")]
    headers = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in headers.splitlines()
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    for name in [*ACTIONS, "lib/audioldm.lua", "lib/json.lua"]:
        assert f"bridge/_data/reaper_scripts/{name}" in names
    for path in MAX_PACKAGE.rglob("*"):
        if path.is_file():
            assert f"bridge/_data/max_package/{path.relative_to(MAX_PACKAGE).as_posix()}" in names
    install = subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
                             capture_output=True, text=True, timeout=600)
    assert install.returncode == 0, install.stderr

    run = tmp_path / "run"
    run.mkdir()
    where = subprocess.run([sys.executable, "-c", "import bridge.assets as a; print(a.reaper_scripts_dir()); "
                                                  "print(a.max_package_dir())"],
                           cwd=run, env={**os.environ, "PYTHONPATH": str(target)}, capture_output=True, text=True)
    assert where.stdout.split() == [str(target / "bridge" / "_data" / "reaper_scripts"),
                                    str(target / "bridge" / "_data" / "max_package")], where.stderr
    version = cli(["--version"], cwd=run, pythonpath=target)  # the installed metadata: no pyproject.toml there
    assert version.stdout.decode().split() == ["audioldm-bridge", tomllib.loads(
        (REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]], version.stderr
    (run / "Packages").mkdir()
    (run / "REAPER").mkdir()
    assert cli(["setup", "max", "--packages", str(run / "Packages")], cwd=run, pythonpath=target).returncode == 0
    assert (run / "Packages" / "audioldm-bridge" / "package-info.json").is_file()
    result = cli(["setup", "reaper", "--reaper-resource", str(run / "REAPER"), "--command", sys.executable],
                 cwd=run, pythonpath=target)
    assert result.returncode == 0, result.stderr.decode()
    assert len(scr_lines(run / "REAPER")) == len(ACTIONS)
