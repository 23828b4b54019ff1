"""Issue 10: outputs confined to allowed roots — resolved paths, symlinks, device names — over the wire too.
Issue 17: a local engine run by its user writes (and reads inputs) wherever that user keeps projects;
remote clients and an engine with elevated rights keep the roots."""

import ctypes
import os
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import soundfile as sf

from bridge.protocol import parse_request
from bridge.security import confine, default_roots, is_elevated, reserved_component
from engine.errors import InvalidInput
from test_service import client_for, running_service


def test_inside_a_root_is_returned_resolved(tmp_path):
    (tmp_path / "a").mkdir()
    assert confine(str(tmp_path / "a" / "new"), [tmp_path]) == (tmp_path / "a" / "new").resolve()
    assert confine(str(tmp_path), [tmp_path]) == tmp_path.resolve()


@pytest.mark.parametrize("value, message", [
    ("relative/dir", "must be an absolute path"),
    ("~/Music", "not relative to a home folder"),
    ("/tmp/../etc", "must not contain '..'"),
    ("/etc", "is outside the folders this engine may use"),
    ("", "non-empty path"),
    ("/x\x00y", "NUL"),
    ("/tmp/CON", "device or reserved name"),
    ("/tmp/proj/nul.txt", "device or reserved name"),
    ("/tmp/proj/LPT1", "device or reserved name"),
    ("/tmp/out.", "device or reserved name"),
])
def test_refused_forms(tmp_path, value, message):
    with pytest.raises(InvalidInput, match=message):
        confine(value, [tmp_path])


def test_a_symlink_that_leads_out_is_refused(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir(), outside.mkdir()
    (root / "escape").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InvalidInput, match="outside the folders"):
        confine(str(root / "escape"), [root])
    with pytest.raises(InvalidInput, match="outside the folders"):
        confine(str(root / "escape" / "deeper" / "new"), [root])
    (root / "inside").symlink_to(root, target_is_directory=True)  # a link that stays inside is fine
    assert confine(str(root / "inside" / "x"), [root]) == (root / "x").resolve()


def test_a_file_or_a_device_is_not_a_folder_and_a_folder_is_not_an_input_file(tmp_path):
    (tmp_path / "f.wav").write_bytes(b"RIFF")
    with pytest.raises(InvalidInput, match="is not a folder"):
        confine(str(tmp_path / "f.wav"), [tmp_path])
    with pytest.raises(InvalidInput, match="is not a regular file"):
        confine(str(tmp_path), [tmp_path], what="init_audio", kind="file", must_exist=True)
    with pytest.raises(InvalidInput, match="init_audio .* does not exist"):
        confine(str(tmp_path / "missing.wav"), [tmp_path], what="init_audio", kind="file", must_exist=True)
    assert confine(str(tmp_path / "f.wav"), [tmp_path], kind="file", must_exist=True) == (tmp_path / "f.wav").resolve()
    if Path("/dev/null").exists():
        with pytest.raises(InvalidInput, match="not a regular file"):
            confine("/dev/null", [Path("/dev")], kind="file", must_exist=True)


def test_reserved_names_any_case_any_extension():
    assert reserved_component("/music/Aux.wav/x") == "Aux.wav"
    assert reserved_component("/music/com9") == "com9"
    assert reserved_component("/music/console/comet/nulls") is None


def test_roots_local_and_remote(tmp_path):
    extra = tmp_path / "extra"
    for elevated in (False, True):
        assert default_roots(tmp_path, [extra], local=False, elevated=elevated) == [tmp_path.resolve()]
    assert default_roots(tmp_path, [extra], elevated=True) == [tmp_path.resolve(), Path.home().resolve(),
                                                               extra.resolve()]
    assert default_roots(tmp_path, [extra], elevated=False) is None  # the user's own engine: anywhere they can


def test_elevation_is_detected_per_platform(monkeypatch):
    if hasattr(os, "geteuid"):
        assert is_elevated() == (os.geteuid() == 0)
    for euid, expected in ((0, True), (1000, False)):
        monkeypatch.setattr(os, "geteuid", lambda euid=euid: euid, raising=False)
        assert is_elevated("posix") is expected
    for answer, expected in ((1, True), (0, False)):
        shell32 = SimpleNamespace(IsUserAnAdmin=lambda answer=answer: answer)
        monkeypatch.setattr(ctypes, "windll", SimpleNamespace(shell32=shell32), raising=False)
        assert is_elevated("nt") is expected
    monkeypatch.delattr(ctypes, "windll")
    assert is_elevated("nt") is True  # cannot tell: keep the roots


