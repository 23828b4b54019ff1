"""`audioldm-bridge setup reaper`: the AudioLDM actions installed into REAPER, ready to run.

What it writes, all in REAPER's resource folder (found by bridge.reaper_kb), while REAPER is closed:

* the scripts and their library into ``Scripts/audioldm-bridge/AudioLDM/`` — the path ReaPack
  gives them (``Scripts/<repository>/<category>/<file>``, see reaper_scripts/make_index.py), so a
  later ReaPack install takes the same files over;
* one ``SCR`` line per action in ``reaper-kb.ini`` — the line REAPER itself writes when a script is
  loaded with "New action → Load ReaScript…" (bridge.reaper_kb), with a command id that is the same
  on every re-run, so shortcuts bound to it keep working. A line already there for one of these
  files is kept as it is (with its id), so nothing is listed twice;
* the ``command`` (and ``endpoint``) settings the scripts read with ``reaper.GetExtState("AudioLDM",
  …)`` (reaper_scripts/lib/audioldm.lua), into ``reaper-extstate.ini`` where REAPER keeps persistent
  ExtState, so the first action run asks no first-run question.

REAPER reads those two ini files when it starts and writes them back (from memory) when it quits,
so they must be written while it is closed: a running REAPER is refused (``--force`` writes anyway).
The alternative, a one-time installer action calling ``reaper.AddRemoveReaScript``, would itself
have to be loaded by hand through the Action list — the step this command exists to remove.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from . import assets
from .reaper_kb import (KB_FILE, ScriptFile, SetupError, install_dir, read_text, registered_actions, update_kb,
                        write_text)

EXTSTATE_SECTION = "AudioLDM"  # A.SECTION in reaper_scripts/lib/audioldm.lua
SETTINGS_WRITTEN = ("command", "endpoint")
EXTSTATE_FILE = "reaper-extstate.ini"
_TAG = re.compile(r"^-- @(\w+)(?: (.*))?$")
_ENDPOINT = re.compile(r"^tcp://[A-Za-z0-9.\-]+:\d+$")  # what A.check_settings accepts


# --- the scripts -------------------------------------------------------------------------------------


def read_header(path: Path) -> dict[str, str]:
    """ReaPack header tags of a Lua script (`-- @tag value`, continued by `--   ` lines)."""
    tags: dict[str, str] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _TAG.match(line)
        if match:
            current = match.group(1)
            tags[current] = (match.group(2) or "").strip()
        elif line.startswith("--   ") and current:
            tags[current] = (tags[current] + "\n" + line[5:]).strip("\n")
        elif not line.startswith("--"):
            break
    return tags


def package_files(scripts: Path) -> list[ScriptFile]:
    """The main script and every file its ``@provides`` names (what ReaPack installs)."""
    files = [ScriptFile(assets.REAPER_MAIN, True)]
    for line in read_header(scripts / assets.REAPER_MAIN).get("provides", "").splitlines():
        match = re.fullmatch(r"\s*\[(\w+)\]\s+(.+?)\s*", line)
        if not match:
            raise SetupError(f"cannot read the @provides line {line!r} of {assets.REAPER_MAIN}")
        files.append(ScriptFile(match.group(2), match.group(1) == "main"))
    return files


def package_version(scripts: Path) -> str:
    return read_header(scripts / assets.REAPER_MAIN).get("version", "?")


# --- reaper-extstate.ini ----------------------------------------------------------------------------


def _section_name(line: str) -> str | None:
    stripped = line.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        return stripped[1:-1].strip()
    return None


def read_ini(text: str) -> dict[tuple[str, str], str]:
    """{(section, key): value} of an ini file, names lower-cased (Windows' profile functions ignore case)."""
    values, section = {}, None
    for line in text.splitlines():
        name = _section_name(line)
        if name is not None:
            section = name.lower()
        elif section is not None and "=" in line:
            key, value = line.split("=", 1)
            values.setdefault((section, key.strip().lower()), value.strip())
    return values


def update_ini(text: str, section: str, set_values: dict[str, str], remove: tuple[str, ...] = ()) -> str:
    """``text`` with ``set_values`` written into ``[section]`` and the keys in ``remove`` dropped; every
    other line (other sections, comments, line endings) stays as it was. A section left empty goes."""
    newline = "\r\n" if "\r\n" in text else ("\n" if text else os.linesep)
    lines = text.splitlines()
    pending = dict(set_values)
    out, start, in_section = [], None, False
    for line in lines:
        name = _section_name(line)
        if name is not None:
            if in_section:
                out = _close_section(out, start, pending, at_end=False)
            in_section = name.lower() == section.lower()
            start = len(out) if in_section else start
            out.append(line)
            continue
        if in_section and "=" in line:
            key = line.split("=", 1)[0].strip().lower()
            match = next((k for k in pending if k.lower() == key), None)
            if match is not None:
                out.append(f"{match}={pending.pop(match)}")
                continue
            if key in (k.lower() for k in remove):
                continue
        out.append(line)
    if in_section:
        out = _close_section(out, start, pending, at_end=True)
    if pending:
        while out and not out[-1].strip():
            out.pop()
        if out:
            out.append("")
        out.append(f"[{section}]")
        out += [f"{key}={value}" for key, value in pending.items()]
        pending.clear()
    return (newline.join(out) + newline) if out else ""


def _close_section(out: list[str], start: int, pending: dict, at_end: bool) -> list[str]:
    """End of the section that began at out[start]: add what is pending after its last entry. A section
    left empty goes, with the blank lines that set it off at the end of the file (as it was added)."""
    body_end = len(out)
    while body_end > start + 1 and not out[body_end - 1].strip():
        body_end -= 1
    out = out[:body_end] + [f"{key}={value}" for key, value in pending.items()] + out[body_end:]
    pending.clear()
    if not any(line.strip() for line in out[start + 1:]):
        del out[start:]
        while at_end and out and not out[-1].strip():
            out.pop()
    return out


# --- the command and a running REAPER ------------------------------------------------------------------------


def find_command() -> Path | None:
    """This environment's ``audioldm-bridge`` entry point (the console script pip made)."""
    name = "audioldm-bridge.exe" if os.name == "nt" else "audioldm-bridge"
    folders = [sysconfig.get_path("scripts"), str(Path(sys.executable).parent)]
    try:
        folders.append(sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user")))
    except (KeyError, AttributeError):
        pass
    for folder in folders:
        candidate = Path(folder) / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return Path(os.path.abspath(candidate))
    return None


def check_command(command: Path) -> None:
    """The REAPER scripts quote the command for ExecProcess; refuse a path they cannot carry."""
    text = str(command)
    bad = '"' if os.name == "nt" else '"\\$`'
    if any(c in text for c in bad) or "\n" in text:
        raise SetupError(f"the command's path {text} holds a character ({' '.join(bad)}) the REAPER scripts cannot "
                         f"pass to REAPER's ExecProcess: install audioldm-bridge in a folder without it")
    if not Path(text).is_absolute():
        raise SetupError(f"the command must be an absolute path, got {text}")
    if not Path(text).is_file():
        raise SetupError(f"the command {text} does not exist")


def check_endpoint(endpoint: str) -> None:
    if not _ENDPOINT.match(endpoint):
        raise SetupError(f"the endpoint must look like tcp://127.0.0.1:18002 (what the REAPER scripts accept), "
                         f"got {endpoint}")


def running_processes(names: set[str]) -> list[str]:
    """Names of running processes whose executable name (case-insensitive) is in ``names``; [] when unknown."""
    found = []
    try:
        if sys.platform.startswith("linux"):
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    text = stat.read_text(errors="replace")  # "pid (name) state ..."
                except OSError:
                    continue
                name, state = text[text.find("(") + 1:text.rfind(")")], text[text.rfind(")") + 2:][:1]
                if name.lower() in names and state not in ("Z", "X"):  # a zombie has quit already
                    found.append(name)
        elif sys.platform == "darwin":
            out = subprocess.run(["ps", "-A", "-c", "-o", "comm="], capture_output=True, text=True, timeout=10).stdout
            found = [line.strip() for line in out.splitlines() if line.strip().lower() in names]
        elif sys.platform == "win32":
            out = subprocess.run(["tasklist", "/FO", "CSV", "/NH"], capture_output=True, text=True, timeout=10).stdout
            for line in out.splitlines():
                name = line.split('","')[0].strip('"')
                if name.lower() in names:
                    found.append(name)
    except (OSError, subprocess.SubprocessError):
        return []
    return found


def reaper_running() -> list[str]:
    return running_processes({"reaper", "reaper.exe", "reaper64", "reaper64.exe"})


def _refuse_if_running(force: bool) -> None:
    running = reaper_running()
    if running and not force:
        raise SetupError("REAPER is running: quit it first (it rewrites reaper-kb.ini and reaper-extstate.ini when "
                         "it quits, which would undo this), then run this again. --force writes anyway.")


# --- install / uninstall ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    resource: Path
    folder: Path
    version: str = ""
    files: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # action names as the Action list shows them
    added_lines: list[str] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)


def install(resource: Path, command: Path, endpoint: str | None, force: bool = False) -> Outcome:
    """Copy the scripts, register the actions, record the command (and endpoint, when given or unset)."""
    check_command(command)
    if endpoint is not None:
        check_endpoint(endpoint)
    _refuse_if_running(force)
    source = assets.reaper_scripts_dir()
    files = package_files(source)
    folder = install_dir(resource)
    outcome = Outcome(resource, folder, version=package_version(source))
    for f in files:
        target = folder / f.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / f.relative, target)
        outcome.files.append(f.relative)
    # scripts an older version installed and this one no longer has
    shipped = {f.relative for f in files}
    for old in [*folder.glob("AudioLDM - *.lua"), *folder.glob("lib/*.lua")]:
        relative = old.relative_to(folder).as_posix()
        if relative not in shipped:
            old.unlink()
            outcome.removed.append(relative)

    kb = resource / KB_FILE
    text = read_text(kb) if kb.is_file() else ""
    new_text, outcome.added_lines = update_kb(text, resource, files)
    if new_text != text:
        write_text(kb, new_text)
    outcome.actions = ["Script: " + f.relative for f in files if f.action]

    ext = resource / EXTSTATE_FILE
    text = read_text(ext) if ext.is_file() else ""
    values = {"command": str(command)}
    current = read_ini(text)
    if endpoint is not None or not current.get((EXTSTATE_SECTION.lower(), "endpoint")):
        from .client import default_endpoint  # $AUDIOLDM_BRIDGE_ENDPOINT, else tcp://127.0.0.1:18002

        values["endpoint"] = endpoint or default_endpoint()
    new_text = update_ini(text, EXTSTATE_SECTION, values)
    if new_text != text:
        write_text(ext, new_text)
    outcome.settings = values
    return outcome


