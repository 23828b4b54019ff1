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
import os
import time
from typing import Iterator

import zmq

from engine.errors import EngineError, InvalidInput

from . import protocol

DEFAULT_ENDPOINT = "tcp://127.0.0.1:18002"
ENDPOINT_ENV = "AUDIOLDM_BRIDGE_ENDPOINT"  # the command line's default engine, instead of DEFAULT_ENDPOINT


def normalize_endpoint(text: str, what: str = "--endpoint") -> str:
    """``HOST:PORT`` or ``tcp://HOST:PORT`` → the ZeroMQ endpoint; anything else is refused by name
    (``what``: the option or variable it came from)."""
    if not isinstance(text, str):
        raise InvalidInput(f"{what} must be text, got {text!r:.80}")
    endpoint = text.strip()
    if "://" not in endpoint:
        endpoint = f"tcp://{endpoint}"
    scheme, _, address = endpoint.partition("://")
    host, _, port = address.rpartition(":")
    if scheme != "tcp" or not host or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise InvalidInput(f"{what} {text!r:.200} is not an engine address: give tcp://HOST:PORT or HOST:PORT, "
                           f"e.g. {DEFAULT_ENDPOINT}")
    return endpoint


def default_endpoint(environ=None) -> str:
    """The engine the command line talks to when no --endpoint is given: $AUDIOLDM_BRIDGE_ENDPOINT
    (HOST:PORT or tcp://HOST:PORT; a bad value is refused naming the variable), else DEFAULT_ENDPOINT."""
    value = (os.environ if environ is None else environ).get(ENDPOINT_ENV, "")
    return normalize_endpoint(value, ENDPOINT_ENV) if value.strip() else DEFAULT_ENDPOINT


