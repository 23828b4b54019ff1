"""ZeroMQ front end: a ROUTER for requests (JSON), a PUB feed of every event.

Each client's DEALER receives the events of its own requests on the connection it sent them on
(accepted, started, progress…, done). Frames: ``[json]`` from a DEALER, or ``[b"", json]`` from a
REQ-style envelope — replies mirror whichever was used. PUB frames are ``[event name, json]`` so
monitors can subscribe to e.g. ``done`` only; the feed carries local clients' jobs only (see
bridge.service). With CURVE, an origin carries the client's key (the ZAP User-Id): what it may
see and touch is decided by that, never by a routing id a client could choose.

Sockets belong to the transport's thread. Other threads hand events over through one inproc PUSH
socket guarded by a lock (the lock is the memory barrier zmq asks for; it also keeps each job's
events in order).
"""

from __future__ import annotations

import json
import logging
import threading

import zmq

from engine.errors import EngineError

from . import protocol
from .protocol import bad_message

logger = logging.getLogger(__name__)

#: Hard cap enforced by libzmq (the peer is disconnected beyond it); the protocol's own,
#: smaller MAX_MESSAGE_BYTES gets a clear error reply first.
ZMQ_MAXMSGSIZE = 16 * 1024 * 1024
HWM = 10000
LINGER_MS = 500


