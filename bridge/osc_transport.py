"""OSC front end over UDP (python-osc), in the AbletonOSC manner.

Listens on one port (default 18000) and replies to the sender's host on another (default 18001,
or the request's ``reply_port``). Addresses:

    /audioldm/generate key value key value …   → /audioldm/accepted id position, /audioldm/started id,
                                                   /audioldm/progress id step total,
                                                   /audioldm/done id path…  (or /audioldm/error, /audioldm/cancelled)
    /audioldm/cancel id                         → /audioldm/cancelled id
    /audioldm/status                            → /audioldm/status key value …
    /audioldm/ping                              → /audioldm/pong state (ready, loading, stopping)
    /audioldm/history [query Q] [limit N] …     → /audioldm/history/entry key value … (one per entry), /history/end

Every address takes ``reply_port N`` (cancel: ``/audioldm/cancel id reply_port N``; an integral
float from a Max float box counts). Errors: /audioldm/error id code message, to ``reply_port``
even for a packet that does not parse when the port can still be read from it. Floats go out as 32-bit (Max cannot read doubles); floats that
come in as 32-bit are read as the shortest decimal that gives the same float32 (133.7, not
133.6999969…).
One thread handles datagrams in turn (handlers only validate and queue), so a flood cannot spawn
threads; timetags are ignored (a future-dated bundle never makes the server sleep). Arguments are
read into fields (and a broken packet's reply port recovered) by bridge.osc_args.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import threading

from pythonosc import osc_packet
from pythonosc.dispatcher import Dispatcher
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.osc_server import BlockingOSCUDPServer

from engine.errors import EngineError

from . import protocol
from .history_ops import osc_messages, parse_osc
from .osc_args import parse_key_values, recover_reply_port, reply_port_hint
from .protocol import bad_message

logger = logging.getLogger(__name__)


class _QuietPythonOsc(logging.Filter):
    """python-osc logs a root-logger warning per malformed datagram: a flood would flood the log.
    The sender gets an error reply instead (and the engine's own logger says what matters)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pythonosc" not in record.pathname


_QUIET = _QuietPythonOsc()

PREFIX = "/audioldm"
MAX_DATAGRAM = 65535  # the stdlib server would truncate at 8192; read whole datagrams, then judge
MAX_PACKET = 16 * 1024  # a request is a few hundred bytes; anything near UDP's limit is a mistake


def decode_datagram(data: bytes) -> list:
    """A UDP datagram → its OSC messages (bundles flattened, timetags ignored).

    Raises InvalidInput naming the problem for anything that is not a well-formed OSC packet of
    sensible size — python-osc's own parser may raise other exceptions on hostile bytes
    (invalid UTF-8, deep nesting), which are never let through."""
    if len(data) > MAX_PACKET:
        raise protocol.error("bad_request", f"OSC packet is {len(data)} bytes; the limit is {MAX_PACKET}")
    if len(data) % 4:
        raise protocol.error("bad_request", f"malformed OSC packet: its size must be a multiple of 4 bytes, got {len(data)}")
    try:
        packet = osc_packet.OscPacket(data)
        return [timed.message for timed in packet.messages]
    except osc_packet.ParseError as err:
        raise protocol.error("bad_request", f"malformed OSC packet: {err}") from None
    except UnicodeDecodeError:
        raise protocol.error("bad_request", "malformed OSC packet: text is not valid UTF-8") from None
    except RecursionError:
        raise protocol.error("bad_request", "malformed OSC packet: bundles nested too deeply") from None
    except Exception as err:  # noqa: BLE001 — whatever the parser trips on, the sender gets an answer
        raise protocol.error("bad_request", f"malformed OSC packet: {type(err).__name__}: {err}") from None


def to_osc(event: dict) -> tuple[str, list]:
    kind, job_id = event["event"], event.get("id", "")
    if kind == "accepted":
        return f"{PREFIX}/accepted", [job_id, event["position"]]
    if kind == "started":
        return f"{PREFIX}/started", [job_id]
    if kind == "progress":
        return f"{PREFIX}/progress", [job_id, event["step"], event["total"]]
    if kind == "done":
        return f"{PREFIX}/done", [job_id, *event["paths"]]
    if kind == "error":
        return f"{PREFIX}/error", [job_id, event["code"], event["message"]]
    if kind == "cancelled":
        return f"{PREFIX}/cancelled", [job_id]
    if kind == "pong":
        return f"{PREFIX}/pong", [event.get("state", "ready")]
    if kind == "status":
        flat = []
        for key, value in event.items():
            if key in ("event", "id"):
                continue
            if isinstance(value, dict):
                flat += [item for k, v in value.items() for item in (f"{key}_{k}", v)]
            elif isinstance(value, list):
                flat += [key, " ".join(map(str, value))]
            else:
                flat += [key, value]
        return f"{PREFIX}/status", flat
    raise ValueError(f"no OSC form for event {kind!r}")


def encode(address: str, args: list) -> bytes:
    builder = OscMessageBuilder(address=address)
    for arg in args:
        if isinstance(arg, bool):
            builder.add_arg(int(arg), "i")
        elif isinstance(arg, int):
            builder.add_arg(arg, "i" if -2**31 <= arg < 2**31 else "h")
        elif isinstance(arg, float):
            builder.add_arg(arg, "f")  # 32-bit: Max shows doubles as 0
        else:
            builder.add_arg("" if arg is None else str(arg), "s")
    return builder.build().dgram


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        data, _ = self.request
        self.server.transport.handle_datagram(data, self.client_address)


class _Server(BlockingOSCUDPServer):
    max_packet_size = MAX_DATAGRAM

    def verify_request(self, request, client_address) -> bool:
        return True  # python-osc drops non-OSC datagrams silently; we answer them with an error


class OscTransport:
    def __init__(self, service, host: str, port: int, reply_port: int, allow=None):
        """``allow``: a bridge.remote.OscAllowList; datagrams from other senders are dropped and counted."""
        self.service = service
        self.allow = allow
        self.reply_port = reply_port
        self.dispatcher = Dispatcher(strict_timing=False)
        self.dispatcher.map(f"{PREFIX}/generate", self._generate, needs_reply_address=True)
        self.dispatcher.map(f"{PREFIX}/cancel", self._cancel, needs_reply_address=True)
        self.dispatcher.map(f"{PREFIX}/status", self._status, needs_reply_address=True)
        self.dispatcher.map(f"{PREFIX}/ping", self._ping, needs_reply_address=True)
        self.dispatcher.map(f"{PREFIX}/history", self._history, needs_reply_address=True)
        self.dispatcher.set_default_handler(self._unknown, needs_reply_address=True)
        if _QUIET not in logging.getLogger().filters:
            logging.getLogger().addFilter(_QUIET)
        self.server = _Server((host, port), self.dispatcher)
        self.server.RequestHandlerClass = _Handler
        self.server.transport = self
        self.port = self.server.server_address[1]
        self.host = host
        self.out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1},
                                       name="audioldm-osc", daemon=True)

    def endpoints(self) -> dict:
        return {"listen": f"udp://{self.host}:{self.port}", "reply_port": self.reply_port}

    @property
    def started(self) -> bool:
        return self.thread.ident is not None

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        if self.thread.ident is not None:  # shutdown() would wait forever for a loop never started
            self.server.shutdown()
            self.thread.join(timeout=5)
        self.server.server_close()
        self.out.close()

    # -- sending ---------------------------------------------------------------------------------------

    def send(self, origin, event: dict) -> None:
        self._send_message(origin, *to_osc(event))

    def _send_message(self, origin, address: str, args: list) -> None:
        _, host, port = origin
        try:
            self.out.sendto(encode(address, args), (host, port))
        except OSError as err:  # an unreachable client must not stop the service
            logger.debug("OSC reply to %s:%s failed: %s", host, port, err)

    def _reply(self, origin, events) -> None:
        for event in events:
            self.send(origin, event)

    # -- receiving -------------------------------------------------------------------------------------

    def handle_datagram(self, data: bytes, sender) -> None:
        if self.allow is not None and not self.allow.allows(sender[0]):
            self.allow.dropped += 1  # no reply: an answer would make the engine a reflector
            if self.allow.dropped in (1, 10, 100) or self.allow.dropped % 1000 == 0:
                logger.warning("dropped %d OSC datagram(s) from senders outside --osc-allow (last: %s)",
                               self.allow.dropped, sender[0])
            return
        default_origin = ("osc", sender[0], self.reply_port)
        try:
            messages = decode_datagram(data)
        except EngineError as err:
            port = recover_reply_port(data, self.reply_port) if len(data) <= MAX_PACKET else self.reply_port
            return self._reply(("osc", sender[0], port), [protocol.failed("", err)])
        for message in messages:
            try:
                handlers = list(self.dispatcher.handlers_for_address(message.address))
            except Exception:  # an address pattern python-osc cannot compile ("/[")
                handlers = []
            if not handlers:
                self._unknown(sender, message.address)
            for handler in handlers:
                try:
                    handler.invoke(sender, message)
                except Exception as err:  # keep serving whatever happens
                    logger.exception("OSC handler failed")
                    self._reply(default_origin, [protocol.failed("", protocol.error("internal", str(err)))])

    def _origin(self, sender, fields: dict):
        port = self.reply_port
        if "reply_port" in fields:
            port = protocol.coerce("reply_port", fields.pop("reply_port"))
            if not 1 <= port <= 65535:
                raise protocol.error("bad_request", f"reply_port must be 1..65535, got {port}")
        return ("osc", sender[0], port)

    def _fields(self, sender, address, args, allowed: set | None = None):
        """Key–value arguments → (fields, origin); on bad input reply with an error and return None."""
        try:
            fields = parse_key_values([protocol.shortest_float32(a) if isinstance(a, float) else a for a in args])
            if isinstance(fields.get("id"), int):  # a Max number box as id
                fields["id"] = str(fields["id"])
            extra = sorted(set(fields) - allowed - {"reply_port"}) if allowed is not None else []
            origin = self._origin(sender, fields)
            if extra:
                raise protocol.error("bad_request", f"{address} takes {', '.join(sorted(allowed | {'reply_port'}))}; "
                                                    f"got {', '.join(extra)}")
            return fields, origin
        except Exception as err:
            code = getattr(err, "code", "bad_request")
            self._reply(("osc", sender[0], reply_port_hint(args, self.reply_port)),
                        [protocol.failed("", protocol.error(code, str(err)))])
            return None

    def _generate(self, sender, address, *args) -> None:
        parsed = self._fields(sender, address, list(args))
        if parsed is not None:
            fields, origin = parsed
            self._reply(origin, self.service.submit(fields, origin))

    def _cancel(self, sender, address, *args) -> None:
        args = list(args)
        if args and not (isinstance(args[0], str) and args[0] in ("id", "reply_port")):
            args = ["id", *args]  # `/audioldm/cancel take-1 …`: the id comes first, unnamed
        parsed = self._fields(sender, address, args, allowed={"id"})
        if parsed is None:
            return
        fields, origin = parsed
        if "id" not in fields:
            return self._reply(origin, [bad_message(f"{address} takes a job id: {address} ID [reply_port N]")])
        self._reply(origin, self.service.cancel(fields["id"], origin))

    def _status(self, sender, address, *args) -> None:
        parsed = self._fields(sender, address, list(args), allowed=set())
        if parsed is not None:
            self._reply(parsed[1], [self.service.status(parsed[1])])

    def _ping(self, sender, address, *args) -> None:
        parsed = self._fields(sender, address, list(args), allowed=set())
        if parsed is not None:
            self._reply(parsed[1], self.service.ping())

    def _history(self, sender, address, *args) -> None:
        try:  # one message per entry, then the end: bounded by the limit (bridge.history_ops)
            fields = parse_osc(list(args))
            origin = self._origin(sender, fields)
            messages = osc_messages(self.service.history_entries(fields, origin))
        except EngineError as err:
            return self._reply(("osc", sender[0], reply_port_hint(args, self.reply_port)), [protocol.failed("", err)])
        for address, values in messages:
            self._send_message(origin, address, values)

    def _unknown(self, sender, address, *args) -> None:
        self._reply(("osc", sender[0], self.reply_port), [bad_message(
            f"unknown address {address:.120}; use {PREFIX}/generate, /cancel, /status, /ping or /history")])
