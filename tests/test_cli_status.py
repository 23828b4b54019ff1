"""`audioldm-bridge status`: a table a person can read, from a real engine; `--json` keeps the raw reply."""

import json
import re

from bridge.cli import main
from bridge.cli.status_table import duration, format_status
from cli_support import service

__all__ = ["service"]  # the fixture


def table(text: str) -> dict:
    rows = [re.split(r" {2,}", line, maxsplit=1) for line in text.splitlines()]
    assert all(len(row) == 2 for row in rows), text
    return dict(rows)


def test_status_is_a_table_and_json_keeps_the_reply(service, capsys):
    endpoint = service.endpoints()["zmq"]["requests"]
    assert main(["status", "--endpoint", endpoint, "--json"]) == 0
    raw = json.loads(capsys.readouterr().out)
    assert raw["event"] == "status" and raw["state"] == "ready"

    assert main(["status", "--endpoint", endpoint]) == 0
    shown = table(capsys.readouterr().out)
    assert shown["engine"] == endpoint and shown["state"] == "ready"
    assert shown["model"] == f"{raw['model']} (test model: its output is noise)"
    assert shown["device"] == f"{raw['device']} ({raw['dtype']})" == "cpu (float32)"
    assert shown["queue"] == f"0 waiting: live 0, normal 0, background 0 (at most {raw['max_queued']})"
    assert shown["running"] == "-"
    assert shown["batches"] == f"up to {raw['max_batch']} jobs, {raw['max_batch_rows']} UNet rows"
    assert shown["done"] == f"{raw['jobs_done']} jobs in {raw['batches_run']} batches"
    assert shown["version"] == f"{raw['version']} (protocol {raw['protocol']})"
    assert re.fullmatch(r"\d+ (s|min \d+ s)", shown["uptime"])


def test_the_table_words_loading_replicas_and_shows_fields_it_does_not_know():
    status = {"event": "status", "id": "", "state": "loading", "model": "cvssp/audioldm-m-full", "test_model": None,
              "device": None, "dtype": None, "uptime_s": 3725.2, "queue": {"live": 1, "normal": 2, "background": 0},
              "running": ["take-3", "take-4"], "replicas": {"total": 2, "ready": 1}, "osc_dropped": 5,
              "history_entries": 12}
    shown = table(format_status(status, "tcp://gpu-box:18002"))
    assert shown == {"engine": "tcp://gpu-box:18002", "state": "loading", "model": "cvssp/audioldm-m-full",
                     "device": "- (the model is loading)", "replicas": "1 of 2 ready",
                     "queue": "3 waiting: live 1, normal 2, background 0", "running": "take-3, take-4",
                     "uptime": "1 h 2 min", "osc dropped": "5 datagrams from outside --osc-allow",
                     "history entries": "12"}
    assert [duration(s) for s in (0, 59.9, 61, 90061)] == ["0 s", "59 s", "1 min 1 s", "1 d 1 h"]
