"""The project's own imports run one way: no module imports (directly or at call time) one that
imports it back. Circles make start-up order fragile and hide which module owns what."""

import ast
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "bridge")


def project_imports(path: Path) -> set[str]:
    package = path.parent.name
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                base = f"{package}.{node.module}" if node.module else package
                names = [base] if node.module else [f"{package}.{a.name}" for a in node.names]
            elif node.module and node.module.split(".")[0] in PACKAGES:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.split(".")[0] in PACKAGES]
        else:
            continue
        found.update(n for n in names if (REPO / (n.replace(".", "/") + ".py")).is_file())
    return found


def graph() -> dict[str, set[str]]:
    modules = {f"{p}.{f.stem}": f for p in PACKAGES for f in (REPO / p).glob("*.py") if f.stem != "__init__"}
    return {name: project_imports(path) - {name} for name, path in modules.items()}


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
    for part in ("engine.conditioning", "engine.hifigan", "engine.checkpoints"):
        assert not {"engine.sampler", "engine.models"} & edges[part], part


def test_the_client_path_imports_no_torch():
    """bridge.protocol (with engine.checks, engine.length) is what a client loads: no torch behind it."""
    code = ("import sys, bridge.protocol, engine.checks, engine.length, engine.writer; "
            "print(sorted(m for m in ('torch', 'diffusers', 'transformers') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
