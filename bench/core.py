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

#: What ``python -m bench.run --gpu`` runs (on CUDA, fp16 as the seed pipeline's documented dtype).
GPU_SECTION = ("E1", "E2", "G1")
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
    short: bool = False  # fewest repetitions (implies quick): for a heavily shared machine
    #: Each experiment once at its smallest size, no waiting for a quiet machine: checks that the
    #: code runs (the GPU section on the CPU with --model tiny), measures nothing (implies short).
    smoke: bool = False
    model_id: str = DEFAULT_MODEL
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="audioldm-bench-")))
    results: dict = field(default_factory=dict)
    device: str = "cpu"
    #: The seed pipeline's dtype as its documentation runs it: fp32 on the CPU, fp16 on CUDA.
    baseline_dtype: str = "fp32"
    compile: bool = False
    _sets: dict = field(default_factory=dict)  # dtype request → loaded components
    _engines: dict = field(default_factory=dict)
    _pipelines: dict = field(default_factory=dict)
    load_seconds: float | None = None

    def components_for(self, dtype: str):
        """Components loaded with ``--dtype dtype`` (auto, fp32, bf16, fp16); sets with equal dtypes are shared."""
        from engine.models import load_model, pick_device, pick_stage_dtypes

        stage_dtypes = pick_stage_dtypes(pick_device(self.device), dtype)
        key = tuple(stage_dtypes.values())
        if key not in self._sets:
            started = time.perf_counter()
            self._sets[key] = load_model(self.model_id, device=self.device, dtype=dtype, compile=self.compile)
            self.load_seconds = time.perf_counter() - started
        return self._sets[key]

    def engine_for(self, dtype: str):
        from engine.render import Engine

        c = self.components_for(dtype)
        if id(c) not in self._engines:
            self._engines[id(c)] = Engine(c)
        return self._engines[id(c)]

    def pipeline_for(self, dtype: str):
        """diffusers' AudioLDMPipeline built from the SAME component objects as ``engine_for(dtype)``."""
        c = self.components_for(dtype)
        if id(c) not in self._pipelines:
            import warnings

            from diffusers import AudioLDMPipeline

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pipe = AudioLDMPipeline(vae=c.vae, text_encoder=c.text_encoder, tokenizer=c.tokenizer,
                                        unet=c.unet, scheduler=c.scheduler, vocoder=c.vocoder)
            pipe.set_progress_bar_config(disable=True)
            self._pipelines[id(c)] = pipe
        return self._pipelines[id(c)]

    # The seed pipeline's dtype: what E1b, E3, A1 and the memory figures use.
    @property
    def components(self):
        return self.components_for(self.baseline_dtype)

    @property
    def engine(self):
        return self.engine_for(self.baseline_dtype)

    @property
    def pipeline(self):
        return self.pipeline_for(self.baseline_dtype)

    def sync(self) -> None:
        """Wait for queued GPU work, so wall times cover it."""
        if self.device.startswith("cuda"):
            import torch

            torch.cuda.synchronize()

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


#: False in a smoke run (``bench.run --smoke``): nothing is measured, so nothing waits for quiet.
WAIT_FOR_QUIET = True


def wait_for_quiet(max_wait_s: float = 120.0, idle_fraction: float = 0.85, window_s: float = 2.0) -> float:
    """Wait (bounded) until the machine is mostly idle; returns the seconds waited."""
    if not WAIT_FOR_QUIET or not os.path.exists("/proc/stat"):
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

    from engine.models import cpu_has_native_bf16

    info = {"python": platform.python_version(), "platform": platform.platform(), "torch": torch.__version__,
            "torch_threads": torch.get_num_threads(), "torch_interop_threads": torch.get_num_interop_threads(),
            "cpu_count": os.cpu_count(), "cpu_native_bf16": cpu_has_native_bf16(),
            "cpu_capability": torch.backends.cpu.get_cpu_capability()}
    if torch.cuda.is_available():
        info["gpu"] = torch.cuda.get_device_name(0)
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
