"""The evaluator (tests/maxsim.py) against Max's documented behaviour: the message semantics the patch
tests rely on, on small patches built with the builder's own language."""

from __future__ import annotations

import json

from maxpatches import PROMPT
from maxdsl import Patch  # noqa: E402
import maxsim  # noqa: E402
from maxsim import BANG, Msg, Runtime, parse, symbol  # noqa: E402


def run_mini(tmp_path, build_patch) -> tuple[Runtime, maxsim.Patcher, list]:
    patch = Patch()
    sink = build_patch(patch)
    (tmp_path / "mini.maxpat").write_text(json.dumps(patch.to_json()))
    rt = Runtime(tmp_path)
    patcher = rt.load("mini.maxpat")
    return rt, patcher, sink


def captured(patcher, box_id) -> list:
    """Everything that reached box_id (a [print] as a probe)."""
    return [msg for _, msg in patcher.objects[box_id].received]


def test_evaluator_message_box_dollar_args_comma_and_set(tmp_path):
    def mini(p):
        box = p.msg("replace $1", 20, 20)
        two = p.msg("set rendering $1 of $2", 20, 60)
        comma = p.msg("loop 1, loopinterp 1", 20, 100)
        probe = p.obj("print probe", 20, 200)
        for b in (box, two, comma):
            p.wire(b, 0, probe)
        return [box, two, comma, probe]

    rt, patcher, (box, two, comma, probe) = run_mini(tmp_path, mini)
    patcher.objects[box].receive(0, symbol("/a b/take.wav"))  # a symbol with spaces stays one atom
    patcher.objects[two].receive(0, Msg("list", (3, 10)))
    patcher.objects[box].receive(0, BANG)  # $1 keeps its last value
    patcher.objects[comma].receive(0, BANG)
    patcher.objects[two].receive(0, Msg("set", ("x",)))  # set: no output
    assert captured(patcher, probe) == [Msg("replace", ("/a b/take.wav",)), Msg("set", ("rendering", 3, "of", 10)),
                                            Msg("replace", ("/a b/take.wav",)), Msg("loop", (1,)),
                                            Msg("loopinterp", (1,))]
    assert patcher.objects[two].text == "x"
    fresh = maxsim.Message(patcher, {"id": "x", "maxclass": "message", "text": "$1 $2"})
    fresh.out = lambda outlet, msg: setattr(fresh, "last", msg)
    fresh.receive(0, Msg("int", (5,)))
    assert fresh.last == Msg("list", (5, 0))  # "the value of a changeable argument is initially 0"


def test_evaluator_trigger_fires_right_to_left_and_fanout_by_position(tmp_path):
    def mini(p):
        t = p.obj("t b i s", 20, 20)
        probe = p.obj("print probe", 20, 200)
        for i in range(3):
            p.wire(t, i, probe)
        source = p.ui("button", 300, 20)
        left = p.msg("left", 300, 100)
        right = p.msg("right", 500, 100)
        p.wire(source, 0, left)
        p.wire(source, 0, right)
        p.wire(left, 0, probe)
        p.wire(right, 0, probe)
        return [t, source, probe]

    rt, patcher, (t, source, probe) = run_mini(tmp_path, mini)
    patcher.objects[t].receive(0, Msg("foo", ()))
    patcher.objects[source].receive(0, BANG)
    assert captured(patcher, probe) == [symbol("foo"), Msg("int", (0,)), BANG, Msg("right"), Msg("left")]


def test_evaluator_textedit_route_tosymbol_and_the_sprintf_pitfall(tmp_path):
    def mini(p):
        text = p.ui("textedit", 20, 20, 200, 40)
        route = p.obj("route text", 20, 80)
        to_symbol = p.obj("tosymbol", 20, 110)
        first_word = p.obj("sprintf symout %s", 200, 110)
        prepend = p.obj("prepend prompt", 400, 110)
        probe = p.obj("print probe", 20, 200)
        p.wire(text, 0, route)
        for b in (to_symbol, first_word, prepend):
            p.wire(route, 0, b)
            p.wire(b, 0, probe)
        return [text, probe]

    rt, patcher, (text, probe) = run_mini(tmp_path, mini)
    patcher.objects[text].type(PROMPT)
    patcher.objects[text].receive(0, BANG)
    # fan-out right to left: prepend (x 400), sprintf (x 200), tosymbol (x 20)
    assert captured(patcher, probe) == [Msg("prompt", ("warm", "analog", "pad")), symbol("warm"), symbol(PROMPT)]