def uninstall(resource: Path, force: bool = False) -> Outcome:
    """Remove the scripts, their reaper-kb.ini lines (and shortcuts bound to them) and the settings
    setup wrote; everything else in those files stays."""
    _refuse_if_running(force)
    folder = install_dir(resource)
    outcome = Outcome(resource, folder)
    try:
        shipped = {f.relative for f in package_files(assets.reaper_scripts_dir())}
    except assets.AssetsMissing:
        shipped = set()
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and (relative in shipped or path.suffix == ".lua"):
                path.unlink()
                outcome.removed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        for empty in (folder, folder.parent):
            if empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()
    kb = resource / KB_FILE
    if kb.is_file():
        text = read_text(kb)
        new_text, _ = update_kb(text, resource, None)
        if new_text != text:
            write_text(kb, new_text)
    ext = resource / EXTSTATE_FILE
    if ext.is_file():
        text = read_text(ext)
        new_text = update_ini(text, EXTSTATE_SECTION, {}, remove=SETTINGS_WRITTEN)
        if new_text != text:
            write_text(ext, new_text)
    return outcome


# --- what is installed (doctor) -----------------------------------------------------------------------------


@dataclass
class Installed:
    version: str | None  # the installed main script's @version, None when not installed
    same_files: bool  # every file identical to this package's
    missing_actions: list[str]
    command: str  # the command setting ("" when unset)


def installed_state(resource: Path) -> Installed:
    source = assets.reaper_scripts_dir()
    files = package_files(source)
    folder = install_dir(resource)
    main = folder / assets.REAPER_MAIN
    version = read_header(main).get("version", "?") if main.is_file() else None
    same = all((folder / f.relative).is_file() and (folder / f.relative).read_bytes() == (source / f.relative).read_bytes()
               for f in files)
    registered = registered_actions(resource)
    missing = [f.relative for f in files if f.action and f.relative not in registered]
    ext = resource / EXTSTATE_FILE
    settings = read_ini(read_text(ext)) if ext.is_file() else {}
    return Installed(version, same, missing, settings.get((EXTSTATE_SECTION.lower(), "command"), ""))
