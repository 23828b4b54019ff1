"""audioldm.generator's history menu through the evaluator over real UDP against the tiny-model engine keeping a
history: a search sends /audioldm/history, the engine's replies (one /audioldm/history/entry per match, then
/audioldm/history/end) fill the menu, and choosing an entry loads its file into the player (a missing one only
says so)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import soundfile as sf

from bridge import history_ops
from bridge.client import BridgeClient
from bridge.service import ServiceConfig, serving
from engine.render import Engine
from maxpatches import PATCHERS
from maxsim import BANG, Runtime


@pytest.fixture
def engine_service(tiny_components, tmp_path):
    config = ServiceConfig.on_free_ports(tmp_path / "out", history_db=tmp_path / "history.sqlite",
                                         allow_out=(Path(tempfile.gettempdir()),))
    with serving(Engine(tiny_components), config, shutdown_grace_s=5) as svc:
        yield svc


def test_the_history_menu_fills_from_a_search_and_loads_the_chosen_file(engine_service, tmp_path):
    made = {}
    with BridgeClient(engine_service.endpoints()["zmq"]["requests"], timeout=60) as client:
        for prompt, seconds, seed in (("rain on a tin roof", 1.5, 40), ("dog barking", 1.0, 41),
                                      ("soft rain", 2.0, 42)):
            done = client.generate({"prompt": prompt, "seconds": seconds, "steps": 1, "seed": seed,
                                    "sample_rate": 16000, "out_dir": str(tmp_path / "made")})
            made[prompt] = done["paths"][0]
    assert engine_service.history.flush(30)
    Path(made["soft rain"]).unlink()  # moved or deleted since
    entries = {e["prompt"]: e for e in history_ops.read(engine_service.config.history_db, "", 10)}
    rt = Runtime(PATCHERS, engine_address=("127.0.0.1", engine_service.transports["osc"].port))
    try:
        generator = rt.load("audioldm.generator.maxpat")
        search, menu = generator.named("history_search"), generator.named("history")
        status, take = generator.named("history_status"), generator.one(text="buffer~ audioldm.generator.take")
        search.type("rain")
        search.press_return()
        assert [args for a, args in rt.sent if a == "/audioldm/history"] == [
            ("query", "rain", "limit", 25, "reply_port", 7401)]
        assert rt.pump(lambda: status.text == "2 found", timeout=10), status.text
        rain, soft = entries["rain on a tin roof"], entries["soft rain"]
        assert sorted(item[0] for item in menu.items) == sorted([
            f"rain on a tin roof · 1.50 s · {rain['created']}",
            f"soft rain · 2.00 s · {soft['created']} · file missing"])
        pick = [item[0] for item in menu.items].index(f"rain on a tin roof · 1.50 s · {rain['created']}")
        menu.select(pick)  # the user picks the rain on the roof
        assert take.file == made["rain on a tin roof"] and generator.named("file").text == take.file
        assert generator.named("status").text == "ready" and take.frames == 24000 == sf.info(take.file).frames
        menu.select(1 - pick)  # the missing one: not loaded, and said so
        assert take.file == made["rain on a tin roof"] and status.text == "file missing: not loaded"
        search.type("")  # empty: the latest entries, newest first
        generator.named("history_find").receive(0, BANG)
        assert rt.pump(lambda: status.text == "3 found", timeout=10), status.text
        assert rt.sent[-1] == ("/audioldm/history", ("limit", 25, "reply_port", 7401))
        newest_first = [e["prompt"] for e in history_ops.read(engine_service.config.history_db, "", 10)]
        assert [item[0].split(" · ")[0] for item in menu.items] == newest_first
        menu.select(newest_first.index("dog barking"))
        assert take.file == made["dog barking"] and status.text == "3 found"
    finally:
        rt.close()
