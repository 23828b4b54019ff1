"""The history library: every delivered file in a SQLite database, searchable by prompt.

One row per file: what was asked (prompt, negative prompt, seed, length, model, dtype, steps,
guidance, key…), where it went (the audio and its sidecar), when, for whom (``owner``: the client
key that asked, so a remote key sees only its own), the protocol fields that regenerate it
(``request``) and the whole sidecar (``meta``: loudness, edit parameters, fit…). Prompts are
indexed with FTS5 (a LIKE scan where this SQLite has no FTS5). The database is in WAL mode, so
readers (``audioldm-bridge history``, the ``history`` op) never wait for the engine writing.

Standard library only (sqlite3): the CLI reads the database without loading a model. Writing from
the engine, with its failure rules, is bridge.history_recorder; the op and the CLI are
bridge.history_ops and bridge.cli.history.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import re
import sqlite3
from pathlib import Path

from engine.errors import EngineError, InvalidInput

logger = logging.getLogger(__name__)

APP = "audioldm-bridge"
DB_NAME = "history.sqlite3"
#: An entry as the wire and ``--json`` show it (``history show`` adds ``meta`` and ``owner``).
ENTRY_FIELDS = ("entry", "created", "prompt", "negative_prompt", "seed", "seconds", "bars", "bpm", "time_sig", "key",
                "model", "dtype", "steps", "guidance", "sample_rate", "lufs", "edit", "path", "sidecar", "job_id")
_COLUMNS = ENTRY_FIELDS[1:-3] + ("path", "sidecar", "job_id", "owner", "request", "meta")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    entry INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    prompt TEXT NOT NULL,
    negative_prompt TEXT NOT NULL DEFAULT '',
    seed INTEGER, seconds REAL, bars REAL, bpm REAL, time_sig TEXT, key TEXT,
    model TEXT, dtype TEXT, steps INTEGER, guidance REAL, sample_rate INTEGER, lufs REAL, edit TEXT,
    path TEXT NOT NULL UNIQUE, sidecar TEXT, job_id TEXT,
    owner TEXT NOT NULL DEFAULT 'local',
    request TEXT NOT NULL DEFAULT '{}',
    meta TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS entries_created ON entries (created);
CREATE INDEX IF NOT EXISTS entries_owner ON entries (owner, created);
"""
_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS entries_fts USING fts5(prompt, content='entries', content_rowid='entry');
CREATE TRIGGER IF NOT EXISTS entries_ai AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, prompt) VALUES (new.entry, new.prompt);
END;
CREATE TRIGGER IF NOT EXISTS entries_ad AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, prompt) VALUES ('delete', old.entry, old.prompt);
END;
"""
#: Fields of a request that describe one file's run, not the file: left out of an entry's ``request``.
_NOT_REGENERATING = ("id", "op", "reply_port", "variations", "best_of", "priority")


class HistoryUnavailable(EngineError):
    """The database cannot be read or written (corrupt, locked, not a database, turned off)."""

    code = "history_unavailable"


#: Names the default database instead of the user data folder's (tests; several setups on one machine).
ENV_DB = "AUDIOLDM_BRIDGE_HISTORY_DB"


def default_db_path() -> Path:
    """The user data folder's history database, or ``$AUDIOLDM_BRIDGE_HISTORY_DB`` (``--history-db`` beats both)."""
    import os

    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB])
    import platformdirs

    return platformdirs.user_data_path(APP) / DB_NAME


def connect(path: Path, readonly: bool = False, timeout_s: float = 5.0) -> sqlite3.Connection:
    """A connection with the schema in place (read-write), or a read-only one (never creates)."""
    path = Path(path).expanduser().resolve()
    if readonly:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout_s, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=timeout_s, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        if not readonly:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            if fts5_available(conn) and not _has_fts(conn):
                conn.executescript(_FTS)
                # rows recorded while this database had no index (an SQLite without FTS5) are found too
                conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
                conn.commit()
        else:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # not a database: fails here
    except BaseException:
        conn.close()
        raise
    return conn


_FTS5: dict = {}


