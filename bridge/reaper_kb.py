"""REAPER's resource folder and how an action is registered in it (``reaper-kb.ini``).

* Where the folder is: REAPER's default per platform, or the one given (a portable install).
* Where the scripts go: ``Scripts/audioldm-bridge/AudioLDM/`` — the path ReaPack gives them
  (``Scripts/<repository>/<category>/<file>``, see reaper_scripts/make_index.py).
* One ``SCR`` line per action in ``reaper-kb.ini`` — the line REAPER itself writes when a script is
  loaded with "New action → Load ReaScript…": ``SCR 4 0 RS<id> "Custom: <file>" "<path>"`` (flags
  4, section 0 = Main, a command id, the description REAPER shows as "Script: <file>", the path
  relative to ``Scripts/``). The id is ``RS`` + the SHA-1 of that relative path, so it is the same
  on every re-run and shortcuts bound to it keep working.
* Its config files read and replaced as REAPER writes them: CRLF kept, bytes that are not UTF-8
  carried through, an atomic replace.

``audioldm-bridge setup reaper`` (bridge.setup_reaper) uses these to install and uninstall.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCRIPTS_SUBDIR = ("audioldm-bridge", "AudioLDM")  # Scripts/<ReaPack repository>/<category>
KB_FILE = "reaper-kb.ini"


class SetupError(Exception):
    """Something the user must fix; the message names it and says how."""


# --- where REAPER keeps things ---------------------------------------------------------------------


def default_resource_dir() -> Path:
    """REAPER's resource folder for a normal (non-portable) install on this platform."""
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(appdata) / "REAPER"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "REAPER"
    default = Path.home() / ".config" / "REAPER"
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return Path(xdg) / "REAPER" if xdg and (Path(xdg) / "REAPER").is_dir() else default


def find_resource_dir(explicit: Path | None = None) -> Path:
    if explicit is not None:
        folder = Path(explicit).expanduser()
        if not folder.is_dir():
            raise SetupError(f"--reaper-resource {explicit}: no such folder (REAPER shows its resource folder "
                             f"under Options → Show REAPER resource path)")
        return folder.absolute()
    folder = default_resource_dir()
    if not folder.is_dir():
        raise SetupError(f"REAPER's resource folder {folder} does not exist: start REAPER once (it creates it), "
                         f"or for a portable install pass --reaper-resource with its folder")
    return folder


def install_dir(resource: Path) -> Path:
    return resource.joinpath("Scripts", *SCRIPTS_SUBDIR)


# --- an action: a script file and its command id --------------------------------------------------------


@dataclass(frozen=True)
class ScriptFile:
    relative: str  # inside the package folder, "/"-separated: "lib/audioldm.lua"
    action: bool  # [main]: listed in the Action list


def scripts_relative(file: ScriptFile) -> str:
    """The path REAPER records for an action: relative to Scripts/, "/"-separated."""
    return "/".join([*SCRIPTS_SUBDIR, file.relative])


def command_id(file: ScriptFile) -> str:
    return "RS" + hashlib.sha1(scripts_relative(file).encode("utf-8")).hexdigest()


# --- reaper-kb.ini -------------------------------------------------------------------------------------


def split_tokens(line: str) -> list[str]:
    """A REAPER config line's tokens: whitespace-separated, grouped by " ' or ` quotes."""
    tokens, i = [], 0
    while i < len(line):
        c = line[i]
        if c.isspace():
            i += 1
            continue
        if c in "\"'`":
            end = line.find(c, i + 1)
            end = len(line) if end < 0 else end
            tokens.append(line[i + 1:end])
            i = end + 1
        else:
            end = i
            while end < len(line) and not line[end].isspace():
                end += 1
            tokens.append(line[i:end])
            i = end
    return tokens


def quote_token(text: str) -> str:
    """Quoted the way REAPER writes its config tokens (double quotes unless the text holds one)."""
    if text and not any(c.isspace() or c in "\"'`" for c in text):
        return text
    for quote in "\"'`":
        if quote not in text:
            return quote + text + quote
    raise SetupError(f"{text!r} holds every kind of quote REAPER knows; it cannot be written to {KB_FILE}")


def kb_line(file: ScriptFile) -> str:
    path = scripts_relative(file).replace("/", os.sep)
    return f"SCR 4 0 {command_id(file)} {quote_token('Custom: ' + file.relative.rsplit('/', 1)[-1])} {quote_token(path)}"


def _ours(path_token: str, resource: Path) -> str | None:
    """The path below Scripts/audioldm-bridge/AudioLDM/ an SCR line's script has ("/"-separated), or None."""
    path = path_token.replace("\\", "/")
    scripts = str(resource / "Scripts").replace("\\", "/").rstrip("/") + "/"
    if path.startswith(scripts):
        path = path[len(scripts):]
    prefix = "/".join(SCRIPTS_SUBDIR) + "/"
    return path[len(prefix):] if path.startswith(prefix) else None


def _scr_entries(lines: list[str], resource: Path) -> list[tuple[int, str, str, str]]:
    """(line index, section, command id, file below our folder) of every SCR line for one of our files."""
    found = []
    for index, line in enumerate(lines):
        tokens = split_tokens(line)
        if len(tokens) >= 6 and tokens[0] == "SCR":
            relative = _ours(tokens[5], resource)
            if relative is not None:
                found.append((index, tokens[2], tokens[3], relative))
    return found


def registered_actions(resource: Path) -> dict[str, str]:
    """Our files registered in the Main section of reaper-kb.ini → their command ids."""
    kb = resource / KB_FILE
    if not kb.is_file():
        return {}
    lines = read_text(kb).splitlines()
    return {relative: cid for _, section, cid, relative in _scr_entries(lines, resource) if section == "0"}


def update_kb(text: str, resource: Path, files: list[ScriptFile] | None) -> tuple[str, list[str]]:
    """``text`` of reaper-kb.ini with one Main-section SCR line per action in ``files`` (an existing one
    is kept), none for files of ours that are gone; ``files=None`` removes them all and the KEY lines
    bound to them. Returns the new text and the added lines."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    wanted = {f.relative: f for f in files or [] if f.action}
    drop, kept, removed_ids = set(), set(), set()
    for index, section, cid, relative in _scr_entries(lines, resource):
        if relative in wanted and section == "0" and relative not in kept:
            kept.add(relative)
        elif relative in wanted and section != "0":
            continue  # the user also put it in another section (MIDI editor…): theirs
        else:
            drop.add(index)
            removed_ids.add(cid)
    if files is None and removed_ids:
        for index, line in enumerate(lines):
            tokens = split_tokens(line)
            if len(tokens) >= 4 and tokens[0] == "KEY" and tokens[3].lstrip("_") in removed_ids:
                drop.add(index)
    lines = [line for index, line in enumerate(lines) if index not in drop]
    added = [kb_line(f) for relative, f in wanted.items() if relative not in kept]
    lines += added
    return (newline.join(lines) + newline) if lines else "", added


# --- files -------------------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """A REAPER config file's text, as it is on disk."""
    # newline="" keeps CRLF; surrogateescape carries bytes that are not UTF-8 through unchanged
    with open(path, encoding="utf-8", errors="surrogateescape", newline="") as f:
        return f.read()


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` atomically (a crash leaves the old file or the new one, never half)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
