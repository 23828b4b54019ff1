"""`audioldm-bridge status` for a person: the engine's status reply as a two-column table
(`status --json` prints the reply itself)."""

from __future__ import annotations

# The fields the table words itself; any other field of the reply (a newer engine's) follows as it is.
_SHOWN = {"event", "id", "state", "model", "test_model", "device", "dtype", "queue", "max_queued", "running",
          "max_batch", "max_batch_rows", "jobs_done", "batches_run", "uptime_s", "version", "protocol",
          "replicas", "osc_dropped"}


def duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [(days, "d"), (hours, "h"), (minutes, "min"), (secs, "s")]
    shown = [f"{n} {unit}" for n, unit in parts if n] or ["0 s"]
    return " ".join(shown[:2])


def status_rows(status: dict, endpoint: str) -> list[tuple[str, str]]:
    rows = [("engine", endpoint), ("state", str(status.get("state")))]
    model = status.get("model")
    if model is not None:
        rows.append(("model", f"{model} (test model: its output is noise)" if status.get("test_model") else model))
    device = status.get("device")
    rows.append(("device", f"{device} ({status.get('dtype')})" if device else "- (the model is loading)"))
    replicas = status.get("replicas")
    if isinstance(replicas, dict):
        rows.append(("replicas", f"{replicas.get('ready')} of {replicas.get('total')} ready"))
    queue = status.get("queue")
    if isinstance(queue, dict):
        waiting = ", ".join(f"{lane} {count}" for lane, count in queue.items())
        limit = f" (at most {status['max_queued']})" if "max_queued" in status else ""
        rows.append(("queue", f"{sum(queue.values())} waiting: {waiting}{limit}"))
    running = status.get("running")
    if running is not None:
        rows.append(("running", ", ".join(running) if running else "-"))
    if "max_batch" in status:
        rows.append(("batches", f"up to {status['max_batch']} jobs, {status.get('max_batch_rows')} UNet rows"))
    if "jobs_done" in status:
        rows.append(("done", f"{status['jobs_done']} jobs in {status.get('batches_run')} batches"))
    if "uptime_s" in status:
        rows.append(("uptime", duration(status["uptime_s"])))
    if "version" in status:
        rows.append(("version", f"{status['version']} (protocol {status.get('protocol')})"))
    if status.get("osc_dropped"):
        rows.append(("osc dropped", f"{status['osc_dropped']} datagrams from outside --osc-allow"))
    rows += [(key.replace("_", " "), str(value)) for key, value in status.items() if key not in _SHOWN]
    return rows


def format_status(status: dict, endpoint: str) -> str:
    rows = status_rows(status, endpoint)
    width = max(len(key) for key, _ in rows)
    return "\n".join(f"{key:<{width}}  {value}" for key, value in rows)
