"""Issue 21: the history library — every delivered file in SQLite, searched by prompt from the CLI
(no engine), over ZeroMQ and OSC; a remote key sees its own entries only; a corrupt, locked or
deleted database never stops generation. Real tiny model, real loopback sockets, real files."""

import contextlib
import json
import logging
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from pythonosc.osc_message_builder import OscMessageBuilder

from bridge import cli, history, history_ops
from bridge.client import BridgeClient
from bridge.remote import keygen
from engine.errors import EngineError, InvalidInput
from test_service import OscListener, running_service, wait_for

REPO = Path(__file__).resolve().parents[1]
QUICK = {"seconds": 0.3, "steps": 1}


def client_for(svc, **kw):
    kw.setdefault("timeout", 30)
    return BridgeClient(svc.endpoints()["zmq"]["requests"], **kw)


def generate(svc, prompt, **fields):
    return regenerate(svc, {"prompt": prompt, **QUICK, **fields})


def regenerate(svc, fields):
    """Send these fields as they are (an entry's ``request``)."""
    with client_for(svc) as client:
        return client.generate(fields)


def history_cli(*args, capsys=None):
    """`audioldm-bridge history …` in this process: (exit code, stdout, stderr)."""
    code = cli.main(["history", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def osc_sender(svc):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    port = svc.transports["osc"].port

    def send(address, *args):
        builder = OscMessageBuilder(address=address)
        for arg in args:
            builder.add_arg(arg)
        sock.sendto(builder.build().dgram, ("127.0.0.1", port))

    return send, sock


# --- the Done-when ------------------------------------------------------------------------------------


@contextlib.contextmanager
def serve_process(db, out):
    """`audioldm-bridge serve --model tiny --history-db DB` on free loopback ports; SIGTERM after."""
    server = subprocess.Popen([sys.executable, "-m", "bridge.cli", "serve", "--model", "tiny", "--osc-port", "0",
                               "--zmq-port", "0", "--pub-port", "0", "--osc-reply-port", "0", "--out", str(out),
                               "--history-db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    log = []
    threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
    try:
        ready = []
        reader = threading.Thread(target=lambda: ready.append(server.stdout.readline()), daemon=True)
        reader.start()
        reader.join(180)
        assert ready == ["ready\n"], "".join(log)
        # logged before "ready" is printed, but read from stderr by another thread: wait for it
        wait_for(lambda: re.search(r"zmq: requests (tcp://\S+),", "".join(log)), timeout=30)
        [endpoint] = re.findall(r"zmq: requests (tcp://\S+),", "".join(log))
        yield endpoint
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
    assert server.returncode == 0, "".join(log)


def test_three_prompts_a_restart_then_history_rain_finds_only_the_rain_one(tmp_path):
    db, out = tmp_path / "h" / "history.sqlite3", tmp_path / "out"

    def ask(endpoint, prompt, **fields):
        with BridgeClient(endpoint, timeout=60) as client:
            return client.generate({"prompt": prompt, **QUICK, **fields})

    with serve_process(db, out) as endpoint:
        rain = ask(endpoint, "rain on a tin roof", seed=42)
        ask(endpoint, "deep kick drum", seed=7)
        ask(endpoint, "warm analog pad", bars=1, bpm=120, seconds=None, seed=9)
    with serve_process(db, out) as endpoint:  # the engine restarted
        ask(endpoint, "wind in the trees", seed=3)
    # The real command, in its own process, reading the database the engine left (no engine running).
    run = subprocess.run([sys.executable, "-m", "bridge.cli", "history", "rain", "--json", "--history-db", str(db)],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 0, run.stderr
    entries = json.loads(run.stdout)["entries"]
    assert [e["prompt"] for e in entries] == ["rain on a tin roof"]
    [entry] = entries
    assert entry["seed"] == 42 and entry["path"] == rain["paths"][0] and entry["missing"] is False
    assert entry["sidecar"] == rain["files"][0]["sidecar"] and entry["seconds"] == pytest.approx(0.3)
    assert entry["model"] == "tiny" and entry["sample_rate"] == 48000 and entry["steps"] == 1
    assert entry["request"]["prompt"] == "rain on a tin roof" and entry["request"]["seed"] == 42
    # Everything, newest first; a bar length keeps its bars, BPM and signature.
    run = subprocess.run([sys.executable, "-m", "bridge.cli", "history", "--json", "--history-db", str(db)],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    everything = json.loads(run.stdout)["entries"]
    assert [e["prompt"] for e in everything] == ["wind in the trees", "warm analog pad", "deep kick drum",
                                                 "rain on a tin roof"]
    pad = everything[1]
    assert (pad["bars"], pad["bpm"], pad["time_sig"], pad["seconds"]) == (1, 120, "4/4", 2.0)


def test_an_entrys_request_regenerates_the_same_file(tiny_components, tmp_path):
    """`request` holds what it takes to make the file again: sent as it is, the same samples."""
    db = tmp_path / "history.sqlite3"
    with running_service(tiny_components, tmp_path / "out", history_db=db) as svc:
        first = generate(svc, "glass marimba", variations=2, seed=11, bars=1, bpm=150, seconds=None)
        svc.history.flush()
        [entry] = history_ops.read(db, "marimba", limit=1)  # the newest: the second variation
        assert entry["seed"] == 12 and "variations" not in entry["request"]
        again = regenerate(svc, entry["request"])
    want, _ = sf.read(first["paths"][1])
    got, _ = sf.read(again["paths"][0])
    assert np.abs(want - got).max() < 1e-4  # fp32: batched with its sibling, within float rounding (README)
    assert np.abs(want - sf.read(first["paths"][0])[0]).max() > 1e-2  # …and not the other variation


# --- concurrency and failures -------------------------------------------------------------------------


def test_four_concurrent_readers_during_generation_never_block_or_fail_a_job(tiny_components, tmp_path):
    db = tmp_path / "history.sqlite3"
    with running_service(tiny_components, tmp_path / "out", history_db=db) as svc:
        generate(svc, "first take")
        svc.history.flush()  # the database has an entry before the readers start
        stop, failures, reads, slowest = threading.Event(), [], [0] * 4, [0.0]

        def reader(i):
            try:
                client = client_for(svc) if i < 2 else None  # two over ZeroMQ, two as the CLI reads
                while not stop.is_set():
                    began = time.monotonic()
                    entries = client.history("take", limit=50) if client else history_ops.read(db, "take", 50)
                    slowest[0] = max(slowest[0], time.monotonic() - began)
                    assert entries and all("take" in e["prompt"] for e in entries)
                    reads[i] += 1
                if client:
                    client.close()
            except Exception as err:  # noqa: BLE001 — reported below
                failures.append(repr(err))

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        try:
            done = [generate(svc, f"take number {n}", seed=n) for n in range(4)]
        finally:
            stop.set()
            for t in threads:
                t.join(60)
        assert svc.history.flush()
        assert failures == [] and min(reads) >= 1, (failures, reads)
        assert all(d["event"] == "done" for d in done)
        assert slowest[0] < 5.0, slowest
        assert len(history_ops.read(db, "take", 50)) == 5 and svc.history.dropped == 0


def test_a_corrupt_database_never_stops_generation_and_says_so_once(tiny_components, tmp_path, caplog, capsys):
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"this is not a database, just garbage bytes " * 100)
    caplog.set_level(logging.WARNING, logger="bridge.history_recorder")
    with running_service(tiny_components, tmp_path / "out", history_db=db) as svc:
        done = [generate(svc, "corrupt history drum", seed=n) for n in range(2)]
        svc.history.flush()
        assert all(Path(d["paths"][0]).is_file() for d in done)
        warnings = [r.getMessage() for r in caplog.records if "cannot be used" in r.getMessage()]
        assert len(warnings) == 1 and str(db) in warnings[0] and "generation goes on" in warnings[0]
        with client_for(svc) as client:
            with pytest.raises(EngineError) as refused:
                client.history("drum")
        assert refused.value.code == "history_unavailable" and str(db) in str(refused.value)
    code, _, err = history_cli("drum", "--history-db", db, capsys=capsys)
    assert code == 1 and "cannot be read" in err and "file is not a database" in err


def test_a_locked_database_never_holds_up_a_job(tiny_components, tmp_path, caplog, monkeypatch):
    from bridge import history_recorder

    monkeypatch.setattr(history_recorder, "LOCK_TIMEOUT_S", 0.5)
    db = tmp_path / "history.sqlite3"
    history.connect(db).close()
    caplog.set_level(logging.WARNING, logger="bridge.history_recorder")
    locker = sqlite3.connect(db, timeout=0)
    locker.execute("BEGIN EXCLUSIVE")  # another program writing, for as long as it likes
    try:
        with running_service(tiny_components, tmp_path / "out", history_db=db) as svc:
            assert generate(svc, "locked out bell")["event"] == "done"
            assert svc.history.flush()
            assert svc.history.dropped == 1
            assert any("database is locked" in r.getMessage() for r in caplog.records)
            locker.rollback()
            generate(svc, "unlocked bell")
            svc.history.flush()
            assert [e["prompt"] for e in history_ops.read(db, "bell")] == ["unlocked bell"]
    finally:
        locker.close()


def test_a_deleted_database_is_made_again_with_a_warning_and_rebuild_restores_it(tiny_components, tmp_path,
                                                                                  caplog, capsys):
    db, out = tmp_path / "history.sqlite3", tmp_path / "out"
    caplog.set_level(logging.WARNING, logger="bridge.history_recorder")
    with running_service(tiny_components, out, history_db=db) as svc:
        before = generate(svc, "crackling vinyl", seed=5)
        svc.history.flush()
        db.unlink()
        after = generate(svc, "distant thunder", seed=6)
        svc.history.flush()
        assert db.is_file()
        [warning] = [r.getMessage() for r in caplog.records if "was deleted" in r.getMessage()]
        assert str(db) in warning and "history rebuild" in warning
        assert [e["path"] for e in history_ops.read(db)] == after["paths"]
    (out / "notes.json").write_text('{"not": "a sidecar"}')
    code, text, _ = history_cli("rebuild", out, "--history-db", db, "--json", capsys=capsys)
    assert code == 0 and json.loads(text) == {"event": "rebuilt", "id": "history", "added": 1, "known": 1, "other": 1}
    entries = history_ops.read(db)
    assert [e["path"] for e in entries] == [after["paths"][0], before["paths"][0]]  # newest first, by creation
    vinyl = entries[1]
    assert vinyl["seed"] == 5 and vinyl["prompt"] == "crackling vinyl" and vinyl["request"]["seconds"] == 0.3
    # A rebuilt entry's request is one the engine takes and makes the same file from.
    with running_service(tiny_components, out) as svc:
        again = regenerate(svc, vinyl["request"])
    assert (sf.read(again["paths"][0])[0] == sf.read(before["paths"][0])[0]).all()


# --- the CLI ------------------------------------------------------------------------------------------


def fake_entries(db, prompts, owner="local", folder=None):
    """Entries as the engine records them, for files that may not exist (``missing``)."""
    conn = history.connect(db)
    for i, prompt in enumerate(prompts):
        file = {"path": str((folder or db.parent) / f"f{i}.wav"), "sidecar": None, "prompt": prompt, "seed": i,
                "seconds": 1.0, "created": f"2026-12-0{1 + i % 9}T10:00:00+00:00", "model": "tiny"}
        history.insert(conn, [history.entry_from_file(file, {"prompt": prompt, "seconds": 1.0})], owner)
    conn.close()


def test_cli_lists_newest_first_marks_missing_files_and_filters_by_date(tmp_path, capsys):
    db = tmp_path / "history.sqlite3"
    fake_entries(db, ["rain one", "rain two", "snare"])
    (tmp_path / "f1.wav").write_bytes(b"RIFF")  # only the second file is still there
    code, text, _ = history_cli("--json", "--history-db", db, capsys=capsys)
    entries = json.loads(text)["entries"]
    assert code == 0 and [(e["prompt"], e["missing"]) for e in entries] == [
        ("snare", True), ("rain two", False), ("rain one", True)]
    code, text, _ = history_cli("rain", "--since", "2026-12-02T00:00Z", "--json", "--history-db", db, capsys=capsys)
    assert [e["prompt"] for e in json.loads(text)["entries"]] == ["rain two"]
    code, text, _ = history_cli("rain", "--limit", "1", "--history-db", db, capsys=capsys)
    assert code == 0 and "rain two" in text and "rain one" not in text and "[missing]" not in text
    result = tmp_path / "result.json"
    code, _, _ = history_cli("snare", "--result-file", result, "--history-db", db, capsys=capsys)
    assert [e["prompt"] for e in json.loads(result.read_text())["entries"]] == ["snare"]


def test_cli_show_and_forget(tmp_path, capsys):
    db = tmp_path / "history.sqlite3"
    fake_entries(db, ["old rain", "new rain", "newest rain"])
    code, text, _ = history_cli("show", "2", "--json", "--history-db", db, capsys=capsys)
    [entry] = json.loads(text)["entries"]
    assert entry["entry"] == 2 and entry["prompt"] == "new rain" and entry["owner"] == "local" and "meta" in entry
    code, text, _ = history_cli("forget", "2", "--history-db", db, capsys=capsys)
    assert code == 0 and "forgot 1 entry" in text
    code, text, _ = history_cli("forget", "--older-than", "2026-12-03T00:00Z", "--json", "--history-db", db,
                                capsys=capsys)
    assert json.loads(text)["removed"] == 1
    assert [e["prompt"] for e in history_ops.read(db)] == ["newest rain"]
    code, _, err = history_cli("show", "2", "--history-db", db, capsys=capsys)
    assert code == 1 and "no entry 2" in err


@pytest.mark.parametrize("args, message", [
    (["--limit", "0"], "--limit must be 1..100000, got 0"),
    (["--limit", "-3"], "--limit must be 1..100000, got -3"),
    (["--limit", "100001"], "--limit must be 1..100000, got 100001"),
    (["--since", "last tuesday"], "--since must be a date like 2026-12-01"),
    (["--since", "2026-13-45"], "'2026-13-45'"),
    (["show", "abc"], "the entry must be a number"),
    (["show"], "takes one entry number"),
    (["forget"], "history forget takes one entry number (or --older-than DATE)"),
    (["forget", "0"], "a number from 1, got 0"),
    (["rain", "--older-than", "7d"], "--older-than goes with forget"),
    (["rebuild"], "takes one or more folders"),
    (["rebuild", "/no/such/folder"], "'/no/such/folder' is not a folder"),
])
def test_cli_bad_input_is_a_one_line_usage_error(tmp_path, capsys, args, message):
    db = tmp_path / "history.sqlite3"
    fake_entries(db, ["x"])
    code, _, err = history_cli(*args, "--history-db", db, capsys=capsys)
    assert code == 2 and message in err and err.count("\n") == 1, err


def test_cli_bad_limit_type_and_error_result_file(tmp_path, capsys):
    with pytest.raises(SystemExit) as usage:
        cli.main(["history", "--limit", "lots"])
    assert usage.value.code == 2 and "invalid int value: 'lots'" in capsys.readouterr().err
    result = tmp_path / "r.json"
    code, _, _ = history_cli("--since", "soon", "--result-file", result, "--history-db", tmp_path / "h.db",
                             capsys=capsys)
    assert code == 2 and json.loads(result.read_text())["code"] == "bad_request"


def test_no_database_yet_is_no_entries_and_nothing_is_created(tmp_path, capsys):
    db = tmp_path / "never" / "history.sqlite3"
    code, text, err = history_cli("--history-db", db, capsys=capsys)
    assert code == 0 and text == "" and "no history yet" in err and not db.parent.exists()


# --- searching ----------------------------------------------------------------------------------------


def test_search_words_are_prefixes_and_never_fts_syntax(tmp_path):
    db = tmp_path / "history.sqlite3"
    fake_entries(db, ["rain on a tin-roof", "rainforest birds", 'quote " and * star', "snare"])
    read = lambda q: [e["prompt"] for e in history_ops.read(db, q, 10)]  # noqa: E731
    assert read("rain") == ["rainforest birds", "rain on a tin-roof"]
    assert read("tin roof") == ["rain on a tin-roof"] and read("RAIN TIN") == ["rain on a tin-roof"]
    for hostile in ['"', "*", "rain OR snare", "NEAR(", "a:b", "-", "'); DROP TABLE entries; --"]:
        read(hostile)  # no FTS5 syntax error, no SQL
    assert read("rain OR snare") == []  # every word must be there, OR included
    assert len(read("")) == 4


def test_without_fts5_prompts_are_searched_with_like(tmp_path, monkeypatch):
    monkeypatch.setitem(history._FTS5, "ok", False)
    db = tmp_path / "history.sqlite3"
    fake_entries(db, ["rain on a roof", "100% snare_hit"])
    conn = history.connect(db)
    assert not history._has_fts(conn)
    assert [e["prompt"] for e in history.search(conn, "roof rain")] == ["rain on a roof"]
    assert [e["prompt"] for e in history.search(conn, "100 snare")] == ["100% snare_hit"]
    conn.close()


def test_since_forms():
    assert history.parse_since("2026-12-01T14:30Z") == "2026-12-01T14:30:00.000Z"
    assert history.parse_since("2026-12-01 14:30+01:00") == "2026-12-01T13:30:00.000Z"
    import datetime as dt

    now = dt.datetime(2026, 12, 8, 12, 0, tzinfo=dt.timezone.utc)
    assert history.parse_since("7d", now=now) == "2026-12-01T12:00:00.000Z"
    assert history.parse_since("12h", now=now) == "2026-12-08T00:00:00.000Z"
    for bad in ("", "yesterday", "2026-02-30", 5, None):
        with pytest.raises(InvalidInput, match="since must be a date"):
            history.parse_since(bad)


# --- the op over ZeroMQ and OSC -----------------------------------------------------------------------


@pytest.fixture
def served(tiny_components, tmp_path):
    db = tmp_path / "history.sqlite3"
    fake_entries(db, [f"loop {n}" for n in range(8)] + ["snare"])
    with running_service(tiny_components, tmp_path / "out", history_db=db) as svc:
        yield svc


@pytest.mark.parametrize("fields, message", [
    ({"limit": 0}, "limit must be 1..200, got 0"),
    ({"limit": -1}, "limit must be 1..200, got -1"),
    ({"limit": 10**9}, "limit must be 1..200, got 1000000000"),
    ({"limit": 2.5}, "limit must be a whole number 1..200, got 2.5"),
    ({"limit": "5"}, "limit must be a whole number 1..200, got '5'"),
    ({"limit": float("inf")}, "limit must be a whole number 1..200, got inf"),
    ({"limit": float("nan")}, "limit must be a whole number 1..200, got nan"),
    ({"limit": True}, "limit must be a whole number 1..200, got True"),
    ({"since": "999999999999d"}, "reaches back before the year 1"),
    ({"since": 5}, "since must be a date like 2026-12-01"),
    ({"since": "someday"}, "since must be a date like 2026-12-01"),
    ({"query": ["a"]}, "query must be text"),
    ({"query": "x" * 501}, "query is 501 characters; the limit is 500"),
    ({"prompt": "rain"}, "unknown field(s) for history: prompt"),
])
def test_zmq_history_bad_input_is_a_clear_error_and_the_engine_serves_on(served, fields, message):
    with client_for(served) as client:
        reply = client.call({"op": "history", **fields})
        assert reply["event"] == "error" and reply["code"] == "bad_request" and message in reply["message"], reply
        assert client.ping()["event"] == "pong"


def test_zmq_history_is_bounded_newest_first(served):
    with client_for(served) as client:
        entries = client.history("loop", limit=3)
        assert [e["prompt"] for e in entries] == ["loop 7", "loop 6", "loop 5"]
        assert set(entries[0]) >= {"entry", "created", "prompt", "negative_prompt", "seed", "seconds", "bars", "bpm",
                                   "time_sig", "key", "model", "path", "sidecar", "missing", "sample_rate", "request"}
        assert [e["prompt"] for e in client.history(since="2026-12-09")] == ["snare"]


def test_osc_history_one_message_per_entry_at_most_the_limit_then_the_end(served):
    listener = OscListener()
    send, sock = osc_sender(served)
    try:
        send("/audioldm/history", "query", "loop", "limit", 3, "reply_port", listener.port)
        [end] = listener.wait("/audioldm/history/end")
        entries = [m for m in listener.messages if m[0] == "/audioldm/history/entry"]
        assert end == ("/audioldm/history/end", "count", 3) and len(entries) == 3
        first = dict(zip(entries[0][1::2], entries[0][2::2]))
        assert first["prompt"] == "loop 7" and first["seed"] == 7 and first["missing"] == 1
        assert set(first) == {"entry", "created", "prompt", "path", "seconds", "seed", "missing"}
        listener.messages.clear()
        # As a Max message box sends it: the query's words apart, no key for them.
        send("/audioldm/history", "sna", "reply_port", listener.port)
        [end] = listener.wait("/audioldm/history/end")
        assert end[2] == 1 and [m for m in listener.messages if m[0].endswith("/entry")][0][6] == "snare"
        listener.messages.clear()
        send("/audioldm/history", "limit", 0, "reply_port", listener.port)
        [error] = listener.wait("/audioldm/error")
        assert error[2] == "bad_request" and "limit must be 1..200, got 0" in error[3]
        assert not [m for m in listener.messages if m[0].startswith("/audioldm/history")]
    finally:
        listener.close()
        sock.close()


def test_osc_parse():
    assert history_ops.parse_osc(["rain", "on", "a", "roof", "limit", 5.0, "since", "7d"]) == {
        "query": "rain on a roof", "limit": 5.0, "since": "7d"}
    assert history_ops.parse_osc([]) == {}
    assert history_ops.parse_osc(["query", "limit"]) == {"query": "limit"}  # a key without a value is a word
    with pytest.raises(InvalidInput, match="limit given twice"):
        history_ops.parse_osc(["limit", 1, "limit", 2])


# --- remote keys --------------------------------------------------------------------------------------


def test_a_remote_key_sees_only_its_own_entries(tiny_components, tmp_path, capsys):
    made = keygen(tmp_path / "keys")
    other = keygen(tmp_path / "keys", client="b")
    db = tmp_path / "history.sqlite3"
    with running_service(tiny_components, tmp_path / "out", history_db=db, curve_secret=made["server_secret"],
                         curve_clients=made["clients"], elevated=False) as svc:
        endpoint = svc.endpoints()["zmq"]["requests"]

        def keyed(secret):
            return BridgeClient(endpoint, timeout=30, server_key=made["server_public"], client_key=secret)

        with keyed(made["client_secret"]) as a, keyed(other["client_secret"]) as b:
            a.generate({"prompt": "a's rain", **QUICK})
            b.generate({"prompt": "b's rain", **QUICK})
            svc.history.flush()
            assert [e["prompt"] for e in a.history("rain")] == ["a's rain"]
            assert [e["prompt"] for e in b.history("rain")] == ["b's rain"]
            assert b.history("a's") == []
        # Loopback OSC is the engine's own user: every entry.
        listener = OscListener()
        send, sock = osc_sender(svc)
        try:
            send("/audioldm/history", "rain", "reply_port", listener.port)
            assert listener.wait("/audioldm/history/end")[0][2] == 2
        finally:
            listener.close()
            sock.close()
    code, text, _ = history_cli("rain", "--json", "--history-db", db, capsys=capsys)
    entries = json.loads(text)["entries"]
    assert sorted(e["prompt"] for e in entries) == ["a's rain", "b's rain"]
    code, text, _ = history_cli("show", str(entries[0]["entry"]), "--json", "--history-db", db, capsys=capsys)
    assert json.loads(text)["entries"][0]["owner"].startswith("key:")


def test_serve_history_options(tmp_path):
    parser = cli.build_parser()
    args = parser.parse_args(["serve", "--no-history"])
    from bridge.cli.history import serve_db

    assert serve_db(args) is None
    assert serve_db(parser.parse_args(["serve", "--history-db", str(tmp_path / "h.db")])) == tmp_path / "h.db"
    assert serve_db(parser.parse_args(["serve"])) == history.default_db_path().resolve()
    with pytest.raises(InvalidInput, match="either --history-db or --no-history"):
        serve_db(parser.parse_args(["serve", "--no-history", "--history-db", "x"]))


def test_protocol_doc_history_examples_match_the_code(tmp_path):
    """docs/PROTOCOL.md's History section: the reply's entry has the keys an entry has, the OSC lines
    are what osc_messages makes of it, and the OSC request parses to the JSON one's kind of fields."""
    section = (REPO / "docs" / "PROTOCOL.md").read_text().split("## History", 1)[1].split("\n## ", 1)[0]
    reply = json.loads(re.search(r"```json\n(.*?)```", section, flags=re.S).group(1))
    db = tmp_path / "history.sqlite3"
    fake_entries(db, ["rain"])
    [made] = history_ops.read(db)
    assert reply["event"] == "history" and set(reply) == {"event", "id", "entries"}
    assert set(reply["entries"][0]) == set(made)
    from bridge import protocol

    assert protocol.parse_request(reply["entries"][0]["request"], tmp_path).render.seeds == [42]
    lines = re.search(r"```\n(/audioldm/history/entry.*?)```", section, flags=re.S).group(1).strip().splitlines()
    expected = history_ops.osc_messages(reply)
    assert [line.split(" ", 1)[0] for line in lines] == [address for address, _ in expected]
    keys = [str(v) for v in expected[0][1][0::2]]
    assert re.findall(r"(?:^| )(" + "|".join(keys) + r") ", lines[0]) == keys
    assert lines[1] == "/audioldm/history/end count 1"
    osc = re.search(r"```osc control\n(.*?)```", section, flags=re.S).group(1).split()
    fields = history_ops.parse_osc([int(w) if w.isdigit() else w for w in osc[1:]])
    assert fields.pop("reply_port") == 7401 and set(fields) <= set(history_ops.OPTIONS)
    history_ops.check_options(fields)


def test_an_index_added_later_finds_the_rows_recorded_without_one(tmp_path, monkeypatch):
    """A database made where SQLite had no FTS5, opened where it has: the old rows are indexed too."""
    db = tmp_path / "history.sqlite3"
    monkeypatch.setitem(history._FTS5, "ok", False)
    fake_entries(db, ["rain without an index"])
    monkeypatch.setitem(history._FTS5, "ok", True)
    history.connect(db).close()
    assert [e["prompt"] for e in history_ops.read(db, "rain")] == ["rain without an index"]


def test_an_empty_database_file_has_no_entries(tmp_path):
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"")
    assert history_ops.read(db, "rain") == []


def test_generate_records_what_it_wrote_too(tmp_path, capsys, monkeypatch):
    db = tmp_path / "history.sqlite3"
    code = cli.main(["generate", "hollow wooden knock", "--seconds", "0.3", "--steps", "1", "--seed", "4",
                     "--model", "tiny", "--dtype", "fp32", "--out", str(tmp_path / "out"), "--history-db", str(db)])
    [path] = capsys.readouterr().out.split()
    [entry] = history_ops.read(db, "knock")
    assert code == 0 and entry["path"] == path and entry["seed"] == 4 and entry["request"]["seconds"] == 0.3
    # --no-history records nothing; without either, $AUDIOLDM_BRIDGE_HISTORY_DB (else the user data folder)
    monkeypatch.setenv("AUDIOLDM_BRIDGE_HISTORY_DB", str(tmp_path / "default.sqlite3"))
    cli.main(["generate", "quiet knock", "--seconds", "0.3", "--steps", "1", "--model", "tiny", "--out",
              str(tmp_path / "out"), "--no-history"])
    assert not (tmp_path / "default.sqlite3").exists()
    from bridge.cli.history import serve_db

    assert serve_db(cli.build_parser().parse_args(["generate", "x"])) == (tmp_path / "default.sqlite3").resolve()


def test_a_remote_osc_sender_sees_only_its_own_entries(engine, tmp_path):
    """An --osc-allow sender is its own owner by address (as for cancel and status)."""
    from bridge.service import BridgeService, ServiceConfig

    db = tmp_path / "history.sqlite3"
    fake_entries(db, ["their rain"], owner="osc:192.168.7.5")
    fake_entries(db, ["my rain"], folder=tmp_path / "mine")
    svc = BridgeService(engine, ServiceConfig(out_dir=tmp_path, history_db=db, osc_allow=("192.168.7.0/24",)))
    try:
        def prompts(host):
            return [e["prompt"] for e in svc.history_entries({"query": "rain"}, ("osc", host, 9))["entries"]]

        assert prompts("192.168.7.5") == ["their rain"]
        assert prompts("192.168.7.6") == []
        assert sorted(prompts("127.0.0.1")) == ["my rain", "their rain"]
    finally:
        svc.history.close()


def test_entries_made_in_the_same_second_keep_their_order_when_rebuilt_in_another(tmp_path):
    """`history rebuild` indexes older files after newer ones already known: within one second the
    creation time, not the order of insertion, decides which is newest."""
    db = tmp_path / "history.sqlite3"
    conn = history.connect(db)
    for prompt, created in (("newer", "2026-12-07T10:00:00.900+00:00"), ("older", "2026-12-07T10:00:00.100+00:00")):
        file = {"path": str(tmp_path / f"{prompt}.wav"), "sidecar": None, "prompt": prompt, "seed": 1,
                "seconds": 1.0, "created": created, "model": "tiny"}
        history.insert(conn, [history.entry_from_file(file, {"prompt": prompt, "seconds": 1.0})], "local")
    conn.close()
    assert [e["prompt"] for e in history_ops.read(db)] == ["newer", "older"]
    assert [e["prompt"] for e in history_ops.read(db, since="2026-12-07T10:00:00.500Z")] == ["newer"]
