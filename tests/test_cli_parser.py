"""The `audioldm-bridge` parser as a newcomer meets it: --version, defaults in every help text."""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

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
