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
- [gate N init], [sel], [zl reg/join/mth/slice/iter/group/lookup], [t …], [i], arithmetic, [loadbang]/[loadmess]
  ([zl group N]: items gather until N are there, or a bang sends what has gathered, then it is empty;
  [zl lookup]: an index (zero-based) in the left inlet sends that item of the list held in the right);
- [deferlow]: the message waits in Max's low-priority queue, which runs when the current event is
  over (``Runtime.idle()``; ``pump`` runs it too);
- [conformpath slash boot] (the macOS branch of a path conversion): Max's path prefixes (``~:``,
  ``Usermax:`` …) resolved through ``Runtime.folders``, the boot volume's name dropped;
- [buffer~]: ``replace <file>`` reads a file (right outlet bangs), ``writewave <file>`` writes what
  it holds as a WAVE file at its sample rate;
- [select]: its right inlet exists only with no argument or a single int argument (the reference:
  "if the only argument is not an int, the right inlet is not created"); anything else sent there
  is refused;
- the transport (virtual time, ``Runtime.advance``): a position in ticks (480 a quarter note) that
  moves at the tempo while it runs; bars.beats.units follow the time signature (a beat is a 1/D
  note, a bar N of them); [transport] reports them and takes ``timesig N D`` / ``tempo X``;
- [metro]: a fixed interval (ms) runs on the clock; a tempo-relative one (note values such as
  ``1n``, bars.beats.units such as ``1.0.0`` — an interval of one bar *of the current time
  signature* — or ``N ticks``) runs only while the transport runs; ``@quantize`` snaps every
  output to the next multiple of the quantum on the transport's grid;
- [groove~] + [sig~]: the speed is the sum of the [sig~] signals wired into its left inlet;
  ``loop 1`` and ``startloop`` go to the loop start "and begin playing at the current speed", a
  number sets the position, ``set`` names another buffer~; ``Groove.audible()`` says whether it
  sounds now (moving, speed ≠ 0, a buffer~ with audio, not past the end when not looping);
- [patcherargs defaults…]: at load, the parent box's arguments, or the defaults when it has none
  (the reference: "assumed to be the default arguments in the instance that the parent patcher
  has no arguments");
- [fromsymbol @separator c]: a symbol split at c (default: space) into numbers and words;
- [umenu]: ``clear``, ``append <item>``, an int selects an item and sends index and text out;
  ``set <index>`` selects without output;
- [ctlin] (all controllers, all channels): channel, controller number, value, right to left; [change]:
  a number only when it differs from the last ([set] without output); [dial]: a number clipped to
  ``min`` .. ``min + size - 1`` shown and sent, ``set`` shows it silently;
- [udpsend]: ``host``/``port`` change where it sends; [udpreceive]: ``port`` listens elsewhere;
- [p name] subpatchers (the patcher saved in the box) and abstractions: inlets and outlets numbered
  left to right by x; a subpatcher shares its parent's ``#0`` (the glossary: "unique to each instance
  of an abstraction (and its subpatchers)") and ``#1``…``#9`` (its [patcherargs] would report the [p]
  box's own arguments, after its name); subpatchers and abstractions fire their loadbangs before
  their parent's (the user guide's Patcher Lifecycle). ``Patcher.find``/``one``/``named`` look into
  [p] subpatchers too — they are part of the same file — but not into abstractions.

