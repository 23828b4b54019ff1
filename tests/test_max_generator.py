"""audioldm.generator, run from the patch's own objects by the evaluator over real UDP against the
tiny-model engine: Generate gets a file of exactly the asked length back on the patch's reply port; the
tempo follows the transport or what is typed; the take menu; the engine's address; Transform writes the
take and loads a result of its exact length (and the help's Transform example)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from maxpatches import PATCHERS, PROMPT, RENDER_TIMEOUT, engine_service, max_runtime
from maxsim import BANG, Msg, Runtime  # noqa: E402

__all__ = ["engine_service", "max_runtime"]  # fixtures


def test_generator_generate_path_gets_exactly_two_bars_at_100_bpm(max_runtime, engine_service):
    rt = max_runtime
    engine_service.transports["osc"].reply_port = 9  # the default port is not the patch's: only reply_port reaches it
    generator = rt.load("audioldm.generator.maxpat")
    prompt, negative = generator.named("prompt"), generator.named("negative")
    prompt.type(PROMPT)
    generator.named("generate").receive(0, BANG)  # a click on Generate

    [(address, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    fields = dict(zip(args[::2], args[1::2]))
    assert fields["prompt"] == PROMPT and fields["bars"] == 2 and fields["bpm"] == 100.0
    assert fields["time_sig"] == "4/4" and fields["reply_port"] == 7401 and "negative_prompt" not in fields
    assert isinstance(fields["bpm"], float) and isinstance(fields["bars"], int)  # sent as f and i

    take = generator.one(text="buffer~ audioldm.generator.take")
    assert rt.pump(lambda: take.frames is not None, timeout=RENDER_TIMEOUT), "no /audioldm/done reached the patch"
    assert take.frames == 2 * 4 * 60 * 48000 // 100 == 230400
    assert json.loads(Path(take.file).with_suffix(".json").read_text())["prompt"] == PROMPT
    assert generator.named("status").text == "ready"
    assert generator.named("progress").received[-1][1] == Msg("int", (100,))  # progress reached 100 %


def test_generator_sends_the_negative_prompt_and_typed_tempo_only_when_asked(max_runtime, engine_service):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    prompt, negative = generator.named("prompt"), generator.named("negative")
    generator.named("follow").receive(0, Msg("int", (0,)))  # untick "follow transport"
    generator.named("bpm").receive(0, Msg("float", (133.7,)))
    prompt.type("glitchy hats")
    negative.type("muddy, distorted")
    generator.named("generate").receive(0, BANG)
    [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    fields = dict(zip(args[::2], args[1::2]))
    assert fields["prompt"] == "glitchy hats" and fields["negative_prompt"] == "muddy, distorted"
    assert fields["bpm"] == pytest.approx(133.7) and fields["bars"] == 2  # typed, not the transport's 100
    state = generator.named("status")
    assert rt.pump(lambda: state.text.startswith("queued at"), timeout=30), state.text
    engine_service.cancel(fields["id"], ("osc", "127.0.0.1", 7401))


def test_generator_without_a_prompt_sends_nothing_and_says_so(max_runtime):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    generator.named("generate").receive(0, BANG)
    assert [a for a, _ in rt.sent] == ["/audioldm/ping"]
    assert generator.named("status").text == "type a prompt first"


def test_generator_shows_the_engine_answering_the_ping_on_load(max_runtime, engine_service):
    generator = max_runtime.load("audioldm.generator.maxpat")
    engine = generator.named("engine")
    assert max_runtime.pump(lambda: engine.text == "engine ready", timeout=10), engine.text


def test_generator_says_when_no_engine_answers(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as nobody:
        nobody.bind(("127.0.0.1", 0))  # a port nothing answers on
        rt = Runtime(PATCHERS, engine_address=nobody.getsockname())
        try:
            generator = rt.load("audioldm.generator.maxpat")
            engine = generator.named("engine")
            rt.advance(1999)
            assert engine.text == "engine ?"
            rt.advance(1)
            assert engine.text == "engine absent"
        finally:
            rt.close()


def test_generator_shows_the_transport_tempo_and_a_typed_bpm_turns_follow_off(max_runtime, engine_service):
    rt = max_runtime  # the transport runs at 100 BPM
    generator = rt.load("audioldm.generator.maxpat")
    follow, bpm = generator.named("follow"), generator.named("bpm")
    assert follow.value == 1 and bpm.value == 100.0  # following: the box shows the transport's tempo
    bpm.receive(0, Msg("float", (133.7,)))  # the user types a tempo
    assert follow.value == 0, "a typed BPM must turn 'follow transport' off"
    generator.named("prompt").type("glitchy hats")
    generator.named("generate").receive(0, BANG)
    [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    fields = dict(zip(args[::2], args[1::2]))
    assert fields["bpm"] == pytest.approx(133.7)  # what was typed, not the transport's 100
    follow.receive(0, Msg("int", (1,)))  # following again: the transport's tempo is shown and sent
    assert bpm.value == 100.0
    generator.named("generate").receive(0, BANG)
    [_, (_, again)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    assert dict(zip(again[::2], again[1::2]))["bpm"] == 100.0
    for args in (args, again):
        engine_service.cancel(dict(zip(args[::2], args[1::2]))["id"], ("osc", "127.0.0.1", 7401))


def test_generator_lets_the_user_audition_each_variation(max_runtime):
    rt = max_runtime
    generator = rt.load("audioldm.generator.maxpat")
    generator.named("follow").receive(0, Msg("int", (0,)))
    generator.named("bpm").receive(0, Msg("float", (240.0,)))
    generator.named("bars").receive(0, Msg("int", (1,)))
    generator.named("variations").receive(0, Msg("int", (2,)))
    generator.named("prompt").type(PROMPT)
    generator.named("generate").receive(0, BANG)
    take = generator.one(text="buffer~ audioldm.generator.take")
    assert rt.pump(lambda: take.frames is not None, timeout=RENDER_TIMEOUT)
    [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
    assert dict(zip(args[::2], args[1::2]))["variations"] == 2
    takes = generator.named("takes")
    paths = [item[0] for item in takes.items]
    assert len(set(paths)) == 2 and take.file == paths[0]  # the first take is loaded
    takes.select(1)  # the user picks the second take
    assert take.file == paths[1] and generator.named("file").text == paths[1]
    takes.select(0)
    assert take.file == paths[0] and generator.named("status").text == "ready"


def test_generator_engine_host_and_port_controls(engine_service):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as nobody:
        nobody.bind(("127.0.0.1", 0))
        rt = Runtime(PATCHERS, tempo=100.0, engine_address=nobody.getsockname())
        try:
            generator = rt.load("audioldm.generator.maxpat")
            engine = generator.named("engine")
            rt.advance(2000)
            assert engine.text == "engine absent"
            host = generator.named("host")
            host.type("localhost")
            host.press_return()
            generator.named("port").receive(0, Msg("int", (engine_service.transports["osc"].port,)))
            assert rt.pump(lambda: engine.text == "engine ready", timeout=10), engine.text
            generator.named("prompt").type(PROMPT)
            generator.named("generate").receive(0, BANG)
            state = generator.named("status")
            assert rt.pump(lambda: state.text.startswith("queued at"), timeout=30), state.text
            [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
            engine_service.cancel(dict(zip(args[::2], args[1::2]))["id"], ("osc", "127.0.0.1", 7401))
        finally:
            rt.close()


def test_generator_transform_writes_the_take_and_loads_a_result_of_its_exact_length(engine_service, tmp_path):
    home = tmp_path / "Jane Doe"  # Max's "~:" prefix; a space in the path keeps it one symbol / OSC string
    (home / "Music").mkdir(parents=True)
    rate, frames = 44100, 55125  # 1.25 s stereo at 44.1 kHz, as a user's own loop might be
    t = np.arange(frames) / rate
    loop = tmp_path / "drum loop.wav"
    sf.write(loop, np.stack([0.3 * np.sin(2 * np.pi * 220 * t), 0.2 * np.sin(2 * np.pi * 330 * t)], axis=1), rate)
    rt = Runtime(PATCHERS, engine_address=("127.0.0.1", engine_service.transports["osc"].port),
                 platform="macintosh", folders={"~:": home})
    try:
        generator = rt.load("audioldm.generator.maxpat")
        take = generator.one(text="buffer~ audioldm.generator.take")
        take.receive(0, Msg("replace", (str(loop),)))  # what "open…" does with the file the user picks
        generator.named("prompt").type("glass marimba")
        strength = generator.named("strength")
        strength.receive(0, Msg("float", (1.7,)))
        assert strength.value == 1.0  # the control is bounded to 0..1
        strength.receive(0, Msg("float", (0.6,)))
        generator.named("transform").receive(0, BANG)  # a click on Transform

        written = home / "Music" / "audioldm-bridge-input-1.wav"
        info = sf.info(written)
        assert (info.frames, info.samplerate, info.channels) == (frames, rate, 2)  # the buffer, as it is
        assert not [s for s in rt.sent if s[0] == "/audioldm/generate"]  # after the write: deferred
        rt.idle()
        [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
        fields = dict(zip(args[::2], args[1::2]))
        assert fields["init_audio"] == str(written) and fields["prompt"] == "glass marimba"
        assert isinstance(fields["strength"], float) and fields["strength"] == pytest.approx(0.6)
        assert not {"bars", "bpm", "time_sig", "seconds"} & set(fields)  # the take's own length
        assert fields["reply_port"] == 7401 and fields["variations"] == 1 and "negative_prompt" not in fields

        assert rt.pump(lambda: take.file != str(loop), timeout=RENDER_TIMEOUT), "no /audioldm/done reached the patch"
        assert take.frames == frames * 48000 // rate == 60000  # the input's length, at the engine's 48 kHz
        sidecar = json.loads(Path(take.file).with_suffix(".json").read_text())
        assert sidecar["edit"] == "transfer" and sidecar["init_audio"] == str(written)
        assert sidecar["strength"] == pytest.approx(0.6)
        assert generator.named("status").text == "ready"

        generator.named("transform").receive(0, BANG)  # the next transform writes the next file of the ring
        assert sf.info(home / "Music" / "audioldm-bridge-input-2.wav").frames == 60000
        rt.idle()
        [_, (_, again)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
        engine_service.cancel(dict(zip(again[::2], again[1::2]))["id"], ("osc", "127.0.0.1", 7401))
    finally:
        rt.close()


def test_generator_transform_converts_the_path_the_windows_way_on_windows(tmp_path):
    rt = Runtime(PATCHERS, platform="windows", folders={"~:": tmp_path})
    try:
        generator = rt.load("audioldm.generator.maxpat")
        generator.named("prompt").type("glass marimba")
        with pytest.raises(NotImplementedError, match="conformpath native_win absolute"):
            generator.named("transform").receive(0, BANG)  # the evaluator models only the macOS branch
    finally:
        rt.close()


def test_generator_help_transform_example_sends_its_take_with_the_strength(engine_service, tmp_path):
    (tmp_path / "Music").mkdir()
    loop = tmp_path / "take.wav"
    sf.write(loop, np.zeros(24000, dtype=np.float32), 48000)
    rt = Runtime(PATCHERS, engine_address=("127.0.0.1", engine_service.transports["osc"].port),
                 folders={"~:": tmp_path})
    try:
        help_patch = rt.load("../help/audioldm.generator.maxhelp")  # its [audioldm.client] is in patchers/
        help_patch.one(text="buffer~ audioldm.help.take").receive(0, Msg("replace", (str(loop),)))
        help_patch.named("strength").receive(0, Msg("float", (0.25,)))
        help_patch.one("message", "~:/Music/audioldm-bridge-input-help.wav").receive(0, BANG)
        rt.idle()
        [(_, args)] = [s for s in rt.sent if s[0] == "/audioldm/generate"]
        fields = dict(zip(args[::2], args[1::2]))
        written = tmp_path / "Music" / "audioldm-bridge-input-help.wav"
        assert fields["init_audio"] == str(written) and sf.info(written).frames == 24000
        assert fields["strength"] == pytest.approx(0.25) and fields["prompt"] == "glass marimba"
        engine_service.cancel(fields["id"], ("osc", "127.0.0.1", 7421))
    finally:
        rt.close()
