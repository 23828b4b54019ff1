"""Issue 10: the remote engine — CURVE keys with a ZAP authenticator on both ZeroMQ sockets, remote
clients confined to --out, `fetch` with checksums, `request --engine … --fetch-to`, OSC allow lists.
Issue 17: two keys on one engine — a job is its key's own: nobody else cancels, joins, fetches,
edits or watches it.

A CURVE-secured engine bound to 127.0.0.1 stands in for the studio GPU box (real keys, real
sockets, real files)."""

import hashlib
import json
from pathlib import Path

import pytest
import zmq
from zmq.utils.monitor import recv_monitor_message

from bridge import cli
from bridge.client import BridgeClient
from bridge.fetch import fetch_file, fetch_results
from bridge.remote import OscAllowList, keygen
from engine.errors import EngineError, InvalidInput
from test_service import OscListener, running_service, wait_for

QUICK = {"prompt": "remote hat", "seconds": 0.3, "steps": 1, "seed": 5}


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    folder = tmp_path_factory.mktemp("keys")
    made = keygen(folder)
    stranger = keygen(tmp_path_factory.mktemp("stranger"))  # a valid pair the engine does not list
    return made, stranger


@pytest.fixture(scope="module")
def key_b(keys):
    """A second studio client of the same engine (its own key pair, listed too)."""
    made, _ = keys
    return keygen(made["clients"].parent, client="b")


@pytest.fixture(scope="module")
def remote(tiny_components, tmp_path_factory, keys, key_b):
    made, _ = keys
    out = tmp_path_factory.mktemp("engine-out")
    # Not elevated: local clients of this engine may write anywhere, which must not widen what a key may do.
    with running_service(tiny_components, out, curve_secret=made["server_secret"],
                         curve_clients=made["clients"], elevated=False) as svc:
        yield svc


def allowed_client(svc, keys, **kw):
    made, _ = keys
    return client_with(svc, made, made["client_secret"], **kw)


def client_with(svc, made, client_secret, **kw):
    kw.setdefault("timeout", 30)
    return BridgeClient(svc.endpoints()["zmq"]["requests"], server_key=made["server_public"],
                        client_key=client_secret, **kw)


