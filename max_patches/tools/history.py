"""audioldm.generator's history menu: a search box, a menu of what the engine made, the chosen file in the player.

Search (Return in the box, or the search button) sends ``history [query <text>] limit 25`` to the
generator's [audioldm.client]; the engine answers with one ``history entry …`` per match (newest first)
and ``history_end count N``. Each entry becomes a menu item (prompt · length · date, "file missing" for a
file that was moved or deleted); its path and whether it is missing are kept in two lists, in menu order.
Choosing an item loads its file into the take's buffer~ and shows its path, the way a finished generation
loads; a missing file is not loaded, the history status says so.
"""

from __future__ import annotations

from types import SimpleNamespace

from maxdsl import Patch

HISTORY_LIMIT = 25  # entries asked for: one menu


def history_controls(p: Patch) -> SimpleNamespace:
    """The search box, its button, the menu and the history status, in the patching view and the panel."""
    h = SimpleNamespace()
    h.search = p.ui("textedit", 20, 700, 300, 22, panel=(20, 530), keymode=1, lines=1, text="",
                    varname="history_search")
    p.label("history: search the prompts of everything made (Return; empty: the latest)", h.search, 0, -20, 480)
    h.find = p.ui("button", 330, 700, panel=(330, 530), varname="history_find")
    p.label("search", h.find, 26, 2, 50)
    h.menu = p.ui("umenu", 420, 700, 440, 22, panel=(420, 530), parameter_enable=0, varname="history")
    p.label("pick one to load it into the take", h.menu, 0, 26, 240)
    h.status = p.msg("", 880, 700, 180, panel=(880, 530), varname="history_status")
    p.label("found", h.status, 0, -20, 60)
    return h


