"""Issue 10: the remote engine — CURVE keys with a ZAP authenticator on both ZeroMQ sockets, remote
clients confined to --out, `fetch` with checksums, `request --engine … --fetch-to`, OSC allow lists.

A CURVE-secured engine bound to 127.0.0.1 stands in for the studio GPU box (real keys, real
sockets, real files)."""

import hashlib
import json
import time
from pathlib import Path

import pytest
import zmq

from bridge import cli
from bridge.client import BridgeClient
from bridge.fetch import fetch_file, fetch_results
from bridge.remote import OscAllowList, keygen
from engine.errors import EngineError, InvalidInput
from test_service import running_service

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
def remote(tiny_components, tmp_path_factory, keys):
    made, _ = keys
    out = tmp_path_factory.mktemp("engine-out")
    # Not elevated: local clients of this engine may write anywhere, which must not widen what a key may do.
    with running_service(tiny_components, out, curve_secret=made["server_secret"],
                         curve_clients=made["clients"], elevated=False) as svc:
        yield svc


def allowed_client(svc, keys, **kw):
    made, _ = keys
    kw.setdefault("timeout", 30)
    return BridgeClient(svc.endpoints()["zmq"]["requests"], server_key=made["server_public"],
                        client_key=made["client_secret"], **kw)


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


def subscriber(svc, server_key=None, client_key=None):
    from bridge.remote import secure_client

    sub = zmq.Context.instance().socket(zmq.SUB)
    sub.setsockopt(zmq.LINGER, 0)
    if server_key is not None:
        secure_client(sub, server_key, client_key)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.connect(svc.endpoints()["zmq"]["events"])
    return sub


def test_the_event_feed_is_curve_protected_too(remote, keys):
    made, stranger = keys
    allowed = subscriber(remote, made["server_public"], made["client_secret"])
    outsider = subscriber(remote, made["server_public"], stranger["client_secret"])
    plain = subscriber(remote)
    time.sleep(1.0)  # slow joiner (and the CURVE handshake)
    with allowed_client(remote, keys) as client:
        client.generate({**QUICK, "seed": 8, "id": "fed"})
    seen = []
    while allowed.poll(2000):
        seen.append(json.loads(allowed.recv_multipart()[1]))
    assert any(e["event"] == "done" and e["id"] == "fed" for e in seen)
    assert not outsider.poll(500) and not plain.poll(100)
    for sock in (allowed, outsider, plain):
        sock.close()


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
