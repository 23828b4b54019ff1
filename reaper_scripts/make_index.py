"""Write the ReaPack index (index.xml) of the AudioLDM actions to stdout.

    python reaper_scripts/make_index.py --repo OWNER/NAME [--commit SHA] > index.xml

One package (the main script's header: @description, @author, @changelog, @about, @provides);
every file it provides becomes a <source> pointing at
https://github.com/OWNER/NAME/raw/SHA/reaper_scripts/FILE — SHA defaults to the current commit,
so publish the index from a commit that holds the scripts. Users add the raw URL of the
committed index.xml in ReaPack (Extensions → ReaPack → Import repositories).

The version is the Python package's (pyproject.toml): the actions and the `audioldm-bridge` command
they run are released together. Every script's @version must say the same, or no index is written.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from bridge.setup_reaper import read_header  # `setup reaper` reads the same headers: one parser

HERE = Path(__file__).resolve().parent
PYPROJECT = HERE.parent / "pyproject.toml"
MAIN = "AudioLDM - Generate at edit cursor.lua"
CATEGORY = "AudioLDM"


def package_version(pyproject: Path = PYPROJECT) -> str:
    """The version in pyproject.toml's [project] table."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the one line it needs
        section = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", pyproject.read_text(encoding="utf-8"), re.M | re.S)
        match = section and re.search(r'^version\s*=\s*"([^"]+)"\s*$', section.group(1), re.M)
        if not match:
            raise SystemExit(f"make_index: no version in the [project] table of {pyproject}")
        return match.group(1)
    with pyproject.open("rb") as f:
        return tomllib.load(f)["project"]["version"]


def provided_files(tags: dict[str, str]) -> list[tuple[str, str]]:
    """(kind, file) from @provides lines like `[main] AudioLDM - Settings.lua` or `[nomain] lib/x.lua`."""
    files = []
    for line in tags.get("provides", "").splitlines():
        match = re.fullmatch(r"\s*\[(\w+)\]\s+(.+?)\s*", line)
        if not match:
            raise SystemExit(f"make_index: cannot read @provides line {line!r}")
        files.append((match.group(1), match.group(2)))
    return files


def build_index(repo: str, commit: str, when: str) -> str:
    main_path = HERE / MAIN
    tags = read_header(main_path)
    for required in ("description", "author"):
        if not tags.get(required):
            raise SystemExit(f"make_index: {MAIN} has no @{required}")
    version = package_version()
    for name in [MAIN, *(name for kind, name in provided_files(tags) if kind == "main")]:
        said = read_header(HERE / name).get("version") if (HERE / name).is_file() else version
        if said != version:
            raise SystemExit(f"make_index: {name} says @version {said}, but the package (pyproject.toml) is "
                             f"{version}: give every action @version {version}")

    def url(name: str) -> str:
        return f"https://github.com/{repo}/raw/{commit}/reaper_scripts/{quote(name)}"

    sources = [f'        <source main="main">{escape(url(MAIN))}</source>']
    for kind, name in provided_files(tags):
        if not (HERE / name).is_file():
            raise SystemExit(f"make_index: @provides names {name}, which does not exist")
        main_attr = ' main="main"' if kind == "main" else ""
        sources.append(f"        <source file={quoteattr(name)}{main_attr}>{escape(url(name))}</source>")
    about = tags.get("about", "")
    changelog = tags.get("changelog", "")
    return "\n".join([
        '<?xml version="1.0" encoding="utf-8"?>',
        '<index version="1" name="audioldm-bridge">',
        f"  <category name={quoteattr(CATEGORY)}>",
        f"    <reapack name={quoteattr(MAIN)} type=\"script\" desc={quoteattr(tags['description'])}>",
        f"      <metadata><description><![CDATA[{about}]]></description></metadata>",
        f"      <version name={quoteattr(version)} author={quoteattr(tags['author'])} time={quoteattr(when)}>",
        f"        <changelog><![CDATA[{changelog}]]></changelog>",
        *sources,
        "      </version>",
        "    </reapack>",
        "  </category>",
        "</index>",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", required=True, help="GitHub OWNER/NAME the files are served from")
    parser.add_argument("--commit", help="commit the URLs point at (default: git rev-parse HEAD)")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", args.repo):
        parser.error(f"--repo must look like OWNER/NAME, got {args.repo!r}")
    commit = args.commit or subprocess.run(["git", "rev-parse", "HEAD"], cwd=HERE, capture_output=True, text=True,
                                           check=True).stdout.strip()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    sys.stdout.write(build_index(args.repo, commit, when))
    return 0


if __name__ == "__main__":
    sys.exit(main())