def history_menu(p: Patch, engine: str, take: str, file_display: str) -> None:
    """The controls and [p history]: search → the client; its history replies → the menu; a choice → the take."""
    h = history_controls(p)
    with p.group("history", 800, 440, "The history menu: search sends history [query <text>] limit "
                 f"{HISTORY_LIMIT} to the client (clearing the menu and the lists first); each history entry's "
                 "pairs are read in any order (zl iter 2 → route; prompt and date as one symbol each), then its label "
                 "is made — prompt · seconds · "
                 "created, with 'file missing' when it is — and appended; its path and missing flag gather in "
                 "[zl group]s, handed to the [zl lookup]s at history_end. A choice looks up both: a file that is "
                 "there is loaded into the take (replace) and shown; a missing one only says so."):
        text = p.obj("route text", 0, 0)
        typed = p.obj("route bang", 0, 25)
        latest = p.msg(f"history limit {HISTORY_LIMIT}", 0, 75)
        query = p.obj("tosymbol", 120, 50)
        search = p.msg(f"history query $1 limit {HISTORY_LIMIT}", 120, 75, 220)
        send_t = p.obj("t a b", 0, 110)
        clear = p.msg("clear", 100, 140)
        forget = p.msg("zlclear", 160, 140)
        searching = p.msg("set searching…", 240, 140)
        replies = p.obj("route history history_end", 0, 180, 180)
        entry_t = p.obj("t b a", 0, 210)
        pairs = p.obj("zl iter 2", 60, 240)
        keys = p.obj("route prompt seconds created path missing", 60, 270, 280)
        missing_t = p.obj("t i i", 320, 300)
        prompt_symbol = p.obj("tosymbol", 60, 300)  # a word out of [route] is a message of its own: one symbol
        created_symbol = p.obj("tosymbol", 200, 300)
        held_missing = p.obj("i", 0, 330)
        label_fields = p.obj("pack 0 s 0. s", 0, 360, 120)
        label_t = p.obj("t l l", 0, 390)
        which = p.obj("zl mth 0", 100, 420)
        by_missing = p.obj("+ 1", 100, 450)
        fields = p.obj("zl slice 1", 0, 450)
        label_gate = p.obj("gate 2", 0, 480)
        present = p.obj("sprintf symout %s · %.2f s · %s", 0, 510, 220)
        absent = p.obj("sprintf symout %s · %.2f s · %s · file missing", 260, 510, 300)
        append = p.msg("append $1", 0, 540)
        paths = p.obj("zl group 256", 300, 330)
        flags = p.obj("zl group 256", 420, 330)
        end_t = p.obj("t b b a", 560, 210)
        found = p.msg("set $2 found", 660, 240)
        path_of = p.obj("zl lookup", 300, 600)
        flag_of = p.obj("zl lookup", 420, 600)
        choice_t = p.obj("t i i", 300, 570)
        there = p.obj("== 0", 420, 630)
        say_missing = p.obj("sel 1", 500, 630)
        missing_msg = p.msg("set file missing: not loaded", 500, 660, 200)
        if_there = p.obj("gate", 300, 660)
        load_t = p.obj("t s s", 300, 690)
        load = p.msg("replace $1", 300, 720)
        show = p.msg("set $1", 400, 720)
    p.wire(h.find, 0, h.search, port="bang: the search box")
    p.wire(h.search, 0, text, port="the search box")
    p.wire(text, 0, typed)
    p.wire(typed, 0, latest)
    p.wire(typed, 1, query)
    p.chain(query, search)
    for box in (latest, search):
        p.wire(box, 0, send_t)
    p.wire(send_t, 1, clear)
    p.wire(send_t, 1, forget)
    p.wire(send_t, 1, searching)
    p.wire(clear, 0, h.menu, port="clear, append <label>")
    for box in (paths, flags):
        p.wire(forget, 0, box)
    p.wire(searching, 0, h.status, port="set <what the search found>")
    p.wire(send_t, 0, engine, port="history …")
    p.wire(engine, 0, replies, port="the client's events")
    p.wire(replies, 0, entry_t)
    p.wire(entry_t, 1, pairs)
    p.chain(pairs, keys)
    p.wire(keys, 0, prompt_symbol)
    p.wire(prompt_symbol, 0, label_fields, 1)
    p.wire(keys, 1, label_fields, 2)
    p.wire(keys, 2, created_symbol)
    p.wire(created_symbol, 0, label_fields, 3)
    p.wire(keys, 3, paths)
    p.wire(keys, 4, missing_t)
    p.wire(missing_t, 1, flags)
    p.wire(missing_t, 0, held_missing, 1)
    p.wire(entry_t, 0, held_missing)
    p.chain(held_missing, label_fields, label_t)
    p.wire(label_t, 1, which)
    p.chain(which, by_missing)
    p.wire(by_missing, 0, label_gate, 0)
    p.wire(label_t, 0, fields)
    p.wire(fields, 1, label_gate, 1)
    p.wire(label_gate, 0, present)
    p.wire(label_gate, 1, absent)
    for box in (present, absent):
        p.wire(box, 0, append)
    p.wire(append, 0, h.menu, port="clear, append <label>")
    p.wire(replies, 1, end_t)
    p.wire(end_t, 2, found)
    p.wire(found, 0, h.status, port="set <what the search found>")
    p.wire(end_t, 1, flags)
    p.wire(end_t, 0, paths)
    p.wire(paths, 0, path_of, 1)
    p.wire(flags, 0, flag_of, 1)
    p.wire(h.menu, 0, choice_t, port="the entry picked")
    p.wire(choice_t, 1, flag_of)
    p.wire(flag_of, 0, there)
    p.wire(flag_of, 0, say_missing)
    p.wire(say_missing, 0, missing_msg)
    p.wire(missing_msg, 0, h.status, port="set <what the search found>")
    p.wire(there, 0, if_there, 0)
    p.wire(choice_t, 0, path_of)
    p.wire(path_of, 0, if_there, 1)
    p.wire(if_there, 0, load_t)
    p.wire(load_t, 1, show)
    p.wire(show, 0, file_display, port="set <file>")
    p.wire(load_t, 0, load)
    p.wire(load, 0, take, port="replace <file>")
