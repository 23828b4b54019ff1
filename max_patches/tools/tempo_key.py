"""The generator's musical fit: a tempo-lock toggle and a key menu, and [p fit], which keeps the request's fit
fields (``tempo_lock auto|off`` and, with a key, ``key <K> key_lock auto``) ready to append to Generate's
request (the engine's fit stage: docs/PROTOCOL.md).

``auto`` is the engine's own judgement: a sound with a clear beat is warped onto the request's grid (its bpm:
the transport's or the typed one), a tonal one shifted to the key; rain or a pad is left as it is and the
sidecar says why. The fields are rebuilt whenever a control changes, so Generate needs no extra step.
"""

from __future__ import annotations

from maxdsl import Patch

NOTES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
KEYS = tuple(f"{note} {mode}" for note in NOTES for mode in ("major", "minor"))  # 24 keys, as the engine reads them


def menu_items(items) -> list[str]:
    """A umenu's ``items`` attribute as Max saves it: each item's words, items separated by ","."""
    saved: list[str] = []
    for item in items:
        if saved:
            saved.append(",")
        saved.extend(item.split(" "))
    return saved


def fit_controls(p: Patch, c) -> None:
    """The toggle and the menu, on the panel between the status displays and Transform."""
    c.tempo_lock = p.ui("toggle", 600, 270, panel=(585, 180), varname="tempo_lock")
    p.label("lock to tempo (auto)", c.tempo_lock, 26, 2, 150)
    c.key = p.ui("umenu", 640, 310, 110, 22, panel=(615, 206), parameter_enable=0, varname="key",
                 items=menu_items(("off", *KEYS)))
    p.label("key", c.key, -30, 2, 28)


def fit_path(p: Patch, c, request: str, choose: str | None = None) -> str:
    """[p fit]: Generate's ``request`` gets the fit fields appended on its way to ``choose`` (the negative
    prompt's gate) or, without one, to whatever the caller wires the returned box to. The toggle stores ``tempo_lock auto`` or ``tempo_lock off``; the menu ``key <K> key_lock
    auto``, or nothing for off (its text comes out before its index: the text is stored, then index 0
    clears it); after either, the two parts are joined again into the request's [zl join]."""
    with p.group("fit", 640, 350, "Musical fit: the fields appended to Generate's request — tempo_lock auto "
                 "(the toggle on: the engine warps a sound with a clear beat onto the tempo's grid and leaves "
                 "beatless ones) or off; with a key from the menu, key <K> key_lock auto (a tonal sound is shifted "
                 "to the key). Rebuilt whenever the toggle or the menu changes; both set on load (on, off)."):
        tempo_load = p.obj("loadmess 1", 0, 0)
        key_load = p.obj("loadmess 0", 120, 0)
        tempo_t = p.obj("t b i", 0, 40)
        tempo_off = p.obj("sel 0", 40, 70)
        lock_off = p.msg("tempo_lock off", 40, 100)
        lock_auto = p.msg("tempo_lock auto", 160, 100)
        tempo_part = p.obj("zl reg", 40, 140)
        key_text = p.obj("tosymbol", 300, 40)
        key_field = p.msg("key $1 key_lock auto", 300, 70)
        key_t = p.obj("t b i", 460, 40)
        key_off = p.obj("sel 0", 500, 70)
        clear_key = p.msg("zlclear", 500, 100)
        key_part = p.obj("zl reg", 300, 140)
        rebuild = p.obj("t b b b", 160, 190)
        clear_join = p.msg("zlclear", 300, 220)
        fields = p.obj("zl join", 160, 260)
        with_fields = p.obj("zl join", 0, 300)
    p.wire(tempo_load, 0, c.tempo_lock, port="1: lock on load")
    p.wire(key_load, 0, c.key, port="0: no key on load")
    p.wire(c.tempo_lock, 0, tempo_t, port="lock to tempo")
    p.wire(tempo_t, 1, tempo_off)
    p.wire(tempo_off, 0, lock_off)
    p.wire(tempo_off, 1, lock_auto)
    p.wire(lock_off, 0, tempo_part, 1)
    p.wire(lock_auto, 0, tempo_part, 1)
    p.wire(tempo_t, 0, rebuild)
    p.wire(c.key, 1, key_text, port="the key's text")
    p.chain(key_text, key_field)
    p.wire(key_field, 0, key_part, 1)
    p.wire(c.key, 0, key_t, port="the key's index (0: off)")
    p.wire(key_t, 1, key_off)
    p.wire(key_off, 0, clear_key)
    p.wire(clear_key, 0, key_part)
    p.wire(key_t, 0, rebuild)
    p.wire(rebuild, 2, clear_join)
    p.wire(clear_join, 0, fields)
    p.wire(rebuild, 1, key_part)
    p.wire(key_part, 0, fields, 1)
    p.wire(rebuild, 0, tempo_part)
    p.wire(tempo_part, 0, fields, 0)
    p.wire(fields, 0, with_fields, 1)
    p.wire(request, 0, with_fields, 0, port="generate prompt … (Generate's request)")
    if choose is not None:
        p.wire(with_fields, 0, choose, 1, port="generate … tempo_lock … [key … key_lock auto]")
    return with_fields  # the request with its fit fields, for whatever comes next ([p morph])
