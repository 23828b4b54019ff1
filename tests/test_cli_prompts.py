"""The CLI's way between prompts: `generate`/`request` --morph-to TEXT --morph AMOUNT --sweep N --audio-prompt FILE."""

import json

import numpy as np
import soundfile as sf

from bridge.cli import build_parser, main
from bridge.cli.fields import request_fields

COMMON = ["--seconds", "0.32", "--steps", "2", "--seed", "8", "--model", "tiny", "--device", "cpu", "--json"]


def generate(args, tmp_path, capsys):
    code = main(["generate", *args, *COMMON, "--out", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)["files"]


def test_generate_morphs_and_sweeps(tmp_path, capsys):
    [plain] = generate(["rain on a tin roof"], tmp_path, capsys)
    [at0] = generate(["rain on a tin roof", "--morph-to", "distant thunder", "--morph", "0"], tmp_path, capsys)
    assert np.array_equal(sf.read(at0["path"])[0], sf.read(plain["path"])[0])
    assert at0["morph"] == {"to": "distant thunder", "amount": 0.0}
    sweep = generate(["rain on a tin roof", "--morph-to", "distant thunder", "--sweep", "3"], tmp_path, capsys)
    assert [f["morph"]["amount"] for f in sweep] == [0, 0.5, 1] and {f["seed"] for f in sweep} == {8}
    assert [f["path"] for f in sweep] == sorted(f["path"] for f in sweep)
    assert json.loads(open(sweep[1]["sidecar"]).read())["prompts"] == [
        {"text": "rain on a tin roof", "weight": 0.5}, {"text": "distant thunder", "weight": 0.5}]


def test_an_audio_prompt_the_model_cannot_hear_is_refused_in_one_line(tmp_path, capsys):
    sound = tmp_path / "bell.wav"
    sf.write(sound, np.zeros(4800, np.float32), 48000)
    code = main(["generate", "bell", "--audio-prompt", str(sound), *COMMON, "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    assert "audio_prompt needs a CLAP audio tower" in err and "mismatched space" in err
    assert list(tmp_path.glob("bell_*.wav")) == []


def test_request_sends_the_blend_fields(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bell.wav").write_bytes(b"")
    args = build_parser().parse_args(["request", "rain", "--seconds", "1", "--morph-to", "thunder", "--morph", "0.3",
                                      "--sweep", "4", "--audio-prompt", "bell.wav"])
    fields = request_fields(args)
    assert fields["morph_to"] == "thunder" and fields["morph"] == 0.3 and fields["sweep"] == 4
    assert fields["audio_prompt"] == str(tmp_path / "bell.wav")  # absolute, as the engine wants