Objects it does not implement raise NotImplementedError when a message reaches them, so a test
can never silently pass through an object whose behaviour is only guessed.
"""

from __future__ import annotations

import heapq
import itertools
import json
from fractions import Fraction
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
        self.buffers: dict[str, "Buffer"] = {}  # [buffer~ name] by name, for [groove~]
        self.tempo_listeners: list = []  # tempo-relative objects ([metro]) told of transport changes
        self._anchor_ticks = Fraction(0)  # the transport's position at _anchor_ms
        self._anchor_ms = Fraction(0)

    # the transport: a position in ticks that moves at the tempo while it runs
    def transport_ticks(self) -> Fraction:
        if not self.transport_running:
            return self._anchor_ticks
        return self._anchor_ticks + (Fraction(self.now) - self._anchor_ms) * self.ticks_per_ms()

    def ticks_per_ms(self) -> Fraction:
        return Fraction(self.tempo) * 480 / 60000

    def beat_ticks(self) -> Fraction:
        """One beat of the time signature: a 1/D note (480 ticks are a quarter note)."""
        return Fraction(1920, self.time_signature[1])

    def bar_ticks(self) -> Fraction:
        return self.time_signature[0] * self.beat_ticks()

    def ms_until(self, ticks: Fraction) -> float:
        """Milliseconds from now until the running transport reaches ``ticks``."""
        return float((ticks - self.transport_ticks()) / self.ticks_per_ms())

    def set_transport(self, running=None, tempo=None, time_signature=None) -> None:
        self._anchor_ticks, self._anchor_ms = self.transport_ticks(), Fraction(self.now)
        if running is not None:
            self.transport_running = int(bool(running))
        if tempo is not None:
            self.tempo = float(tempo)
        if time_signature is not None:
            self.time_signature = tuple(int(v) for v in time_signature)
        for listener in list(self.tempo_listeners):
            listener.transport_changed()

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
    """A patcher file (or, with ``data`` and ``within``, a [p name] subpatcher embedded in ``within``: it
    shares that patcher's #0 and #1…#9, and its [patcherargs] sees the [p] box's own arguments)."""

    def __init__(self, runtime: Runtime, path: Path, args: list, parent_box=None, data: dict | None = None,
                 within: "Patcher | None" = None):
        self.runtime = runtime
        self.path = path
        self.parent_box = parent_box
        self.box_args = list(args)  # what [patcherargs] reports: the arguments of the box holding this patcher
        self.args = within.args if within else list(args)  # #1…#9: the enclosing abstraction's arguments
        self.instance = within.instance if within else next(runtime._instances)  # #0, likewise
        if data is None:
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
        # "Within a given phase, Max subpatchers are initialized before their parents" (Patcher Lifecycle)
        for obj in self.objects.values():  # abstractions and subpatchers first: their loadbangs fire before ours
            if isinstance(obj, Abstraction):
                obj.child.loadbang()
        for obj in self.objects.values():  # "sent out the left outlet when the patcher is loaded"
            if isinstance(obj, PatcherArgs):
                obj.fire()
        for obj in self.objects.values():
            if isinstance(obj, (LoadBang, LoadMess)):
                obj.fire()

    def sources(self, box_id: str, inlet: int) -> list["Obj"]:
        """The objects wired into a box's inlet."""
        return [self.objects[src] for (src, _), targets in self.connections.items()
                for target in targets if target == (box_id, inlet)]

    def everything(self) -> list["Obj"]:
        """The boxes of this patcher and of its [p] subpatchers (not of abstractions: other files)."""
        found = []
        for obj in self.objects.values():
            found.append(obj)
            if isinstance(obj, Subpatcher):
                found += obj.child.everything()
        return found

    def find(self, maxclass: str | None = None, text: str | None = None) -> list["Obj"]:
        """Boxes by class and text (the whole text, or its first words), here and in [p] subpatchers."""
        return [o for o in self.everything()
                if (maxclass is None or o.box["maxclass"] == maxclass)
                and (text is None or o.box.get("text", "") == text or o.box.get("text", "").startswith(text + " "))]

    def named(self, varname: str) -> "Obj":
        """A box by its scripting name (Max's varname attribute), here or in a [p] subpatcher."""
        [found] = [o for o in self.everything() if o.box.get("varname") == varname]
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