class ZmqTransport:
    def __init__(self, service, host: str, port: int, pub_port: int, curve=None):
        """``curve``: a bridge.remote.CurveServer — only its listed client keys get in (both sockets)."""
        self.service = service
        self.context = zmq.Context()
        self.auth = curve.start_authenticator(self.context) if curve is not None else None
        self.router = self.context.socket(zmq.ROUTER)
        self.pub = self.context.socket(zmq.PUB)
        for sock in (self.router, self.pub):
            sock.setsockopt(zmq.LINGER, LINGER_MS)
            sock.setsockopt(zmq.SNDHWM, HWM)
            sock.setsockopt(zmq.RCVHWM, HWM)
            if curve is not None:
                curve.secure(sock)
        self.router.setsockopt(zmq.MAXMSGSIZE, ZMQ_MAXMSGSIZE)
        try:
            self.router_endpoint = _bind(self.router, host, port)
            self.pub_endpoint = _bind(self.pub, host, pub_port)
        except zmq.ZMQError:
            self._stop_auth()
            self.context.destroy(linger=0)  # release the port that did bind
            raise
        inbox = f"inproc://audioldm-outbox-{id(self)}"
        self.outbox_in = self.context.socket(zmq.PULL)
        self.outbox_in.setsockopt(zmq.RCVHWM, 0)
        self.outbox_in.bind(inbox)
        self.outbox = self.context.socket(zmq.PUSH)
        self.outbox.setsockopt(zmq.SNDHWM, 0)  # never drop or block an event inside the process
        self.outbox.connect(inbox)
        self.outbox_lock = threading.Lock()
        self._running = threading.Event()
        self._req_awaiting: set[bytes] = set()  # REQ peers owed their one reply (transport thread only)
        self.thread = threading.Thread(target=self._serve, name="audioldm-zmq", daemon=True)

    def endpoints(self) -> dict:
        return {"requests": self.router_endpoint, "events": self.pub_endpoint}

    @property
    def started(self) -> bool:
        return self.thread.ident is not None

    def start(self) -> None:
        self._running.set()
        self.thread.start()

    def close(self) -> None:
        self._running.clear()
        if self.thread.ident is not None:  # bound but never started: nothing to wait for
            self.thread.join(timeout=5)
        self._stop_auth()
        self.context.destroy(linger=LINGER_MS)

    def _stop_auth(self) -> None:
        if self.auth is not None:
            self.auth.stop()
            self.auth = None

    # -- called from any thread ------------------------------------------------------------------------

    def send(self, origin, event: dict) -> None:
        identity, envelope = origin[1], origin[2]
        self._hand_over([b"to", identity, envelope, _encode(event)])

    def broadcast(self, event: dict) -> None:
        self._hand_over([b"pub", event["event"].encode(), _encode(event)])

    def _hand_over(self, frames) -> None:
        with self.outbox_lock:
            if self._running.is_set():
                self.outbox.send_multipart(frames)

    # -- the transport's thread --------------------------------------------------------------------------

    def _serve(self) -> None:
        poller = zmq.Poller()
        poller.register(self.router, zmq.POLLIN)
        poller.register(self.outbox_in, zmq.POLLIN)
        while self._running.is_set():
            ready = dict(poller.poll(100))
            if self.outbox_in in ready:
                self._flush_outbox()
            if self.router in ready:
                while True:
                    try:
                        frames = self.router.recv_multipart(zmq.NOBLOCK, copy=False)
                    except zmq.Again:
                        break
                    try:
                        self._handle([frame.bytes for frame in frames], _user_id(frames[-1]))
                    except Exception:  # keep serving whatever a message does
                        logger.exception("ZeroMQ message failed")
        self._flush_outbox()  # last events (cancelled…) before the sockets close

    def _flush_outbox(self) -> None:
        while True:
            try:
                frames = self.outbox_in.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            if frames[0] == b"to":
                _, identity, envelope, payload = frames
                self._reply(identity, envelope, payload)
            else:
                self.pub.send_multipart(frames[1:])

    def _reply(self, identity: bytes, envelope: bytes, payload: bytes) -> None:
        if envelope == b"req":
            # A REQ socket takes exactly one reply per request: a generate's later events would be
            # read as the answer to its next request, so only the first event goes to it.
            if identity not in self._req_awaiting:
                return
            self._req_awaiting.discard(identity)
        frames = [identity, b"", payload] if envelope == b"req" else [identity, payload]
        try:
            self.router.send_multipart(frames, zmq.NOBLOCK)
        except zmq.ZMQError as err:  # a vanished or stalled client must not stop the service
            logger.debug("dropping reply to %r: %s", identity, err)

    def _handle(self, frames: list[bytes], user_id: str = "") -> None:
        identity, rest = frames[0], frames[1:]
        envelope = b"req" if len(rest) >= 2 and rest[0] == b"" else b"dealer"
        origin = ("zmq", identity, envelope, user_id)
        body = rest[1:] if envelope == b"req" else rest
        if envelope == b"req":
            self._req_awaiting.add(identity)
        shape = (f"expected one JSON frame (or an empty delimiter and one JSON frame; only an upload adds a frame "
                 f"of bytes), got {len(rest)} frames")
        if len(body) not in (1, 2):
            events = [bad_message(shape)]
        else:
            events = self._dispatch(body[0], origin, body[1] if len(body) == 2 else None, shape)
            if events and isinstance(events[0], tuple):  # a fetched chunk: reply and its bytes
                (reply, data), = events
                frames = [identity, b"", _encode(reply), data] if envelope == b"req" else [identity, _encode(reply), data]
                try:
                    self.router.send_multipart(frames, zmq.NOBLOCK, copy=False)
                except zmq.ZMQError as err:
                    logger.debug("dropping a chunk for %r: %s", identity, err)
                return
        for event in events:
            self._reply(identity, envelope, _encode(event))

    def _dispatch(self, payload: bytes, origin, data: bytes | None = None, shape: str = "") -> list[dict]:
        try:
            message = protocol.decode_json(payload)
        except EngineError as err:
            return [bad_message(shape) if data is not None else protocol.failed("", err)]
        op = message.get("op", "generate")
        if data is not None and op != "upload":
            return [bad_message(f"{shape}: only an upload carries a frame of bytes, not {op!r:.80}")]
        try:
            if op == "upload":
                return [self.service.uploads.receive(message, data, self.service.owner_of(origin))]
            if op == "generate":
                return self.service.submit(message, origin)
            if op == "cancel":
                return self.service.cancel(message.get("id"), origin)
            if op == "status":
                return [self.service.status(origin)]
            if op == "ping":
                return self.service.ping()
            if op == "embed":
                return [self.service.embed(message)]
            if op == "fetch":
                return [self.service.files.chunk(message, self.service.owner_of(origin))]
            if op == "history":
                return [self.service.history_entries(message, origin)]
        except EngineError as err:
            return [protocol.failed("", err)]
        except Exception as err:  # keep serving whatever happens
            logger.exception("request failed")
            return [protocol.failed(message.get("id") if isinstance(message.get("id"), str) else "",
                                    protocol.error("internal", f"internal error: {err}"))]
        return [bad_message(f"unknown op {op!r:.80}; use one of {', '.join(protocol.OPS)}")]


def _user_id(frame: zmq.Frame) -> str:
    """The ZAP User-Id of the connection a message came on (a CURVE client's key, z85); "" without ZAP."""
    try:
        return frame.get("User-Id") or ""
    except (zmq.ZMQError, UnicodeDecodeError):
        return ""


def _encode(event: dict) -> bytes:
    return json.dumps(event, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _bind(sock, host: str, port: int) -> str:
    """Bind and return the endpoint; port 0 picks a free one (tests)."""
    if port == 0:
        port = sock.bind_to_random_port(f"tcp://{host}")
    else:
        sock.bind(f"tcp://{host}:{port}")
    return f"tcp://{host}:{port}"
