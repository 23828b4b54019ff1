"""`audioldm-bridge request --request-file F --result-file R` and `ping --result-file`: what REAPER runs."""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import soundfile as sf

from cli_support import endpoint, service

__all__ = ["service"]  # the fixture

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
AWKWARD = 'say "hi", it\'s a\nnew line — café ☕ 雨'


def cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "bridge.cli", *map(str, args)], capture_output=True, text=True,
                          env=ENV, timeout=timeout)


def watch(path: Path, stop: threading.Event, seen: list):
    """Every distinct content the result file takes; each must parse (atomic replacement)."""
    last = None
    while not stop.is_set():
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = None
        if text is not None and text != last:
            seen.append(json.loads(text))  # a half-written file would fail here
            last = text
        time.sleep(0.002)


def test_request_file_carries_any_prompt_and_result_file_follows_the_job(service, tmp_path):
    request = tmp_path / "req.json"
    request.write_text(json.dumps({"prompt": AWKWARD, "seconds": 0.4, "steps": 5, "seed": 7,
                                   "out_dir": str(tmp_path / "renders"), "id": "awkward-1"}), encoding="utf-8")
    result = tmp_path / "result.json"
    stop, seen = threading.Event(), []
    watcher = threading.Thread(target=watch, args=(result, stop, seen))
    watcher.start()
    try:
        run = cli("request", "--request-file", request, "--result-file", result, "--endpoint", endpoint(service),
                  "--steps", "3")  # a typed option overrides the file's
    finally:
        stop.set()
        watcher.join()
    assert run.returncode == 0, run.stderr
    final = json.loads(result.read_text(encoding="utf-8"))
    assert final["event"] == "done" and final["id"] == "awkward-1"
    kinds = [e["event"] for e in seen]
    assert kinds[-1] == "done" and kinds.count("done") == 1
    assert set(kinds[:-1]) <= {"accepted", "started", "progress"} and len(kinds) >= 2
    steps = [e["step"] for e in seen if e["event"] == "progress"]
    assert steps == sorted(steps) and all(e["total"] == 3 for e in seen if e["event"] == "progress")
    meta = final["files"][0]
    assert meta["prompt"] == AWKWARD and meta["seed"] == 7 and meta["steps"] == 3
    assert Path(meta["path"]).parent == tmp_path / "renders"
    assert sf.info(meta["path"]).frames == round(0.4 * 48000)
    assert run.stdout.strip() == meta["path"]


def test_seconds_with_full_precision_give_round_seconds_times_rate_samples(service, tmp_path):
    seconds = 4 * 60 / 90 + 1e-13 * 3  # a REAPER span: not a round decimal
    request = tmp_path / "req.json"
    request.write_text(json.dumps({"prompt": "x", "seconds": float("%.17g" % seconds), "sample_rate": 44100,
                                   "steps": 1}))
    run = cli("request", "--request-file", request, "--endpoint", endpoint(service), "--json")
    assert run.returncode == 0, run.stderr
    assert sf.info(json.loads(run.stdout)["paths"][0]).frames == round(seconds * 44100)


@pytest.mark.parametrize("content, message", [
    ("not json", "is not UTF-8 JSON"),
    ("[1, 2]", "must hold a JSON object, got list"),
    ('{"op": "cancel", "id": "x"}', "must be a generate request"),
])
def test_bad_request_file_exits_2_and_says_so_in_the_result_file(tmp_path, content, message):
    request = tmp_path / "req.json"
    request.write_text(content)
    result = tmp_path / "result.json"
    run = cli("request", "--request-file", request, "--result-file", result, "--endpoint", "tcp://127.0.0.1:9")
    assert run.returncode == 2 and message in run.stderr and len(run.stderr.strip().splitlines()) == 1
    event = json.loads(result.read_text())
    assert event["event"] == "error" and event["code"] == "bad_request" and message in event["message"]


def test_engine_refusal_is_the_final_event(service, tmp_path):
    request = tmp_path / "req.json"
    request.write_text(json.dumps({"prompt": "x", "seconds": 0.5, "bpm": 1000, "bars": 1}))
    result = tmp_path / "result.json"
    run = cli("request", "--request-file", request, "--result-file", result, "--endpoint", endpoint(service))
    assert run.returncode == 2 and "give either seconds or bars/beats" in run.stderr
    assert json.loads(result.read_text())["code"] == "bad_request"