class Subpatcher(Abstraction):
    """[p name args…]: the patcher saved in the box ("patcher"), inlets and outlets numbered left to
    right by their x, as for an abstraction; it shares the enclosing patcher's #0 and #1…#9."""

    def setup(self):
        parent = self.patcher
        self.child = Patcher(parent.runtime, parent.path, self.atoms[2:], parent_box=self, data=self.box["patcher"],
                             within=parent)


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
            if len(self.args) > 1 or (self.args and not isinstance(self.args[0], int)):
                raise NotImplementedError(f"[{self.box['text']}] has no right inlet (the reference: only with no "
                                          "argument or a single int argument)")
            if msg.selector not in ("int", "float"):
                raise NotImplementedError(f"select's right inlet takes numbers, got {msg!r}")
            self.args = [int(msg.args[0])]
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
        self.collected: tuple = ()  # zl group

    def receive(self, inlet, msg):
        items = () if msg.selector == "bang" else msg.atoms()
        if msg.selector == "zlclear":
            self.stored, self.has, self.collected = (), False, ()
            return
        if self.mode == "group" and inlet == 1:
            raise NotImplementedError("zl group's right inlet (the group size)")
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
        elif self.mode == "iter":  # the list, n items at a time, in order
            step = self.n or 1
            for i in range(0, len(items), step):
                self.out(0, single(items[i:i + step]))
        elif self.mode == "slice":  # "lists are sent out the right outlet first"
            if items[self.n:]:
                self.out(1, single(items[self.n:]))
            if items[: self.n]:
                self.out(0, single(items[: self.n]))
        elif self.mode == "group":  # gather items; out when n have gathered, or on bang; then empty again
            if msg.selector != "bang":
                self.collected += items
            while len(self.collected) >= self.n > 0:
                full, self.collected = self.collected[: self.n], self.collected[self.n:]
                self.out(0, single(full))
            if msg.selector == "bang" and self.collected:
                full, self.collected = self.collected, ()
                self.out(0, single(full))
        elif self.mode == "lookup":  # the item at the (zero-based) index from the list in the right inlet
            index = int(items[0]) if items and not isinstance(items[0], str) else -1
            if 0 <= index < len(self.stored):
                self.out(0, single([self.stored[index]]))
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
    """[transport]: left inlet 1/0 starts/stops it, ``timesig N D`` and ``tempo X`` set it, a bang reports
    (right to left) ticks, state, time signature, tempo, resolution, units, beats, bars."""

    def receive(self, inlet, msg):
        rt = self.patcher.runtime
        if inlet == 1:
            raise NotImplementedError("moving the transport (right inlet)")
        if msg.selector in ("int", "float"):
            return rt.set_transport(running=msg.args[0] != 0)
        if msg.selector == "timesig":
            return rt.set_transport(time_signature=msg.args[:2])
        if msg.selector == "tempo":
            return rt.set_transport(tempo=msg.args[0])
        if msg.selector != "bang":
            raise NotImplementedError(f"transport got {msg!r}")
        ticks = rt.transport_ticks()
        bar, rest = divmod(ticks, rt.bar_ticks())
        beat, units = divmod(rest, rt.beat_ticks())
        self.out(7, Msg("float", (float(ticks),)))
        self.out(6, Msg("int", (rt.transport_running,)))
        self.out(5, Msg("list", rt.time_signature))
        self.out(4, Msg("float", (rt.tempo,)))
        self.out(3, Msg("float", (480.0,)))
        self.out(2, Msg("float", (float(units),)))
        self.out(1, Msg("int", (int(beat) + 1,)))
        self.out(0, Msg("int", (int(bar) + 1,)))


_NOTE = re.compile(r"(\d+)n([dt]?)")
_BBU = re.compile(r"(\d+)\.(\d+)\.(\d+)")


def time_value(atoms: list):
    """A Max time value → ("ms", x) for a fixed one, or ("ticks", a function of the runtime giving
    ticks) for a tempo-relative one (a bars.beats.units *interval* counts bars and beats of the
    current time signature). Formats not listed here are refused."""
    if len(atoms) == 1 and isinstance(atoms[0], (int, float)):
        return "ms", float(atoms[0])
    if len(atoms) == 2 and atoms[1] == "ms":
        return "ms", float(atoms[0])
    if len(atoms) == 2 and atoms[1] == "ticks":
        return "ticks", lambda rt: Fraction(atoms[0])
    if len(atoms) == 1 and isinstance(atoms[0], str):
        note = _NOTE.fullmatch(atoms[0])
        if note:
            dotted_or_triplet = {"": 1, "d": Fraction(3, 2), "t": Fraction(2, 3)}[note.group(2)]
            ticks = Fraction(1920, int(note.group(1))) * dotted_or_triplet
            return "ticks", lambda rt: ticks
        bbu = _BBU.fullmatch(atoms[0])
        if bbu:
            bars, beats, units = (int(g) for g in bbu.groups())
            return "ticks", lambda rt: bars * rt.bar_ticks() + beats * rt.beat_ticks() + units
    raise NotImplementedError(f"time value {atoms!r}")


def split_attributes(args: list) -> tuple[list, dict]:
    """Box arguments → (plain arguments, {attribute: its values})."""
    plain, attrs, name = [], {}, None
    for atom in args:
        if isinstance(atom, str) and atom.startswith("@"):
            name = atom[1:]
            attrs[name] = []
        elif name is None:
            plain.append(atom)
        else:
            attrs[name].append(atom)
    return plain, attrs


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


