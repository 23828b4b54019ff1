"""bridge.zmq_transport: REQ sockets get exactly one reply per request."""

import time

import zmq

from test_service import service  # noqa: F401 (a fixture)


def test_a_req_socket_gets_one_reply_per_request(service):
    """A generate's later events (started, progress, done) must not reach a REQ socket: each would be
    read as the answer to its next request. Every reply here is checked to be the answer asked for."""
    req = zmq.Context.instance().socket(zmq.REQ)
    req.setsockopt(zmq.LINGER, 0)
    req.setsockopt(zmq.RCVTIMEO, 10000)
    req.connect(service.endpoints()["zmq"]["requests"])
    try:
        for op in ("ping", "status"):
            req.send_json({"op": op})
            assert req.recv_json()["event"] == {"ping": "pong", "status": "status"}[op]
        req.send_json({"op": "generate", "id": "via-req", "prompt": "x", "seconds": 0.3})
        assert req.recv_json()["event"] == "accepted"  # the first event only, as documented
        deadline = time.monotonic() + 60
        while True:  # ask over the same socket until the job is done: each answer must be a status
            req.send_json({"op": "status"})
            status = req.recv_json()
            assert status["event"] == "status", status
            if status["jobs_done"] >= 1 and "via-req" not in status["running"]:
                break
            assert time.monotonic() < deadline, "the job did not finish"
            time.sleep(0.05)
        req.send_json({"op": "cancel", "id": "via-req"})
        assert req.recv_json()["code"] == "not_cancellable"
        req.send_json({"op": "ping"})
        assert req.recv_json()["event"] == "pong"
    finally:
        req.close(0)


def test_zmq_carries_the_fit_fields(service):
    """tempo_lock, key and key_lock over ZeroMQ: done.files[i] and the sidecar carry the fit object."""
    import json
    from pathlib import Path

    from test_service import client_for

    with client_for(service) as client:
        events = list(client.events({"prompt": "drums", "bars": 1, "bpm": 95, "tempo_lock": "report",
                                     "key": "D minor", "steps": 2, "seed": 4}))
        refused = list(client.events({"prompt": "drums", "bars": 1, "tempo_lock": "always"}))
    [done] = [e for e in events if e["event"] == "done"]
    fit = done["files"][0]["fit"]
    assert fit["tempo"]["lock"] == "report" and fit["tempo"]["target_bpm"] == 95
    assert fit["key"]["lock"] == "auto" and fit["key"]["target"] == "D minor"
    assert json.loads(Path(done["files"][0]["sidecar"]).read_text())["fit"] == fit
    assert refused[-1]["event"] == "error" and "'always'" in refused[-1]["message"]