def test_evaluator_pack_hot_and_cold_and_route_rest(tmp_path):
    def mini(p):
        pack = p.obj("pack s 2 120. 4/4", 20, 20)
        route = p.obj("route done generate", 300, 20)
        probe = p.obj("print probe", 20, 200)
        p.wire(pack, 0, probe)
        for i in range(3):
            p.wire(route, i, probe)
        return [pack, route, probe]

    rt, patcher, (pack, route, probe) = run_mini(tmp_path, mini)
    patcher.objects[pack].receive(2, Msg("int", (100,)))  # cold, converted to the slot's float
    patcher.objects[pack].receive(3, symbol("7/8"))
    patcher.objects[pack].receive(0, symbol(PROMPT))  # hot
    patcher.objects[route].receive(0, Msg("done", ("/x.wav",)))
    patcher.objects[route].receive(0, Msg("generate", ()))
    patcher.objects[route].receive(0, Msg("list", (1, 2)))
    assert captured(patcher, probe) == [Msg("list", (PROMPT, 2, 100.0, "7/8")), Msg("/x.wav", ()), BANG,
                                            Msg("list", (1, 2))]


def test_parse_quotes_numbers_commas():
    assert parse('generate prompt "warm analog pad" bars 2 bpm 100. time_sig 4/4, x') == [
        "generate", "prompt", "warm analog pad", "bars", 2, "bpm", 100.0, "time_sig", "4/4", ",", "x"]


def test_evaluator_semicolon_messages_getsystem_deferlow_conformpath(tmp_path):
    def mini(p):
        ask = p.msg("; max getsystem os.here; other hello", 20, 20, 300)
        heard = p.obj("r os.here", 20, 60)
        other = p.obj("r other", 200, 60)
        probe = p.obj("print probe", 20, 200)
        later = p.obj("deferlow", 300, 100)
        now = p.msg("now", 400, 100)
        button = p.ui("button", 300, 20)
        convert = p.obj("conformpath slash boot", 500, 20, 150)
        ring = p.obj("% 8", 500, 60)
        p.wire(heard, 0, probe)
        p.wire(other, 0, probe)
        p.wire(button, 0, later)
        p.wire(button, 0, now)
        p.wire(later, 0, probe)
        p.wire(now, 0, probe)
        p.wire(convert, 0, probe)
        p.wire(ring, 0, probe)
        return [ask, button, convert, ring, probe]

    rt, patcher, (ask, button, convert, ring, probe) = run_mini(tmp_path, mini)
    rt.folders = {"~:": "/Users/me"}
    patcher.objects[ask].receive(0, BANG)  # to receivers, nothing out of the box's outlet
    patcher.objects[button].receive(0, BANG)
    assert captured(patcher, probe)[-1] == Msg("now")  # the deferred bang waits for the event to end
    rt.idle()
    patcher.objects[convert].receive(0, Msg("~:/Music/x y.wav"))  # a Max path prefix
    patcher.objects[convert].receive(0, symbol("Macintosh HD:/Users/me/a.wav"))  # the boot volume
    patcher.objects[ring].receive(0, Msg("int", (11,)))
    assert captured(patcher, probe) == [symbol("macintosh"), Msg("hello"), Msg("now"), BANG,
                                        symbol("/Users/me/Music/x y.wav"), symbol("/Users/me/a.wav"), Msg("int", (3,))]
    assert parse("; max getsystem os") == [";", "max", "getsystem", "os"]


