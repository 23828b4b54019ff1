"""The History action end to end: sounds made by the tiny engine, indexed into a history database, then
searched from REAPER (`audioldm-bridge history` in the background, a defer loop, gfx.showmenu) and inserted
at the edit cursor, added as a take, or regenerated with a new seed; missing files and empty results."""

import json
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
import soundfile as sf

from bridge import history_ops
from bridge.client import BridgeClient
from bridge.service import ServiceConfig, serving
from engine.render import Engine
from reaper_fake import read_wav_header
from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    command, job_files, lua_lib, make_fake, run_action,
)

INSERT, TAKE, AGAIN = ("Insert at the edit cursor (selected track)", "Add as a take of the selected item",
                       "Regenerate: same settings, new seed (at the edit cursor)")
RAIN, DOG, FORGET = "rain on a tin roof", "dog barking & howling | far away", "forget me not, a music box"


@pytest.fixture(scope="module")
def engine_service(tiny_components, tmp_path_factory):  # noqa: F811  this module's engine keeps a history
    db = tmp_path_factory.mktemp("db") / "history.sqlite"
    config = ServiceConfig.on_free_ports(tmp_path_factory.mktemp("engine"), history_db=db,
                                         allow_out=(Path(tempfile.gettempdir()),))
    with serving(Engine(tiny_components), config, shutdown_grace_s=5) as svc:
        yield svc


@pytest.fixture(scope="module")
def made(engine_service, tmp_path_factory):
    """Three sounds by the engine (rain 1.0 s seed 5, dog 1.3 s seed 9, forget-me-not 0.5 s seed 3), recorded
    in its history database as it delivered them."""
    folder = tmp_path_factory.mktemp("made")
    paths = {}
    with BridgeClient(engine_service.endpoints()["zmq"]["requests"], timeout=60) as client:
        for prompt, seconds, seed in ((RAIN, 1.0, 5), (DOG, 1.3, 9), (FORGET, 0.5, 3)):
            done = client.generate({"prompt": prompt, "seconds": seconds, "steps": 1, "seed": seed,
                                    "sample_rate": 44100, "out_dir": str(folder)})
            paths[prompt] = Path(done["paths"][0])
    assert engine_service.history.flush(30)
    return {"db": engine_service.config.history_db, "paths": paths, "folder": folder}


def history_fake(make_fake, db, **kw):
    return make_fake(ext={"serve_options": f"--history-db {db}"}, **kw)


def pick(prompt):
    """A menu answer: the item that starts with ``prompt`` (as the menu shows it)."""
    def answer(items):
        [item] = [i for i in items if i.get("text", "").startswith(prompt[:20])]
        return item["text"]
    return answer


