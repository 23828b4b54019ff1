"""Issue 12 over a remote engine: input files confined to the allowed roots, and the `upload` op
that brings a client's file through the same ZeroMQ connection (chunked, bounded, checksummed).
Issue 17: the uploads folder has a hard cap and a free-space floor, checked before a byte is
written; each key has its own unfinished uploads and hourly bytes, so one key cannot block another.

Real engines on loopback with the tiny model; a CURVE-secured one stands in for the studio box."""

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import zmq

import bridge.upload
from bridge import cli
from bridge.client import BridgeClient
from bridge.remote import keygen
from bridge.upload import UploadStore, upload_file
from engine.errors import EngineError
from test_service import running_service


def write_loop(path, seconds=0.8, rate=44100):
    t = np.arange(round(seconds * rate)) / rate
    sf.write(path, (0.2 * np.sin(2 * np.pi * 330 * t)).astype(np.float32), rate, subtype="PCM_16")
    return path


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return keygen(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def key_b(keys):
    """A second studio client of the same engine."""
    made = keygen(keys["clients"].parent, client="b")
    return {**keys, "client_secret": made["client_secret"]}


@pytest.fixture(scope="module")
def remote(tiny_components, tmp_path_factory, keys, key_b):
    with running_service(tiny_components, tmp_path_factory.mktemp("engine-out"), curve_secret=keys["server_secret"],
                         curve_clients=keys["clients"], uploads_dir=tmp_path_factory.mktemp("uploads")) as svc:
        yield svc


def client_of(svc, keys, **kw):
    kw.setdefault("timeout", 30)
    return BridgeClient(svc.endpoints()["zmq"]["requests"], server_key=keys["server_public"],
                        client_key=keys["client_secret"], **kw)


class Counting:
    """A client whose upload requests are counted (and optionally answered by a lost reply once)."""

    def __init__(self, client, lose_reply_of=None):
        self.client, self.calls, self.lose = client, [], lose_reply_of

    def upload_chunk(self, message, data):
        self.calls.append((message.get("offset"), None if data is None else len(data)))
        if self.lose is not None and message.get("offset") == self.lose:
            self.lose = None
            self.client.upload_chunk(message, data)  # the engine wrote it; the client never hears back
        return self.client.upload_chunk(message, data)


def test_upload_in_chunks_lands_content_addressed_and_is_sent_once(remote, keys, tmp_path):
    local = write_loop(tmp_path / "loop.wav")
    data = local.read_bytes()
    with client_of(remote, keys) as client:
        counting = Counting(client, lose_reply_of=20000)
        path = upload_file(counting, local, chunk_bytes=10000)
        assert Path(path) == remote.uploads.folder / f"{digest(data)}.wav"
        assert Path(path).read_bytes() == data  # the chunk whose reply was lost is not written twice
        assert counting.calls[0] == (None, None) and len(counting.calls) == 1 + -(-len(data) // 10000)
        again = Counting(client)
        assert upload_file(again, local) == path and again.calls == [(None, None)]  # already there
    assert not list(remote.uploads.folder.glob(".*.part"))


def test_remote_client_transforms_an_uploaded_file_but_cannot_name_engine_paths(remote, keys, tmp_path):
    local = write_loop(tmp_path / "take.wav")
    with client_of(remote, keys) as client:
        reply = client.call({"op": "generate", "prompt": "glass", "steps": 1, "init_audio": str(local)})
        assert reply["code"] == "bad_request" and "outside the folders" in reply["message"]
        assert "upload op" in reply["message"]
        done = client.generate({"prompt": "glass", "steps": 2, "seed": 1, "strength": 0.6,
                                "init_audio": upload_file(client, local)})
    assert sf.info(done["paths"][0]).frames == round(sf.info(local).frames * 48000 / 44100)


def test_request_command_uploads_the_init_audio_to_a_remote_engine(remote, keys, tmp_path, capsys):
    local = write_loop(tmp_path / "loop.wav", seconds=0.5, rate=48000)
    result = tmp_path / "result.json"
    code = cli.main(["request", "glass marimba", "--init-audio", str(local), "--strength", "0.6", "--steps", "2",
                     "--engine", remote.endpoints()["zmq"]["requests"], "--server-key", str(keys["server_public"]),
                     "--client-key", str(keys["client_secret"]), "--fetch-to", str(tmp_path / "here"),
                     "--result-file", str(result), "--reply-timeout", "30"])
    assert code == 0, capsys.readouterr().err
    done = json.loads(result.read_text())
    assert sf.info(done["paths"][0]).frames == 24000 and Path(done["paths"][0]).parent == (tmp_path / "here").resolve()
    sidecar = json.loads(Path(done["files"][0]["sidecar"]).read_text())
    assert sidecar["init_audio"] == str(remote.uploads.folder / f"{digest(local.read_bytes())}.wav")


def raw(svc, keys, *frames):
    """Send frames as they are (a DEALER), return the JSON reply."""
    with client_of(svc, keys) as client:
        client.socket.send_multipart(list(frames))
        assert client.socket.poll(10000)
        return json.loads(client.socket.recv_multipart()[0])


def test_bad_uploads_are_refused_by_name_and_nothing_damaged_is_kept(remote, keys, tmp_path, monkeypatch):
    good = b"RIFF" + bytes(1000)
    base = {"op": "upload", "sha256": digest(good), "size": len(good), "name": "x.wav"}
    cases = [
        ({**base, "sha256": "ABC"}, b"", "sha256: the file's SHA-256 as 64 lowercase hex digits"),
        ({**base, "size": 0}, b"", "size must be a whole number >= 1"),
        ({**base, "size": 10 ** 12}, b"", "over this engine's limit of"),
        ({**base, "offset": 500}, good[500:], "chunk at offset 500, but the engine holds 0 bytes"),
        ({**base, "sha256": digest(b"0123456789"), "size": 10}, b"0123456789!", "past the size 10"),
        ({"op": "ping"}, b"data", "got 2 frames: only an upload carries a frame of bytes, not 'ping'"),
    ]
    for message, data, text in cases:
        reply = raw(remote, keys, json.dumps(message).encode(), data)
        assert reply["event"] == "error" and text in reply["message"], (text, reply)
    damaged = {**base, "sha256": digest(b"something else" + bytes(990))}
    reply = raw(remote, keys, json.dumps(damaged).encode(), good)
    assert reply["code"] == "bad_request" and "arrived damaged" in reply["message"]
    assert not list(remote.uploads.folder.glob(damaged["sha256"] + "*"))
    assert not list(remote.uploads.folder.glob(f".{damaged['sha256']}*.part"))
    # Unfinished uploads are bounded: the next new one is told to wait, an unfinished one still resumes.
    owner = "key:" + zmq.auth.load_certificate(keys["client_public"])[0].decode()
    monkeypatch.setattr(remote.uploads, "max_unfinished", remote.uploads.unfinished(owner) + 2)
    opened = [digest(bytes([k]) * 100) for k in range(2)]
    for sha in opened:
        assert raw(remote, keys, json.dumps({**base, "sha256": sha, "size": 100}).encode())["received"] == 0
    reply = raw(remote, keys, json.dumps({**base, "sha256": digest(b"third"), "size": 5}).encode())
    assert reply["code"] == "busy" and "unfinished uploads (the limit per client)" in reply["message"]
    with client_of(remote, keys) as client:
        for k, sha in enumerate(opened):
            assert client.upload_chunk({**base, "sha256": sha, "size": 100}, bytes([k]) * 100)["path"]
        assert client.ping()["event"] == "pong"  # and the engine kept serving throughout
        # The refused chunks left two uploads open (resumable): finish them, as the key's others count.
        assert client.upload_chunk(base, good)["path"]
        assert client.upload_chunk({**base, "sha256": digest(b"0123456789"), "size": 10}, b"0123456789")["path"]
    assert remote.uploads.unfinished(owner) == 0


def test_local_clients_of_an_elevated_engine_read_inputs_only_inside_the_roots(tiny_components, tmp_path, keys):
    outside = Path("/etc/hostname") if Path("/etc/hostname").is_file() else None
    with running_service(tiny_components, tmp_path / "out", uploads_dir=tmp_path / "uploads", elevated=True) as svc, \
            BridgeClient(svc.endpoints()["zmq"]["requests"], timeout=30) as client:
        if outside is not None:
            reply = client.call({"op": "generate", "prompt": "x", "init_audio": str(outside)})
            assert reply["code"] == "bad_request" and "is outside the folders this engine may use" in reply["message"]
        link = tmp_path / "out" / "sneaky.wav"
        link.parent.mkdir()
        link.symlink_to(outside or "/proc/self/environ")
        reply = client.call({"op": "generate", "prompt": "x", "init_audio": str(link)})
        assert reply["code"] == "bad_request" and "outside the folders" in reply["message"]
        # A result of this engine (in --out) can be edited again, and so can an upload.
        first = client.generate({"prompt": "pad", "seconds": 0.5, "steps": 1, "seed": 3})
        again = client.generate({"prompt": "pad", "steps": 1, "init_audio": first["paths"][0], "repaint_start": 0.1,
                                 "repaint_end": 0.3})
        assert sf.info(again["paths"][0]).frames == 24000
        uploaded = upload_file(client, write_loop(Path(first["paths"][0]).parent.parent / "up.wav"))
        assert Path(uploaded).parent == (tmp_path / "uploads").resolve()


def test_asking_for_an_upload_again_does_not_disturb_jobs_waiting_on_it(remote, keys, tmp_path):
    """The loop used for ten transfers: the second ask is answered from the store, and the first
    transfer, still queued, runs (its input is unchanged)."""
    from bridge import protocol

    local = write_loop(tmp_path / "loop.wav", seconds=0.3)
    with client_of(remote, keys) as client:
        path = upload_file(client, local)
        request = protocol.parse_request({"prompt": "x", "steps": 1, "init_audio": path}, tmp_path, roots=[],
                                         input_also=remote.uploads.holds).render
        assert upload_file(client, local) == path
    remote.engine.prepare(request)  # raises "changed after the request was accepted" if the store touched it
    assert request.init_latents is not None


def test_remote_clients_edit_their_results_and_uploads_not_other_files_in_out(remote, keys):
    with client_of(remote, keys) as client:
        done = client.generate({"prompt": "pad", "seconds": 0.3, "steps": 1, "seed": 2})
        stray = remote.config.out_dir / "someone-elses-take.wav"
        write_loop(stray, seconds=0.3)
        reply = client.call({"op": "generate", "prompt": "x", "steps": 1, "init_audio": str(stray),
                             "extend_seconds": 0.2})
        assert reply["code"] == "bad_request" and "outside the folders" in reply["message"]
        again = client.generate({"prompt": "pad", "steps": 1, "init_audio": done["paths"][0], "extend_seconds": 0.2})
    assert sf.info(again["paths"][0]).frames == round(0.5 * 48000)


def receive_file(store, data: bytes, name="x.wav"):
    message = {"op": "upload", "sha256": digest(data), "size": len(data), "name": name}
    store.receive(message, None)
    return store.receive(message, data)


def test_the_store_prunes_least_recently_used_uploads_and_nothing_else(tmp_path, monkeypatch):
    """--uploads pointed at a folder with other files: they stay; over the size bound the least
    recently used upload goes (not one used within KEEP_RECENT_S); a stale unfinished one is dropped
    at start, a fresh one (another engine's) is not."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "song1.wav").write_bytes(bytes(5000))
    stale, fresh = folder / f".{'a' * 64}.part", folder / f".{'b' * 64}.part"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"y")
    os.utime(stale, (0, 0))
    store = UploadStore(folder, keep_bytes=2500)
    first = Path(receive_file(store, b"1" * 1000)["path"])
    second = Path(receive_file(store, b"2" * 1000)["path"])
    assert first.exists() and second.exists()  # over nothing yet
    assert not stale.exists() and fresh.exists()
    third = Path(receive_file(store, b"3" * 1000)["path"])
    assert first.exists()  # 3000 > 2500 bytes, but all were used within the last hour
    monkeypatch.setattr(bridge.upload, "KEEP_RECENT_S", 0)
    receive_file(store, b"1" * 1000)  # asking for `first` again makes it the most recently used
    fourth = Path(receive_file(store, b"4" * 1000)["path"])
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == sorted(
        ["song1.wav", first.name, fourth.name])
    assert not second.exists() and not third.exists()
    assert not store.holds(folder / "song1.wav") and store.holds(first)


def test_an_idle_unfinished_upload_is_dropped_for_a_new_one(tmp_path, monkeypatch):
    store = UploadStore(tmp_path, max_unfinished=1)
    store.receive({"op": "upload", "sha256": digest(b"abandoned"), "size": 9}, None)
    with pytest.raises(EngineError, match="unfinished uploads") as err:
        store.receive({"op": "upload", "sha256": digest(b"next"), "size": 4}, None)
    assert err.value.code == "busy"
    monkeypatch.setattr(bridge.upload, "PARTIAL_TTL_S", 0)
    assert receive_file(store, b"next")["path"]
    assert not list(tmp_path.glob(f".{digest(b'abandoned')}*.part"))


def test_a_write_that_fails_midway_leaves_the_upload_resumable_and_says_disk_full(tmp_path, monkeypatch):
    store = UploadStore(tmp_path)
    data = bytes(range(256)) * 40
    message = {"op": "upload", "sha256": digest(data), "size": len(data)}
    store.receive(message, None)
    real_open = open

    def full_disk(path, mode="r", *args, **kwargs):
        f = real_open(path, mode, *args, **kwargs)
        if "+" in mode:
            original_write = f.write

            def write(chunk):
                original_write(chunk[: len(chunk) // 2])  # half of it lands, then the disk is full
                raise OSError(errno.ENOSPC, "No space left on device")
            f.write = write
        return f

    monkeypatch.setattr(bridge.upload, "open", full_disk, raising=False)
    with pytest.raises(EngineError) as err:
        store.receive({**message, "offset": 0}, data[:4000])
    assert err.value.code == "disk_full"
    monkeypatch.undo()
    assert store.receive(message, None)["received"] == 0
    store.receive({**message, "offset": 0}, data[:4000])
    done = store.receive({**message, "offset": 4000}, data[4000:])
    assert Path(done["path"]).read_bytes() == data


def test_a_small_file_that_decodes_to_too_much_is_refused_before_reading(tmp_path, monkeypatch):
    import engine.audio_in

    monkeypatch.setattr(engine.audio_in, "MAX_DECODED_SAMPLES", 8 * 48000 - 1)
    sf.write(tmp_path / "many.flac", np.zeros((48000, 8), dtype=np.float32), 48000)
    from bridge import protocol

    with pytest.raises(EngineError, match=r"decodes to 384000 samples \(8 channels at 48000 Hz\)"):
        protocol.parse_request({"prompt": "x", "init_audio": str(tmp_path / "many.flac")}, tmp_path)


def send_bytes(client, data: bytes, name="x.wav") -> str:
    """One whole upload in one chunk; returns the engine's path."""
    message = {"op": "upload", "sha256": digest(data), "size": len(data), "name": name}
    client.upload_chunk(message, None)
    return client.upload_chunk({**message, "offset": 0}, data)["path"]


def store_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir())


def test_one_keys_unfinished_uploads_do_not_block_another_key(remote, keys, key_b, tmp_path):
    """Four 1-byte unfinished uploads used to lock every client out of uploads for 10 minutes."""
    opened, refused = [], None
    with client_of(remote, keys) as a:
        try:
            for k in range(10):
                data = b"unfinished %d" % k
                a.upload_chunk({"op": "upload", "sha256": digest(data), "size": len(data)}, None)
                opened.append(data)
        except EngineError as err:
            refused = err
        assert refused is not None and refused.code == "busy" and "unfinished" in str(refused), opened
        with client_of(remote, key_b) as b:  # another key is not blocked
            path = upload_file(b, write_loop(tmp_path / "b.wav", seconds=0.1))
        assert Path(path).is_file()
        for data in opened:  # A finishes its own (and leaves the shared engine clean)
            assert send_bytes(a, data)


def test_an_upload_flood_stops_at_the_cap_and_one_key_leaves_room_for_others(tiny_components, tmp_path, keys, key_b):
    """84 uploads of 128 MiB in a minute filled 10.7 GB: nothing used in the last hour was pruned.
    Small caps here: 1000-byte files, 6000 bytes per key and hour, 10 000 bytes in the folder."""
    folder = tmp_path / "uploads"
    with running_service(tiny_components, tmp_path / "out", curve_secret=keys["server_secret"],
                         curve_clients=keys["clients"], uploads_dir=folder, uploads_cap_bytes=10_000,
                         upload_bytes_per_hour=6_000) as svc:

        def flood(client, tag):
            sent = 0
            for k in range(50):
                data = (b"%s%03d" % (tag, k)) * 250  # 1000 bytes
                try:
                    send_bytes(client, data)
                except EngineError as err:
                    assert not list(folder.glob(f".{digest(data)}*.part"))  # refused before anything was written
                    return sent, err
                sent += 1
                assert store_bytes(folder) <= 10_000
            raise AssertionError("50 uploads and no refusal")

        with client_of(svc, keys) as a:
            sent, refused = flood(a, b"a")
            assert sent == 6 and refused.code == "busy" and "6000 bytes per hour" in str(refused), (sent, refused)
        with client_of(svc, key_b) as b:
            sent, refused = flood(b, b"b")
            assert sent == 4 and refused.code == "disk_full" and "cap" in str(refused), (sent, refused)
            assert b.ping()["event"] == "pong"
    assert store_bytes(folder) == 10_000


def test_an_upload_is_refused_before_it_would_leave_the_disk_without_room(tmp_path, monkeypatch):
    store = UploadStore(tmp_path / "uploads")
    monkeypatch.setattr(bridge.upload, "MIN_FREE_BYTES", shutil.disk_usage(tmp_path).free + 2 ** 30)
    with pytest.raises(EngineError) as err:
        receive_file(store, b"x" * 1000)
    assert err.value.code == "disk_full" and "free" in str(err.value)
    assert not list((tmp_path / "uploads").iterdir())


def test_a_key_gets_another_keys_upload_only_by_sending_its_bytes(remote, keys, key_b, tmp_path):
    """Content addressing must not let a key that knows a SHA-256 use (and read back) a file it never had."""
    local = write_loop(tmp_path / "a.wav", seconds=0.3)
    data = local.read_bytes()
    with client_of(remote, keys) as a:
        path = upload_file(a, local)
    before = Path(path).stat()
    with client_of(remote, key_b) as b:
        opening = b.upload_chunk({"op": "upload", "sha256": digest(data), "size": len(data), "name": "a.wav"}, None)
        assert opening["path"] is None and opening["received"] == 0
        reply = b.call({"op": "generate", "prompt": "x", "steps": 1, "init_audio": path, "extend_seconds": 0.2})
        assert reply["code"] == "bad_request" and "outside the folders" in reply["message"], reply
        assert upload_file(b, local) == path  # with the bytes, the same file
    after = Path(path).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # untouched: A's jobs still run


@pytest.mark.parametrize("argv, message", [
    (["--uploads-cap-mb", "100"], "--uploads-cap-mb must be at least --max-upload-mb (256) and at most"),
    (["--upload-mb-per-hour", "0"], "--upload-mb-per-hour must be at least --max-upload-mb (256)"),
    (["--max-unfinished-uploads", "0"], "--max-unfinished-uploads must be at least 1, got 0"),
])
def test_serve_refuses_upload_bounds_that_cannot_hold_one_file(argv, message, capsys):
    assert cli.main(["serve", "--model", "tiny", *argv]) == 2
    assert message in capsys.readouterr().err