def test_evaluator_runs_subpatchers_as_max_does(tmp_path):
    """[p name]: inlets and outlets numbered left to right by x (not in the order they were made), #0 and
    #1…#9 those of the enclosing abstraction, [patcherargs] the [p] box's own arguments, loadbangs before
    the parent's; find/one/named look into subpatchers, not into abstractions."""
    inner = Patch()
    with inner.group("inner", 20, 60, "the subpatcher"):
        left = inner.msg("left #1 #0", 20, 20)
        right = inner.msg("right #1", 300, 20)
        loaded = inner.obj("loadbang", 500, 20)
        child = inner.msg("child", 500, 60, varname="child")
        args = inner.obj("patcherargs", 600, 20)
    inlets = [inner.box("inlet", x, 10, 30, 30) for x in (20, 300)]
    outlet = inner.box("outlet", 20, 200, 30, 30)
    for inlet, box in zip(inlets, (left, right)):
        inner.wire(inlet, 0, box)
    parent_loaded = inner.msg("parent", 300, 120)
    inner.wire(inner.obj("loadbang", 300, 90), 0, parent_loaded)
    for box in (left, right, child, parent_loaded):
        inner.wire(box, 0, outlet)
    inner.wire(loaded, 0, child)
    inner.wire(args, 0, outlet)
    data = inner.to_json()
    [pbox] = [b["box"] for b in data["patcher"]["boxes"] if b["box"].get("text") == "p inner"]
    pbox["text"] = "p inner 7 x"
    ports = [b["box"] for b in pbox["patcher"]["boxes"] if b["box"]["maxclass"] == "inlet"]
    ports[0]["patching_rect"][0], ports[1]["patching_rect"][0] = ports[1]["patching_rect"][0], ports[0]["patching_rect"][0]
    lines = pbox["patcher"]["lines"]  # swap which inner box each inlet feeds, keeping "left" behind the left inlet
    for line in lines:
        source = line["patchline"]["source"]
        if source[0] in (ports[0]["id"], ports[1]["id"]):
            source[0] = ports[1]["id"] if source[0] == ports[0]["id"] else ports[0]["id"]
    (tmp_path / "withsub.maxpat").write_text(json.dumps(data))

    outer = Patch(abstractions={"withsub": (2, 1)})
    box = outer.obj("withsub hello", 20, 60)
    buttons = [outer.ui("button", x, 20) for x in (20, 80)]
    for i, button in enumerate(buttons):
        outer.wire(button, 0, box, i)
    probe = outer.obj("print probe", 20, 120)
    outer.wire(box, 0, probe)
    (tmp_path / "outer.maxpat").write_text(json.dumps(outer.to_json()))

    rt = Runtime(tmp_path)
    patcher = rt.load("outer.maxpat")
    abstraction = patcher.one(text="withsub").child
    at_load = captured(patcher, probe)
    assert Msg("list", (7, "x")) in at_load  # the [p] box's own arguments
    assert [m for m in at_load if m.selector != "list"] == [Msg("child"), Msg("parent")]  # the subpatcher's first
    patcher.objects[buttons[1]].receive(0, BANG)
    patcher.objects[buttons[0]].receive(0, BANG)
    assert captured(patcher, probe)[3:] == [Msg("right", ("hello",)), Msg("left", ("hello", abstraction.instance))]
    assert abstraction.named("child").box["text"] == "child" and len(abstraction.find(text="loadbang")) == 2
    assert not patcher.find(text="loadbang")  # the abstraction is another file


def test_evaluator_ctlin_change_and_dial(tmp_path):
    """[ctlin]: channel, controller, value out right to left; [change]: only a differing number (initial value
    its argument), ``set`` silently; [dial]: a number clipped to 0..size-1 shown and sent, ``set`` silently."""
    def mini(p):
        ctlin = p.obj("ctlin", 20, 20, 60)
        change = p.obj("change -1", 20, 100)
        dial = p.ui("dial", 200, 100, 30, 30, parameter_enable=0)
        probe = p.obj("print probe", 20, 200)
        for i in range(3):
            p.wire(ctlin, i, probe)
        p.wire(change, 0, probe)
        p.wire(dial, 0, probe)
        return [ctlin, change, dial, probe]

    rt, patcher, (ctlin, change, dial, probe) = run_mini(tmp_path, mini)
    patcher.objects[ctlin].control(64, 21, channel=3)
    assert captured(patcher, probe) == [Msg("int", (3,)), Msg("int", (21,)), Msg("int", (64,))]
    patcher.objects[probe].received.clear()
    for n in (0, 0, 2, 2, -1):
        patcher.objects[change].receive(0, Msg("int", (n,)))
    patcher.objects[change].receive(0, Msg("set", (5,)))
    patcher.objects[change].receive(0, Msg("int", (5,)))
    assert captured(patcher, probe) == [Msg("int", (0,)), Msg("int", (2,)), Msg("int", (-1,))]
    patcher.objects[probe].received.clear()
    patcher.objects[dial].turn(200)
    patcher.objects[dial].receive(0, Msg("set", (10,)))
    patcher.objects[dial].receive(0, BANG)
    assert captured(patcher, probe) == [Msg("int", (127,)), Msg("int", (10,))]
