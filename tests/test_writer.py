import errno
import json
import os
import stat
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from engine import writer
from engine.errors import InvalidInput
from engine.writer import (
    FORMATS,
    check_format,
    output_name,
    publish_with_sidecar,
    sidecar_path,
    slugify,
    stage_audio,
    write_json_atomic,
)

RATE = 48000


def _audio(channels=1, n=4800, seed=0):
    x = 0.5 * np.random.default_rng(seed).uniform(-1, 1, (n, channels))
    return x[:, 0] if channels == 1 else x


def _listing(folder: Path):
    return sorted(p.name for p in folder.iterdir())


def write_audio(path: Path, data, rate: int, fmt: str) -> Path:
    """Audio written as the engine writes it: staged under a hidden name in its folder, then
    published under ``path`` together with its sidecar (both or neither)."""
    staged = stage_audio(path.parent, data, rate, fmt)
    try:
        return publish_with_sidecar(staged, path, {"file": path.name})[0]
    finally:
        staged.unlink(missing_ok=True)


def _published(path: Path) -> list[str]:
    """What a published audio file leaves in its folder: itself and its sidecar."""
    return sorted([path.name, sidecar_path(path).name])


# Audio files

@pytest.mark.parametrize(
    "fmt,subtype,ext,tolerance",
    [
        ("wav24", "PCM_24", ".wav", 2**-23),
        ("wav16", "PCM_16", ".wav", 2**-15),
        ("wav32f", "FLOAT", ".wav", 0),
        ("flac", "PCM_24", ".flac", 2**-23),
    ],
)
@pytest.mark.parametrize("channels", [1, 2])
def test_audio_round_trip(tmp_path, fmt, subtype, ext, tolerance, channels):
    data = _audio(channels).astype(np.float32)
    path = tmp_path / f"clip{ext}"
    assert write_audio(path, data, RATE, fmt) == path
    info = sf.info(str(path))
    assert info.samplerate == RATE and info.channels == channels and info.subtype == subtype
    assert info.format == FORMATS[fmt][0] and info.frames == len(data)
    back, rate = sf.read(str(path), dtype="float32", always_2d=False)
    assert rate == RATE
    np.testing.assert_allclose(back, data, atol=tolerance)
    assert _listing(tmp_path) == _published(path)  # no temp file left behind


def test_integer_formats_clip_overs_instead_of_wrapping(tmp_path):
    path = tmp_path / "loud.wav"
    write_audio(path, np.array([1.5, -1.5, 0.5]), RATE, "wav16")
    back, _ = sf.read(str(path))
    np.testing.assert_allclose(back, [32767 / 32768, -1.0, 0.5], atol=1 / 32768)


def test_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "taken.wav"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        write_audio(path, _audio(), RATE, "wav24")
    assert path.read_bytes() == b"precious"
    assert _listing(tmp_path) == ["taken.wav"]


def test_second_write_to_same_name_fails(tmp_path):
    path = tmp_path / "a.flac"
    write_audio(path, _audio(seed=1), RATE, "flac")
    before = path.read_bytes()
    with pytest.raises(FileExistsError):
        write_audio(path, _audio(seed=2), RATE, "flac")
    assert path.read_bytes() == before
    assert _listing(tmp_path) == _published(path)


def test_publish_refuses_a_name_taken_after_the_early_check(tmp_path):
    # Another writer may take the name while we write the temp file; publishing must not replace it.
    tmp, taken = tmp_path / ".tmp", tmp_path / "taken.wav"
    tmp.write_bytes(b"new")
    taken.write_bytes(b"first")
    with pytest.raises(FileExistsError):
        writer._publish(str(tmp), taken)
    assert taken.read_bytes() == b"first"


def test_failure_mid_write_leaves_nothing(tmp_path):
    # FLAC holds at most 8 channels: libsndfile fails after the temp file was created.
    with pytest.raises(sf.LibsndfileError):
        write_audio(tmp_path / "nine.flac", np.zeros((100, 9)), RATE, "flac")
    assert _listing(tmp_path) == []


def _on_file_fsync(monkeypatch, action):
    """Run ``action()`` when the writer syncs a regular file: its bytes are all written, and (for
    an atomic writer) it is not yet published. Folder syncs pass through untouched."""
    real_fsync = os.fsync

    def fsync(fd):
        if stat.S_ISREG(os.fstat(fd).st_mode):
            action()
        return real_fsync(fd)

    monkeypatch.setattr(writer.os, "fsync", fsync)


@pytest.mark.parametrize("kind", ["audio", "json"])
def test_nothing_is_visible_under_a_real_name_until_the_file_is_complete(tmp_path, monkeypatch, kind):
    path = tmp_path / ("clip.wav" if kind == "audio" else "clip.json")
    seen_while_writing = []
    _on_file_fsync(monkeypatch, lambda: seen_while_writing.append(
        [name for name in _listing(tmp_path) if not name.startswith(".")]))
    if kind == "audio":
        write_audio(path, _audio(n=48000), RATE, "wav24")
        assert sf.info(str(path)).frames == 48000
    else:
        write_json_atomic(path, {"samples": 48000})
        assert json.loads(path.read_text()) == {"samples": 48000}
    # Synced (audio: the audio, then its sidecar) while only hidden temp names existed; afterwards
    # exactly the final name(s).
    assert seen_while_writing == ([[], []] if kind == "audio" else [[]])
    assert _listing(tmp_path) == (_published(path) if kind == "audio" else [path.name])


