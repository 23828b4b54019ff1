"""Shared context, experiment registry, timing and contention helpers for ``bench``."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

#: name → Experiment, in registration order (the order ``bench.run`` runs them in).
EXPERIMENTS: dict[str, "Experiment"] = {}

DEFAULT_MODEL = "random:audioldm-s-full-v2"
PROMPT = "a dog barking in the rain, distant thunder"
SEED = 1234


@dataclass
class Experiment:
    name: str
    title: str
    func: Callable[["Context"], dict]
    quick_budget_s: float  # what it should take in --quick mode on the 2-core reference machine
    default: bool = True  # run without --only


def experiment(name: str, title: str, quick_budget_s: float = 60.0, default: bool = True):
    """Register ``func(ctx) -> dict`` as experiment ``name`` (``default=False``: only with --only)."""

    def register(func):
        EXPERIMENTS[name] = Experiment(name, title, func, quick_budget_s, default)
        return func

    return register


@dataclass
class Context:
    """What experiments share: mode, the loaded model (lazily, once), engine, seed pipeline, scratch dir."""

    quick: bool = False
    model_id: str = DEFAULT_MODEL
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="audioldm-bench-")))
    results: dict = field(default_factory=dict)
    _components: object = None
    _engine: object = None
    _pipeline: object = None
    load_seconds: float | None = None

    @property
    def components(self):
        if self._components is None:
            from engine.models import load_model

            started = time.perf_counter()
            self._components = load_model(self.model_id, device="cpu")
            self.load_seconds = time.perf_counter() - started
        return self._components

    @property
    def engine(self):
        if self._engine is None:
            from engine.render import Engine

            self._engine = Engine(self.components)
        return self._engine

    @property
    def pipeline(self):
        """diffusers' AudioLDMPipeline built from the SAME component objects as the engine."""
        if self._pipeline is None:
            import warnings

            from diffusers import AudioLDMPipeline

            c = self.components
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self._pipeline = AudioLDMPipeline(vae=c.vae, text_encoder=c.text_encoder, tokenizer=c.tokenizer,
                                                  unet=c.unet, scheduler=c.scheduler, vocoder=c.vocoder)
            self._pipeline.set_progress_bar_config(disable=True)
        return self._pipeline

    def out_dir(self, name: str) -> Path:
        path = self.workdir / name
        path.mkdir(parents=True, exist_ok=True)
        return path


# --- measuring -----------------------------------------------------------------------------------


def _cpu_busy_jiffies() -> tuple[int, int]:
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields[:8]) - idle, sum(fields[:8])


def _own_cpu_seconds() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    ru_c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime + ru_c.ru_utime + ru_c.ru_stime


class Measure:
    """Wall time of a block plus how much CPU *other* processes used meanwhile (contention).

    ``other_cpu_s`` = machine-wide busy CPU time minus this process's (and its children's).
    On 2 cores a second busy process slows OpenMP-parallel torch by far more than 2×, so runs
    with ``contended`` set should not be trusted.
    """

    def __enter__(self):
        self._busy0, _ = _cpu_busy_jiffies() if os.path.exists("/proc/stat") else (0, 0)
        self._own0 = _own_cpu_seconds()
        self.load_before = os.getloadavg()[0]
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self._t0
        busy1, _ = _cpu_busy_jiffies() if os.path.exists("/proc/stat") else (0, 0)
        hz = os.sysconf("SC_CLK_TCK")
        self.other_cpu_s = max(0.0, (busy1 - self._busy0) / hz - (_own_cpu_seconds() - self._own0))
        self.contended = self.other_cpu_s > 0.1 * self.seconds
        return False

    def as_dict(self) -> dict:
        return {"seconds": round(self.seconds, 4), "other_cpu_s": round(self.other_cpu_s, 2),
                "load_1min_before": round(self.load_before, 2), "contended": self.contended}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def wait_for_quiet(max_wait_s: float = 120.0, idle_fraction: float = 0.85, window_s: float = 2.0) -> float:
    """Wait (bounded) until the machine is mostly idle; returns the seconds waited."""
    if not os.path.exists("/proc/stat"):
        return 0.0
    started = time.perf_counter()
    while time.perf_counter() - started < max_wait_s:
        b0, t0 = _cpu_busy_jiffies()
        time.sleep(window_s)
        b1, t1 = _cpu_busy_jiffies()
        if t1 > t0 and 1 - (b1 - b0) / (t1 - t0) >= idle_fraction:
            break
    return time.perf_counter() - started


def machine_info() -> dict:
    import torch

    info = {"python": platform.python_version(), "platform": platform.platform(), "torch": torch.__version__,
            "torch_threads": torch.get_num_threads(), "torch_interop_threads": torch.get_num_interop_threads(),
            "cpu_count": os.cpu_count()}
    try:
        import diffusers
        import transformers

        info["diffusers"], info["transformers"] = diffusers.__version__, transformers.__version__
    except ImportError:
        pass
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        with open("/proc/meminfo") as f:
            info["mem_total_gb"] = round(int(f.readline().split()[1]) / 2**20, 1)
    except OSError:
        pass
    return info
