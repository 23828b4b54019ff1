"""Shared fixtures: one tiny model per test session (it is seeded, so every test sees the same one)."""

import atexit
import os
import shutil
import tempfile
import warnings

import pytest

os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("DIFFUSERS_VERBOSITY", "error")
# Engines and commands the tests start record their history here, not in the user's data folder.
_HISTORY = tempfile.mkdtemp(prefix="audioldm-test-history-")
atexit.register(shutil.rmtree, _HISTORY, True)
os.environ["AUDIOLDM_BRIDGE_HISTORY_DB"] = os.path.join(_HISTORY, "history.sqlite3")
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