def test_cancelled_job_ends_with_one_cancelled_event(service, tmp_path):
    request = tmp_path / "req.json"
    request.write_text(json.dumps({"prompt": "long", "seconds": 0.5, "steps": 500, "id": "to-cancel"}))
    result = tmp_path / "result.json"
    proc = subprocess.Popen([sys.executable, "-m", "bridge.cli", "request", "--request-file", str(request),
                             "--result-file", str(result), "--endpoint", endpoint(service)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    end = time.monotonic() + 60
    while not (result.exists() and json.loads(result.read_text())["event"] in ("started", "progress")):
        assert time.monotonic() < end
        time.sleep(0.02)
    cancel = cli("cancel", "to-cancel", "--endpoint", endpoint(service))
    assert cancel.returncode == 0, cancel.stderr
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 1 and "was cancelled" in err
    assert json.loads(result.read_text()) == {"event": "cancelled", "id": "to-cancel"}


def test_ping_result_file_pong_and_down(service, tmp_path):
    up, down = tmp_path / "up.json", tmp_path / "down.json"
    run = cli("ping", "--endpoint", endpoint(service), "--result-file", up)
    assert run.returncode == 0 and json.loads(up.read_text())["event"] == "pong"
    run = cli("ping", "--endpoint", "tcp://127.0.0.1:9", "--reply-timeout", "0.2", "--retries", "1",
              "--result-file", down)
    assert run.returncode == 1
    event = json.loads(down.read_text())
    assert event["event"] == "error" and event["code"] == "timeout" and "serve" in event["message"]


def test_request_with_ping_timeout_reports_an_engine_that_is_down_at_once(tmp_path):
    request = tmp_path / "req.json"
    request.write_text(json.dumps({"prompt": "x", "seconds": 1}))
    result = tmp_path / "result.json"
    started = time.monotonic()
    run = cli("request", "--request-file", request, "--result-file", result, "--endpoint", "tcp://127.0.0.1:9",
              "--ping-timeout", "0.3")
    assert run.returncode == 1 and "does not answer" in run.stderr
    assert time.monotonic() - started < 10  # not the 3 × 5 s of the lazy-pirate retries
    event = json.loads(result.read_text())
    assert event["event"] == "error" and event["code"] == "unreachable"


@pytest.mark.parametrize("command", ["ping", "status"])
@pytest.mark.parametrize("retries", [0, 2])
def test_retries_count_resends_after_the_first_try(command, retries, capsys):
    """`--retries N` is N resends after the first try: 0 still asks once, and a silent engine is
    reported after --reply-timeout × (--retries + 1)."""
    import zmq

    from bridge import cli as cli_module

    silent = zmq.Context.instance().socket(zmq.ROUTER)  # takes requests, never answers
    port = silent.bind_to_random_port("tcp://127.0.0.1")
    try:
        started = time.monotonic()
        assert cli_module.main([command, "--endpoint", f"tcp://127.0.0.1:{port}", "--reply-timeout", "0.3",
                                "--retries", str(retries)]) == 1
        assert time.monotonic() - started >= 0.3 * (retries + 1)
        received = []
        while silent.poll(0):
            received.append(json.loads(silent.recv_multipart()[-1]))
    finally:
        silent.close(linger=0)
    assert received == [{"op": command}] * (retries + 1)
    tries = "1 try" if retries == 0 else f"{retries + 1} tries"
    assert f"after {tries} of 0.3 s" in capsys.readouterr().err


def test_negative_retries_are_a_usage_error(capsys):
    from bridge import cli as cli_module

    assert cli_module.main(["ping", "--retries", "-1"]) == 2
    assert "--retries must be 0 or more, got -1" in capsys.readouterr().err


def test_endpoint_without_scheme_is_taken_as_tcp(service, capsys):
    from bridge import cli as cli_module

    host_port = endpoint(service).removeprefix("tcp://")
    assert cli_module.main(["ping", "--endpoint", host_port]) == 0
    assert f"pong from tcp://{host_port}" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["gpu-box", "tcp://", "udp://127.0.0.1:18002", "127.0.0.1:port"])
def test_an_unusable_endpoint_is_one_usage_error(bad, capsys):
    from bridge import cli as cli_module

    assert cli_module.main(["ping", "--endpoint", bad, "--reply-timeout", "0.2", "--retries", "0"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"--endpoint {bad!r}" in err and "tcp://HOST:PORT" in err


@pytest.mark.parametrize("command", ["generate", "serve"])
def test_an_unwritable_out_folder_is_one_usage_error_before_the_model_loads(command, tmp_path):
    """`generate --out` and `serve --out` on a folder nobody may write: one line at once (exit 2),
    not an OSError traceback after the sampling (and no model loaded first: that line would be all)."""
    from test_service import unwritable_folder

    args = {"generate": ["generate", "x", "--seconds", "0.5"],
            "serve": ["serve", "--osc-port", "0", "--osc-reply-port", "0", "--zmq-port", "0", "--pub-port", "0"]}
    with unwritable_folder(tmp_path / "read-only") as folder:
        run = cli(*args[command], "--model", "tiny", "--device", "cpu", "--out", folder, timeout=120)
        assert list(folder.iterdir()) == []
    assert run.returncode == 2, run.stderr
    assert run.stderr.count("\n") == 1 and f"--out {folder} is not writable" in run.stderr, run.stderr


def wait_for_result(result: Path, events=("started", "progress"), timeout=60):
    end = time.monotonic() + timeout
    while not (result.exists() and json.loads(result.read_text())["event"] in events):
        assert time.monotonic() < end, "the job did not start in time"
        time.sleep(0.02)


@pytest.mark.skipif(os.name == "nt", reason="SIGINT cannot be sent to one console process on Windows")
def test_ctrl_c_on_request_cancels_the_job_it_started_and_says_so(service, tmp_path):
    import signal

    result = tmp_path / "result.json"
    proc = subprocess.Popen([sys.executable, "-m", "bridge.cli", "request", "long", "--seconds", "0.5", "--steps", "500",
                             "--id", "ctrl-c", "--reply-timeout", "60", "--result-file", str(result),
                             "--endpoint", endpoint(service)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
                            # as at a terminal: a test run started in the background (`&`) ignores SIGINT, and
                            # a child would inherit that (Python then installs no KeyboardInterrupt)
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    wait_for_result(result)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted: job ctrl-c cancelled" in err and "Traceback" not in err, err
    assert service.queue.jobs["ctrl-c"].state == "cancelled"
    assert json.loads(result.read_text()) == {"event": "cancelled", "id": "ctrl-c"}


def test_request_timeout_cancels_the_job_it_started_and_says_so(service, tmp_path):
    result = tmp_path / "result.json"
    run = cli("request", "long", "--seconds", "0.5", "--steps", "500", "--id", "too-slow", "--timeout", "2",
              "--reply-timeout", "60", "--result-file", result, "--endpoint", endpoint(service))  # slow steps under load
    assert run.returncode == 1
    assert "timed out after 2 s waiting for job too-slow" in run.stderr and "job too-slow cancelled" in run.stderr
    assert service.queue.jobs["too-slow"].state == "cancelled"
    event = json.loads(result.read_text())
    assert event["code"] == "timeout" and "cancelled" in event["message"]


@pytest.mark.parametrize("command", ["request", "generate"])
def test_bars_without_a_tempo_say_which_tempo_they_got(command, service, tmp_path, capsys):
    """`--bars 4` alone is 4 bars at 120 BPM in 4/4: said on stderr, not silently assumed (the
    sidecar records the tempo too); a typed tempo gets no note."""
    from bridge import cli as cli_module

    where = (["--endpoint", endpoint(service)] if command == "request"
             else ["--model", "tiny", "--device", "cpu", "--dtype", "fp32"])
    common = [command, "x", "--steps", "1", "--json", "--out", str(tmp_path), *where]
    assert cli_module.main([*common, "--bars", "0.25"]) == 0
    out, err = capsys.readouterr()
    assert "note: --bars without --bpm: 120 BPM in 4/4 assumed" in err
    sidecar = json.loads(Path(json.loads(out)["files"][0]["sidecar"]).read_text())
    assert sidecar["bpm"] == 120 and sidecar["time_signature"] == "4/4"
    assert cli_module.main([*common, "--bars", "0.25", "--bpm", "90", "--time-sig", "3/4"]) == 0
    assert "without --bpm" not in capsys.readouterr().err