def fts5_available(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite was built with FTS5 (said once in the log when it was not)."""
    if "ok" not in _FTS5:
        try:
            conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
            conn.execute("DROP TABLE temp.fts5_probe")
            _FTS5["ok"] = True
        except sqlite3.OperationalError:
            _FTS5["ok"] = False
            logger.warning("this Python's SQLite has no FTS5: history searches prompts with LIKE (slower, whole "
                           "words and parts of words alike)")
    return _FTS5["ok"]


def _has_fts(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'entries_fts'").fetchone() is not None


# --- values ----------------------------------------------------------------------------------------


def utc_stamp(value) -> str:
    """A time (datetime, or ISO text from a sidecar) as ``2026-12-07T02:00:00.123Z``: milliseconds, so
    that files made within one second sort by when they were made (text order is time order)."""
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    return value.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


_RELATIVE = re.compile(r"(\d+(?:\.\d+)?)\s*(d|h|m|w)", re.I)


def parse_since(text, name: str = "since", now: _dt.datetime | None = None) -> str:
    """``2026-12-01`` (local midnight), ``2026-12-01T14:30`` (local), with ``Z`` or ``+01:00``, or
    ``7d``/``12h``/``30m``/``2w`` back from now → the UTC stamp entries are compared with."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(f"{name} must be a date like 2026-12-01, a time like 2026-12-01T14:30, or an age like "
                           f"7d or 12h; got {text!r:.80}")
    text = text.strip()
    relative = _RELATIVE.fullmatch(text)
    if relative:
        amount, unit = float(relative.group(1)), relative.group(2).lower()
        try:
            delta = _dt.timedelta(**{{"d": "days", "h": "hours", "m": "minutes", "w": "weeks"}[unit]: amount})
            return utc_stamp((now or _dt.datetime.now(_dt.timezone.utc)) - delta)
        except OverflowError:
            raise InvalidInput(f"{name} {text!r:.80} reaches back before the year 1") from None
    try:
        when = _dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise InvalidInput(f"{name} must be a date like 2026-12-01, a time like 2026-12-01T14:30, or an age like "
                           f"7d or 12h; got {text!r:.80}") from None
    if when.tzinfo is None:
        when = when.astimezone()  # what a person means by a date: their own clock
    return utc_stamp(when)


def entry_from_file(file: dict, fields: dict | None = None) -> dict:
    """The columns of one delivered file: ``file`` as in ``done.files[i]`` (paths plus the sidecar's
    data), ``fields`` the protocol fields of the request that made it (None: rebuilt from the sidecar)."""
    meta = {k: v for k, v in file.items() if k not in ("path", "sidecar")}
    fields = dict(fields) if fields is not None else request_from_sidecar(meta)
    request = {k: v for k, v in fields.items() if k not in _NOT_REGENERATING}
    if meta.get("seed") is not None:
        request["seed"] = meta["seed"]  # this file's own seed (a variation's, a best-of pick's)
    fit_key = ((meta.get("fit") or {}).get("key") or {}).get("target")
    edit = meta.get("edit")
    return {
        "created": utc_stamp(meta.get("created") or _dt.datetime.now(_dt.timezone.utc)),
        "prompt": str(meta.get("prompt", fields.get("prompt", ""))),
        "negative_prompt": str(meta.get("negative_prompt") or ""),
        "seed": meta.get("seed"), "seconds": meta.get("seconds"), "bars": meta.get("bars"), "bpm": meta.get("bpm"),
        "time_sig": meta.get("time_signature"), "key": fields.get("key") or fit_key,
        "model": meta.get("model"), "dtype": meta.get("dtype"), "steps": meta.get("steps"),
        "guidance": meta.get("guidance"), "sample_rate": meta.get("sample_rate"), "lufs": meta.get("lufs"),
        "edit": edit, "path": str(file["path"]), "sidecar": str(file["sidecar"]) if file.get("sidecar") else None,
        "request": json.dumps(request, sort_keys=True, ensure_ascii=False),
        "meta": json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str),
    }


def request_from_sidecar(meta: dict) -> dict:
    """The protocol fields that make this file again (seed included), read back from its sidecar."""
    fields = {k: meta[k] for k in ("prompt", "negative_prompt", "seed", "steps", "guidance", "scheduler", "eta",
                                    "sample_rate", "channels", "format", "loop") if meta.get(k) is not None}
    if meta.get("loudness_mode"):
        fields["loudness"] = meta["loudness_mode"]
        if meta.get("loudness_target") is not None and meta["loudness_mode"] != "off":
            fields["target"] = meta["loudness_target"]
    if meta.get("true_peak_ceiling_dbtp") is not None:
        fields["ceiling"] = meta["true_peak_ceiling_dbtp"]
    if meta.get("align"):
        fields["align"] = "onset"
    fit = meta.get("fit") or {}  # the musical fit asked for (engine.fit): its locks and key
    if fit.get("tempo"):
        fields["tempo_lock"] = fit["tempo"]["lock"]
    if fit.get("key"):
        fields["key"], fields["key_lock"] = fit["key"]["target"], fit["key"]["lock"]
    edit = meta.get("edit")
    if edit:
        fields["init_audio"] = meta.get("init_audio")
        if meta.get("strength") is not None:
            fields["strength"] = meta["strength"]
        if meta.get("init_range"):
            fields["init_start"], fields["init_end"] = meta["init_range"]
        if edit == "repaint" and meta.get("repaint"):
            fields["repaint_start"], fields["repaint_end"] = meta["repaint"]
        extend = meta.get("extend") or {}
        if edit == "extend" and extend.get("bars") is not None:
            fields.update(extend_bars=extend["bars"], bpm=extend.get("bpm"), time_sig=extend.get("time_signature"))
        elif edit == "extend" and extend.get("seconds") is not None:
            fields["extend_seconds"] = extend["seconds"]
    elif meta.get("bars") is not None:
        fields.update(bars=meta["bars"], bpm=meta.get("bpm"), time_sig=meta.get("time_signature"))
        if meta.get("beats"):
            fields["beats"] = meta["beats"]
    elif meta.get("seconds") is not None:
        fields["seconds"] = meta["seconds"]
    return {k: v for k, v in fields.items() if v is not None}


