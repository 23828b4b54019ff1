"""bridge.client.BridgeClient against a stand-in engine on loopback (a real ROUTER socket)."""

import json
import threading

import pytest
import zmq

from bridge.client import BridgeClient
from engine.errors import EngineError


def test_a_deadline_reached_while_the_job_waits_is_named_as_the_deadline():
    """An engine that accepted the job and is silent while it waits in the queue has not 'stopped
    answering': a request's own deadline (`request --timeout`) is what ran out, and it says so."""
    engine = zmq.Context.instance().socket(zmq.ROUTER)
    port = engine.bind_to_random_port("tcp://127.0.0.1")
    done = threading.Event()

    def accept_then_wait():  # answers the first generate with `accepted`, then is a busy queue
        if engine.poll(10000):
            identity, body = engine.recv_multipart()
            job = json.loads(body)["id"]
            engine.send_multipart([identity, json.dumps({"event": "accepted", "id": job, "position": 3}).encode()])
        done.wait(10)

    thread = threading.Thread(target=accept_then_wait, daemon=True)
    thread.start()
    try:
        with BridgeClient(f"tcp://127.0.0.1:{port}", timeout=60, retries=0) as client:
            events = client.events({"id": "queued", "prompt": "x", "seconds": 1}, deadline_s=0.5)
            assert next(events)["event"] == "accepted"
            with pytest.raises(EngineError, match=r"timed out after 0\.5 s waiting for job queued") as caught:
                next(events)
            assert caught.value.code == "timeout"
    finally:
        done.set()
        thread.join(10)
        engine.close(linger=0)
