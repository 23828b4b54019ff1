"""The benchmark harness's own logic: what E1 compares, the bf16 emulation D1 relies on, the GPU
section's refusal without a GPU. (Timings themselves live in bench/, never in tests.)"""

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from bench.core import Context
from bench.experiments import e1_contestants
from bench.precision import Bf16Rounding, log_mel_distance_db, snr_db
from engine import models

REPO = Path(__file__).resolve().parents[1]


def _cpu(monkeypatch, native: bool) -> None:
    """A CPU with or without native bf16 for both questions E1 asks: what the hardware does (emulated
    or not) and what ``auto`` picks (which follows AUDIOLDM_BRIDGE_CPU_BF16 where set)."""
    monkeypatch.setattr(models, "cpu_has_native_bf16", lambda: native)
    monkeypatch.setenv(models.CPU_BF16_ENV, "1" if native else "0")


def test_e1_compares_auto_with_fp32_and_bf16_with_bf16_on_a_bf16_cpu(monkeypatch):
    _cpu(monkeypatch, native=True)
    contestants, ratios, skipped = e1_contestants(Context(device="cpu"))
    assert contestants == {"pipeline": ("pipeline", "fp32"), "engine auto": ("engine", "auto"),
                           "pipeline bf16": ("pipeline", "bf16"), "engine bf16": ("engine", "bf16")}
    assert list(ratios.values()) == [("engine auto", "pipeline"), ("engine bf16", "pipeline bf16")]
    assert skipped is None


def test_e1_without_native_bf16_skips_the_emulated_pair_and_says_why(monkeypatch):
    _cpu(monkeypatch, native=False)
    contestants, ratios, skipped = e1_contestants(Context(device="cpu"))
    assert set(contestants) == {"pipeline", "engine auto"}
    assert "no native bf16" in skipped
    # auto is fp32 there, so engine(auto) ÷ pipeline(fp32) is also the same-dtype ratio
    assert all(pair == ("engine auto", "pipeline") for pair in ratios.values()) and len(ratios) == 2


def test_bf16_emulation_matches_real_bf16_kernels():
    """D1's emulation (fp32 math, inputs and outputs rounded to bf16) against torch's bf16 ops."""
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(2, 16, 12, 10, generator=gen)
    conv = torch.nn.Conv2d(16, 24, 3, padding=1)
    with torch.inference_mode():
        exact = torch.nn.functional.silu(conv(x))
        real = torch.nn.functional.silu(conv.to(torch.bfloat16)(x.to(torch.bfloat16))).float()
        conv.float()
        mode = Bf16Rounding()
        with mode:
            mode.depth = 1
            emulated = torch.nn.functional.silu(conv(x))
    assert torch.equal(emulated, emulated.to(torch.bfloat16).float())  # the result is bf16-representable
    err_real, err_emulated = (real - exact).abs().max(), (emulated - exact).abs().max()
    assert err_real > 1e-4 and err_emulated > 1e-4  # both really are bf16 ...
    assert (emulated - real).abs().max() <= 2 * err_real  # ... and err alike (accumulation order aside)
    np.testing.assert_allclose(emulated.numpy(), real.numpy(), rtol=0.02, atol=0.02)


def test_deviation_metrics():
    rng = np.random.default_rng(0)
    wave = rng.standard_normal(16000) * np.hanning(16000)
    assert snr_db(wave, wave) == float("inf") and log_mel_distance_db(wave, wave) == 0.0
    noisy = wave + 0.01 * rng.standard_normal(16000)
    assert 30 < snr_db(wave, noisy) < 45
    assert 0 < log_mel_distance_db(wave, noisy) < log_mel_distance_db(wave, wave + 0.1 * rng.standard_normal(16000))


@pytest.mark.skipif(torch.cuda.is_available(), reason="there is a GPU here: the section would run")
def test_gpu_section_refuses_clearly_without_a_gpu(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bench.run", "--gpu", "--out", str(tmp_path / "r.json")],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "no CUDA device here" in result.stderr and "--gpu --device cpu --model tiny --smoke" in result.stderr
    assert not (tmp_path / "r.json").exists()


@pytest.mark.slow
def test_the_documented_gpu_smoke_test_runs_the_section_in_about_a_minute(tmp_path):
    """BENCHMARKS.md's `--gpu --device cpu --model tiny --smoke`: every experiment of the GPU section
    runs to the end (the full-size repetitions had not finished after 400 s on 2 cores)."""
    command = re.search(r"`python -m bench\.run (--gpu --device cpu --model tiny[^`]*)`",
                        (REPO / "BENCHMARKS.md").read_text()).group(1).split()
    result = subprocess.run([sys.executable, "-m", "bench.run", *command, "--out", str(tmp_path / "r.json")],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["smoke"] and list(report["experiments"]) == ["E1", "E2", "G1"]
    assert [name for name, r in report["experiments"].items() if "error" in r] == []
    assert report["total_s"] < 120


def test_the_quick_run_takes_one_documented_time():
    """README and BENCHMARKS.md give one figure for `bench.run --quick`: the last complete quick run
    (bench/results/quick-2.json) plus the budgets of the default experiments added since."""
    from bench import experiments  # noqa: F401 — registers every experiment
    from bench.core import EXPERIMENTS

    recorded = json.loads((REPO / "bench" / "results" / "quick-2.json").read_text())
    since = [e for name, e in EXPERIMENTS.items() if e.default and name not in recorded["experiments"]]
    minutes = round((recorded["total_s"] + sum(e.quick_budget_s for e in since)) / 60)
    for doc in ("README.md", "BENCHMARKS.md"):
        text = (REPO / doc).read_text()
        quoted = re.findall(r"`python -m bench\.run --quick`[^`]{0,80}?about (\d+) min", text)
        assert quoted == [str(minutes)], (doc, quoted, minutes)
    assert f"{recorded['total_s'] / 60:.1f} min" in (REPO / "BENCHMARKS.md").read_text()