def test_history_inserts_the_chosen_entry_at_the_edit_cursor(make_fake, made):
    fake = history_fake(make_fake, made["db"])
    track = fake.add_track("fx", selected=True)
    fake.cursor = 3.25
    fake.dialog_answers = [["rain"]]
    fake.menu_answers = [pick(RAIN), INSERT]
    run_action(fake, "History")
    assert fake.messages == []
    [argv] = fake.launched("history")
    assert argv[argv.index("--history-db") + 1] == str(made["db"]) and argv[-1] == "rain" and "--json" in argv
    matches, actions = fake.menus
    [shown] = matches  # only the rain sound matches
    [entry] = history_ops.read(made["db"], "rain")
    local = datetime.fromisoformat(entry["created"].replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    assert shown["text"] == f"{RAIN}  ·  1.00 s  ·  {local}"
    assert actions[0] == {"text": f"{RAIN}  ·  seed 5", "grayed": True, "checked": False, "submenu": False,
                          "number": 1}
    [item] = track.items
    [take] = item.takes
    assert item.position == 3.25 and item.length == pytest.approx(1.0) and item.selected and item.loop_source == 0
    assert take.source.path == str(made["paths"][RAIN]) and take.name == f"{RAIN} · seed 5"
    assert fake.undo_begins == 1 and fake.undo_blocks == [f"AudioLDM: insert {RAIN}"] and fake.refresh_depth == 0
    assert not job_files(fake) and not fake.gfx_open and max(fake.tick_times) < 0.1
    fake.dialog_answers = [None]  # the search text is offered again next time
    run_action(fake, "History")
    assert fake.dialogs[-1]["defaults"] == ["rain"]


def test_history_adds_the_chosen_entry_as_a_take_of_the_selected_item(make_fake, made):
    fake = history_fake(make_fake, made["db"])
    track = fake.add_track()
    original = read_wav_header(str(made["paths"][RAIN]))
    item = fake.add_item(track, original, position=1.0)
    fake.dialog_answers = [[""]]  # blank: the most recent entries
    fake.menu_answers = [pick("dog barking"), TAKE]
    run_action(fake, "History")
    assert fake.messages == []
    [argv] = fake.launched("history")
    assert argv[-1] == str(made["db"])  # no query word after the options
    [matches, _] = fake.menus
    everything = history_ops.read(made["db"], "", 25)  # newest first, as the menu lists them
    assert [i["text"][:12] for i in matches] == [e["prompt"].replace(" |", "")[:12] for e in everything]
    assert {"dog barking ", "forget me no", "rain on a ti"} <= {i["text"][:12] for i in matches}
    assert any(i["text"].startswith("dog barking & howling far away  ·  1.30 s") for i in matches)  # | is no separator
    assert len(item.takes) == 2 and item.active is item.takes[1] and item.length == original.length()
    assert item.takes[1].source.path == str(made["paths"][DOG])
    assert item.takes[1].name == "history: dog barking & howling | far away · seed 9"
    assert fake.undo_begins == 1 and len(fake.undo_blocks) == 1 and fake.undo_blocks[0].startswith("AudioLDM: add")


def test_history_regenerates_an_entry_with_the_same_settings_and_a_new_seed(make_fake, made):
    fake = history_fake(make_fake, made["db"])
    track = fake.add_track(selected=True)
    fake.cursor = 0.5
    fake.dialog_answers = [["dog"]]
    fake.menu_answers = [pick("dog barking"), AGAIN]
    run_action(fake, "History")
    assert fake.messages == []
    assert len(fake.launched("request")) == 1
    [item] = track.items
    [take] = item.takes
    sidecar = json.loads(Path(take.source.path).with_suffix(".json").read_text(encoding="utf-8"))
    assert sidecar["prompt"] == DOG and sidecar["seconds"] == 1.3 and sidecar["sample_rate"] == 44100
    assert sidecar["seed"] != 9 and take.name == f"{DOG} · seed {sidecar['seed']}"
    assert Path(take.source.path) != made["paths"][DOG]
    assert Path(take.source.path).parent == Path(fake.media_path) / "AudioLDM"
    assert item.position == 0.5 and item.length == pytest.approx(1.3) == sf.info(take.source.path).duration
    assert fake.undo_begins == 1 and len(fake.undo_blocks) == 1 and not job_files(fake)


def test_a_missing_file_is_marked_and_inserting_it_says_so(make_fake, made, tmp_path):
    gone = made["paths"][RAIN].with_name("gone.wav")
    made["paths"][RAIN].rename(gone)
    try:
        fake = history_fake(make_fake, made["db"])
        fake.add_track(selected=True)
        fake.dialog_answers = [["rain"]]
        fake.menu_answers = [pick(RAIN), INSERT]
        run_action(fake, "History")
    finally:
        gone.rename(made["paths"][RAIN])
    [shown] = fake.menus[0]
    assert shown["text"].endswith("  ·  file missing")
    [(message, _)] = fake.messages
    assert "missing" in message and str(made["paths"][RAIN]) in message and "Regenerate" in message
    assert not fake.all_items() and fake.undo_begins == 0


@pytest.mark.parametrize("query, expected", [
    ("zebra", 'Nothing in the history matches "zebra".'),
    (None, "The history is empty"),
])
def test_no_match_says_so_and_shows_no_menu(make_fake, made, tmp_path, query, expected):
    db = made["db"] if query else tmp_path / "new.sqlite"
    fake = history_fake(make_fake, db)
    fake.dialog_answers = [[query or ""]]
    run_action(fake, "History")
    [(message, _)] = fake.messages
    assert message.startswith(expected) and not fake.menus and not fake.all_items()


def test_dismissing_either_menu_does_nothing(make_fake, made):
    for answers in ([0], [pick(RAIN), 0]):
        fake = history_fake(make_fake, made["db"])
        fake.dialog_answers = [["rain"]]
        fake.menu_answers = list(answers)
        run_action(fake, "History")
        assert not fake.messages and not fake.all_items() and fake.undo_begins == 0 and not fake.gfx_open


def test_search_text_menu_text_and_dates(make_fake):
    fake = make_fake()
    lib = lua_lib(fake)
    assert lib.history_query('  "rain" on $HOME `x` ') == "rain  on  HOME  x"
    assert lib.history_query("--limit 3") == "limit 3" and lib.history_query(" - ") is None
    assert lib.menu_text("#!>a | b & c") == "a b && c"
    stamp = "2026-12-07T02:00:00Z"
    expected = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    assert lib.local_time(stamp) == lib.local_time("2026-12-07T03:30:00+01:30") == expected
    assert lib.local_time("yesterday") == "yesterday"


def test_a_search_for_one_of_the_commands_own_words_is_still_a_search(make_fake, made):
    """`history forget` would forget; the action's search for "forget" finds the forget-me-not."""
    fake = history_fake(make_fake, made["db"])
    fake.add_track(selected=True)
    fake.dialog_answers = [["forget"]]
    fake.menu_answers = [pick(FORGET), INSERT]
    run_action(fake, "History")
    assert fake.messages == [] and len(fake.all_items()) == 1
    [kept] = history_ops.read(made["db"], "forget", 10)  # nothing forgotten
    assert kept["prompt"] == FORGET and fake.all_items()[0].active.source.path == kept["path"]


def test_an_unreadable_database_is_reported_and_nothing_is_shown(make_fake, tmp_path):
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"this is not a SQLite database" * 100)
    fake = history_fake(make_fake, db)
    fake.dialog_answers = [["rain"]]
    run_action(fake, "History")
    [(message, _)] = fake.messages
    assert message.startswith("The history could not be read:") and str(db) in message
    assert "(history_unavailable)" in message and not fake.menus and not job_files(fake)
