"""``audioldm-bridge history``: search, show, rebuild and forget entries of the history database.

Reads the database directly (no engine, no model): ``history [QUERY] [--limit N] [--since DATE]
[--json] [--result-file PATH]``, ``history show ID``, ``history rebuild DIR…``, ``history forget
ID|--older-than DATE``. Also the ``serve`` options ``--history-db`` and ``--no-history``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sqlite3
import sys
from pathlib import Path

from engine.errors import EngineError, InvalidInput

from .. import history, history_ops

ACTIONS = ("show", "rebuild", "forget")
#: The CLI may list more than one wire reply carries (an export to a file).
CLI_MAX_LIMIT = 100_000


def add_db_options(command: argparse.ArgumentParser) -> None:
    """``--history-db`` / ``--no-history`` for ``serve`` and ``generate``."""
    group = command.add_argument_group("history (audioldm-bridge history)")
    group.add_argument("--history-db", type=Path, metavar="PATH",
                       help=f"the SQLite database every delivered file is recorded in (default: the user data folder, "
                            f"{history.APP}/{history.DB_NAME})")
    group.add_argument("--no-history", action="store_true", help="record nothing; the history op answers "
                                                                 "history_unavailable")


def serve_db(args) -> Path | None:
    """Where `serve` records (None with --no-history)."""
    if args.no_history:
        if args.history_db is not None:
            raise InvalidInput("give either --history-db or --no-history, not both")
        return None
    return db_path(args)


def record_generated(args, fields: dict, files) -> None:
    """What ``generate`` wrote, recorded as the engine records its jobs' files (never an error:
    a database that cannot be used is a warning)."""
    path = serve_db(args)
    if path is None or not files:
        return
    from ..history_recorder import HistoryRecorder

    recorder = HistoryRecorder(path)
    recorder.record([f.as_dict() for f in files], json.dumps(fields, sort_keys=True), "local", None)
    recorder.close()


def db_path(args) -> Path:
    return (args.history_db or history.default_db_path()).expanduser().resolve()


def add_history_options(cmd: argparse.ArgumentParser) -> None:
    cmd.description = ("history [QUERY…] lists entries whose prompt has every word of QUERY; "
                       "history show ID | history rebuild DIR… | history forget ID | history forget --older-than DATE")
    cmd.add_argument("words", nargs="*", metavar="QUERY", help="words of the prompt (or: show ID, rebuild DIR…, forget ID)")
    cmd.add_argument("--limit", type=int, default=history_ops.DEFAULT_LIMIT,
                     help=f"most entries listed (default {history_ops.DEFAULT_LIMIT}, at most {CLI_MAX_LIMIT})")
    cmd.add_argument("--since", metavar="DATE", help="only entries made since: 2026-12-01, 2026-12-01T14:30, 7d, 12h "
                                                     "(default: all)")
    cmd.add_argument("--older-than", metavar="DATE", help="forget: every entry made before this (files stay; default: give an entry number)")
    cmd.add_argument("--json", action="store_true", help='print {"entries": [...]} (or the one entry, or counts)')
    cmd.add_argument("--history-db", type=Path, metavar="PATH", help="the database (default: the user data folder's)")
    cmd.add_argument("--result-file", type=Path, metavar="PATH",
                     help="also write the JSON answer here, replaced atomically (or an error event; default: none)")


def cmd_history(args) -> int:
    try:
        action = args.words[0] if args.words and args.words[0] in ACTIONS else None
        if action is None and args.older_than is not None:
            raise InvalidInput("--older-than goes with forget: history forget --older-than DATE")
        answer = {"show": _show, "rebuild": _rebuild, "forget": _forget, None: _search}[action](args)
    except EngineError as err:
        _write_result(args, {"event": "error", "id": "history", "code": err.code, "message": str(err)})
        raise
    _write_result(args, answer)
    if args.json:
        print(json.dumps(answer, indent=2, ensure_ascii=False))
    return 0


def _write_result(args, obj: dict) -> None:
    if args.result_file is not None:
        from engine.writer import write_json_atomic

        write_json_atomic(args.result_file, obj, replace=True)


def _search(args) -> dict:
    if not 1 <= args.limit <= CLI_MAX_LIMIT:
        raise InvalidInput(f"--limit must be 1..{CLI_MAX_LIMIT}, got {args.limit}")
    query = " ".join(args.words)
    since = history.parse_since(args.since, "--since") if args.since is not None else None
    path = db_path(args)
    entries = history_ops.read(path, query, args.limit, since)
    if not args.json:
        if not path.exists():
            print(f"no history yet: {path} does not exist (the engine makes it at its first file; "
                  f"`history rebuild DIR` indexes files made before)", file=sys.stderr)
        for entry in entries:
            print(_line(entry))
    return {"event": "history", "id": "history", "entries": entries}


def _line(e: dict) -> str:
    when = _dt.datetime.fromisoformat(e["created"].replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    length = f"{e['bars']:g} bars @ {e['bpm']:g}" if e.get("bars") else f"{(e.get('seconds') or 0):.2f} s"
    mark = "  [missing]" if e["missing"] else ""
    return f"{e['entry']:>5}  {when}  {length}  seed {e['seed']}  {e['prompt']}\n       {e['path']}{mark}"


def _entry_id(args, action: str) -> int:
    if len(args.words) != 2:
        also = " (or --older-than DATE)" if action == "forget" else ""
        raise InvalidInput(f"history {action} takes one entry number{also}, e.g. history {action} 12")
    try:
        value = int(args.words[1])
    except ValueError:
        raise InvalidInput(f"history {action}: the entry must be a number (as `history` lists it), "
                           f"got {args.words[1]!r:.80}") from None
    if value < 1:
        raise InvalidInput(f"history {action}: the entry must be a number from 1, got {value}")
    return value


def _open(args, create: bool) -> sqlite3.Connection:
    path = db_path(args)
    if not create and not path.exists():
        raise EngineError(f"no history database at {path}", code="not_found")
    try:
        return history.connect(path)
    except sqlite3.Error as err:
        raise history.HistoryUnavailable(f"the history database {path} cannot be used ({err}); move it away and "
                                         f"run `audioldm-bridge history rebuild DIR`") from None


def _show(args) -> dict:
    entry_id = _entry_id(args, "show")
    conn = _open(args, create=False)
    try:
        entry = history.get(conn, entry_id)
    finally:
        conn.close()
    if entry is None:
        raise EngineError(f"history has no entry {entry_id}", code="not_found")
    if not args.json:
        print(_line(entry))
        for key in ("negative_prompt", "model", "dtype", "steps", "guidance", "sample_rate", "lufs", "key", "edit",
                    "sidecar", "owner"):
            if entry.get(key) not in (None, ""):
                print(f"       {key}: {entry[key]}")
        print(f"       request: {json.dumps(entry['request'], ensure_ascii=False)}")
    return {"event": "history", "id": "history", "entries": [entry]}


def _rebuild(args) -> dict:
    folders = [Path(w).expanduser().resolve() for w in args.words[1:]]
    if not folders:
        raise InvalidInput("history rebuild takes one or more folders of generated files, e.g. "
                           "history rebuild ~/Music/audioldm-bridge")
    for folder in folders:
        if not folder.is_dir():
            raise InvalidInput(f"history rebuild: {str(folder)!r} is not a folder")
    conn = _open(args, create=True)
    try:
        counts = history.rebuild(conn, folders)
    finally:
        conn.close()
    if not args.json:
        print(f"indexed {counts['added']} file(s) into {db_path(args)} ({counts['known']} already there, "
              f"{counts['other']} other JSON file(s) skipped)")
    return {"event": "rebuilt", "id": "history", **counts}


def _forget(args) -> dict:
    if args.older_than is not None:
        if len(args.words) != 1:
            raise InvalidInput("give either an entry number or --older-than DATE to forget, not both")
        before = history.parse_since(args.older_than, "--older-than")
        entry_id = None
    else:
        entry_id, before = _entry_id(args, "forget"), None
    conn = _open(args, create=False)
    try:
        removed = history.forget(conn, entry_id, before)
    finally:
        conn.close()
    if entry_id is not None and not removed:
        raise EngineError(f"history has no entry {entry_id}", code="not_found")
    if not args.json:
        print(f"forgot {removed} entr{'y' if removed == 1 else 'ies'} (the files themselves stay)")
    return {"event": "forgotten", "id": "history", "removed": removed}
