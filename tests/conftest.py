"""Shared fixtures: one tiny model per test session (it is seeded, so every test sees the same one)."""

import os
import warnings

import pytest

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("DIFFUSERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# The tests name their engines; a developer's default engine (the CLI reads it) must not redirect them.
os.environ.pop("AUDIOLDM_BRIDGE_ENDPOINT", None)
warnings.filterwarnings("ignore", category=FutureWarning)


@pytest.fixture(scope="session")
def tiny_components():
    """fp32 on every CPU: the reference the tests compare with (the diffusers pipeline, fp32 files).
    ``auto`` (bf16 on a CPU with native bf16) has its own tests, which force both answers of the
    CPU check through ``AUDIOLDM_BRIDGE_CPU_BF16``."""
    from engine.models import load_model

    return load_model("tiny", device="cpu", dtype="fp32")


@pytest.fixture(scope="session")
def sampler(tiny_components):
    from engine.sampler import AudioLDMSampler

    return AudioLDMSampler(tiny_components)


@pytest.fixture(scope="session")
def engine(tiny_components):
    from engine.render import Engine

    return Engine(tiny_components)
