"""audioldm.generator's history menu through the evaluator over real UDP: a search sends /audioldm/history,
the replies (one /audioldm/history/entry per match, then /audioldm/history/end) fill the menu, and choosing
an entry loads its file into the player (a missing one only says so)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import soundfile as sf
from pythonosc.dispatcher import Dispatcher
from pythonosc.osc_server import BlockingOSCUDPServer

from maxpatches import PATCHERS, send_osc
from maxsim import Msg, Runtime


class HistoryStandin:
    """INTERIM (until i21-history's engine answers the history op): answers /audioldm/history on loopback
    per the contract — one /audioldm/history/entry per entry to the request's reply_port, then the end."""

    def __init__(self, entries):
        self.entries, self.requests = entries, []
        dispatcher = Dispatcher()
        dispatcher.map("/audioldm/history", self.answer)
        self.server = BlockingOSCUDPServer(("127.0.0.1", 0), dispatcher)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def answer(self, address, *args):
        fields = dict(zip(args[::2], args[1::2]))
        self.requests.append(fields)
        words = str(fields.get("query", "")).split()
        found = [e for e in self.entries if all(w in e["prompt"] for w in words)][: fields.get("limit", 20)]
        for e in found:
            send_osc(fields["reply_port"], "/audioldm/history/entry",
                     ["entry", e["entry"], "created", e["created"], "prompt", e["prompt"], "path", e["path"],
                      "seconds", e["seconds"], "seed", e["seed"], "missing", int(e["missing"])])
        send_osc(fields["reply_port"], "/audioldm/history/end", ["count", len(found)])

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_the_history_menu_fills_from_a_search_and_loads_the_chosen_file(tmp_path):
    made = []
    for i, (prompt, seconds) in enumerate((("rain on a tin roof", 1.5), ("dog barking", 1.0), ("soft rain", 2.0))):
        path = tmp_path / "made" / f"sound {i}.wav"
        path.parent.mkdir(exist_ok=True)
        sf.write(path, np.zeros(int(seconds * 16000), dtype=np.float32), 16000)
        made.append({"entry": i + 1, "created": f"2026-12-07T02:0{i}:00Z", "prompt": prompt, "path": str(path),
                     "seconds": seconds, "seed": 40 + i, "missing": False})
    Path(made[2]["path"]).unlink()
    made[2]["missing"] = True
    standin = HistoryStandin(list(reversed(made)))  # newest first
    rt = Runtime(PATCHERS, engine_address=("127.0.0.1", standin.port))
    try:
        generator = rt.load("audioldm.generator.maxpat")
        search, menu, status = generator.named("history_search"), generator.named("history"), generator.named("history_status")
        search.type("rain")
        search.press_return()
        assert [a for a, _ in rt.sent if a == "/audioldm/history"] == ["/audioldm/history"]
        assert standin.requests[-1] == {"query": "rain", "limit": 25, "reply_port": 7401}
        assert rt.pump(lambda: status.text == "2 found", timeout=10), status.text
        assert [item[0] for item in menu.items] == [
            "soft rain · 2.00 s · 2026-12-07T02:02:00Z · file missing",
            "rain on a tin roof · 1.50 s · 2026-12-07T02:00:00Z"]
        take = generator.one(text="buffer~ audioldm.generator.take")
        menu.select(1)  # the user picks the rain on the roof
        assert take.file == made[0]["path"] and generator.named("file").text == made[0]["path"]
        assert generator.named("status").text == "ready" and take.frames == 24000
        menu.select(0)  # the missing one: not loaded, and said so
        assert take.file == made[0]["path"] and status.text == "file missing: not loaded"
        search.type("")  # empty: the latest entries
        generator.named("history_find").receive(0, Msg("bang"))
        assert rt.pump(lambda: status.text == "3 found", timeout=10), status.text
        assert standin.requests[-1] == {"limit": 25, "reply_port": 7401} and len(menu.items) == 3
        assert [item[0].split(" · ")[0] for item in menu.items] == ["soft rain", "dog barking", "rain on a tin roof"]
        menu.select(1)
        assert take.file == made[1]["path"] and status.text == "3 found"
    finally:
        rt.close()
        standin.close()
