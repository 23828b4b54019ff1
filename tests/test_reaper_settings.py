"""Settings and dialogs (reaper_scripts/lib/settings.lua, dialogs.lua): first run, checks, the values asked again."""

import os

import pytest

from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    command, engine_service, lua_lib, make_fake, run_action,
)


def test_first_run_opens_settings_with_a_guess(make_fake, tmp_path, command):
    fake = make_fake()
    fake.ext_state.clear()
    seen = {}

    def fill(captions, defaults):
        seen["defaults"] = defaults
        values = list(defaults)
        values[0] = str(command)
        return values

    fake.dialog_answers = [fill, None]  # settings, then cancel the generate dialog
    fake.cursor = 0.0
    run_action(fake, "Generate at edit cursor")
    assert "first run" in fake.dialogs[0]["title"]
    assert seen["defaults"][0].endswith("audioldm-bridge") and os.path.isabs(seen["defaults"][0])
    assert fake.ext_state[("AudioLDM", "command")] == str(command)
    assert fake.ext_state[("AudioLDM", "endpoint")] == "tcp://127.0.0.1:18002"
    assert fake.dialogs[1]["captions"][:3] == ["Prompt", "Key (blank = none / e.g. D minor)", "Bars"]


def test_settings_refuses_bad_values_and_keeps_good_ones(make_fake):
    fake = make_fake()

    def bad(captions, defaults):
        values = list(defaults)
        values[2] = "0"
        return values

    def fixed(captions, defaults):
        assert defaults[2] == "0"  # what was typed is shown again
        return defaults[:2] + ["12"] + defaults[3:]

    fake.dialog_answers = [bad, fixed]
    run_action(fake, "Settings")
    assert "steps must be a whole number 1..500, got 0" in fake.messages[0][0]
    assert fake.ext_state[("AudioLDM", "steps")] == "12" and len(fake.messages) == 1


def test_start_options_naming_another_port_than_the_endpoint_are_refused(make_fake):
    fake = make_fake(endpoint="tcp://127.0.0.1:18002", ext={"serve_options": "--model tiny --zmq-port 19000"})
    fake.selection = (0.0, 1.0)
    fake.dialog_answers = [None]  # the settings dialog it opens: cancelled
    run_action(fake, "Generate for time selection")
    [(message, _)] = fake.messages
    assert "the engine start options say --zmq-port 19000, but the endpoint's port is 18002" in message
    assert not fake.processes and fake.dialogs[0]["title"] == "AudioLDM settings"


@pytest.mark.parametrize("endpoint, loopback", [("tcp://127.0.0.1:18002", True), ("tcp://localhost:18002", True),
                                                ("tcp://127.4.5.6:1", True), ("tcp://192.168.1.20:18002", False),
                                                ("tcp://gpu-box:18002", False), ("tcp://127.0.0.1.example.com:1", False),
                                                ("tcp://10.0.0.127:18002", False)])
def test_which_endpoints_are_this_machine(make_fake, endpoint, loopback):
    lib = lua_lib(make_fake())
    assert bool(lib.is_loopback_endpoint(endpoint)) is loopback


def test_bad_dialog_values_are_named_and_asked_again(make_fake):
    fake = make_fake()
    fake.dialog_answers = [["x", "", "zero", "1", "", ""], ["x", "", "4", "1", "-3", ""], None]
    run_action(fake, "Generate at edit cursor")
    assert "bars must be a whole number 1..256, got zero" in fake.messages[0][0]
    assert "seed must be blank or a whole number" in fake.messages[1][0]
    assert fake.dialogs[1]["defaults"][2] == "zero" and not fake.processes