def as_entry(row: sqlite3.Row, full: bool = False) -> dict:
    """A row as the wire shows it: ``missing`` says whether the audio file is gone."""
    entry = {name: row[name] for name in ENTRY_FIELDS}
    entry["missing"] = not Path(row["path"]).is_file()
    entry["request"] = json.loads(row["request"] or "{}")
    if full:
        entry["owner"] = row["owner"]
        entry["meta"] = json.loads(row["meta"] or "{}")
    return entry


# --- reading and writing ---------------------------------------------------------------------------


def insert(conn: sqlite3.Connection, entries: list[dict], owner: str, job_id: str | None = None) -> int:
    """Add entries (a path already there is left as it is); the number added."""
    added = 0
    with conn:
        for entry in entries:
            values = {**entry, "owner": owner, "job_id": job_id}
            cursor = conn.execute(f"INSERT OR IGNORE INTO entries ({', '.join(_COLUMNS)}) "
                                  f"VALUES ({', '.join('?' for _ in _COLUMNS)})", [values.get(c) for c in _COLUMNS])
            added += cursor.rowcount
    return added


def fts_query(text: str) -> str:
    """Words typed by a person → an FTS5 query: every word (as a prefix), none of FTS5's syntax."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    return " ".join(f'"{w}"*' for w in words)


def search(conn: sqlite3.Connection, query: str = "", limit: int = 20, since: str | None = None,
           owner: str | None = None) -> list[dict]:
    """Entries newest first; ``query`` words must all be in the prompt; ``owner`` None: everyone's."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'entries'").fetchone() is None:
        return []  # an empty file (the engine is just making it)
    where, args = [], []
    words = re.findall(r"\w+", query or "", flags=re.UNICODE)
    if words and _has_fts(conn):
        where.append("e.entry IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)")
        args.append(fts_query(query))
    else:
        for word in words:
            where.append("e.prompt LIKE ? ESCAPE '\\'")
            args.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if since is not None:
        where.append("e.created >= ?")
        args.append(since)
    if owner is not None:
        where.append("e.owner = ?")
        args.append(owner)
    sql = (f"SELECT * FROM entries e {'WHERE ' + ' AND '.join(where) if where else ''} "
           f"ORDER BY e.created DESC, e.entry DESC LIMIT ?")
    return [as_entry(row) for row in conn.execute(sql, [*args, limit])]


def get(conn: sqlite3.Connection, entry: int) -> dict | None:
    row = conn.execute("SELECT * FROM entries WHERE entry = ?", (entry,)).fetchone()
    return None if row is None else as_entry(row, full=True)


def forget(conn: sqlite3.Connection, entry: int | None = None, older_than: str | None = None) -> int:
    """Remove one entry, or every entry made before ``older_than``; files stay. The number removed."""
    with conn:
        if entry is not None:
            return conn.execute("DELETE FROM entries WHERE entry = ?", (entry,)).rowcount
        return conn.execute("DELETE FROM entries WHERE created < ?", (older_than,)).rowcount


def read_sidecar(path: Path) -> dict | None:
    """A sidecar the engine wrote (a JSON object naming its audio ``file``, a prompt, a seed), as a
    ``done.files`` entry; None for any other JSON file or an audio file that is gone."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(meta, dict) and isinstance(meta.get("file"), str) and isinstance(meta.get("prompt"), str)
            and "seed" in meta and str(meta.get("engine", "")).startswith(APP)):
        return None
    audio = path.parent / Path(meta["file"]).name
    if not audio.is_file():
        return None
    return {"path": str(audio.resolve()), "sidecar": str(path.resolve()), **meta}


def rebuild(conn: sqlite3.Connection, folders: list[Path]) -> dict:
    """Index the engine's sidecars under ``folders`` (recursively): files made before the history
    existed, moved, or lost with a deleted database. Counts: added, known (already there), other."""
    counts = {"added": 0, "known": 0, "other": 0}
    for folder in folders:
        for sidecar in sorted(Path(folder).rglob("*.json")):
            file = read_sidecar(sidecar)
            if file is None:
                counts["other"] += 1
                continue
            added = insert(conn, [entry_from_file(file)], owner="local")
            counts["added" if added else "known"] += 1
    return counts
