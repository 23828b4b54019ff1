"""The job (reaper_scripts/lib/job.lua): starting the engine when it is down, cancel, timeout, a missing command."""

import gc
import os
import tempfile
from pathlib import Path

import pyloudnorm
import pytest
import soundfile as sf

from bridge.service import ServiceConfig, serving
from engine.render import Engine
from reaper_fake import IDNO, IDYES, FakeReaper
from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    TEMPO_MAP, command, engine_service, free_port, job_files, lua_lib, make_fake, press_cancel_when_generating,
    run_action,
)


# --- an engine that is down -----------------------------------------------------------------------


def test_engine_down_start_offer_launches_serve_pings_then_generates(make_fake, tiny_components, tmp_path):
    """Engine down → the action offers to start it → launches `serve` with the start options → pings until
    the engine answers → request → inserted. Here the engine that comes up is an in-process one on the
    endpoint's port (the launched serve is stopped at once); the slow test below starts a real one."""
    port = free_port()
    fake = make_fake(endpoint=f"tcp://127.0.0.1:{port}", ext={"serve_options": "--model tiny --max-queue 7"})
    fake.add_track("not selected")
    fake.selection = (3.5, 4.5)
    fake.dialog_answers = [["rain on a tin roof", "", "1", "", ""]]
    fake.mb_answers = [IDYES]
    services = []

    def engine_comes_up(f):
        if f.launched("serve") and not services:
            for argv, proc in f.processes:
                if "serve" in argv:
                    proc.kill()
            services.append(serving(Engine(tiny_components), ServiceConfig.on_free_ports(tmp_path, zmq_port=port, allow_out=(Path(tempfile.gettempdir()),)),
                                    shutdown_grace_s=5))
            services[0].__enter__()

    try:
        run_action(fake, "Generate for time selection", on_tick=engine_comes_up)
    finally:
        if services:
            services[0].__exit__(None, None, None)
    assert "not running" in fake.messages[0][0] and len(fake.messages) == 1
    [serve] = fake.launched("serve")
    out_dir = os.path.join(fake.media_path, "AudioLDM")  # where the job writes: the started engine may too
    assert serve[1:] == ["serve", "--zmq-port", str(port), "--allow-out", out_dir, "--model", "tiny", "--max-queue", "7"]
    assert fake.launched("ping") and len(fake.launched("request")) == 2
    for ping in fake.launched("ping"):  # each ping process waits at most --reply-timeout × (--retries + 1)
        option = {ping[k]: ping[k + 1] for k in range(len(ping) - 1) if ping[k].startswith("--")}
        assert float(option["--reply-timeout"]) * (int(option["--retries"]) + 1) <= 10
    track = fake.tracks[-1]  # no track was selected: a new one, named after the prompt
    assert len(fake.tracks) == 2 and track.name == "rain on a tin roof" and not fake.tracks[0].items
    [item] = track.items
    assert item.position == 3.5 and item.length == 1.0 and item.active.source.frames == 44100
    assert fake.undo_begins == 1 and not job_files(fake)


@pytest.mark.slow
def test_engine_started_from_reaper_for_real(make_fake, tmp_path):
    """Engine down → the action offers to start it → `serve --model tiny` → ping until it answers → request →
    inserted: an item as long as the selection to the sample at the project rate, normalized, one undo step."""
    port = free_port()  # the started engine listens on the endpoint's port: the options need not say it
    options = (f"--model tiny --pub-port {free_port()} --osc-port {free_port()} "
               f"--osc-reply-port {free_port()} --out {tmp_path / 'engine-out'}")
    fake = make_fake(endpoint=f"tcp://127.0.0.1:{port}", ext={"serve_options": options}, project_rate=48000)
    track = fake.add_track("fx", selected=True)
    fake.selection = (3.25, 3.25 + 4 * 60 / 90 * 0.37)  # across the tempo change, not a round number
    fake.dialog_answers = [["rain on a tin roof", "", "1", "", ""]]
    fake.mb_answers = [IDYES]
    run_action(fake, "Generate for time selection", timeout=240)
    assert "not running" in fake.messages[0][0] and len(fake.messages) == 1
    assert len(fake.launched("serve")) == 1 and fake.launched("ping")
    assert len(fake.launched("request")) == 2  # `unreachable` at once, then again once the engine answers
    [item] = track.items
    length = fake.selection[1] - fake.selection[0]
    assert item.position == 3.25 and item.length == length
    audio, rate = sf.read(item.active.source.path)
    assert rate == 48000 and len(audio) == round(length * 48000)
    lufs = pyloudnorm.Meter(rate).integrated_loudness(audio)
    assert abs(lufs - -14) < 0.5  # loudness-normalized (within the true-peak limiter's reach)
    assert fake.undo_begins == 1 and len(fake.undo_blocks) == 1
    assert max(fake.tick_times) < 0.1


