"""The project's own imports run one way: no module imports (directly or at call time) one that
imports it back. Circles make start-up order fragile and hide which module owns what."""

import ast
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "bridge")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = REPO / name.replace(".", "/")
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def project_imports(path: Path) -> set[str]:
    """The project modules (and packages, whose __init__ runs) that the file at ``path`` imports."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - (node.level - 1)])
                base = f"{base}.{node.module}" if node.module else base
            elif node.module and node.module.split(".")[0] in PACKAGES:
                base = node.module
            else:
                continue
            submodules = [f"{base}.{a.name}" for a in node.names if is_module(f"{base}.{a.name}")]
            # `from PACKAGE import submodule` depends on the submodule; other names come from base itself.
            names = submodules + ([base] if len(submodules) < len(node.names) else [])
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] in PACKAGES]
        else:
            continue
        found.update(n for n in names if is_module(n) and n not in PACKAGES)
    return found


def graph() -> dict[str, set[str]]:
    """Every module of engine/ and bridge/, subpackages (bridge/cli/) included; a package's
    __init__.py is the node named after the package."""
    modules = {module_name(f): f for p in PACKAGES for f in (REPO / p).rglob("*.py")
               if module_name(f) not in PACKAGES and "_data" not in f.relative_to(REPO).parts}
    return {name: project_imports(path) - {name} for name, path in modules.items()}


def loaded_after(code: str, watched: tuple[str, ...]) -> list[str]:
    """Which of the ``watched`` modules a fresh interpreter has loaded once it has run ``code``."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {watched!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip())


def find_cycle(edges):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_circles():
    assert find_cycle(graph()) is None, " → ".join(find_cycle(graph()))


def test_the_checker_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    edges = graph()
    assert "engine.building" in edges["engine.tiny"] and "engine.tiny" in edges["engine.models"]


def test_the_graph_covers_the_render_stages():
    """engine/render.py runs a request (engine/request.py) and hands each waveform to engine/deliver.py;
    the value checks (engine/checks.py) sit at the bottom, beside engine/errors.py."""
    edges = graph()
    assert {"engine.request", "engine.deliver"} <= edges["engine.render"]
    assert "engine.request" in edges["engine.deliver"] and "engine.render" not in edges["engine.deliver"]
    assert "engine.render" not in edges["engine.request"] and "engine.deliver" not in edges["engine.request"]
    assert edges["engine.checks"] == {"engine.errors"}
    assert "engine.checks" in edges["bridge.protocol"]


def test_the_graph_covers_the_sampler_and_loader_parts():
    """engine/sampler.py takes its condition from engine/conditioning.py, its CPU vocoder path from
    engine/hifigan.py and its value checks from engine/checks.py; engine/models.py finds checkpoints
    through engine/checkpoints.py. None of them imports the sampler or the loader back."""
    edges = graph()
    assert {"engine.conditioning", "engine.hifigan", "engine.checks"} <= edges["engine.sampler"]
    assert "engine.checkpoints" in edges["engine.models"]
    for part in ("engine.conditioning", "engine.hifigan", "engine.checkpoints", "engine.prompts",
                 "engine.audio_prompt"):
        assert not {"engine.sampler", "engine.models", "engine.render"} & edges[part], part
    # what a request is conditioned on is checked where it arrives: the protocol uses engine/prompts.py,
    # which the client loads too (test_the_client_path_imports_no_torch)
    assert "engine.prompts" in edges["bridge.protocol"] and "engine.prompts" in edges["engine.conditioning"]


def test_the_graph_covers_the_cli_package():
    """bridge/cli/ is a package: its parser wires in one module per concern, and no module of it imports
    the package (its __init__) back; only __main__ does."""
    edges = graph()
    cli = {name for name in edges if name.startswith("bridge.cli.")}
    assert {"bridge.cli.parser", "bridge.cli.options", "bridge.cli.fields", "bridge.cli.local", "bridge.cli.serve",
            "bridge.cli.request", "bridge.cli.client_cmds", "bridge.cli.result_file"} <= cli
    assert {"bridge.cli.local", "bridge.cli.serve", "bridge.cli.request", "bridge.cli.client_cmds"} \
        <= edges["bridge.cli.parser"]
    assert "bridge.cli.parser" in edges["bridge.cli"]
    assert [name for name in sorted(cli) if "bridge.cli" in edges[name]] == ["bridge.cli.__main__"]
    # The client commands reach the engine's code only for errors and protocol checks.
    for name in ("bridge.cli.request", "bridge.cli.client_cmds", "bridge.cli.fields", "bridge.cli.options"):
        assert not {"engine.render", "engine.models", "bridge.service"} & edges[name], name


