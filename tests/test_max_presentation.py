"""The Max patchers open as instruments: each opens in presentation, which holds every user-facing
control — laid out, labelled — and nothing of the logic; the logic lives in the patching view and its
[p …] subpatchers, where no control hides.

User-facing (what a user sees and touches): the interface objects in CONTROLS; message boxes with a
scripting name (varname) — the displays the patch writes into (status, engine, error, file, a slot's
name) and any message a user clicks; comments, which label them (every comment of a patcher is a label,
placed next to a control, or its title at the top). Everything else — object boxes (the client
abstraction, [p …] subpatchers, [loadmess] …), message boxes without a name, inlets and outlets — is
logic. An abstraction without controls (audioldm.client) opens on its title: what it is and where its
wiring is. Help patches open in the patching view: like Max's own help files, they show the wiring.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "max_patches" / "audioldm-bridge"
PATCHERS = sorted(PACKAGE.glob("patchers/*.maxpat"))
HELP = sorted(PACKAGE.glob("help/*.maxhelp"))
CONTROLS = {"button", "toggle", "number", "flonum", "textedit", "umenu", "slider", "dial", "kslider", "rslider",
            "multislider", "tab", "live.dial", "live.numbox", "live.toggle", "live.button", "live.text",
            "live.menu", "live.slider", "live.tab", "waveform~", "ezdac~", "ezadc~", "gain~", "meter~", "bpatcher"}
NEAR = 12.0  # px between a label and its control


def patcher_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["patcher"]


def boxes(patcher: dict) -> list[dict]:
    return [entry["box"] for entry in patcher["boxes"]]


def subpatchers(patcher: dict):
    for box in boxes(patcher):
        if "patcher" in box:
            yield box["text"], box["patcher"]
            yield from subpatchers(box["patcher"])


def user_facing(box: dict) -> bool:
    if box["maxclass"] == "message":
        return "varname" in box
    return box["maxclass"] in CONTROLS or box["maxclass"] == "comment"


def label(box: dict) -> str:
    return f"[{box.get('varname') or box.get('text') or box['maxclass']}] ({box['maxclass']} {box['id']})"


def gap(a: list[float], b: list[float]) -> float:
    """Distance between two rectangles (0 when they touch or overlap)."""
    dx = max(b[0] - (a[0] + a[2]), a[0] - (b[0] + b[2]), 0.0)
    dy = max(b[1] - (a[1] + a[3]), a[1] - (b[1] + b[3]), 0.0)
    return max(dx, dy)


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def presentation_problems(patcher: dict) -> list[str]:
    """What keeps a patcher from opening as an instrument (empty when nothing does)."""
    problems = [] if patcher.get("openinpresentation") == 1 else ["it does not open in presentation"]
    top = boxes(patcher)
    shown = [b for b in top if b.get("presentation") == 1]
    for box in top:
        if user_facing(box) and box not in shown:
            problems.append(f"{label(box)} is user-facing but not in the presentation")
        if not user_facing(box) and box in shown:
            problems.append(f"{label(box)} is logic but in the presentation")
    for box in shown:
        rect = box.get("presentation_rect")
        if not (isinstance(rect, list) and len(rect) == 4 and rect[2] > 0 and rect[3] > 0):
            problems.append(f"{label(box)}: no presentation_rect")
    shown = [b for b in shown if isinstance(b.get("presentation_rect"), list) and len(b["presentation_rect"]) == 4]
    controls = [b for b in shown if b["maxclass"] != "comment"]
    for box in shown:
        if box["maxclass"] == "comment" and box["presentation_rect"][1] > 20 and not any(
                gap(box["presentation_rect"], c["presentation_rect"]) <= NEAR for c in controls):
            problems.append(f"{label(box)}: a comment in the presentation that labels no control (nor is the title)")
    for i, a in enumerate(shown):
        for b in shown[i + 1:]:
            if overlap(a["presentation_rect"], b["presentation_rect"]):
                problems.append(f"{label(a)} and {label(b)} overlap in the presentation")
    width, height = patcher["rect"][2:]
    for box in shown:
        x, y, w, h = box["presentation_rect"]
        if x < 0 or y < 0 or x + w > width or y + h > height:
            problems.append(f"{label(box)} lies outside the window ({width:.0f} × {height:.0f})")
    for name, sub in subpatchers(patcher):
        for box in boxes(sub):
            if box.get("presentation") == 1 or (user_facing(box) and box["maxclass"] != "comment"):
                problems.append(f"[{name}]: {label(box)} is a control or in a presentation: controls stay on the panel")
    return problems


@pytest.mark.parametrize("path", PATCHERS, ids=lambda p: p.name)
def test_every_patcher_opens_on_its_controls_and_only_them(path):
    assert presentation_problems(patcher_of(path)) == []


def test_the_check_finds_logic_on_the_panel_and_controls_off_it():
    patcher = patcher_of(PACKAGE / "patchers" / "audioldm.generator.maxpat")
    top = {b.get("text"): b for b in boxes(patcher)} | {b["varname"]: b for b in boxes(patcher) if "varname" in b}
    top["audioldm.client 7401"].update(presentation=1, presentation_rect=[900.0, 400.0, 200.0, 22.0])
    del top["bpm"]["presentation"]
    top["seed"]["presentation_rect"] = top["variations"]["presentation_rect"]
    top["status"].pop("varname")  # a display nobody can tell from logic
    name, tempo = next(subpatchers(patcher))
    boxes(tempo)[0].update(presentation=1, presentation_rect=[0.0, 0.0, 30.0, 30.0])
    patcher["openinpresentation"] = 0
    problems = "\n".join(presentation_problems(patcher))
    assert "it does not open in presentation" in problems
    assert "[audioldm.client 7401] (newobj" in problems and "is logic but in the presentation" in problems
    assert "[bpm] (flonum" in problems and "is user-facing but not in the presentation" in problems
    assert "[variations] (number" in problems and "overlap in the presentation" in problems
    assert "[empty] (message" in problems
    assert f"[{name}]:" in problems and "controls stay on the panel" in problems


def test_the_panels_hold_what_the_docs_describe():
    """Spot checks of the layout a user sees: the generator's controls, the live patch's 8 slot strips
    (each showing audioldm.slot's own presentation: the strip), the slot strip inside a bpatcher's box."""
    generator = {b.get("varname"): b for b in boxes(patcher_of(PACKAGE / "patchers" / "audioldm.generator.maxpat"))
                 if b.get("presentation")}
    assert {"prompt", "negative", "bars", "bpm", "follow", "ts_num", "ts_den", "variations", "seed", "generate",
            "cancel", "strength", "transform", "engine", "status", "progress", "error", "file", "play", "stop",
            "loop", "open", "takes", "host", "port", "tempo_lock", "key"} <= set(generator)
    live = boxes(patcher_of(PACKAGE / "patchers" / "audioldm.live.maxpat"))
    strips = [b for b in live if b["maxclass"] == "bpatcher"]
    assert len(strips) == 8 and all(b.get("presentation") == 1 for b in strips)
    slot = patcher_of(PACKAGE / "patchers" / "audioldm.slot.maxpat")
    width, height = strips[0]["presentation_rect"][2:]
    for box in boxes(slot):
        if box.get("presentation"):
            x, y, w, h = box["presentation_rect"]
            assert x + w <= width and y + h <= height, f"{label(box)} is cut off in the live patch's slot strip"


@pytest.mark.parametrize("path", HELP, ids=lambda p: p.name)
def test_help_patches_open_on_their_wiring(path):
    assert patcher_of(path).get("openinpresentation") == 0
