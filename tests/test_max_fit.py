"""Musical fit in Max, run from the patches' own objects by the evaluator over real UDP against the tiny-model
engine: the generator's tempo-lock toggle and key menu add tempo_lock / key / key_lock to the OSC request, and
the live patch's slots lock to the transport's tempo (bpm from the transport, tempo_lock auto)."""

from __future__ import annotations

import json
from pathlib import Path

from maxpatches import PATCHERS, PROMPT, RENDER_TIMEOUT, engine_service, max_runtime
from maxsim import BANG, Msg, Runtime  # noqa: E402

from tempo_key import KEYS  # the builder's menu (max_patches/tools on sys.path via maxpatches)

__all__ = ["engine_service", "max_runtime"]  # fixtures


def requests(rt) -> list[dict]:
    return [dict(zip(args[::2], args[1::2])) for address, args in rt.sent if address == "/audioldm/generate"]


def test_the_key_menu_holds_off_and_the_24_keys():
    rt = Runtime(PATCHERS)
    try:
        menu = rt.load("audioldm.generator.maxpat").named("key")
        assert [" ".join(map(str, item)) for item in menu.items] == ["off", *KEYS] and len(KEYS) == 24
        assert {"C major", "A minor", "F# major", "Eb minor", "Bb major"} <= set(KEYS)
    finally:
        rt.close()  # its [udpreceive 7401] would hold the port until the garbage collector ran


def test_tempo_lock_and_key_change_the_generator_request(max_runtime, engine_service):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    lock, key, generate = generator.named("tempo_lock"), generator.named("key"), generator.named("generate")
    assert lock.value == 1 and key.index == 0  # on load: lock on, no key
    generator.named("prompt").type(PROMPT)
    generate.receive(0, BANG)
    first = requests(rt)[-1]
    assert first["tempo_lock"] == "auto" and first["bpm"] == 100.0 and "key" not in first and "key_lock" not in first

    key.select(KEYS.index("D minor") + 1)
    lock.receive(0, Msg("int", (0,)))  # the toggle clicked off
    generator.named("negative").type("muddy")  # the negative prompt is still appended after the fit fields
    generate.receive(0, BANG)
    second = requests(rt)[-1]
    assert second["tempo_lock"] == "off" and second["key"] == "D minor" and second["key_lock"] == "auto"
    assert second["negative_prompt"] == "muddy" and second["prompt"] == PROMPT

    key.select(0)  # off again: no key fields
    lock.receive(0, Msg("int", (1,)))
    generate.receive(0, BANG)
    third = requests(rt)[-1]
    assert third["tempo_lock"] == "auto" and "key" not in third and "key_lock" not in third
    for fields in (first, second):  # only the last one is rendered
        engine_service.cancel(fields["id"], ("osc", "127.0.0.1", 7401))

    take = generator.one(text="buffer~ audioldm.generator.take")
    error = generator.named("error")
    assert rt.pump(lambda: take.frames is not None or error.text, timeout=RENDER_TIMEOUT) and not error.text, error.text
    fit = json.loads(Path(take.file).with_suffix(".json").read_text())["fit"]
    assert fit["tempo"]["lock"] == "auto" and fit["tempo"]["target_bpm"] == 100.0 and "key" not in fit
    assert take.frames == 2 * 4 * 60 * 48000 // 100  # still exactly 2 bars


def test_a_key_reaches_the_engine_and_its_sidecar(max_runtime):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    generator.named("key").select(KEYS.index("Eb major") + 1)
    generator.named("prompt").type(PROMPT)
    generator.named("generate").receive(0, BANG)
    assert requests(rt)[-1]["key"] == "Eb major"
    take = generator.one(text="buffer~ audioldm.generator.take")
    error = generator.named("error")
    assert rt.pump(lambda: take.frames is not None or error.text, timeout=RENDER_TIMEOUT) and not error.text, error.text
    fit = json.loads(Path(take.file).with_suffix(".json").read_text())["fit"]
    assert fit["key"]["target"] == "Eb major" and fit["key"]["lock"] == "auto"


def test_live_slots_lock_to_the_transport_tempo(max_runtime):
    rt = max_runtime
    rt.tempo = 137.0
    live = rt.load("audioldm.live.maxpat")
    slot = sorted((o.child for o in live.find("bpatcher")), key=lambda s: s.instance)[0]
    slot.named("prompt").type("dusty vinyl drums")
    slot.named("prompt").press_return()
    [fields] = requests(rt)
    assert fields["bpm"] == 137.0 and fields["tempo_lock"] == "auto" and fields["loop"] == 1
    take, state = slot.one(text="buffer~ #0-a"), slot.named("status")
    assert rt.pump(lambda: take.frames is not None or state.text.startswith("error"), timeout=RENDER_TIMEOUT), state.text
    fit = json.loads(Path(take.file).with_suffix(".json").read_text())["fit"]
    assert fit["tempo"]["lock"] == "auto" and fit["tempo"]["target_bpm"] == 137.0
    assert take.frames == round(4 * 60 * 48000 / 137.0)  # one bar at the transport's tempo, to the sample
