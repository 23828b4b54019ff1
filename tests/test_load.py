"""Issue 10: load — concurrent ZeroMQ and OSC clients against one engine (tiny model, 1 step).

The default run sends 60 requests from 20 clients; `AUDIOLDM_LOAD_REQUESTS=500 python -m pytest
tests/test_load.py` (or `python -m bench.load`) runs the issue's 500. Every accepted request gets
exactly one terminal event, overflow gets `busy`, nothing is lost or duplicated, every file is complete."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ is not an installed package
from bench.load import run  # noqa: E402

REQUESTS = int(os.environ.get("AUDIOLDM_LOAD_REQUESTS", "60"))


def test_concurrent_mixed_clients_each_get_exactly_one_outcome(tiny_components, tmp_path):
    report = run(tiny_components, tmp_path, requests=REQUESTS, clients=20, max_queued=4)
    assert report["breaches"] == []
    outcome = report["outcome"]
    assert outcome["done"] + outcome["busy"] == REQUESTS
    assert outcome["done"] > 0 and outcome["busy"] > 0  # a queue of 4 against 20 clients must overflow
    assert report["files"] == outcome["done"]