def test_keygen_writes_pairs_private_secrets_and_never_overwrites(tmp_path):
    made = keygen(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["client.key", "client.key_secret", "clients", "server.key",
                                                          "server.key_secret"]
    assert [p.name for p in made["clients"].iterdir()] == ["client.key"]
    assert made["server_secret"].stat().st_mode & 0o077 == 0 and made["client_secret"].stat().st_mode & 0o077 == 0
    server_before = made["server_secret"].read_bytes()
    with pytest.raises(InvalidInput, match="already exists"):
        keygen(tmp_path)
    second = keygen(tmp_path, client="laptop")  # another client of the same engine
    assert made["server_secret"].read_bytes() == server_before
    assert sorted(p.name for p in second["clients"].iterdir()) == ["client.key", "laptop.key"]


def test_allowed_client_generates_and_fetches_an_identical_file(remote, keys, tmp_path):
    with allowed_client(remote, keys) as client:
        done = client.generate(QUICK)
        local = fetch_results(client, done, tmp_path / "here")
    [engine_file], [local_file] = done["files"], local["files"]
    assert sha256(local_file["path"]) == sha256(engine_file["path"])
    assert sha256(local_file["sidecar"]) == sha256(engine_file["sidecar"])
    assert Path(local_file["path"]).parent == (tmp_path / "here").resolve()
    assert local["paths"] == [local_file["path"]] and local_file["remote_path"] == engine_file["path"]
    assert not [p for p in (tmp_path / "here").iterdir() if p.name.startswith(".")]  # no temp files left


def test_fetch_in_small_chunks_and_refusals(remote, keys, tmp_path, monkeypatch):
    import bridge.fetch

    with allowed_client(remote, keys) as client:
        done = client.generate({**QUICK, "seed": 6})
        path = done["paths"][0]
        monkeypatch.setattr(bridge.fetch, "CHUNK_BYTES", 1000)  # the engine's chunks: many round trips
        reply, data = client.fetch_chunk(path, 0)
        assert reply["size"] == Path(path).stat().st_size > 1000 and len(data) == 1000 and not reply["eof"]
        for bad, code in (("/etc/passwd", "not_found"), (str(Path(path).parent / "other.wav"), "not_found"),
                          ("relative.wav", "not_found")):
            with pytest.raises(EngineError) as err:
                client.fetch_chunk(bad, 0)
            assert err.value.code == code and "no finished file" in str(err.value)
        reply = client.call({"op": "fetch", "path": path, "offset": -1})
        assert reply["code"] == "bad_request" and "offset must be a whole number" in reply["message"]
        assert sha256(fetch_file(client, path, tmp_path)) == sha256(path)
        with pytest.raises(EngineError, match="already exists; not overwritten"):
            fetch_file(client, path, tmp_path)


def test_remote_clients_write_only_under_out(remote, keys):
    with allowed_client(remote, keys) as client:
        for out_dir in (str(Path.home()), "/etc", "/tmp"):
            reply = client.call({"op": "generate", **QUICK, "out_dir": out_dir})
            assert reply["event"] == "error" and "outside the folders" in reply["message"], reply
        done = client.generate({**QUICK, "seed": 7, "out_dir": str(remote.config.out_dir / "take")})
    assert Path(done["paths"][0]).parent == (remote.config.out_dir / "take").resolve()


def test_unknown_key_or_no_key_gets_nothing_and_the_engine_keeps_serving(remote, keys):
    made, stranger = keys
    endpoint = remote.endpoints()["zmq"]["requests"]
    strangers = [BridgeClient(endpoint, timeout=0.5, retries=2, server_key=made["server_public"],
                              client_key=stranger["client_secret"]),
                 BridgeClient(endpoint, timeout=0.5, retries=2)]  # plain ZeroMQ, no CURVE at all
    for client in strangers:
        with client, pytest.raises(EngineError) as err:
            client.generate({**QUICK, "id": "intruder"})
        assert err.value.code == "timeout"
    assert "intruder" not in remote.queue.jobs
    with pytest.raises(EngineError, match="are --server-key and --client-key right"):
        with BridgeClient(endpoint, timeout=0.3, retries=1, server_key=made["server_public"],
                          client_key=stranger["client_secret"]) as client:
            client.ping()
    with allowed_client(remote, keys) as client:
        assert client.ping()["event"] == "pong"


HANDSHAKE_FAILED = (zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL
                    | zmq.EVENT_HANDSHAKE_FAILED_AUTH)


def subscriber(svc, server_key=None, client_key=None):
    """A SUB socket on the engine's feed and a monitor that reports how its handshake went."""
    from bridge.remote import secure_client

    sub = zmq.Context.instance().socket(zmq.SUB)
    sub.setsockopt(zmq.LINGER, 0)
    if server_key is not None:
        secure_client(sub, server_key, client_key)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    monitor = sub.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED | HANDSHAKE_FAILED)
    sub.connect(svc.endpoints()["zmq"]["events"])
    return sub, monitor


def handshake(monitor, timeout_s=30) -> int:
    """The socket's first handshake outcome (waited for as an event, not guessed after a sleep)."""
    assert monitor.poll(timeout_s * 1000), "no handshake outcome reported"
    return recv_monitor_message(monitor)["event"]


def local_osc_job(svc, listener, job_id):
    """A local client's job (OSC from loopback: REAPER or Max on the engine's own machine)."""
    import socket

    from pythonosc.osc_message_builder import OscMessageBuilder

    builder = OscMessageBuilder(address="/audioldm/generate")
    for arg in ("prompt", "local probe", "seconds", 0.2, "steps", 1, "id", job_id, "reply_port", listener.port):
        builder.add_arg(arg)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender:
        sender.sendto(builder.build().dgram, ("127.0.0.1", svc.transports["osc"].port))


