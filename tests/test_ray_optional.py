"""Ray is optional: without it `serve --ray` says how to install it; without --ray it is never imported."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def run_cli(code: str):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=ENV, timeout=120)


def test_serve_ray_without_ray_says_how_to_install_it():
    result = run_cli("import sys; sys.modules['ray'] = None  # as if not installed\n"
                     "from bridge.cli import main; sys.exit(main(['serve', '--model', 'tiny', '--ray', 'local']))")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "audioldm-bridge serve: --ray needs Ray, which is not installed here: pip install 'audioldm-bridge[ray]' "
        "(on every machine that runs replicas)"]


def test_replica_options_without_ray_are_a_usage_error():
    result = run_cli("import sys; from bridge.cli import main; "
                     "sys.exit(main(['serve', '--model', 'tiny', '--replicas', '2']))")
    assert result.returncode == 2
    assert "--replicas needs --ray" in result.stderr


def test_the_single_process_service_never_imports_ray():
    result = run_cli("import sys; import bridge.service, bridge.queue, bridge.worker, bridge.cli; bridge.cli.build_parser(); "
                     "print('ray' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_ci_runs_the_readme_test_command_and_it_installs_ray():
    """CI (.ci/run) runs exactly the README's test command, and that installs the `ray` extra, so the
    Ray tests run in CI instead of skipping (issue 17: `serve --ray` broke unseen while they skipped)."""
    readme = [line.split("#")[0].strip() for line in (REPO / "README.md").read_text().splitlines()
              if "python -m pytest" in line and line.startswith("pip install")]
    ci = [line.strip() for line in (REPO / ".ci" / "run").read_text().splitlines()
          if "python -m pytest" in line and line.startswith("pip install")]
    assert len(readme) == 1 and ci == [readme[0].replace("pip install ", "pip install -q ", 1)], (readme, ci)
    assert "'.[test,ray]'" in readme[0]
