"""bridge.protocol: one validation of every field when a request arrives, before any work."""

from pathlib import Path

import pytest

from bridge import protocol
from bridge.protocol import parse_request
from engine.errors import EngineError
from test_service import client_for, running_service, start_blocker, wait_for

REPO = Path(__file__).resolve().parents[1]

# --- one validation, before any work --------------------------------------------------------------------


@pytest.mark.parametrize("fields, message", [
    ({"prompt": "x" * 2001}, "prompt is 2001 characters, the limit is 2000"),
    ({"prompt": "x", "negative_prompt": "y" * 2001}, "negative prompt must be text of at most 2000"),
    ({"prompt": "x", "target": 5}, "lufs target must be a number in [-70, 0], got 5"),
    ({"prompt": "x", "loudness": "peak", "target": -90}, "peak target must be a number in [-60, 0]"),
    ({"prompt": "x", "ceiling": 3}, "ceiling (true peak, dBTP) must be a number in [-20, 0], got 3"),
    ({"prompt": "x", "guidance": 31}, "guidance must be a number 0..30, got 31"),
    ({"prompt": "x", "eta": 2}, "eta must be a number 0..1"),
    ({"prompt": "x", "steps": 501}, "steps must be an integer 1..500, got 501"),
    ({"prompt": "x", "name": 201}, "name must be text, got 201"),
])
def test_every_field_is_checked_when_the_request_is_parsed(tmp_path, fields, message):
    with pytest.raises(EngineError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        parse_request({"seconds": 1, **fields}, tmp_path)


def test_an_invalid_request_never_reaches_the_queue_or_its_batch_mates(tiny_components, tmp_path):
    with running_service(tiny_components, tmp_path) as svc, client_for(svc) as client:
        start_blocker(svc, client)
        good = client_for(svc)
        good._send({"op": "generate", "id": "good", "prompt": "ok", "seconds": 0.5, "seed": 1})
        wait_for(lambda: "good" in svc.queue.jobs)
        with client_for(svc) as bad:
            reply = bad.call({"op": "generate", "id": "bad", "prompt": "x" * 2001, "seconds": 0.5})
        assert reply["event"] == "error" and reply["code"] == "bad_request" and "2001 characters" in reply["message"]
        assert "bad" not in svc.queue.jobs
        client.cancel("blocker")
        events = []
        while not events or events[-1]["event"] not in protocol.FINAL_EVENTS:
            events.append(good._receive(30))
        good.close()
        assert events[-1]["event"] == "done"
