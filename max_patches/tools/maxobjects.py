"""Inlets, outlets and outlet types of the Max objects the package uses, from Max's documentation.

Max saves ``numinlets``/``numoutlets``/``outlettype`` in every box and recomputes them when it
loads a patch; a wrong count silently drops or misroutes a patch cord. This table is the
reference the patch checks hold every box and cord to. Sources: the Max 8/9 object reference
(docs.cycling74.com/reference/<object>, "Inlets"/"Outlets" and the argument rules for objects
whose counts depend on their arguments) and the counts Max itself writes into saved patches
(route n+1 in / n+1 out — Max 4 patches show 1 inlet, Max 7+ one per argument plus one;
transport 2 in / 9 out; waveform~ 5 in / 6 out; textedit 1 in / 4 out; umenu 1 in / 3 out;
sprintf one inlet per % directive; groove~ 3 in / channels+1 out, all signal; conformpath
1 in / 2 out; receive 0 in / 1 out; fromsymbol 1 in / 1 out; patcherargs 1 in / 2 out …).

Where the reference text and saved patches disagree, the reference wins: a patch must work in
the Max its page describes. [select]'s page (every version, the current one included) says
"If there is a single int argument (or if there are no arguments) a second inlet is created on
the right … If there is more than one argument, or if the only argument is not an int, the
right inlet is not created" — so the table gives [sel none] and [sel 60 61] one inlet, although
Max 7+ saves some of them with more, and no patch may wire into an inlet the page does not
promise.
"""

from __future__ import annotations

import re

# fixed shapes: maxclass or object name -> (inlets, outlet types)
FIXED = {
    # user-interface boxes (maxclass)
    "message": (2, [""]),
    "comment": (1, []),
    "button": (1, ["bang"]),
    "toggle": (1, ["int"]),
    "number": (1, ["", "bang"]),
    "flonum": (1, ["", "bang"]),
    "textedit": (1, ["", "int", "", ""]),  # text, key typed, item clicked, textchanged
    "umenu": (1, ["int", "", ""]),  # index, item text, dumpout
    "slider": (1, [""]),
    "dial": (1, ["float"]),  # Max saves "float" whatever its floatoutput
    "waveform~": (5, ["float", "float", "float", "float", "list", ""]),
    "ezdac~": (2, []),
    "panel": (1, []),
    "inlet": (0, [""]),
    "outlet": (1, []),
    # objects in object boxes (newobj), by name
    "udpsend": (1, []),
    "udpreceive": (1, [""]),
    "prepend": (1, [""]),
    "tosymbol": (1, [""]),
    "fromsymbol": (1, [""]),
    "patcherargs": (1, ["", ""]),  # the arguments, then attribute-style arguments
    "zl": (2, ["", ""]),
    "buffer~": (1, ["float", "bang"]),
    "transport": (2, ["int", "int", "float", "float", "float", "", "int", "float", ""]),
    "notein": (1, ["int", "int", "int"]),
    "ctlin": (1, ["int", "int", "int"]),  # value, controller number, channel (no arguments: all of them)
    "change": (1, ["", "int", "int"]),  # the changed number; 1 on zero → non-zero; 1 on non-zero → zero
    "stripnote": (2, ["int", "int"]),
    "metro": (2, ["bang"]),
    "loadbang": (1, ["bang"]),
    "loadmess": (1, [""]),
    "delay": (2, ["bang"]),
    "random": (2, ["int"]),
    "i": (2, ["int"]),
    "int": (2, ["int"]),
    "sig~": (1, ["signal"]),
    "*~": (2, ["signal"]),
    "dac~": (2, []),
    "print": (1, []),
    "pcontrol": (1, [""]),
    "conformpath": (1, ["", "int"]),  # as Max saves it: the path, then an int outlet
    "deferlow": (1, [""]),
    "r": (0, [""]),  # [receive name]: no inlet in Max's saved patches
    "receive": (0, [""]),
}
# arithmetic: two inlets, one outlet; int unless the argument is a float
ARITHMETIC = {"+", "-", "*", "/", "%", "!-", "!/", "=="}

_DIRECTIVE = re.compile(r"%(?!%)[-+ #0]*\d*(?:\.\d+)?(?:l{0,2}|h)[sdifxXceEgGu]")


def shape(maxclass: str, text: str = "") -> tuple[int, list[str]]:
    """(numinlets, outlettype list) of a box, as Max computes it from its class and arguments.

    Raises KeyError for an object this table does not know (add it with its source).
    """
    if maxclass != "newobj":
        return FIXED[maxclass]
    words = text.split()
    name, args = words[0], words[1:]
    attr = next((i for i, a in enumerate(args) if a.startswith("@")), len(args))
    plain = args[:attr]  # @attribute values are not arguments
    if name in FIXED:
        return FIXED[name]
    if name in ARITHMETIC:
        return 2, ["float" if plain and "." in plain[0] else "int"]
    if name in ("t", "trigger"):
        kinds = {"b": "bang", "i": "int", "f": "float", "l": "", "s": "", "a": ""}
        return 1, [kinds.get(a, "") for a in (plain or ["i", "i"])]
    if name == "route":  # since Max 7 every argument has an inlet that changes it
        n = max(len(plain), 1)
        return n + 1, [""] * (n + 1)
    if name in ("sel", "select"):  # the right inlet only for no argument or one int argument
        n = max(len(plain), 1)
        right = not plain or (len(plain) == 1 and re.fullmatch(r"-?\d+", plain[0]) is not None)
        return 1 + int(right), ["bang"] * n + [""]
    if name == "pack":
        return max(len(plain), 2), [""]
    if name == "unpack":
        kinds = [("int" if re.fullmatch(r"-?\d+", a) else "float" if "." in a else "") for a in plain]
        return 1, kinds or ["int", "int"]
    if name == "sprintf":
        fmt = " ".join(a for a in plain if a != "symout")
        return max(len(_DIRECTIVE.findall(fmt)), 1), [""]
    if name == "gate":
        return 2, [""] * (int(plain[0]) if plain else 1)
    if name == "groove~":
        channels = int(plain[1]) if len(plain) > 1 else 1
        return 3, ["signal"] * (channels + 1)
    raise KeyError(f"no documented shape for [{text}]")
