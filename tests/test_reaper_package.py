"""The ReaPack package: headers, @provides, the index and one version; the library as a whole (every part
loaded, nothing blocking, JSON through Lua, luacheck)."""

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    ACTIONS, AWKWARD, MAIN, REPO, SCRIPTS, command, engine_service, lua_lib, make_fake,
)

#: The shared library: its entry, the parts it loads (in this order) and the JSON module.
PARTS = ("util", "settings", "dialogs", "tempo", "request", "cmdline", "job", "insert", "actions", "history",
         "morph")
LIBRARY = ["lib/audioldm.lua", *(f"lib/{part}.lua" for part in PARTS), "lib/json.lua"]


# --- the library ----------------------------------------------------------------------------------


def test_the_entry_loads_every_part_into_one_table(make_fake):
    """lib/audioldm.lua loads each part from its own folder (as the actions load it: dofile beside the
    script) into the one table the actions use; the folder holds nothing else."""
    assert sorted(p.relative_to(SCRIPTS).as_posix() for p in (SCRIPTS / "lib").glob("*.lua")) == sorted(LIBRARY)
    fake = make_fake()
    lib = lua_lib(fake)
    assert [lib.PARTS[i] for i in range(1, len(lib.PARTS) + 1)] == list(PARTS)
    lua_type = fake.lua.eval("type")
    for name in ("message", "load_settings", "generate_dialog", "bars_span", "frames", "request_fields",
                 "command_line", "start_job", "insert_item", "generate_action", "edit_action", "history_action",
                 "morph_action", "more_like_action"):
        assert lua_type(lib[name]) == "function", name


def test_scripts_never_call_blocking_process_functions():
    for path in [*ACTIONS, *(SCRIPTS / "lib").glob("*.lua")]:
        code = path.read_text(encoding="utf-8")
        assert "os.execute" not in code and "io.popen" not in code, path.name


def test_json_round_trip_through_lua(make_fake):
    fake = make_fake()
    lib = lua_lib(fake)
    fields = fake.lua.table_from({"prompt": AWKWARD, "seconds": 28 / 3, "steps": 10, "loop": False})
    encoded = lib.json.encode(fields)
    assert json.loads(encoded) == {"prompt": AWKWARD, "seconds": 28 / 3, "steps": 10, "loop": False}
    decoded = lib.json.decode(json.dumps({"p": "\ud83c\udf27 a\\b", "n": None, "x": [1, 2.5]}))
    assert decoded.p == "\U0001F327 a\\b" and decoded.n is None and decoded.x[2] == 2.5
    value, problem = lib.json.decode('{"a": ')
    assert value is None and "bad JSON" in problem


# --- ReaPack: headers, index, version -------------------------------------------------------------


HEADER = re.compile(r"^-- @(\w+)(?: (.*))?$")


def header(path):
    tags, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line)
        if match:
            current = match.group(1)
            tags[current] = (match.group(2) or "").strip()
        elif line.startswith("--   ") and current:
            tags[current] += "\n" + line[5:]
        elif not line.startswith("--"):
            break
    return tags


def test_every_action_has_a_reapack_header_and_the_package_provides_them_all():
    assert [p.name for p in ACTIONS] == ["AudioLDM - Extend selected item.lua", "AudioLDM - Generate at edit cursor.lua",
                                         "AudioLDM - Generate for time selection.lua", "AudioLDM - History.lua",
                                         "AudioLDM - More like selected item.lua",
                                         "AudioLDM - More variations of selected item.lua",
                                         "AudioLDM - Morph between selected items.lua",
                                         "AudioLDM - Repaint time selection in item.lua", "AudioLDM - Settings.lua",
                                         "AudioLDM - Transform selected item.lua"]
    main = header(MAIN)
    version = main["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version) and main["author"] and main["description"] and main["changelog"]
    provided = [line.split("] ", 1) for line in main["provides"].strip().splitlines()]
    provided = {name: kind.strip("[") for kind, name in provided}
    for path in ACTIONS:
        if path == MAIN:
            continue
        tags = header(path)
        assert "noindex" in tags and tags["version"] == version and tags["description"]
        assert provided[path.name] == "main"
    libs = sorted(p.relative_to(SCRIPTS).as_posix() for p in (SCRIPTS / "lib").glob("*.lua"))
    assert sorted(k for k, v in provided.items() if v == "nomain") == libs
    for name in provided:
        assert (SCRIPTS / name).is_file()


def test_reapack_index_lists_the_package():
    out = subprocess.run([sys.executable, str(SCRIPTS / "make_index.py"), "--repo", "someone/audioldm-bridge",
                          "--commit", "0123456789abcdef0123456789abcdef01234567"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    index = ET.fromstring(out.stdout)
    assert index.tag == "index" and index.get("version") == "1"
    [category] = index.findall("category")
    [package] = category.findall("reapack")
    assert package.get("type") == "script" and package.get("name") == "AudioLDM - Generate at edit cursor.lua"
    [version] = package.findall("version")
    assert version.get("name") == header(MAIN)["version"] == package_version()
    sources = {s.get("file") or package.get("name"): s for s in version.findall("source")}
    assert set(sources) == {p.name for p in ACTIONS} | set(LIBRARY)
    for name, source in sources.items():
        assert source.text.startswith("https://github.com/someone/audioldm-bridge/raw/0123456789abcdef")
        assert " " not in source.text and source.text.endswith(name.replace(" ", "%20"))
        assert (source.get("main") == "main") == name.startswith("AudioLDM - ")


def package_version():
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_scripts_index_and_package_say_one_version():
    """The ReaPack package, every action's header, the Python package and what the engine reports
    (status, sidecars) carry one version."""
    import engine

    version = package_version()
    assert engine.__version__ == version
    for path in ACTIONS:
        assert header(path)["version"] == version, path.name
    out = subprocess.run([sys.executable, str(SCRIPTS / "make_index.py"), "--repo", "someone/audioldm-bridge",
                          "--commit", "0" * 40], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert ET.fromstring(out.stdout).find("category/reapack/version").get("name") == version


def test_make_index_refuses_a_script_with_another_version(tmp_path):
    """make_index takes the version from pyproject.toml and writes nothing when a script says another."""
    shutil.copytree(SCRIPTS, tmp_path / "reaper_scripts")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "9.8.7"\n', encoding="utf-8")
    out = subprocess.run([sys.executable, str(tmp_path / "reaper_scripts" / "make_index.py"), "--repo", "a/b",
                          "--commit", "0" * 40], capture_output=True, text=True, timeout=60)
    assert out.returncode != 0 and out.stdout == ""
    assert f"says @version {header(MAIN)['version']}, but the package (pyproject.toml) is 9.8.7" in out.stderr


# --- luacheck -------------------------------------------------------------------------------------


def test_luacheck_reports_nothing():
    luacheck = shutil.which("luacheck")
    if luacheck is None:
        pytest.skip("luacheck is not installed (apt install lua-check, or luarocks install luacheck)")
    out = subprocess.run([luacheck, "--std", "lua54", "--globals", "reaper", "gfx", "--codes", "--no-color", "--", *map(str, ACTIONS),
                          str(SCRIPTS / "lib")], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