def write_take(path):
    sf.write(path, (0.2 * np.sin(np.arange(24000) / 10)).astype(np.float32), 48000)
    return path


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """A project on another drive: outside --out and outside the (test's) home folder."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    project = tmp_path / "Volumes" / "Studio" / "Song"
    project.mkdir(parents=True)
    return project


def test_a_users_own_engine_writes_and_reads_where_their_projects_are(tiny_components, tmp_path, elsewhere):
    take = write_take(elsewhere / "take.wav")
    (elsewhere / "null").symlink_to(os.devnull)
    (elsewhere / "file").write_bytes(b"x")
    with running_service(tiny_components, tmp_path / "out", elevated=False) as svc, client_for(svc) as client:
        done = client.generate({"prompt": "x", "seconds": 0.2, "steps": 1, "out_dir": str(elsewhere / "renders")})
        edited = client.generate({"prompt": "x", "steps": 1, "init_audio": str(take), "repaint_start": 0.1,
                                  "repaint_end": 0.3, "out_dir": str(elsewhere)})
        for field, bad, message in (("out_dir", str(elsewhere / ".." / "x"), "must not contain '..'"),
                                    ("out_dir", str(elsewhere / "NUL"), "device or reserved name"),
                                    ("out_dir", str(elsewhere / "file"), "is not a folder"),
                                    ("out_dir", "relative", "must be an absolute path"),
                                    ("init_audio", str(elsewhere / "null"), "is not a regular file"),
                                    ("init_audio", str(elsewhere), "is not a regular file")):
            reply = client.call({"op": "generate", "prompt": "x", "seconds": 0.2, field: bad})
            assert reply["code"] == "bad_request" and message in reply["message"], (bad, reply)
    assert Path(done["paths"][0]).parent == (elsewhere / "renders").resolve()
    assert Path(edited["paths"][0]).parent == elsewhere.resolve()


def test_an_engine_with_elevated_rights_keeps_the_roots(tiny_components, tmp_path, elsewhere):
    take = write_take(elsewhere / "take.wav")
    with running_service(tiny_components, tmp_path / "out", elevated=True) as svc, client_for(svc) as client:
        for field, value in (("out_dir", str(elsewhere)), ("init_audio", str(take))):
            reply = client.call({"op": "generate", "prompt": "x", "seconds": 0.2, field: value})
            assert reply["code"] == "bad_request" and "outside the folders this engine may use" in reply["message"]
        assert client.generate({"prompt": "x", "seconds": 0.2, "steps": 1})["paths"]
        assert svc.roots_for(("zmq", b"id", b"dealer")) == [(tmp_path / "out").resolve(),
                                                           (tmp_path / "home").resolve()]
    assert [p.name for p in elsewhere.iterdir()] == ["take.wav"]


def test_parse_request_applies_the_roots(tmp_path):
    fields = {"prompt": "x", "seconds": 1}
    assert parse_request({**fields, "out_dir": str(tmp_path / "sub")}, tmp_path, roots=[tmp_path]).render.out_dir \
        == (tmp_path / "sub").resolve()
    with pytest.raises(InvalidInput, match="outside the folders"):
        parse_request({**fields, "out_dir": "/etc"}, tmp_path, roots=[tmp_path])


def test_engine_refuses_out_dir_outside_its_roots_and_allow_out_adds_one(tiny_components, tmp_path):
    out, extra = tmp_path / "out", tmp_path / "extra"
    out.mkdir()
    (out / "link").symlink_to(tmp_path, target_is_directory=True)
    with running_service(tiny_components, out, allow_out=(extra,), elevated=True) as svc, client_for(svc) as client:
        for bad in ("/etc", str(out / "link"), str(tmp_path / "elsewhere")):
            reply = client.call({"op": "generate", "prompt": "x", "seconds": 0.2, "steps": 1, "out_dir": bad})
            assert reply["event"] == "error" and reply["code"] == "bad_request", reply
            assert "outside the folders" in reply["message"]
        done = client.generate({"prompt": "x", "seconds": 0.2, "steps": 1, "out_dir": str(extra / "take")})
    assert Path(done["paths"][0]).parent == (extra / "take").resolve()
    assert not any(p.suffix == ".wav" for p in Path("/etc").iterdir())
    assert not list(tmp_path.glob("*.wav"))
