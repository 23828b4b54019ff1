"""INTERIM stand-in for `audioldm-bridge history` (issue 21's contract, built on branch i21-history):
used by tests/test_reaper_history.py only until that branch lands, then removed. It answers
`history [QUERY] --json --limit N --history-db DB --result-file R` and `history rebuild DIR… --history-db DB`
from the files' sidecars, the entries shaped as the contract says; every other command goes to the real CLI."""

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def entry(number: int, sidecar: Path) -> dict:
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    path = sidecar.with_name(meta["file"])
    request = {k: meta[k] for k in ("prompt", "negative_prompt", "steps", "guidance", "sample_rate", "channels",
                                    "format", "seconds") if k in meta}
    return {"entry": number, "created": meta["created"].replace("+00:00", "Z"), "prompt": meta["prompt"],
            "negative_prompt": meta["negative_prompt"], "seed": meta["seed"], "seconds": meta["seconds"],
            "bars": meta.get("bars"), "bpm": meta.get("bpm"), "time_sig": meta.get("time_sig"), "key": None,
            "model": meta["model"], "path": str(path), "sidecar": str(sidecar), "missing": not path.exists(),
            "sample_rate": meta["sample_rate"], "request": {**request, "seed": meta["seed"]}}


def main(argv: list) -> int:
    args, options, i = [], {}, 0
    while i < len(argv):
        if argv[i] == "--json":
            options["json"] = True
        elif argv[i].startswith("--"):
            options[argv[i]] = argv[i + 1]
            i += 1
        else:
            args.append(argv[i])
        i += 1
    db = Path(options["--history-db"])
    if args[:1] == ["rebuild"]:
        sidecars = [str(s) for folder in args[1:] for s in sorted(Path(folder).glob("*.json"))]
        db.write_text(json.dumps(sidecars))
        return 0
    sidecars = json.loads(db.read_text()) if db.exists() else []
    entries = [entry(n, Path(s)) for n, s in enumerate(sidecars, start=1)]
    query = " ".join(args).lower()
    entries = [e for e in reversed(entries) if all(w in e["prompt"].lower() for w in query.split())]
    result = json.dumps({"entries": entries[: int(options.get("--limit", 20))]})
    target = Path(options["--result-file"])
    staged = target.with_suffix(".partial")
    staged.write_text(result, encoding="utf-8")
    os.replace(staged, target)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["history"]:
        sys.exit(main(sys.argv[2:]))
    sys.path.insert(0, str(REPO))
    from bridge.cli import main as cli

    sys.exit(cli())