def feed_until(sub, job_id, event="done", timeout_s=60) -> list[dict]:
    """Every event on ``sub`` up to and including ``event`` of ``job_id``."""
    seen = []
    while sub.poll(timeout_s * 1000):
        seen.append(json.loads(sub.recv_multipart()[1]))
        if seen[-1]["id"] == job_id and seen[-1]["event"] == event:
            return seen
    raise AssertionError(f"no {event} of {job_id} on the feed; saw {[(e['event'], e['id']) for e in seen]}")


def test_the_event_feed_is_curve_protected_and_carries_no_keys_jobs(remote, keys, key_b):
    """B subscribes with its own key while A generates: the feed carries local jobs (loopback OSC)
    only; A's prompt and events reach A on its own connection and nobody else. Strangers and
    plain ZeroMQ fail the handshake. PUB is ordered, so a local job sent after A's had ended
    proves that nothing of A's was published (no waiting on silence)."""
    made, stranger = keys
    sockets = {"b": subscriber(remote, made["server_public"], key_b["client_secret"]),
               "stranger": subscriber(remote, made["server_public"], stranger["client_secret"]),
               "plain": subscriber(remote)}
    listener = OscListener()
    try:
        assert handshake(sockets["b"][1]) == zmq.EVENT_HANDSHAKE_SUCCEEDED
        assert handshake(sockets["stranger"][1]) & HANDSHAKE_FAILED
        assert handshake(sockets["plain"][1]) & HANDSHAKE_FAILED
        feed = sockets["b"][0]
        probe = 0
        while not feed.poll(1000):  # a subscription is live once something published arrives
            local_osc_job(remote, listener, f"probe{probe}")
            probe += 1
            assert probe < 60, "the feed never carried a local job"
        with allowed_client(remote, keys) as a:
            events = list(a.events({**QUICK, "seed": 8, "id": "a-private", "prompt": "a's unreleased hook"}))
        assert [e["event"] for e in events][0] == "accepted" and events[-1]["event"] == "done"  # A hears all
        local_osc_job(remote, listener, "fence")
        seen = feed_until(feed, "fence")
        assert not [e for e in seen if e["id"] == "a-private" or "unreleased" in json.dumps(e)]
        assert [e["event"] for e in seen if e["id"] == "fence"][0] == "accepted"
        assert not sockets["stranger"][0].poll(0) and not sockets["plain"][0].poll(0)
    finally:
        listener.close()
        for sub, monitor in sockets.values():
            sub.disable_monitor()
            monitor.close(0)
            sub.close(0)


BLOCKER = {"prompt": "a's unreleased hook", "seconds": 0.5, "steps": 500, "priority": "live"}  # runs until cancelled


def test_a_key_cannot_cancel_join_or_see_another_keys_job(remote, keys, key_b):
    made, _ = keys
    with allowed_client(remote, keys) as a:
        a._send({"op": "generate", "id": "a-job", **BLOCKER})
        try:
            wait_for(lambda: "a-job" in remote.queue.snapshot()["running"])
            with client_with(remote, made, key_b["client_secret"]) as b:
                assert b.cancel("a-job") == {"event": "error", "id": "a-job", "code": "not_found",
                                             "message": "no job with id 'a-job'"}  # as if there were none
                assert "a-job" not in b.status()["running"]
                reply = b.call({"op": "generate", "id": "a-job", **BLOCKER})  # the same request: join it?
                assert reply["code"] == "bad_request" and "already used" in reply["message"], reply
            with allowed_client(remote, keys) as a_again:  # the same key on another connection: its own job
                assert "a-job" in a_again.status()["running"]
            assert remote.queue.jobs["a-job"].state == "running" and not remote.queue.jobs["a-job"].cancel_requested
        finally:
            assert a.cancel("a-job")["event"] == "cancelled"
    wait_for(lambda: not remote.queue.snapshot()["running"])


