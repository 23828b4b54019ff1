"""The ``history`` op over ZeroMQ and OSC (docs/PROTOCOL.md, "History").

ZeroMQ: ``{"op": "history", "query": "rain", "limit": 20, "since": "2026-12-01"}`` → one reply
``{"event": "history", "id": "", "entries": [...]}``, newest first. OSC:
``/audioldm/history [query Q] [limit N] [since D] [reply_port P]`` → one
``/audioldm/history/entry`` message per entry (at most ``limit``), then ``/audioldm/history/end count N``.
A remote client (a CURVE key, an OSC sender beyond loopback) sees only the entries of its own jobs.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from engine.errors import InvalidInput

from . import history
from .history import HistoryUnavailable

DEFAULT_LIMIT = 20
#: The most entries one reply carries (OSC: messages one request makes the engine send).
MAX_LIMIT = 200
MAX_QUERY = 500
OPTIONS = ("query", "limit", "since")
#: An OSC entry's prompt is cut here (a datagram must stay well under UDP's 64 KiB).
OSC_PROMPT_CHARS = 2000


def check_limit(value, most: int = MAX_LIMIT) -> int:
    if (isinstance(value, bool) or not isinstance(value, (int, float))
            or (isinstance(value, float) and not value.is_integer())):  # also NaN and infinities
        raise InvalidInput(f"limit must be a whole number 1..{most}, got {value!r:.80}")
    if not 1 <= value <= most:
        raise InvalidInput(f"limit must be 1..{most}, got {int(value)!r:.40}")
    return int(value)


def check_options(fields: dict) -> tuple[str, int, str | None]:
    """A history request's fields → (query, limit, since stamp); bad ones named with their value."""
    if not isinstance(fields, dict):
        raise InvalidInput(f"a history request must be an object of fields, got {type(fields).__name__}")
    unknown = sorted(set(fields) - set(OPTIONS) - {"op", "id", "reply_port"})
    if unknown:
        raise InvalidInput(f"unknown field(s) for history: {', '.join(unknown)}; known: {', '.join(OPTIONS)}")
    query = fields.get("query", "")
    if query is None:
        query = ""
    if isinstance(query, (int, float)) and not isinstance(query, bool):
        query = str(query)  # a Max number box as the query
    if not isinstance(query, str):
        raise InvalidInput(f"query must be text, got {query!r:.80}")
    if len(query) > MAX_QUERY:
        raise InvalidInput(f"query is {len(query)} characters; the limit is {MAX_QUERY}")
    limit = check_limit(fields.get("limit", DEFAULT_LIMIT))
    since = fields.get("since")
    return query, limit, (history.parse_since(since) if since not in (None, "") else None)


def answer(db_path: Path | None, fields: dict, owner: str | None) -> dict:
    """The ``history`` event for a request; ``owner`` None: a local client (every entry)."""
    query, limit, since = check_options(fields)
    return {"event": "history", "id": "", "entries": read(db_path, query, limit, since, owner)}


def read(db_path: Path | None, query: str = "", limit: int = DEFAULT_LIMIT, since: str | None = None,
         owner: str | None = None) -> list[dict]:
    """Entries from the database, read-only (nothing is created: no database yet is no entries)."""
    if db_path is None:
        raise HistoryUnavailable("this engine keeps no history (started with --no-history)")
    path = Path(db_path).expanduser()
    if not path.exists():
        return []
    try:
        conn = history.connect(path, readonly=True, timeout_s=2.0)
        try:
            return history.search(conn, query, limit, since, owner)
        finally:
            conn.close()
    except sqlite3.Error as err:
        raise HistoryUnavailable(f"the history database {path} cannot be read ({err}); generation is not affected — "
                                 f"move it away and run `audioldm-bridge history rebuild DIR` to index the "
                                 f"files' sidecars") from None


# --- OSC ---------------------------------------------------------------------------------------------


def parse_osc(args: list) -> dict:
    """``rain on a roof limit 5 since 2026-12-01 reply_port 7401`` → fields. Leading words without a
    key are the query; the query's words are joined back (a Max message box splits them)."""
    fields: dict = {}
    key, words = "query", []

    def close():
        if key == "query" and not words and "query" not in fields:
            return
        if not words:
            raise InvalidInput(f"history: {key} has no value")
        if key in fields:
            raise InvalidInput(f"history: {key} given twice")
        if key in ("query", "since"):
            fields[key] = " ".join(str(w) for w in words)
        elif len(words) == 1:
            fields[key] = words[0]
        else:
            raise InvalidInput(f"history: {key} takes one value, got {' '.join(map(str, words)):.80}")

    for i, arg in enumerate(args):
        is_key = isinstance(arg, str) and arg in (*OPTIONS, "reply_port") and i + 1 < len(args)
        if is_key:
            close()
            key, words = arg, []
        else:
            words.append(arg)
    close()
    return fields


def osc_messages(event: dict) -> list[tuple[str, list]]:
    """A ``history`` event as OSC: one message per entry, key–value, then the end with the count."""
    messages = []
    for e in event["entries"]:
        prompt = e["prompt"] if len(e["prompt"]) <= OSC_PROMPT_CHARS else e["prompt"][:OSC_PROMPT_CHARS - 1] + "…"
        messages.append(("/audioldm/history/entry", [
            "entry", e["entry"], "created", e["created"], "prompt", prompt, "path", e["path"],
            "seconds", float(e["seconds"] or 0.0), "seed", -1 if e["seed"] is None else e["seed"],
            "missing", int(e["missing"])]))
    messages.append(("/audioldm/history/end", ["count", len(event["entries"])]))
    return messages
