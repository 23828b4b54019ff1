"""A small language for writing Max patchers (.maxpat JSON) as code.

``Patch`` places boxes (``obj``, ``msg``, ``comment``, ``ui``, ``bpatcher``) and wires them. Two
things make a generated patch read like a hand-made one:

- **Presentation.** A box given ``panel=(x, y)`` (or ``(x, y, w, h)``) is in the patch's presentation
  view at that place (``presentation: 1``, ``presentation_rect``); ``label`` puts a comment beside a
  control in both views. ``Patch(..., presentation=True)`` saves the patch with ``openinpresentation:
  1``, its window sized to the panel.
- **Subpatchers.** Boxes made inside ``with p.group(name, x, y, about):`` go into a ``[p name]``
  subpatcher placed at (x, y). Wires are written as if the patch were flat; when it is saved, every
  cord that crosses a subpatcher's edge is routed through an ``inlet``/``outlet`` of that subpatcher
  (one per source, shared by sources that feed exactly the same boxes), numbered left to right as
  Max numbers them (by x). Box ids are unique in the whole file, subpatchers included.

Counts of inlets/outlets come from maxobjects.py (Max's reference) or, for the package's own
abstractions and subpatchers, from their inlet/outlet boxes.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass

from maxobjects import shape

APPVERSION = {"major": 8, "minor": 6, "revision": 0, "architecture": "x64", "modernui": 1}
TOP = ""  # the group of boxes in the patch itself


@dataclass
class Group:
    name: str
    x: float
    y: float
    about: str


class Patch:
    def __init__(self, width: float = 900, height: float = 700, abstractions: dict | None = None,
                 presentation: bool = False):
        self.rect = [60.0, 80.0, float(width), float(height)]
        self.boxes: list[dict] = []
        self.wires: list[tuple[str, int, str, int]] = []
        self.abstractions = abstractions or {}  # name -> (inlets, outlets) of package abstractions
        self.presentation = presentation
        self.groups: dict[str, Group] = {}
        self.home: dict[str, str] = {}  # box id -> its group (TOP: the patch itself)
        self.port_names: dict[tuple, str] = {}
        self._group = TOP

    # --- boxes -------------------------------------------------------------------------------------------

    def box(self, maxclass: str, x: float, y: float, w: float, h: float, text: str | None = None,
            panel: tuple | None = None, **attrs) -> str:
        box_id = f"obj-{len(self.boxes) + 1}"
        name = (text or "").split(" ")[0]
        if maxclass == "newobj" and name in self.abstractions:
            inlets, outlets = self.abstractions[name]
            outlettype = [""] * outlets
        elif maxclass == "bpatcher":
            inlets, outlets = self.abstractions[attrs["name"].removesuffix(".maxpat")]
            outlettype = [""] * outlets
        else:
            inlets, outlettype = shape(maxclass, text or "")
        box = {"id": box_id, "maxclass": maxclass, "numinlets": inlets, "numoutlets": len(outlettype)}
        if outlettype:
            box["outlettype"] = outlettype
        box["patching_rect"] = [float(x), float(y), float(w), float(h)]
        if text is not None:
            box["text"] = text
        if panel is not None:
            assert self._group == TOP, "a subpatcher's boxes are not in the patch's presentation"
            box["presentation"] = 1
            box["presentation_rect"] = [float(v) for v in (*panel[:2], *(panel[2:] or (w, h)))]
        box.update(attrs)
        self.boxes.append({"box": dict(sorted(box.items()))})
        self.home[box_id] = self._group
        return box_id

    def obj(self, text: str, x, y, w=None, **attrs) -> str:
        return self.box("newobj", x, y, w or max(40, 7 * len(text) + 14), 22, text, **attrs)

    def msg(self, text: str, x, y, w=None, **attrs) -> str:
        return self.box("message", x, y, w or max(40, 7 * len(text) + 14), 22, text, **attrs)

    def comment(self, text: str, x, y, w=300, h=20, **attrs) -> str:
        return self.box("comment", x, y, w, h, text, **attrs)

    def ui(self, maxclass: str, x, y, w=24, h=24, **attrs) -> str:
        if maxclass in ("button", "toggle", "number", "flonum", "slider"):
            attrs.setdefault("parameter_enable", 0)
        return self.box(maxclass, x, y, w, h, **attrs)

    def label(self, text: str, of: str, dx: float, dy: float, w: float = 80, h: float = 20) -> str:
        """A comment at (dx, dy) from a control, in the patching view and in the presentation."""
        box = self.get(of)
        x, y = box["patching_rect"][:2]
        panel = box.get("presentation_rect")
        return self.comment(text, x + dx, y + dy, w, h,
                            panel=None if panel is None else (panel[0] + dx, panel[1] + dy))

    def bpatcher(self, name: str, args: list, x, y, w, h, scroll: bool = False, **attrs) -> str:
        return self.box("bpatcher", x, y, w, h, name=f"{name}.maxpat", args=args, bgmode=0, border=1,
                        clickthrough=0, enablehscroll=int(scroll), enablevscroll=int(scroll), lockeddragscroll=0,
                        offset=[0.0, 0.0], viewvisibility=1, **attrs)

    def get(self, box_id: str) -> dict:
        return self.boxes[int(box_id.removeprefix("obj-")) - 1]["box"]

    # --- cords and subpatchers ---------------------------------------------------------------------------

    def wire(self, src: str, outlet: int, dst: str, inlet: int = 0, port: str | None = None) -> None:
        """A patch cord; ``port`` names what it carries, for the assistance of the subpatcher inlet or
        outlet it goes through (by default: the boxes at its other end)."""
        self.wires.append((src, outlet, dst, inlet))
        if port:
            self.port_names[(src, outlet, dst, inlet)] = port

    def chain(self, *ids: str) -> None:
        for a, b in zip(ids, ids[1:]):
            self.wire(a, 0, b, 0)

    @contextmanager
    def group(self, name: str, x: float, y: float, about: str):
        """Boxes made in this block go into the subpatcher [p name], placed at (x, y)."""
        assert self._group == TOP and name not in self.groups, f"group {name!r}: no nesting, no repeats"
        self.groups[name] = Group(name, float(x), float(y), about)
        self._group = name
        try:
            yield
        finally:
            self._group = TOP

    def ports(self) -> tuple[int, int]:
        kinds = [b["box"]["maxclass"] for b in self.boxes if self.home[b["box"]["id"]] == TOP]
        return kinds.count("inlet"), kinds.count("outlet")

    # --- saving -------------------------------------------------------------------------------------------

    def to_json(self) -> dict:
        return {"patcher": _Saver(self).top()}


def tidy(boxes: list[dict]) -> None:
    """Move each box right until it overlaps no box placed before it (readable patches; no cord
    here depends on the order of a fan-out, which Max derives from positions)."""
    placed: list[list[float]] = []
    for box in boxes:
        rect = box["patching_rect"]
        moved = True
        while moved:
            moved = False
            for other in placed:
                if (rect[0] < other[0] + other[2] and other[0] < rect[0] + rect[2]
                        and rect[1] < other[1] + other[3] and other[1] < rect[1] + rect[3]):
                    rect[0] = other[0] + other[2] + 8.0
                    moved = True
        placed.append(rect)


def patcher_dict(rect: list[float], boxes: list[dict], lines: list[dict], presentation: bool = False) -> dict:
    return {
        "fileversion": 1,
        "appversion": dict(APPVERSION),
        "classnamespace": "box",
        "rect": rect,
        "bglocked": 0,
        "openinpresentation": int(presentation),
        "default_fontsize": 12.0,
        "default_fontface": 0,
        "default_fontname": "Arial",
        "gridonopen": 1,
        "gridsize": [15.0, 15.0],
        "gridsnaponopen": 1,
        "objectsnaponopen": 1,
        "statusbarvisible": 2,
        "toolbarvisible": 1,
        "boxanimatetime": 200,
        "enablehscroll": 1,
        "enablevscroll": 1,
        "description": "",
        "digest": "",
        "tags": "",
        "style": "",
        "subpatcher_template": "",
        "assistshowspatchername": 0,
        "boxes": [{"box": b} for b in boxes],
        "lines": lines,
    }


def extent(rects) -> tuple[float, float]:
    rects = list(rects)
    return max(r[0] + r[2] for r in rects), max(r[1] + r[3] for r in rects)


class _Saver:
    """Splits a Patch into the patch itself and its [p …] subpatchers, routing crossing cords through
    inlet/outlet boxes. Works on copies: saving twice gives the same file."""

    def __init__(self, patch: Patch):
        self.patch = patch
        self.boxes = {b["box"]["id"]: copy.deepcopy(b["box"]) for b in patch.boxes}
        self.home = dict(patch.home)
        self.members = {name: [i for i in self.boxes if self.home[i] == name] for name in [TOP, *patch.groups]}
        self.count = len(self.boxes)
        self.pboxes = {name: self._pbox(group) for name, group in patch.groups.items()}
        self.content_top = {name: self._describe(group) for name, group in patch.groups.items()}
        for name in patch.groups:
            tidy([self.boxes[i] for i in self.members[name]])
        self.outlets = {name: self._outlets(name) for name in patch.groups}  # (src, outlet) -> (box, index)
        self.inlets = {name: self._inlets(name) for name in patch.groups}  # parent-level source -> (box, index)
        for name, box_id in self.pboxes.items():  # room for every inlet and outlet
            ports = max(len(set(self.inlets[name].values())), len(set(self.outlets[name].values())))
            rect = self.boxes[box_id]["patching_rect"]
            rect[2] = max(rect[2], 20.0 * ports)
        tidy([self.boxes[i] for i in self.members[TOP]])
        self.lines: dict[str, list] = {name: [] for name in self.members}
        for src, outlet, dst, inlet in patch.wires:
            self._route(src, outlet, dst, inlet)

    def new_box(self, group: str, box: dict) -> str:
        self.count += 1
        box_id = box["id"] = f"obj-{self.count}"
        self.boxes[box_id], self.home[box_id] = dict(sorted(box.items())), group
        self.members[group].append(box_id)
        return box_id

    def _pbox(self, group: Group) -> str:
        text = f"p {group.name}"
        return self.new_box(TOP, {"maxclass": "newobj", "text": text, "numinlets": 0, "numoutlets": 0,
                                  "patching_rect": [group.x, group.y, float(max(40, 7 * len(text) + 14)), 22.0]})

    def _describe(self, group: Group) -> float:
        """The subpatcher's description on top; its boxes below the row of inlets."""
        rects = [self.boxes[i]["patching_rect"] for i in self.members[group.name]]
        width = max(400.0, extent(rects)[0] - min(r[0] for r in rects))
        height = 20.0 * (1 + (7 * len(group.about)) // int(width))
        self.new_box(group.name, {"maxclass": "comment", "text": group.about, "numinlets": 1, "numoutlets": 0,
                                  "patching_rect": [20.0, 10.0, width, height]})
        inlet_row = 20.0 + height
        dx, dy = 20 - min(r[0] for r in rects), inlet_row + 60 - min(r[1] for r in rects)
        for r in rects:
            r[0], r[1] = r[0] + dx, r[1] + dy
        return inlet_row

    def name_of(self, box_id: str) -> str:
        box = self.boxes[box_id]
        return box.get("varname") or box.get("text") or box["maxclass"]

    def _ports(self, group: str, maxclass: str, ends: dict, y: float, assist) -> dict:
        """One inlet/outlet box per distinct set of ends inside the subpatcher, above (below) the inlet (outlet)
        it connects to; numbered by x, as Max numbers them."""
        def x_of(inner) -> float:
            def at(box_id, port):
                box = self.boxes[box_id]
                count = box["numoutlets" if maxclass == "outlet" else "numinlets"]
                return box["patching_rect"][0] + (box["patching_rect"][2] - 20) * port / max(1, count - 1)
            return min(at(box_id, port) for box_id, port in inner)

        made: dict[tuple, str] = {}
        for inner in sorted(dict.fromkeys(ends.values()), key=x_of):
            inlets, outlettype = shape(maxclass)
            box = {"maxclass": maxclass, "numinlets": inlets, "numoutlets": len(outlettype),
                   "patching_rect": [x_of(inner), y, 30.0, 30.0], "comment": assist(inner)}
            if outlettype:
                box["outlettype"] = outlettype
            made[inner] = self.new_box(group, box)
        tidy([self.boxes[i] for i in made.values()])
        order = sorted(made.values(), key=lambda i: self.boxes[i]["patching_rect"][0])
        return {key: (made[inner], order.index(made[inner])) for key, inner in ends.items()}

    def _outlets(self, group: str) -> dict:
        dests: dict[tuple, list] = {}
        for src, outlet, dst, inlet in self.patch.wires:
            if self.home[src] == group and self.home[dst] != group:
                dests.setdefault((src, outlet), []).append((dst, inlet))
        # sources with the same destinations share an outlet; the outlet sits under its first source
        shared: dict[tuple, list] = {}
        for key, ends in dests.items():
            shared.setdefault(tuple(sorted(set(ends))), []).append(key)
        ends = {key: tuple(shared[tuple(sorted(set(d)))]) for key, d in dests.items()}
        bottom = extent(self.boxes[i]["patching_rect"] for i in self.members[group])[1] + 40
        def names(inner):
            cords = [(s, o, d, i) for s, o in inner for d, i in dests[(s, o)]]
            return self.assist(cords, "to ", [self.name_of(d) for _, _, d, _ in cords])

        return self._ports(group, "outlet", ends, bottom, names)

    def assist(self, cords: list, prefix: str, ends: list[str]) -> str:
        named = [self.patch.port_names[c] for c in cords if c in self.patch.port_names]
        return ", ".join(dict.fromkeys(named)) if named else prefix + ", ".join(dict.fromkeys(ends))

    def parent_source(self, src: str, outlet: int) -> tuple[str, int]:
        group = self.home[src]
        return (src, outlet) if group == TOP else (self.pboxes[group], self.outlets[group][(src, outlet)][1])

    def _inlets(self, group: str) -> dict:
        inner: dict[tuple, set] = {}
        origin: dict[tuple, list] = {}
        for src, outlet, dst, inlet in self.patch.wires:
            if self.home[dst] == group and self.home[src] != group:
                psrc = self.parent_source(src, outlet)
                inner.setdefault(psrc, set()).add((dst, inlet))
                origin.setdefault(psrc, []).append((src, outlet, dst, inlet))
        ends = {psrc: tuple(sorted(dsts)) for psrc, dsts in inner.items()}

        def names(dsts):
            cords = [c for psrc, d in ends.items() if d == dsts for c in origin[psrc]]
            return self.assist(cords, "from ", [self.name_of(s) for s, _, _, _ in cords])

        return self._ports(group, "inlet", ends, self.content_top[group], names)

    def _line(self, group: str, src: tuple, dst: tuple) -> None:
        line = {"patchline": {"destination": list(dst), "source": list(src)}}
        if line not in self.lines[group]:
            self.lines[group].append(line)

    def _route(self, src: str, outlet: int, dst: str, inlet: int) -> None:
        from_group, to_group = self.home[src], self.home[dst]
        if from_group == to_group:
            return self._line(from_group, (src, outlet), (dst, inlet))
        if from_group != TOP:
            self._line(from_group, (src, outlet), (self.outlets[from_group][(src, outlet)][0], 0))
        if to_group != TOP:
            box, index = self.inlets[to_group][self.parent_source(src, outlet)]
            self._line(to_group, (box, 0), (dst, inlet))
            dst, inlet = self.pboxes[to_group], index
        self._line(TOP, self.parent_source(src, outlet), (dst, inlet))

    def level(self, group: str) -> tuple[list[dict], list[dict]]:
        ids = sorted(self.members[group], key=lambda i: int(i.removeprefix("obj-")))
        return [self.boxes[i] for i in ids], self.lines[group]

    def top(self) -> dict:
        for name, box_id in self.pboxes.items():
            boxes, lines = self.level(name)
            kinds = [b["maxclass"] for b in boxes]
            box = self.boxes[box_id]
            box["numinlets"], box["numoutlets"] = kinds.count("inlet"), kinds.count("outlet")
            if box["numoutlets"]:
                box["outlettype"] = [""] * box["numoutlets"]
            right, bottom = extent(b["patching_rect"] for b in boxes)
            box["patcher"] = patcher_dict([100.0, 100.0, min(right + 40, 1400.0), min(bottom + 40, 900.0)], boxes, lines)
            self.boxes[box_id] = dict(sorted(box.items()))
        boxes, lines = self.level(TOP)
        rect = list(self.patch.rect)
        if self.patch.presentation:  # the window opens on the panel
            right, bottom = extent(b["presentation_rect"] for b in boxes if b.get("presentation"))
            rect[2], rect[3] = right + 20, bottom + 20
        else:
            right, bottom = extent(b["patching_rect"] for b in boxes)
            rect[2], rect[3] = min(right + 40, 1400.0), min(bottom + 40, 900.0)
        return patcher_dict(rect, boxes, lines, self.patch.presentation)
