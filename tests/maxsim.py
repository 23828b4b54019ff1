"""A small evaluator for the Max objects the audioldm-bridge patches use — enough to run a patch's
message paths in a test, with real UDP sockets for [udpsend]/[udpreceive].

It follows Max's documented message semantics (docs.cycling74.com/reference):
- depth-first, synchronous delivery; an object's outlets fire right to left ([trigger], [unpack],
  [zl slice]); one outlet feeding several inlets fires them right to left by the destinations' x
  (then bottom to top) position;
- a message is a selector plus atoms: bang, int, float, symbol, list, or any other selector;
- message box: ``$1``…``$9`` (initially 0) are replaced by the items of an incoming int, float,
  symbol, list or anything, then the contents go out; ``set …`` replaces the contents silently; a
  comma splits the contents into messages sent in order; a semicolon starts a message to a named
  receiver (``; name message``; only Max's own ``; max getsystem NAME`` and [receive]/[r] are
  modelled); ``#1``…``#9`` are an abstraction's arguments and ``#0`` a number unique to the instance;
- [route]: the first item of the message selects an outlet, the rest goes out (bang when nothing
  is left); no match: the whole message out the right outlet;
- [prepend]: its arguments before the message (a bang becomes the word bang; ``set …`` replaces
  them); a symbol message is not modelled (the reference does not say what prepend makes of it);
- [tosymbol]: the whole message as one symbol; [sprintf symout]: the formatted text as one symbol
  (a list into the left inlet is spread over the inlets);
- [pack]: each inlet stores its item, the left inlet (hot) outputs the list;
- [gate N init], [sel], [zl reg/join/mth/slice], [t …], [i], arithmetic, [loadbang]/[loadmess];
- [deferlow]: the message waits in Max's low-priority queue, which runs when the current event is
  over (``Runtime.idle()``; ``pump`` runs it too);
- [conformpath slash boot] (the macOS branch of a path conversion): Max's path prefixes (``~:``,
  ``Usermax:`` …) resolved through ``Runtime.folders``, the boot volume's name dropped;
- [buffer~]: ``replace <file>`` reads a file (right outlet bangs), ``writewave <file>`` writes what
  it holds as a WAVE file at its sample rate.

Objects it does not implement raise NotImplementedError when a message reaches them, so a test
can never silently pass through an object whose behaviour is only guessed.
"""

from __future__ import annotations

import heapq
import itertools
import json
import random
import re
import select
import socket
from dataclasses import dataclass
from pathlib import Path

from pythonosc.osc_message import OscMessage
from pythonosc.osc_message_builder import OscMessageBuilder

