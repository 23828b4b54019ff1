"""Reading OSC arguments: key–value pairs into request fields, and a reply port read leniently.

What Max, Pure Data and TouchOSC send is a flat list of atoms: ``prompt rain on a tin roof bars 4``.
:func:`parse_key_values` turns it into the protocol's fields (bridge.protocol validates them).
When a message does not parse, its error still goes to the ``reply_port`` it asked for where that
can be read: :func:`reply_port_hint` from parsed arguments, :func:`recover_reply_port` from raw
bytes python-osc refused. The transport itself (sockets, addresses, replies) is bridge.osc_transport.
"""

from __future__ import annotations

import struct

from . import protocol

_STRING_KEYS = {name for name, (kind, _) in protocol.FIELDS.items() if kind is str}


def parse_key_values(args: list) -> dict:
    """``prompt rain on a tin roof bars 4 bpm 90`` → fields.

    A prompt typed into a Max message box arrives as several symbols; the words are joined back.
    A word counts as a key only when it is a known field *and* is followed by a value, so
    "drum loop bars 4" keeps "loop" in the prompt. (Send the prompt as one symbol to be safe.)
    """
    fields: dict = {}
    key = None
    words: list = []

    def close():
        if key is None:
            if words:
                raise protocol.error("bad_request", f"expected a field name, got {words[0]!r:.80}")
            return
        if not words:
            raise protocol.error("bad_request", f"field {key} has no value")
        if key in fields:
            raise protocol.error("bad_request", f"field {key} given twice")
        odd = [w for w in words if not isinstance(w, (str, int, float))]  # nil, blob, array, MIDI…
        if odd:
            raise protocol.error("bad_request", f"field {key} takes a number or text, got {odd[0]!r:.80}")
        if key in _STRING_KEYS:
            odd = [w for w in words if isinstance(w, bool)]
            if odd:
                raise protocol.error("bad_request", f"field {key} takes text (words and numbers), got {odd[0]!r:.80}")
            fields[key] = " ".join(str(w) for w in words)
        elif len(words) == 1:
            fields[key] = words[0]
        else:
            raise protocol.error("bad_request", f"field {key} takes one value, got {words!r:.120}")

    for i, arg in enumerate(args):
        if _starts_field(args, i, key, words):
            close()
            key, words = arg, []
        else:
            words.append(arg)
    close()
    return fields


def _is_field_name(arg) -> bool:
    return isinstance(arg, str) and arg in protocol.FIELDS


def _starts_field(args: list, i: int, key, words: list) -> bool:
    if not _is_field_name(args[i]):
        return False
    if key not in _STRING_KEYS:
        return True  # numbers and flags take one value: the next name starts the next field
    # Inside text, a field name counts only after some text and when a value follows it.
    return bool(words) and i + 1 < len(args) and not _is_field_name(args[i + 1])


def _port_value(value) -> int | None:
    """A usable reply port: an int, or an integral float (a Max float box sends ``19001.``)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():  # also NaN and infinities
        return None
    return int(value) if 1 <= value <= 65535 else None


def reply_port_hint(args: list, default: int) -> int:
    """Where to send an error about a message that did not parse: its ``reply_port`` if it has one."""
    for key, value in zip(args, args[1:]):
        if (key == "reply_port" or key == b"reply_port") and _port_value(value) is not None:
            return _port_value(value)
    return default


_FIXED = {"i": ">i", "f": ">f", "h": ">q", "d": ">d", "t": ">Q", "c": ">I", "r": ">I", "m": ">I"}


def recover_reply_port(data: bytes, default: int | None, depth: int = 0) -> int | None:
    """The ``reply_port`` of a datagram python-osc could not parse (text that is not UTF-8, an odd
    argument), read leniently: strings as bytes, stopping at the first thing it cannot read (what
    came before it still counts). ``default`` when there is none to be found."""

    def string(at):
        end = data.find(b"\x00", at)
        if end < 0:
            raise ValueError("unterminated string")
        return data[at:end], end + 4 - end % 4

    if data.startswith(b"#bundle\x00"):
        at = 16
        while depth < 4 and at + 4 <= len(data):
            size = struct.unpack_from(">i", data, at)[0]
            if size <= 0:
                break
            port = recover_reply_port(data[at + 4:at + 4 + size], None, depth + 1)
            if port is not None:
                return port
            at += 4 + size
        return default
    args: list = []
    try:
        _, at = string(0)
        tags, at = string(at)
        for tag in tags[1:].decode("ascii"):
            if tag in _FIXED:
                args.append(struct.unpack_from(_FIXED[tag], data, at)[0])
                at += struct.calcsize(_FIXED[tag])
            elif tag in "sS":
                value, at = string(at)
                args.append(value)
            elif tag == "b":
                size = struct.unpack_from(">i", data, at)[0]
                args.append(None)
                at += 4 + size + (-size) % 4
            elif tag in "TFNI[]":
                args.append(None)
            else:
                break
    except (ValueError, struct.error):  # UnicodeDecodeError is a ValueError
        pass
    return reply_port_hint(args, default)