def test_a_name_taken_while_writing_is_not_replaced(tmp_path, monkeypatch):
    """Another writer publishes the same name while ours is being written (after the early
    exists() check): publishing must fail rather than replace its file, and leave no temp file."""
    path = tmp_path / "taken.wav"
    _on_file_fsync(monkeypatch, lambda: path.write_bytes(b"the other writer's take"))
    with pytest.raises(FileExistsError):
        write_audio(path, _audio(), RATE, "wav24")
    assert path.read_bytes() == b"the other writer's take"
    assert _listing(tmp_path) == ["taken.wav"]


def test_a_disk_full_after_bytes_were_written_leaves_nothing(tmp_path, monkeypatch):
    def half_then_disk_full(file, *args, **kwargs):
        file.write(b"RIFF" + bytes(10000))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer.sf, "write", half_then_disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_audio(tmp_path / "x.wav", _audio(), RATE, "wav24")
    assert _listing(tmp_path) == []


def test_a_failing_sync_leaves_nothing(tmp_path, monkeypatch):
    def io_error():
        raise OSError(errno.EIO, "I/O error")

    _on_file_fsync(monkeypatch, io_error)
    with pytest.raises(OSError, match="I/O error"):
        write_json_atomic(tmp_path / "a.json", {"v": 1})
    assert _listing(tmp_path) == []