def test_a_key_cannot_fetch_or_edit_another_keys_results(remote, keys, key_b, tmp_path):
    made, _ = keys
    with allowed_client(remote, keys) as a:
        done = a.generate({**QUICK, "seed": 11})
    [take] = done["files"]
    with client_with(remote, made, key_b["client_secret"]) as b:
        for path in (take["path"], take["sidecar"]):
            with pytest.raises(EngineError) as err:
                b.fetch_chunk(path, 0)
            assert err.value.code == "not_found" and "no finished file" in str(err.value)
        reply = b.call({"op": "generate", "prompt": "x", "steps": 1, "init_audio": take["path"],
                        "extend_seconds": 0.2})
        assert reply["code"] == "bad_request" and "outside the folders" in reply["message"], reply
    with allowed_client(remote, keys) as a:  # the owner still can, on any connection
        assert sha256(fetch_file(a, take["sidecar"], tmp_path)) == sha256(take["sidecar"])
        again = a.generate({"prompt": "x", "steps": 1, "init_audio": take["path"], "extend_seconds": 0.2})
    assert Path(again["paths"][0]).is_file()


def test_request_command_fetches_to_a_local_folder(remote, keys, tmp_path, capsys):
    made, _ = keys
    result_file = tmp_path / "result.json"
    code = cli.main(["request", "remote kick", "--seconds", "0.3", "--steps", "1", "--seed", "9",
                     "--engine", remote.endpoints()["zmq"]["requests"], "--server-key", str(made["server_public"]),
                     "--client-key", str(made["client_secret"]), "--fetch-to", str(tmp_path / "local"),
                     "--result-file", str(result_file), "--reply-timeout", "30"])
    assert code == 0, capsys.readouterr().err
    printed = capsys.readouterr().out.split()
    result = json.loads(result_file.read_text())
    assert printed == result["paths"] and Path(printed[0]).parent == (tmp_path / "local").resolve()
    assert sha256(printed[0]) == sha256(result["files"][0]["remote_path"])
    assert Path(result["files"][0]["sidecar"]).is_file()


def test_request_with_one_key_only_is_a_usage_error(capsys):
    assert cli.main(["request", "x", "--seconds", "1", "--server-key", "server.key"]) == 2
    assert "needs both keys" in capsys.readouterr().err


@pytest.mark.parametrize("argv, message", [
    (["serve", "--host", "0.0.0.0", "--model", "tiny"], "requires --curve-secret"),
    (["serve", "--curve-secret", "x.key_secret", "--model", "tiny"], "CURVE needs both"),
    (["serve", "--osc-allow", "10.0.0.0/33", "--model", "tiny"], "--osc-allow '10.0.0.0/33' is not a network"),
])
def test_serve_refuses_to_open_up_without_keys(argv, message, capsys):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    if "--osc-allow" not in message:
        assert "make keys with `audioldm-bridge keygen DIR`" in err


def test_serve_names_a_missing_key_file(tmp_path, capsys):
    assert cli.main(["serve", "--curve-secret", str(tmp_path / "none.key_secret"), "--curve-clients", str(tmp_path),
                     "--model", "tiny", "--zmq-port", "0", "--pub-port", "0", "--osc-port", "0"]) == 2
    assert "does not exist; make keys with `audioldm-bridge keygen DIR`" in capsys.readouterr().err


def test_osc_from_outside_the_allow_list_is_dropped_and_counted(tiny_components, tmp_path):
    from pythonosc.osc_message_builder import OscMessageBuilder

    allow = OscAllowList(["192.168.7.0/24"])
    assert allow.allows("127.0.0.1") and allow.allows("192.168.7.20") and not allow.allows("10.1.2.3")
    ping = OscMessageBuilder(address="/audioldm/ping").build().dgram
    with running_service(tiny_components, tmp_path, osc_allow=("192.168.7.0/24",), elevated=False) as svc:
        osc = svc.transports["osc"]
        for _ in range(3):
            osc.handle_datagram(ping, ("10.1.2.3", 40000))  # as the socket server hands it over
        assert svc.status()["osc_dropped"] == 3
        assert svc.is_remote(("osc", "192.168.7.20", 9000)) and not svc.is_remote(("osc", "127.0.0.1", 9000))
        assert svc.roots_for(("osc", "192.168.7.20", 9000)) == [tmp_path.resolve()]  # remote: --out only
        assert svc.roots_for(("osc", "127.0.0.1", 9000)) is None  # local, not elevated: anywhere its user can
        assert not svc.is_remote(("zmq", b"id", b"dealer"))  # no CURVE: ZeroMQ is loopback-only