def test_every_package_folder_is_packaged():
    """pyproject.toml lists packages explicitly: a new subpackage (bridge/cli/) must be in the list, or the
    installed command cannot import it."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {module_name(f) for p in PACKAGES for f in (REPO / p).rglob("__init__.py")}
    assert folders and folders <= listed, sorted(folders - listed)


def test_the_client_path_imports_no_torch():
    """bridge.protocol (with engine.checks, engine.length) is what a client loads: no torch behind it —
    nor behind bridge.client, the CLI's client commands, or `audioldm-bridge request/ping/status --help`."""
    code = ("import contextlib, io, bridge.protocol, bridge.client, engine.checks, engine.length, engine.writer\n"
            "import bridge.cli, bridge.cli.request, bridge.cli.client_cmds, bridge.cli.fields, bridge.cli.result_file\n"
            "for command in ('request', 'ping', 'status', 'cancel'):\n"
            "    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):\n"
            "        bridge.cli.main([command, '--help'])\n"
            "    assert 'usage: audioldm-bridge ' + command in out.getvalue(), command\n")
    assert loaded_after(code, ("torch", "diffusers", "transformers")) == []


def imports_of(path: Path) -> set[str]:
    """Every module name a file imports (absolute imports only; relative ones stay inside its package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_imports_run_bench_to_bridge_to_engine():
    """The engine knows nothing of the service, and neither knows the benchmarks."""
    edges = graph()
    assert {name: sorted(e for e in deps if e.startswith("bridge")) for name, deps in edges.items()
            if name.startswith("engine.") and any(e.startswith("bridge") for e in deps)} == {}
    upward = {f.relative_to(REPO).as_posix(): sorted(m for m in imports_of(f) if m.split(".")[0] == "bench")
              for p in PACKAGES for f in (REPO / p).rglob("*.py")}
    assert {file: found for file, found in upward.items() if found} == {}
    bench = set().union(*(imports_of(f) for f in (REPO / "bench").glob("*.py")))
    assert {"bridge.service", "engine.render"} <= bench  # the check above looks at real imports


def test_the_graph_covers_the_split_service_modules():
    """bridge/jobs.py became the queue and the worker, ray_backend lost its replica, osc_transport its
    argument reading, setup_reaper REAPER's folder and reaper-kb.ini: each arrow runs one way."""
    edges = graph()
    assert "bridge.jobs" not in edges
    assert {"bridge.queue", "engine.render", "engine.errors"} <= edges["bridge.worker"]
    assert not {"bridge.worker", "engine.render", "bridge.service"} & edges["bridge.queue"]
    assert {"bridge.queue", "bridge.worker"} <= edges["bridge.service"]
    assert {"bridge.ray_replica", "bridge.queue", "bridge.worker"} <= edges["bridge.ray_backend"]
    assert "bridge.ray_backend" not in edges["bridge.ray_replica"]
    assert "bridge.osc_args" in edges["bridge.osc_transport"] and "bridge.osc_transport" not in edges["bridge.osc_args"]
    assert "bridge.reaper_kb" in edges["bridge.setup_reaper"] and edges["bridge.reaper_kb"] == set()
    assert edges["engine.errors"] == set()  # fault classification sits at the bottom, beside the error types


def test_the_queue_osc_and_setup_modules_import_no_torch():
    """The queue, the OSC transport, REAPER setup and fault classification load without the engine's model
    code (torch costs seconds and a thin client may not have it); only the worker runs the model."""
    code = ("import bridge.queue, bridge.osc_args, bridge.osc_transport, bridge.reaper_kb, bridge.setup_reaper\n"
            "from engine.errors import is_disk_full, is_out_of_memory\n")
    assert loaded_after(code, ("torch", "diffusers", "transformers", "engine.render", "bridge.worker")) == []