class Metro(Obj):
    """[metro]: 1 (or bang) starts, 0 or ``stop`` stops. A tempo-relative interval runs with the
    transport; ``@quantize`` puts every output on the next multiple of the quantum (ticks from the
    transport's start). A fixed interval in ms ignores the transport."""

    def setup(self):
        plain, attrs = split_attributes(self.args)
        self.interval = time_value(attrs.get("interval") or plain[:1] or [5])
        self.quantize = time_value(attrs["quantize"]) if "quantize" in attrs else None
        if self.quantize is not None and self.quantize[0] == "ms":
            raise NotImplementedError("@quantize takes tempo-relative values only")
        self.active = False
        self.timer = None
        self.next_ticks = None  # the transport position of the next output (tempo-relative)
        self.patcher.runtime.tempo_listeners.append(self)

    @property
    def tempo_relative(self) -> bool:
        return self.interval[0] != "ms"

    def receive(self, inlet, msg):
        if inlet == 1:
            raise NotImplementedError("changing the metro's interval")
        if msg.selector == "stop":
            on = False
        elif msg.selector == "bang":
            on = True
        elif msg.selector in ("int", "float"):
            on = msg.args[0] != 0
        else:
            raise NotImplementedError(f"metro got {msg!r}")
        self.active, self.next_ticks = on, None
        self._schedule()

    def _snap(self, ticks: Fraction) -> Fraction:
        if self.quantize is None:
            return ticks
        q = self.quantize[1](self.patcher.runtime)
        return -(-ticks // q) * q  # the next multiple of q at or after ticks

    def _schedule(self):
        rt = self.patcher.runtime
        if self.timer is not None:
            rt.cancel(self.timer)
            self.timer = None
        if not self.active:
            return
        if not self.tempo_relative:
            self.timer = rt.schedule(0 if self.next_ticks is None else self.interval[1], self._fire)
            self.next_ticks = 0
            return
        if not rt.transport_running:
            return
        if self.next_ticks is None:
            self.next_ticks = self._snap(rt.transport_ticks())
        self.timer = rt.schedule(max(rt.ms_until(self.next_ticks), 0.0), self._fire)

    def _fire(self):
        self.timer = None
        if self.tempo_relative:
            self.next_ticks = self._snap(self.next_ticks + self.interval[1](self.patcher.runtime))
        self._schedule()
        self.out(0, BANG)

    def transport_changed(self):
        if self.tempo_relative:
            self._schedule()


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


class CtlIn(Obj):
    """[ctlin] (no arguments: every controller on every channel): a control change goes out right to
    left — channel, controller number, value."""

    def control(self, value: int, controller: int, channel: int = 1) -> None:
        """What a MIDI control change does."""
        self.out(2, Msg("int", (channel,)))
        self.out(1, Msg("int", (controller,)))
        self.out(0, Msg("int", (value,)))


class Change(Obj):
    """[change initial]: a number goes out only if it differs from the stored one, which it replaces
    (initial value: the argument, else 0); ``set n`` replaces it without output. The outlets for zero
    transitions are not modelled (nothing here uses them)."""

    def setup(self):
        self.value = self.args[0] if self.args else 0

    def receive(self, inlet, msg):
        if msg.selector == "set":
            self.value = msg.args[0]
            return
        if msg.selector not in ("int", "float"):
            raise NotImplementedError(f"change got {msg!r}")
        if msg.args[0] != self.value:
            self.value = msg.args[0]
            self.out(0, msg)


class Dial(Obj):
    """[dial]: a number (clipped to its range: ``min`` .. ``min`` + ``size`` − 1, or + ``size`` with
    floatoutput; defaults 0 and 128) is shown and goes out; ``set n`` shows it without output; bang
    sends what it shows. ``turn(v)`` is what a user's drag does."""

    def setup(self):
        self.floatoutput = bool(self.box.get("floatoutput", 0))
        self.low = self.box.get("min", 0)
        size = self.box.get("size", 128.0)
        self.high = self.low + (size if self.floatoutput else size - 1)
        self.value = 0.0 if self.floatoutput else 0

    def _store(self, value):
        value = min(max(value, self.low), self.high)
        self.value = float(value) if self.floatoutput else int(value)

    def turn(self, value) -> None:
        self.receive(0, Msg("float" if isinstance(value, float) else "int", (value,)))

    def receive(self, inlet, msg):
        if msg.selector == "set":
            self._store(msg.args[0])
            return
        if msg.selector in ("int", "float"):
            self._store(msg.args[0])
        elif msg.selector != "bang":
            raise NotImplementedError(f"dial got {msg!r}")
        self.out(0, Msg("float" if self.floatoutput else "int", (self.value,)))


class Buffer(Obj):
    """[buffer~ name]: ``replace <file>`` reads the file (soundfile) and bangs the right outlet;
    ``writewave <file>`` writes the samples it holds, at its sample rate, as a WAVE file."""

    def setup(self):
        self.frames = None
        self.file = None
        self.samples = None
        self.sample_rate = None
        self.patcher.runtime.buffers[str(self.args[0])] = self

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


class Sig(Obj):
    """[sig~ value]: a constant signal; a number in the left inlet changes it."""

    def setup(self):
        self.value = float(self.args[0]) if self.args else 0.0

    def receive(self, inlet, msg):
        if inlet != 0 or msg.selector not in ("int", "float"):
            raise NotImplementedError(f"sig~ got {msg!r} in inlet {inlet}")
        self.value = float(msg.args[0])


class Groove(Obj):
    """[groove~ buffer channels]: plays the named buffer~ at the speed of the signal in its left inlet.

    The reference and MSP tutorial 14: "When groove~ receives the message loop 1 or startloop it goes
    to the beginning of the loop and begins playing at the current speed"; a number sets the playback
    position; "groove~ stops when it reaches the end" unless looping; ``set <name>`` switches the
    buffer~. Other messages are refused."""

    def setup(self):
        self.buffer = str(self.args[0])
        self.loop = 0
        self.moving = False  # started (loop 1 / startloop / a position); whether it sounds: audible()
        self.started_ms = 0.0

    def speed(self) -> float:
        return sum(src.value for src in self.patcher.sources(self.id, 0) if isinstance(src, Sig))

    def audible(self) -> bool:
        rt = self.patcher.runtime
        buffer = rt.buffers.get(self.buffer)
        if not self.moving or self.speed() == 0 or buffer is None or not buffer.frames:
            return False
        if self.loop:
            return True
        seconds = buffer.frames / buffer.sample_rate
        return (rt.now - self.started_ms) / 1000 * abs(self.speed()) < seconds

    def _start(self):
        self.moving, self.started_ms = True, self.patcher.runtime.now

    def receive(self, inlet, msg):
        self.received.append((inlet, msg))
        if inlet != 0:
            raise NotImplementedError(f"groove~ loop points (inlet {inlet})")
        if msg.selector == "set":
            self.buffer = str(msg.args[0])
        elif msg.selector == "loop":
            self.loop = int(msg.args[0] != 0)
            if self.loop:
                self._start()
        elif msg.selector == "loopinterp":
            pass  # a crossfade at the loop point: nothing here depends on it
        elif msg.selector == "startloop":
            self._start()
        elif msg.selector in ("int", "float"):
            self._start()
        else:
            raise NotImplementedError(f"groove~ got {msg!r}")


class PatcherArgs(Obj):
    """[patcherargs defaults…]: at load, the parent box's arguments — or the defaults when it has none."""

    def fire(self):
        plain, _ = split_attributes(self.args)
        given = [a for a in self.patcher.box_args if not (isinstance(a, str) and a.startswith("@"))]
        self.out(1, Msg("done"))
        self.out(0, from_atoms(given or plain))

    def receive(self, inlet, msg):
        if msg.selector != "bang":
            raise NotImplementedError(f"patcherargs got {msg!r}")
        self.fire()


class FromSymbol(Obj):
    """[fromsymbol @separator c]: a symbol → the numbers and words between the separators."""

    def receive(self, inlet, msg):
        _, attrs = split_attributes(self.args)
        separator = str(attrs["separator"][0]) if attrs.get("separator") else " "
        if msg.selector in ("int", "float"):
            return self.out(0, msg)  # "Any int will simply pass through"
        if msg.selector != "symbol":
            raise NotImplementedError(f"fromsymbol given {msg!r}")
        words = [w for w in str(msg.args[0]).split(separator) if w]
        self.out(0, from_atoms(parse_atom(w) for w in words))


class UMenu(Obj):
    """[umenu]: items by ``append``/``clear``; an int selects one and sends its index (left) and its
    text (middle) out, right to left; ``set <index>`` selects without output."""

    def setup(self):
        self.items: list[tuple] = []
        self.index = 0

    def select(self, index: int) -> None:
        """What a user's choice in the pop-up menu does."""
        self.receive(0, Msg("int", (index,)))

    def receive(self, inlet, msg):
        if msg.selector == "clear":
            self.items, self.index = [], 0
        elif msg.selector == "append":
            self.items.append(msg.args)
        elif msg.selector == "set":
            self.index = int(msg.args[0])
        elif msg.selector in ("int", "float", "bang"):
            if msg.selector != "bang":
                self.index = int(msg.args[0])
            if 0 <= self.index < len(self.items):
                self.out(1, single(self.items[self.index]))
                self.out(0, Msg("int", (self.index,)))
        else:
            raise NotImplementedError(f"umenu got {msg!r}")


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
    """[udpsend host port]: OSC out; ``host <name>`` and ``port <n>`` change the destination. In a test the
    runtime's ``engine_address`` stands in for the package default 127.0.0.1:18000 (only that one)."""

    DEFAULT = ("127.0.0.1", 18000)

    def setup(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.host, self.port = str(self.args[0]), int(self.args[1])

    @property
    def target(self) -> tuple[str, int]:
        return self.host, self.port

    def receive(self, inlet, msg):
        if msg.selector == "host":
            self.host = str(msg.args[0])
            return
        if msg.selector == "port":
            self.port = int(msg.args[0])
            return
        if not msg.selector.startswith("/"):
            raise AssertionError(f"udpsend got {msg!r}: an OSC address must start with /")
        builder = OscMessageBuilder(address=msg.selector)
        for arg in msg.args:  # Max sends ints as i, floats as 32-bit f, symbols as s
            builder.add_arg(arg, "i" if isinstance(arg, int) else "f" if isinstance(arg, float) else "s")
        rt = self.patcher.runtime
        target = rt.engine_address if rt.engine_address and self.target == self.DEFAULT else self.target
        rt.sent.append((msg.selector, msg.args))
        self.sock.sendto(builder.build().dgram, target)


class UdpReceive(Obj):
    """[udpreceive port]: OSC in (``Runtime.pump``); ``port <n>`` listens on another port."""

    def setup(self):
        self.sock = None
        self._bind(int(self.args[0]))
        self.patcher.runtime.receivers.append(self)

    def _bind(self, port: int) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", port))
        self.port = self.sock.getsockname()[1]

    def receive(self, inlet, msg):
        if msg.selector != "port":
            raise NotImplementedError(f"udpreceive got {msg!r}")
        if int(msg.args[0]) != self.port:
            self._bind(int(msg.args[0]))


CLASSES = {
    "message": Message, "comment": Comment, "button": Button, "toggle": Toggle, "number": Number,
    "flonum": Number, "textedit": TextEdit, "inlet": Inlet, "outlet": Outlet, "bpatcher": Abstraction,
    "slider": Sink, "dial": Dial, "waveform~": Sink, "ezdac~": Sink, "panel": Sink, "umenu": UMenu,
}
OBJECTS = {
    "route": Route, "sel": Select, "select": Select, "t": Trigger, "trigger": Trigger, "prepend": Prepend,
    "tosymbol": ToSymbol, "sprintf": Sprintf, "pack": Pack, "unpack": Unpack, "zl": Zl, "gate": Gate,
    "loadbang": LoadBang, "loadmess": LoadMess, "random": Random, "i": Int, "int": Int,
    "transport": Transport, "delay": Delay, "metro": Metro, "stripnote": StripNote, "notein": NoteIn,
    "ctlin": CtlIn, "change": Change,
    "buffer~": Buffer, "udpsend": UdpSend, "udpreceive": UdpReceive, "r": Receive, "receive": Receive,
    "deferlow": DeferLow, "conformpath": ConformPath, "groove~": Groove, "sig~": Sig,
    "patcherargs": PatcherArgs, "fromsymbol": FromSymbol,
    "pcontrol": Sink, "*~": Sink, "dac~": Sink, "print": Sink,
    **{op: Arithmetic for op in _OPS},
}


def make_object(patcher: Patcher, box: dict) -> Obj:
    maxclass = box["maxclass"]
    if maxclass != "newobj":
        return CLASSES.get(maxclass, Obj)(patcher, box)
    name = box["text"].split()[0]
    if name in ("p", "patcher"):
        return Subpatcher(patcher, box)
    if (patcher.runtime.patchers_dir / f"{name}.maxpat").is_file():
        return Abstraction(patcher, box)
    return OBJECTS.get(name, Obj)(patcher, box)