class BridgeClient:
    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, timeout: float = 5.0, retries: int = 3,
                 context: zmq.Context | None = None, server_key=None, client_key=None):
        """``retries``: resends after the first try, each after ``timeout`` s of silence (0: one try).
        ``server_key`` (the engine's ``server.key``) and ``client_key`` (your ``.key_secret``)
        talk CURVE to a remote engine (docs/SECURITY.md)."""
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise InvalidInput(f"retries must be a whole number, 0 or more, got {retries!r}")
        if not timeout > 0:
            raise InvalidInput(f"the reply timeout must be above 0 s, got {timeout!r}")
        self.endpoint = normalize_endpoint(endpoint)
        self.timeout = timeout
        self.retries = retries
        self.context = context or zmq.Context.instance()
        self.curve = None
        if (server_key is None) != (client_key is None):
            raise InvalidInput("a remote engine needs both keys: --server-key (its server.key) and --client-key "
                               "(your .key_secret)")
        if server_key is not None:
            from .remote import load_pair, load_public

            self.curve = (load_public(server_key), *load_pair(client_key))
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
        # A DEALER with no live peer (engine gone, CURVE key refused) blocks on send: bound it, so
        # the caller hears "no reply" within its timeout instead of hanging.
        self.socket.setsockopt(zmq.SNDTIMEO, max(1, int(self.timeout * 1000)))
        if self.curve is not None:
            server, public, secret = self.curve
            self.socket.curve_serverkey, self.socket.curve_publickey, self.socket.curve_secretkey = server, public, secret
        try:
            self.socket.connect(self.endpoint)
        except zmq.ZMQError as err:  # a host name that does not resolve, …
            self.close()
            raise InvalidInput(f"--endpoint {self.endpoint!r:.200} cannot be used: {err} (give tcp://HOST:PORT or "
                               f"HOST:PORT)") from None

    def _send(self, message: dict) -> None:
        try:
            self.socket.send(json.dumps(message).encode("utf-8"))
        except zmq.Again:
            pass  # nobody to send to: the wait for a reply times out and retries or reports it

    def _receive(self, timeout: float) -> dict | None:
        frames = self._receive_frames(timeout)
        return None if frames is None else json.loads(frames[0].decode("utf-8"))

    def _receive_frames(self, timeout: float) -> list[bytes] | None:
        if self.socket.poll(max(0, int(timeout * 1000)), zmq.POLLIN):
            return self.socket.recv_multipart()
        return None

    def _silence(self) -> str:
        hint = ("are --server-key and --client-key right, and is your public key in the engine's "
                "--curve-clients folder?" if self.curve else "is `audioldm-bridge serve` running?")
        tries = "1 try" if self.retries == 0 else f"{self.retries + 1} tries"
        return f"no reply from the engine at {self.endpoint} after {tries} of {self.timeout:g} s ({hint})"

    def call(self, message: dict) -> dict:
        """One request, one reply (ping, status, cancel), with lazy-pirate retries."""
        for attempt in range(self.retries + 1):
            if attempt:
                self._connect()
            self._send(message)
            reply = self._receive(self.timeout)
            if reply is not None:
                return reply
        raise EngineError(self._silence(), code="timeout")

    def fetch_chunk(self, path: str, offset: int) -> tuple[dict, bytes]:
        """One chunk of a finished file (see bridge/fetch.py): its reply and bytes."""
        reply, frames = self._exchange(
            [{"op": "fetch", "path": path, "offset": offset}],
            lambda r, frames: r.get("event") == "chunk" and r.get("path") == path and r.get("offset") == offset
            and len(frames) == 2)
        return reply, frames[1]

    def upload_chunk(self, message: dict, data: bytes | None) -> dict:
        """One ``upload`` request (see bridge/upload.py): its reply (a resent chunk is not written twice)."""
        reply, _ = self._exchange([message] if data is None else [message, data],
                                  lambda r, frames: r.get("event") == "upload" and r.get("sha256") == message["sha256"])
        return reply

    def _exchange(self, frames: list, wanted) -> tuple[dict, list[bytes]]:
        """Send ``frames`` (a JSON message, then raw bytes) until a reply ``wanted(reply, frames)``
        accepts arrives, with lazy-pirate retries; an error reply raises."""
        payload = [json.dumps(frames[0]).encode("utf-8"), *frames[1:]]
        for attempt in range(self.retries + 1):
            if attempt:
                self._connect()
            try:
                self.socket.send_multipart(payload)
            except zmq.Again:
                pass  # nobody to send to: the wait below times out and retries
            end = time.monotonic() + self.timeout
            while (left := end - time.monotonic()) > 0:
                received = self._receive_frames(left)
                if received is None:
                    break
                reply = json.loads(received[0].decode("utf-8"))
                if reply.get("event") == "error":
                    raise EngineError(reply["message"], code=reply["code"])
                if wanted(reply, received):
                    return reply, received
                # anything else is a late reply to an earlier request: skip it
        raise EngineError(self._silence(), code="timeout")

    def history(self, query: str = "", limit: int = 20, since: str | None = None) -> list[dict]:
        """Entries of the engine's history, newest first (docs/PROTOCOL.md, History); an error raises."""
        message = {"op": "history", "query": query, "limit": limit, **({"since": since} if since else {})}
        reply, _ = self._exchange([message], lambda r, frames: r.get("event") == "history")
        return reply["entries"]

    def ping(self) -> dict:
        return self.call({"op": "ping"})

    def status(self) -> dict:
        return self.call({"op": "status"})

    def embed(self, prompt: str) -> dict:
        """A prompt's embedding (the ``embedding`` event: dtype, shape, base64 data) for ``prompt_embeds``."""
        reply = self.call({"op": "embed", "prompt": prompt})
        if reply.get("event") == "error":
            raise EngineError(reply["message"], code=reply["code"])
        return reply

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
            event = self._receive(wait) if wait > 0 else None
            if event is None and end is not None and time.monotonic() >= end:  # the deadline, not silence
                raise EngineError(f"timed out after {deadline_s:g} s waiting for job {message['id']}", code="timeout")
            if event is None:
                silent += 1
                if silent > self.retries:
                    what = "stopped answering" if seen else "did not answer (" + self._silence().rsplit("(", 1)[1]
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