def test_without_hard_links_falls_back_to_rename(tmp_path, monkeypatch):
    # Simulates FAT/exFAT or a network mount, where link() fails with EPERM.
    def no_links(src, dst):
        raise OSError(errno.EPERM, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "x.wav"
    write_audio(path, _audio(), RATE, "wav24")
    assert sf.info(str(path)).frames == 4800
    with pytest.raises(FileExistsError):
        write_audio(path, _audio(seed=5), RATE, "wav24")
    assert _listing(tmp_path) == _published(path)


@pytest.mark.parametrize(
    "kwargs,bad",
    [
        ({"fmt": "mp3"}, "mp3"),
        ({"rate": 0}, "0"),
        ({"data": np.zeros((2, 2, 2))}, r"\(2, 2, 2\)"),
        ({"data": np.zeros(5, np.int16)}, "int16"),
    ],
)
def test_write_audio_rejects_bad_input(tmp_path, kwargs, bad):
    args = {"data": _audio(), "rate": RATE, "fmt": "wav24"} | kwargs
    with pytest.raises(InvalidInput, match=bad):
        write_audio(tmp_path / "bad.wav", **args)
    assert _listing(tmp_path) == []


# JSON sidecars

def test_json_round_trip(tmp_path):
    obj = {"prompt": "pluie sur un toit de tôle ☔", "seed": 1234, "lufs": None}
    path = write_json_atomic(tmp_path / "a.json", obj)
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "tôle ☔" in text and '\n  "seed": 1234' in text
    assert json.loads(text) == obj
    assert _listing(tmp_path) == ["a.json"]


def test_json_never_overwrites(tmp_path):
    path = tmp_path / "a.json"
    write_json_atomic(path, {"v": 1})
    with pytest.raises(FileExistsError):
        write_json_atomic(path, {"v": 2})
    assert json.loads(path.read_text()) == {"v": 1}
    assert _listing(tmp_path) == ["a.json"]


def test_json_refuses_nan_and_leaves_nothing(tmp_path):
    with pytest.raises(ValueError):
        write_json_atomic(tmp_path / "a.json", {"lufs": float("nan")})
    assert _listing(tmp_path) == []


def test_sidecar_path():
    assert sidecar_path("/out/rain_1_ab12.wav") == Path("/out/rain_1_ab12.json")
    assert sidecar_path(Path("x.flac")) == Path("x.json")


# Names

@pytest.mark.parametrize(
    "text,expected",
    [
        ("Rain on a tin roof", "rain-on-a-tin-roof"),
        ("  Café -- crème brûlée!! ", "cafe-creme-brulee"),
        ("../../x", "x"),
        ("/etc/passwd", "etc-passwd"),
        ("a/b", "a-b"),
        ("C:\\x", "c-x"),
        ("..", "untitled"),
        (".hidden", "hidden"),
        ("", "untitled"),
        ("☔🎵", "untitled"),
        ("CON", "con-audio"),
        ("nul", "nul-audio"),
        ("com1", "com1-audio"),
        ("console", "console"),
        ("x" * 50, "x" * 40),
        ("word " * 20, "-".join(["word"] * 8)),
    ],
)
def test_slugify(text, expected):
    slug = slugify(text)
    assert slug == expected
    assert len(slug) <= 40 and Path(slug).name == slug and not slug.startswith((".", "-"))


def test_slugify_cuts_at_word_boundary():
    assert slugify("thunder rolling over distant hills", max_len=20) == "thunder-rolling-over"


def test_slugify_rejects_bad_max_len():
    with pytest.raises(InvalidInput, match="0"):
        slugify("x", max_len=0)


def test_output_name():
    assert output_name("Rain on a tin roof", 1234, "3fa2c1", "wav24") == "rain-on-a-tin-roof_1234_3fa2c1.wav"
    assert output_name("Rain", 7, "ab", "flac") == "rain_7_ab.flac"


@pytest.mark.parametrize("hint", ["../../x", "/etc/passwd", "a/b", "C:\\x", "..\\..\\windows\\system32", "x/../../y"])
def test_name_hint_cannot_escape_the_folder(tmp_path, hint):
    name = output_name("rain", 1, "ab12", "wav16", name_hint=hint)
    assert Path(name).name == name and "/" not in name and "\\" not in name and ":" not in name
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


def test_name_hint_replaces_prompt_and_blank_hint_is_ignored():
    assert output_name("rain", 1, "ab", "wav24", name_hint="My Take") == "my-take_1_ab.wav"
    assert output_name("rain", 1, "ab", "wav24", name_hint="  ") == "rain_1_ab.wav"


@pytest.mark.parametrize(
    "args,bad",
    [
        (("rain", 1, "ab", "ogg"), "ogg"),
        (("rain", "1", "ab", "wav24"), "'1'"),
        (("rain", 1, "../x", "wav24"), "../x"),
        (("rain", 1, "", "wav24"), "''"),
    ],
)
def test_output_name_rejects_bad_fields(args, bad):
    with pytest.raises(InvalidInput, match=bad.replace(".", r"\.")):
        output_name(*args)


def test_check_format():
    assert check_format("flac") == ("FLAC", "PCM_24", ".flac")
    with pytest.raises(InvalidInput, match="aiff"):
        check_format("aiff")


# Permissions and leftovers


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions (Windows has no umask)")
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_written_files_honour_the_umask(tmp_path, engine, umask):
    """Files a user asked for get the permissions any program gives them (0666 less the umask), not
    mkstemp's private 0600: a group sharing a project folder reads them."""
    from engine.length import MusicalLength
    from engine.request import RenderRequest

    previous = os.umask(umask)
    try:
        audio = write_audio(tmp_path / "b.wav", _audio(), RATE, "wav24")
        written = [audio, sidecar_path(audio), write_json_atomic(tmp_path / "a.json", {"v": 1})]
        [out] = engine.render(RenderRequest(prompt="kick", length=MusicalLength.from_seconds(0.2), out_dir=tmp_path,
                                            seed=1, steps=1))
        written += [out.path, out.sidecar]
    finally:
        os.umask(previous)
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path.name


def _part(folder, name, age_s=0.0):
    path = folder / name
    path.write_bytes(b"RIFF")
    if age_s:
        t = path.stat().st_mtime - age_s
        os.utime(path, (t, t))
    return path


def test_stale_part_files_are_removed_and_live_ones_kept(tmp_path):
    """Only the engine's own `.audioldm-*.part` names; stale when an hour old (whoever wrote it), or
    when this machine's process that wrote it is gone. Another machine's fresh part (a shared
    folder) and one a live process is writing stay."""
    import subprocess
    import sys

    host, other = writer._HOST_TAG, "ffffff" if writer._HOST_TAG != "ffffff" else "eeeeee"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(gone.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        stale = [_part(tmp_path, f".audioldm-{other}-123-abcd-aaaaaaaa.part", age_s=7200),
                 _part(tmp_path, ".audioldm-k3j9x_q1.part", age_s=7200),  # an older engine's name
                 _part(tmp_path, f".audioldm-{host}-{dead_pid}-abcd-bbbbbbbb.part"),
                 _part(tmp_path, f".audioldm-{host}-{os.getpid()}-0000-cccccccc.part")]  # an earlier run, same pid
        kept = [_part(tmp_path, f".audioldm-{other}-123-abcd-dddddddd.part"),
                _part(tmp_path, ".audioldm-k3j9x_q2.part"),
                _part(tmp_path, f".audioldm-{host}-{live.pid}-abcd-eeeeeeee.part"),
                writer.stage_audio(tmp_path, _audio(), RATE, "wav24"),  # this process is writing it
                _part(tmp_path, ".other-tool.part", age_s=7200), _part(tmp_path, ".audioldm-x.wav", age_s=7200),
                _part(tmp_path, "take.audioldm-y.part", age_s=7200)]
        (tmp_path / ".audioldm-folder.part").mkdir()
        removed = writer.clean_stale_parts(tmp_path)
    finally:
        live.stdin.close()
        live.wait(30)
    assert sorted(removed) == sorted(stale)
    assert not any(p.exists() for p in stale) and all(p.exists() for p in kept)
    assert (tmp_path / ".audioldm-folder.part").is_dir()
    assert writer.clean_stale_parts(tmp_path / "missing") == []