_INT = re.compile(r"[-+]?\d+")
_FLOAT = re.compile(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?")


@dataclass(frozen=True)
class Msg:
    selector: str
    args: tuple = ()

    def atoms(self) -> tuple:
        """The message's items, as route/pack/message boxes see them (the selector is an item
        only for 'anything' messages)."""
        if self.selector == "bang":
            return ()
        if self.selector in ("int", "float", "symbol", "list"):
            return self.args
        return (self.selector, *self.args)

    def __repr__(self) -> str:
        return " ".join(map(str, (self.selector, *self.args)))


BANG = Msg("bang")


def symbol(text: str) -> Msg:
    return Msg("symbol", (text,))


def from_atoms(atoms) -> Msg:
    """The message a Max outlet sends for these items."""
    atoms = tuple(atoms)
    if not atoms:
        return BANG
    first = atoms[0]
    if isinstance(first, str):
        return Msg(first, atoms[1:])
    if len(atoms) == 1:
        return Msg("float" if isinstance(first, float) else "int", atoms)
    return Msg("list", atoms)


def single(atoms) -> Msg:
    """One item as zl and friends output it: a symbol stays a symbol message."""
    atoms = tuple(atoms)
    if len(atoms) == 1 and isinstance(atoms[0], str):
        return symbol(atoms[0])
    return from_atoms(atoms)


def parse_atom(token: str):
    if _INT.fullmatch(token):
        return int(token)
    if _FLOAT.fullmatch(token) and any(c.isdigit() for c in token):
        return float(token)
    return token


def parse(text: str) -> list:
    """Tokenize box text like Max: spaces separate atoms, "double quotes" make one symbol,
    a comma or semicolon is its own atom, a backslash escapes the next character."""
    atoms, token, quoted, had_quote, escape = [], "", False, False, False

    def flush():
        nonlocal token, had_quote
        if token or had_quote:
            atoms.append(token if had_quote else parse_atom(token))
        token, had_quote = "", False

    for ch in text:
        if escape:
            token += ch
            escape = False
        elif ch == "\\":
            escape = True
        elif ch == '"':
            quoted = not quoted
            had_quote = True
        elif quoted:
            token += ch
        elif ch.isspace():
            flush()
        elif ch in ",;":
            flush()
            atoms.append(ch)
        else:
            token += ch
    flush()
    return atoms


def format_atom(atom) -> str:
    if isinstance(atom, float):
        return f"{atom:.6f}".rstrip("0")  # Max writes a float 100 as "100."
    return str(atom)


# --- the runtime ---------------------------------------------------------------------------------------


class Runtime:
    """Loads patches, delivers messages, owns the (virtual) clock, the transport and the sockets."""

    def __init__(self, patchers_dir: Path, tempo: float = 120.0, time_signature=(4, 4), seed: int = 0,
                 engine_address: tuple | None = None, platform: str = "macintosh", folders: dict | None = None,
                 boot_volume: str = "Macintosh HD"):
        self.patchers_dir = Path(patchers_dir)
        self.tempo = float(tempo)
        self.time_signature = tuple(time_signature)
        self.transport_running = 0
        self.rng = random.Random(seed)
        self.engine_address = engine_address  # where [udpsend 127.0.0.1 18000] really sends, in a test
        self.now = 0.0
        self._timers: list = []
        self._timer_ids = itertools.count()
        self._instances = itertools.count(1001)
        self.receivers: list = []
        self.sent: list[tuple[str, tuple]] = []  # every OSC message sent (address, args)
        self.trace: list[tuple[str, int, Msg]] = []
        self.platform = platform  # what ``; max getsystem`` answers: macintosh or windows
        self.folders = dict(folders or {})  # Max path prefix ("~:", "Usermax:") -> a real folder
        self.boot_volume = boot_volume
        self.named: dict[str, list] = {}  # [receive name] objects by name
        self.deferred: list = []  # Max's low-priority queue ([deferlow])

    def send(self, name: str, msg: Msg) -> None:
        """A message to a named receiver, as ``; name message`` in a message box sends it."""
        if name == "max":
            if msg.selector != "getsystem" or len(msg.args) != 1:
                raise NotImplementedError(f"message to max: {msg!r}")
            return self.send(str(msg.args[0]), symbol(self.platform))
        for receiver in self.named.get(name, []):
            receiver.out(0, msg)

    def idle(self) -> None:
        """Run the low-priority queue (Max runs it once the current event has been handled)."""
        while self.deferred:
            self.deferred.pop(0)()

    def load(self, name: str, args=()) -> "Patcher":
        patcher = Patcher(self, self.patchers_dir / name, list(args))
        patcher.loadbang()
        return patcher

    def close(self) -> None:
        for receiver in self.receivers:
            receiver.sock.close()

    # virtual time for [delay]
    def schedule(self, ms: float, action) -> int:
        timer = next(self._timer_ids)
        heapq.heappush(self._timers, (self.now + ms, timer, action))
        return timer

    def cancel(self, timer: int) -> None:
        self._timers = [t for t in self._timers if t[1] != timer]
        heapq.heapify(self._timers)

    def advance(self, ms: float) -> None:
        end = self.now + ms
        while self._timers and self._timers[0][0] <= end:
            when, _, action = heapq.heappop(self._timers)
            self.now = when
            action()
        self.now = end

    def pump(self, until, timeout: float = 30.0) -> bool:
        """Deliver incoming datagrams to their [udpreceive] until ``until()`` is true."""
        import time

        deadline = time.monotonic() + timeout
        self.idle()
        while not until():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            ready, _, _ = select.select([r.sock for r in self.receivers], [], [], min(remaining, 0.1))
            for sock in ready:
                receiver = next(r for r in self.receivers if r.sock is sock)
                data, _ = sock.recvfrom(65535)
                message = OscMessage(data)
                receiver.out(0, Msg(message.address, tuple(message.params)))
            self.idle()
        return True


class Patcher:
    def __init__(self, runtime: Runtime, path: Path, args: list, parent_box=None):
        self.runtime = runtime
        self.path = path
        self.args = args
        self.instance = next(runtime._instances)
        self.parent_box = parent_box
        data = json.loads(path.read_text(encoding="utf-8"))["patcher"]
        self.boxes = {b["box"]["id"]: b["box"] for b in data["boxes"]}
        self.objects: dict[str, Obj] = {}
        for box_id, box in self.boxes.items():
            self.objects[box_id] = make_object(self, box)
        self.connections: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for line in data["lines"]:
            src, dst = line["patchline"]["source"], line["patchline"]["destination"]
            self.connections.setdefault((src[0], src[1]), []).append((dst[0], dst[1]))
        for targets in self.connections.values():  # right to left, then bottom to top
            targets.sort(key=lambda t: (-self.boxes[t[0]]["patching_rect"][0], -self.boxes[t[0]]["patching_rect"][1]))
        self.inlets = sorted((o for o in self.objects.values() if o.box["maxclass"] == "inlet"),
                             key=lambda o: o.box["patching_rect"][0])
        self.outlets = sorted((o for o in self.objects.values() if o.box["maxclass"] == "outlet"),
                              key=lambda o: o.box["patching_rect"][0])

    def substitute(self, text: str) -> list:
        """Box text → atoms, with #0 (instance number) and #1…#9 (arguments; 0 when missing)."""
        atoms = []
        for atom in parse(text):
            if isinstance(atom, str) and "#" in atom:
                whole = re.fullmatch(r"#(\d)", atom)
                if whole:
                    n = int(whole.group(1))
                    atom = self.instance if n == 0 else (self.args[n - 1] if n <= len(self.args) else 0)
                else:
                    atom = re.sub(r"#(\d)", lambda m: str(self.instance if m.group(1) == "0" else (
                        self.args[int(m.group(1)) - 1] if int(m.group(1)) <= len(self.args) else 0)), atom)
                    atom = parse_atom(atom)
            atoms.append(atom)
        return atoms

    def emit(self, box_id: str, outlet: int, msg: Msg) -> None:
        self.runtime.trace.append((self.boxes[box_id].get("text", self.boxes[box_id]["maxclass"]), outlet, msg))
        for dst, inlet in self.connections.get((box_id, outlet), []):
            self.objects[dst].receive(inlet, msg)

    def loadbang(self) -> None:
        for obj in self.objects.values():  # abstractions first: their loadbangs fire before ours
            if isinstance(obj, Abstraction):
                obj.child.loadbang()
        for obj in self.objects.values():
            if isinstance(obj, (LoadBang, LoadMess)):
                obj.fire()

    def find(self, maxclass: str | None = None, text: str | None = None) -> list["Obj"]:
        return [o for o in self.objects.values()
                if (maxclass is None or o.box["maxclass"] == maxclass)
                and (text is None or o.box.get("text", "") == text or o.box.get("text", "").startswith(text + " "))]

    def named(self, varname: str) -> "Obj":
        """A box by its scripting name (Max's varname attribute)."""
        [found] = [o for o in self.objects.values() if o.box.get("varname") == varname]
        return found

    def one(self, maxclass: str | None = None, text: str | None = None) -> "Obj":
        found = self.find(maxclass, text)
        assert len(found) == 1, f"{len(found)} boxes match {maxclass} {text!r} in {self.path.name}"
        return found[0]


# --- objects -------------------------------------------------------------------------------------------


class Obj:
    def __init__(self, patcher: Patcher, box: dict):
        self.patcher = patcher
        self.box = box
        self.id = box["id"]
        self.atoms = patcher.substitute(box.get("text", "")) if box["maxclass"] in ("newobj", "message") else []
        self.args = self.atoms[1:] if box["maxclass"] == "newobj" else self.atoms
        self.received: list[tuple[int, Msg]] = []
        self.setup()

    def setup(self) -> None:
        pass

    def receive(self, inlet: int, msg: Msg) -> None:
        raise NotImplementedError(f"the evaluator has no model of [{self.box.get('text', self.box['maxclass'])}]"
                                  f" (got {msg!r} in inlet {inlet})")

    def out(self, outlet: int, msg: Msg) -> None:
        self.patcher.emit(self.id, outlet, msg)


class Sink(Obj):
    """Objects whose effect is outside the message graph (audio, display, console)."""

    def receive(self, inlet, msg):
        self.received.append((inlet, msg))


class Comment(Sink):
    pass


class Inlet(Obj):
    def receive(self, inlet, msg):
        self.out(0, msg)


class Outlet(Obj):
    def receive(self, inlet, msg):
        parent = self.patcher.parent_box
        if parent is not None:
            parent.out(self.patcher.outlets.index(self), msg)


class Abstraction(Obj):
    def setup(self):
        if self.box["maxclass"] == "bpatcher":
            name, args = self.box["name"], list(self.box.get("args", []))
        else:
            name, args = f"{self.atoms[0]}.maxpat", self.args
        self.child = Patcher(self.patcher.runtime, self.patcher.runtime.patchers_dir / name, args, parent_box=self)

    def receive(self, inlet, msg):
        self.child.inlets[inlet].out(0, msg)


class Message(Obj):
    def setup(self):
        self.content = list(self.atoms)
        self.values = [0] * 9  # "the value of a changeable argument is initially 0"

    def receive(self, inlet, msg):
        if msg.selector == "set":
            self.content = list(msg.args)
            return
        if inlet == 1:  # right inlet: set without output
            self.content = list(msg.atoms())
            return
        for i, atom in enumerate(msg.atoms()[:9]):
            self.values[i] = atom
        self.send()

    def send(self):
        part: list = []
        to_receiver = False  # after a semicolon, a message's first item names its receiver
        for atom in self.content + [None]:  # None: the end of the contents
            if atom in (",", ";", None):
                if atom == "," and to_receiver:
                    raise NotImplementedError("a comma after '; name …' (more messages to the same receiver)")
                if part and not to_receiver:
                    self.out(0, from_atoms(part))
                elif part:
                    self.patcher.runtime.send(str(part[0]), from_atoms(part[1:]))
                part = []
                if atom == ";":
                    to_receiver = True
            elif isinstance(atom, str) and "$" in atom:
                whole = re.fullmatch(r"\$([1-9])", atom)
                if not whole:
                    raise NotImplementedError(f"$-argument inside a symbol: {atom!r}")
                part.append(self.values[int(whole.group(1)) - 1])
            else:
                part.append(atom)

    @property
    def text(self) -> str:
        return " ".join(map(format_atom, self.content))


class Button(Obj):
    def receive(self, inlet, msg):
        self.out(0, BANG)


class Toggle(Obj):
    def setup(self):
        self.value = 0

    def receive(self, inlet, msg):
        if msg.selector == "set":
            self.value = int(msg.args[0] != 0)
            return
        self.value = (1 - self.value) if msg.selector == "bang" else int(msg.atoms()[0] != 0)
        self.out(0, Msg("int", (self.value,)))


class Number(Obj):
    def setup(self):
        self.is_float = self.box["maxclass"] == "flonum"
        self.value = 0.0 if self.is_float else 0

    def _store(self, value):
        value = float(value) if self.is_float else int(value)
        if "minimum" in self.box:
            value = max(value, type(value)(self.box["minimum"]))
        if "maximum" in self.box:
            value = min(value, type(value)(self.box["maximum"]))
        self.value = value

    def receive(self, inlet, msg):
        if msg.selector == "set":
            self._store(msg.args[0])
            return
        if msg.selector != "bang":
            self._store(msg.atoms()[0])
        self.out(0, Msg("float" if self.is_float else "int", (self.value,)))


class TextEdit(Obj):
    def setup(self):
        self.text = self.box.get("text", "")

    def type(self, text: str) -> None:
        """What a user's typing does: the buffer changes, nothing is output."""
        self.text = text

    def press_return(self) -> None:
        assert self.box.get("keymode") == 1, "Return only sends the text in keymode 1"
        self.receive(0, BANG)

    def receive(self, inlet, msg):
        if msg.selector == "set":
            self.text = " ".join(map(format_atom, msg.args))
        elif msg.selector == "bang":  # "Outputs the typed or stored contents of the textedit object's buffer"
            self.out(0, Msg("text", tuple(parse_atom(w) for w in self.text.split())))
        else:
            raise NotImplementedError(f"textedit got {msg!r}")


def _same(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return float(a) == float(b)


class Route(Obj):
    def receive(self, inlet, msg):
        if inlet == 1:
            raise NotImplementedError("route's right inlet")
        if msg.selector == "symbol":
            raise NotImplementedError("route given a symbol message")
        items = msg.atoms() if msg.selector != "bang" else ("bang",)
        for i, arg in enumerate(self.args):
            if items and _same(items[0], arg):
                return self.out(i, from_atoms(items[1:]))
        self.out(len(self.args), msg)


class Select(Obj):
    def receive(self, inlet, msg):
        if inlet == 1:
            self.args = [msg.atoms()[0]]
            return
        items = msg.atoms() if msg.selector != "bang" else ("bang",)
        for i, arg in enumerate(self.args):
            if items and _same(items[0], arg):
                return self.out(i, BANG)
        self.out(len(self.args), msg)


class Trigger(Obj):
    def receive(self, inlet, msg):
        items = msg.atoms()
        for i in reversed(range(len(self.args))):
            kind = self.args[i]
            if kind == "b":
                self.out(i, BANG)
            elif kind == "i":
                self.out(i, Msg("int", (int(items[0]) if items and not isinstance(items[0], str) else 0,)))
            elif kind == "f":
                self.out(i, Msg("float", (float(items[0]) if items and not isinstance(items[0], str) else 0.0,)))
            elif kind in ("a", "l"):
                self.out(i, msg)
            elif kind == "s":
                if not items or not isinstance(items[0], str):
                    raise NotImplementedError(f"[t s] given {msg!r}")
                self.out(i, symbol(items[0]))
            else:
                self.out(i, single([kind]))


class Prepend(Obj):
    def receive(self, inlet, msg):
        if msg.selector == "set":  # "replace the message stored in prepend, without triggering output"
            self.args = list(msg.args)
            return
        if msg.selector == "symbol":  # the reference lists bang, int, float, list, anything — not symbol
            raise NotImplementedError(f"prepend given a symbol message {msg!r}")
        items = ("bang",) if msg.selector == "bang" else msg.atoms()
        self.out(0, from_atoms((*self.args, *items)))


class ToSymbol(Obj):
    def receive(self, inlet, msg):
        if msg.selector == "bang":
            raise NotImplementedError("tosymbol given a bang")
        self.out(0, symbol(" ".join(map(format_atom, msg.atoms()))))


_DIRECTIVE = re.compile(r"%(?!%)[-+ #0]*\d*(?:\.\d+)?(l{0,2}|h)([sdifxXceEgGu])")


class Sprintf(Obj):
    def setup(self):
        self.symout = bool(self.args) and self.args[0] == "symout"
        self.format = " ".join(map(str, self.args[1:] if self.symout else self.args))
        self.directives = list(_DIRECTIVE.finditer(self.format))
        self.values = [("" if d.group(2) == "s" else 0) for d in self.directives] or [0]

    def receive(self, inlet, msg):
        items = msg.atoms()
        if inlet == 0 and len(items) > 1:  # "each item … as if it had been received in a separate inlet"
            for i, item in enumerate(items[: len(self.values)]):
                self.values[i] = item
        elif msg.selector != "bang":
            self.values[inlet] = items[0]
        if inlet == 0:
            text = _DIRECTIVE.sub(lambda m: "%" + m.group(0)[1:].replace("l", "").replace("h", ""), self.format)
            converted = tuple(str(v) if d.group(2) == "s" else (int(v) if d.group(2) in "diuxX" else float(v))
                              for v, d in zip(self.values, self.directives))
            result = text % converted
            self.out(0, symbol(result) if self.symout else from_atoms(parse(result)))


class Pack(Obj):
    def setup(self):
        self.values = [("" if a == "s" else a) for a in (self.args or [0, 0])]
        self.kinds = [(str if isinstance(a, str) else type(a)) for a in (self.args or [0, 0])]

    def _store(self, i, item):
        kind = self.kinds[i]
        if kind is str:
            if not isinstance(item, str):
                raise NotImplementedError(f"pack: a number into the symbol slot {i}")
            self.values[i] = item
        else:
            self.values[i] = 0 if isinstance(item, str) else kind(item)  # "the symbol is converted to 0"

    def receive(self, inlet, msg):
        items = msg.atoms()
        if msg.selector != "bang":
            for offset, item in enumerate(items[: len(self.values) - inlet]):
                self._store(inlet + offset, item)
        if inlet == 0:
            self.out(0, Msg("list", tuple(self.values)))


class Unpack(Obj):
    def receive(self, inlet, msg):
        items = msg.atoms()
        for i in reversed(range(min(len(items), len(self.args) or 2))):
            self.out(i, single([items[i]]))


class Zl(Obj):
    def setup(self):
        self.mode = self.args[0]
        self.n = self.args[1] if len(self.args) > 1 else 0
        self.stored: tuple = ()
        self.has = False

    def receive(self, inlet, msg):
        items = () if msg.selector == "bang" else msg.atoms()
        if msg.selector == "zlclear":
            self.stored, self.has = (), False
            return
        if inlet == 1:
            self.stored, self.has = items, True
            return
        if self.mode == "reg":
            if msg.selector != "bang":
                self.stored, self.has = items, True
            if self.has:
                self.out(0, single(self.stored))
        elif self.mode == "join":
            self.out(0, single(items + self.stored))
        elif self.mode == "mth":  # zero-based index
            if self.n < len(items):
                self.out(0, single([items[self.n]]))
        elif self.mode == "slice":  # "lists are sent out the right outlet first"
            if items[self.n:]:
                self.out(1, single(items[self.n:]))
            if items[: self.n]:
                self.out(0, single(items[: self.n]))
        else:
            raise NotImplementedError(f"zl {self.mode}")


class Gate(Obj):
    def setup(self):
        self.outlets = int(self.args[0]) if self.args else 1
        self.open = int(self.args[1]) if len(self.args) > 1 else 0

    def receive(self, inlet, msg):
        if inlet == 0:
            self.open = max(0, min(self.outlets, int(msg.atoms()[0])))
        elif self.open:
            self.out(self.open - 1, msg)


class LoadBang(Obj):
    def fire(self):
        self.out(0, BANG)

    def receive(self, inlet, msg):
        self.fire()


class LoadMess(Obj):
    def fire(self):
        self.out(0, from_atoms(self.args))

    def receive(self, inlet, msg):
        self.fire()


class Random(Obj):
    def receive(self, inlet, msg):
        if inlet == 1:
            self.args = [msg.atoms()[0]]
            return
        self.out(0, Msg("int", (self.patcher.runtime.rng.randrange(int(self.args[0]) if self.args else 2),)))


class Int(Obj):
    def setup(self):
        self.value = int(self.args[0]) if self.args else 0

    def receive(self, inlet, msg):
        if msg.selector != "bang":
            self.value = int(msg.atoms()[0])
        if inlet == 0:
            self.out(0, Msg("int", (self.value,)))


_OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
        "/": lambda a, b: (a / b if isinstance(a, float) else int(a / b)) if b else 0,
        "!-": lambda a, b: b - a, "==": lambda a, b: int(a == b),
        "%": lambda a, b: int(a) % int(b) if int(b) else 0}


class Arithmetic(Obj):
    def setup(self):
        self.operand = self.args[0] if self.args else 0
        self.is_float = isinstance(self.operand, float)
        self.left = 0

    def receive(self, inlet, msg):
        kind = float if self.is_float else int
        if inlet == 1:
            self.operand = kind(msg.atoms()[0])
            return
        if msg.selector != "bang":
            self.left = kind(msg.atoms()[0])
        result = kind(_OPS[self.atoms[0]](self.left, self.operand))
        self.out(0, Msg("float" if self.is_float else "int", (result,)))


class Transport(Obj):
    def receive(self, inlet, msg):
        rt = self.patcher.runtime
        if msg.selector in ("int", "float"):
            rt.transport_running = int(msg.args[0] != 0)
            return
        if msg.selector != "bang":
            raise NotImplementedError(f"transport got {msg!r}")
        # "Outputs … whenever a bang is received in the left inlet", right to left
        self.out(7, Msg("float", (0.0,)))
        self.out(6, Msg("int", (rt.transport_running,)))
        self.out(5, Msg("list", rt.time_signature))
        self.out(4, Msg("float", (rt.tempo,)))
        self.out(3, Msg("float", (480.0,)))
        self.out(2, Msg("float", (0.0,)))
        self.out(1, Msg("int", (1,)))
        self.out(0, Msg("int", (1,)))


class Delay(Obj):
    def setup(self):
        self.ms = float(self.args[0]) if self.args else 0.0
        self.timer = None

    def receive(self, inlet, msg):
        rt = self.patcher.runtime
        if inlet == 1:
            self.ms = float(msg.atoms()[0])
            return
        if self.timer is not None:
            rt.cancel(self.timer)
            self.timer = None
        if msg.selector == "stop":
            return
        self.timer = rt.schedule(self.ms, lambda: self.out(0, BANG))


class Metro(Sink):
    """Records on/off; a test fires its ticks with ``tick()`` (the bar clock is not simulated)."""

    def tick(self):
        self.out(0, BANG)


class StripNote(Obj):
    def setup(self):
        self.velocity = 0

    def receive(self, inlet, msg):
        if inlet == 1:
            self.velocity = int(msg.atoms()[0])
        elif self.velocity:
            self.out(1, Msg("int", (self.velocity,)))
            self.out(0, Msg("int", (int(msg.atoms()[0]),)))


class NoteIn(Obj):
    def play(self, pitch: int, velocity: int, channel: int = 1) -> None:
        self.out(2, Msg("int", (channel,)))
        self.out(1, Msg("int", (velocity,)))
        self.out(0, Msg("int", (pitch,)))


class Buffer(Obj):
    """[buffer~ name]: ``replace <file>`` reads the file (soundfile) and bangs the right outlet;
    ``writewave <file>`` writes the samples it holds, at its sample rate, as a WAVE file."""

    def setup(self):
        self.frames = None
        self.file = None
        self.samples = None
        self.sample_rate = None

    def receive(self, inlet, msg):
        import soundfile

        self.received.append((inlet, msg))
        if msg.selector in ("replace", "read"):
            if not msg.args:
                raise NotImplementedError(f"{msg.selector} without a file opens a dialog")
            self.file = msg.args[0]
            self.samples, self.sample_rate = soundfile.read(self.file, dtype="float32", always_2d=True)
            self.frames = len(self.samples)
            self.out(1, BANG)
        elif msg.selector == "writewave":
            if not msg.args or self.samples is None:
                raise NotImplementedError("writewave without a file name (a dialog) or of an empty buffer~")
            soundfile.write(msg.args[0], self.samples, self.sample_rate, subtype="PCM_24", format="WAV")


class Receive(Obj):
    """[receive name] / [r name]: whatever is sent to the name comes out."""

    def setup(self):
        self.patcher.runtime.named.setdefault(str(self.args[0]), []).append(self)


class DeferLow(Obj):
    def receive(self, inlet, msg):
        self.patcher.runtime.deferred.append(lambda: self.out(0, msg))


class ConformPath(Obj):
    """[conformpath slash boot]: a Max path → slash style, relative to the boot volume (on macOS:
    ``Macintosh HD:/Users/me/x.wav`` → ``/Users/me/x.wav``). Other styles/types are not modelled."""

    def receive(self, inlet, msg):
        if [str(a) for a in self.args] != ["slash", "boot"]:
            raise NotImplementedError(f"conformpath {' '.join(map(str, self.args))}")
        [text] = msg.atoms()
        rt = self.patcher.runtime
        for prefix, folder in rt.folders.items():
            if text.startswith(prefix + "/"):
                return self.out(0, symbol(str(Path(folder) / text[len(prefix) + 1:])))
        if text.startswith(rt.boot_volume + ":/"):
            return self.out(0, symbol(text[len(rt.boot_volume) + 1:]))
        raise NotImplementedError(f"conformpath of {text!r}")


class UdpSend(Obj):
    def setup(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

    def receive(self, inlet, msg):
        if not msg.selector.startswith("/"):
            raise AssertionError(f"udpsend got {msg!r}: an OSC address must start with /")
        builder = OscMessageBuilder(address=msg.selector)
        for arg in msg.args:  # Max sends ints as i, floats as 32-bit f, symbols as s
            builder.add_arg(arg, "i" if isinstance(arg, int) else "f" if isinstance(arg, float) else "s")
        rt = self.patcher.runtime
        target = rt.engine_address or (str(self.args[0]), int(self.args[1]))
        rt.sent.append((msg.selector, msg.args))
        self.sock.sendto(builder.build().dgram, target)


class UdpReceive(Obj):
    def setup(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", int(self.args[0])))
        self.patcher.runtime.receivers.append(self)


CLASSES = {
    "message": Message, "comment": Comment, "button": Button, "toggle": Toggle, "number": Number,
    "flonum": Number, "textedit": TextEdit, "inlet": Inlet, "outlet": Outlet, "bpatcher": Abstraction,
    "slider": Sink, "waveform~": Sink, "ezdac~": Sink, "panel": Sink,
}
OBJECTS = {
    "route": Route, "sel": Select, "select": Select, "t": Trigger, "trigger": Trigger, "prepend": Prepend,
    "tosymbol": ToSymbol, "sprintf": Sprintf, "pack": Pack, "unpack": Unpack, "zl": Zl, "gate": Gate,
    "loadbang": LoadBang, "loadmess": LoadMess, "random": Random, "i": Int, "int": Int,
    "transport": Transport, "delay": Delay, "metro": Metro, "stripnote": StripNote, "notein": NoteIn,
    "buffer~": Buffer, "udpsend": UdpSend, "udpreceive": UdpReceive, "r": Receive, "receive": Receive,
    "deferlow": DeferLow, "conformpath": ConformPath,
    "groove~": Sink, "pcontrol": Sink, "sig~": Sink, "*~": Sink, "dac~": Sink, "print": Sink,
    **{op: Arithmetic for op in _OPS},
}


def make_object(patcher: Patcher, box: dict) -> Obj:
    maxclass = box["maxclass"]
    if maxclass != "newobj":
        return CLASSES.get(maxclass, Obj)(patcher, box)
    name = box["text"].split()[0]
    if (patcher.runtime.patchers_dir / f"{name}.maxpat").is_file():
        return Abstraction(patcher, box)
    return OBJECTS.get(name, Obj)(patcher, box)