def test_remote_engine_down_is_named_not_offered_a_local_start(make_fake):
    """An endpoint on another machine that does not answer: starting an engine here would not help."""
    fake = make_fake(endpoint="tcp://192.0.2.1:18002")  # TEST-NET-1: nothing answers there
    track = fake.add_track(selected=True)
    fake.selection = (0.0, 1.0)
    fake.dialog_answers = [["x", "", "1", "", ""]]
    run_action(fake, "Generate for time selection")  # a yes/no question would fail the fake
    [(message, kind)] = fake.messages
    assert kind == 0 and "tcp://192.0.2.1:18002" in message and "another machine" in message
    assert not fake.launched("serve") and len(fake.launched("request")) == 1 and not fake.launched("ping")
    assert not track.items and fake.undo_begins == 0 and not job_files(fake)


def test_engine_down_and_start_declined_inserts_nothing(make_fake):
    fake = make_fake(endpoint=f"tcp://127.0.0.1:{free_port()}")
    track = fake.add_track(selected=True)
    fake.selection = (0.0, 2.0)
    fake.dialog_answers = [["x", "", "1", "", ""]]
    fake.mb_answers = [IDNO]
    run_action(fake, "Generate for time selection")
    assert [m for m, _ in fake.messages] and "Start it now?" in fake.messages[0][0]
    assert not fake.launched("serve") and not fake.launched("ping") and len(fake.launched("request")) == 1
    assert not track.items and fake.undo_begins == 0 and not job_files(fake)


# --- cancel, timeout, a missing command -----------------------------------------------------------


def test_cancel_during_generation_inserts_nothing(make_fake):
    fake = make_fake(ext={"steps": "500"})
    track = fake.add_track(selected=True)
    fake.selection = (0.0, 1.0)
    fake.dialog_answers = [["long one", "", "1", "", ""]]
    run_action(fake, "Generate for time selection", on_tick=press_cancel_when_generating)
    assert fake.launched("cancel") and fake.messages == []
    assert not track.items and fake.undo_begins == 0 and not job_files(fake) and not fake.gfx_open


def test_timeout_gives_up_with_a_message(make_fake):
    fake = make_fake(ext={"steps": "500", "timeout": "30"})
    track = fake.add_track(selected=True)
    fake.selection = (0.0, 1.0)
    fake.dialog_answers = [["slow", "", "1", "", ""]]

    def jump_clock(f):
        if any(t.startswith("step") for t in f.gfx_text):
            f.clock_offset = 31.0  # REAPER's clock: 31 s later

    run_action(fake, "Generate for time selection", on_tick=jump_clock)
    assert len(fake.messages) == 1 and "Gave up after 30 s" in fake.messages[0][0]
    assert fake.launched("cancel") and not track.items and fake.undo_begins == 0


def test_missing_command_is_named(make_fake, tmp_path):
    fake = make_fake(ext={"command": str(tmp_path / "nowhere" / "audioldm-bridge")})
    fake.selection = (0.0, 1.0)
    fake.dialog_answers = [["x", "", "1", "", ""]]
    run_action(fake, "Generate for time selection")
    assert "was not found" in fake.messages[0][0] and not fake.processes



def test_job_ids_differ_across_fresh_lua_states(tmp_path):
    """REAPER runs each action in a Lua state of its own, and Lua 5.4 seeds math.random from the
    clock's second and the state's address, both of which repeat: two actions started in the same
    second drew the same job id, and the engine refused the second as a different request."""
    ids = []
    for _ in range(4):
        fake = FakeReaper(tmp_path, tempo_map=TEMPO_MAP)
        ids.append(lua_lib(fake).new_job_id())
        fake.close()
        del fake
        gc.collect()  # the next state may take the freed one's address, as in REAPER
    assert len(set(ids)) == 4, ids
