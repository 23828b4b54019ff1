"""Python client for the engine service over ZeroMQ.

Reliability follows the zguide's *lazy pirate*: poll with a timeout; on silence close the socket
(LINGER 0), reconnect and resend. Resending is safe because job ids are idempotent: the engine
replays a known job's events instead of running it twice, and the client drops the duplicates.

    with BridgeClient() as client:
        for event in client.events({"prompt": "rain on a tin roof", "bars": 4, "bpm": 90}):
            print(event)
"""

from __future__ import annotations

import json
import time
from typing import Iterator

import zmq

from engine.errors import EngineError

from . import protocol

DEFAULT_ENDPOINT = "tcp://127.0.0.1:18002"


class BridgeClient:
    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, timeout: float = 5.0, retries: int = 3,
                 context: zmq.Context | None = None):
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.context = context or zmq.Context.instance()
        self.socket = None
        self._connect()

    def __enter__(self) -> "BridgeClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.socket is not None:
            self.socket.close(linger=0)
            self.socket = None

    def _connect(self) -> None:
        self.close()
        self.socket = self.context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.setsockopt(zmq.MAXMSGSIZE, 16 * 1024 * 1024)
        self.socket.connect(self.endpoint)

    def _send(self, message: dict) -> None:
        self.socket.send(json.dumps(message).encode("utf-8"))

    def _receive(self, timeout: float) -> dict | None:
        if self.socket.poll(max(0, int(timeout * 1000)), zmq.POLLIN):
            return json.loads(self.socket.recv().decode("utf-8"))
        return None

    def call(self, message: dict) -> dict:
        """One request, one reply (ping, status, cancel), with lazy-pirate retries."""
        for attempt in range(self.retries):
            if attempt:
                self._connect()
            self._send(message)
            reply = self._receive(self.timeout)
            if reply is not None:
                return reply
        raise EngineError(f"no reply from the engine at {self.endpoint} after {self.retries} tries "
                          f"of {self.timeout:g} s (is `audioldm-bridge serve` running?)", code="timeout")

    def ping(self) -> dict:
        return self.call({"op": "ping"})

    def status(self) -> dict:
        return self.call({"op": "status"})

    def cancel(self, job_id: str) -> dict:
        """The job's final event: ``cancelled``, how it had already ended, or an error (``not_found``)."""
        reply = self.call({"op": "cancel", "id": job_id})
        while reply["event"] not in protocol.FINAL_EVENTS:  # progress still in flight before `cancelled`
            reply = self._receive(self.timeout)
            if reply is None:
                raise EngineError(f"the engine did not confirm cancelling {job_id}", code="timeout")
        return reply

    def events(self, fields: dict, deadline_s: float | None = None) -> Iterator[dict]:
        """Submit a generate request and yield its events until done, error or cancelled.

        Silence for ``timeout`` seconds triggers a resend of the same id (a heartbeat the engine
        answers with a replay); ``retries`` silent resends in a row mean the engine is gone.
        ``deadline_s`` bounds the whole wait.
        """
        message = {"op": "generate", **fields}
        message.setdefault("id", protocol.new_id())
        seen: set[str] = set()
        silent = 0
        end = None if deadline_s is None else time.monotonic() + deadline_s
        self._send(message)
        while True:
            wait = self.timeout if end is None else min(self.timeout, end - time.monotonic())
            if wait <= 0:
                raise EngineError(f"timed out after {deadline_s:g} s waiting for job {message['id']}", code="timeout")
            event = self._receive(wait)
            if event is None:
                silent += 1
                if silent > self.retries:
                    what = "stopped answering" if seen else "did not answer (is `audioldm-bridge serve` running?)"
                    raise EngineError(f"the engine at {self.endpoint} {what} (job {message['id']})", code="timeout")
                self._connect()
                self._send(message)
                continue
            silent = 0
            key = json.dumps(event, sort_keys=True)
            if key in seen or event.get("id") not in (message["id"], ""):
                continue
            seen.add(key)
            yield event
            if event["event"] in protocol.FINAL_EVENTS:
                return

    def generate(self, fields: dict, deadline_s: float | None = None, on_event=None) -> dict:
        """Wait for the final event; returns ``done``, raises EngineError for ``error``/``cancelled``."""
        for event in self.events(fields, deadline_s):
            if on_event is not None:
                on_event(event)
            if event["event"] == "done":
                return event
            if event["event"] == "error":
                raise EngineError(event["message"], code=event["code"])
            if event["event"] == "cancelled":
                raise EngineError(f"job {event['id']} was cancelled", code="cancelled")
        raise EngineError("the event stream ended without a result", code="internal")
