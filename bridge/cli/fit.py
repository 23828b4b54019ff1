"""``audioldm-bridge fit FILE``: the musical-fit stage on any audio file, with no model loaded.

The file goes through the engine's own post-processing (:func:`engine.deliver.deliver`: fit →
exact length → fades → loudness → written with its sidecar), as a generation's audio does.
``--analyze`` only measures (tempo, beats, downbeat, key: beat times in FILE's own time).
"""

from __future__ import annotations

import argparse
import json
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace

LOCK_CHOICES = ("off", "auto", "on", "report")


def add_fit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="any audio file soundfile reads (wav, flac, ogg, mp3…)")
    p.add_argument("--bpm", type=float, help="the grid's tempo (quarter notes per minute; default: none, no tempo lock)")
    p.add_argument("--bars", type=float, help="output length in bars at --bpm and --time-sig (default: none, see --seconds)")
    p.add_argument("--beats", type=float, help="extra beats, units of the time signature's denominator (default: none)")
    p.add_argument("--seconds", type=float, help="output length in seconds (default: the file's own length)")
    p.add_argument("--time-sig", default="4/4", help="time signature N/D (default 4/4)")
    p.add_argument("--key", help="the song's key, e.g. 'F major', 'D minor', 'F#', 'Bbm' (default: none, no key lock)")
    p.add_argument("--tempo-lock", choices=LOCK_CHOICES, help="default auto with --bpm: warp where the beat is clear")
    p.add_argument("--key-lock", choices=LOCK_CHOICES, help="default auto with --key: shift where the audio is tonal")
    p.add_argument("--stretch", default=None, metavar="METHOD",
                   help="transient (default), wsola, pv, rubberband (needs the GPL extra [rubberband])")
    p.add_argument("--sample-rate", type=int, help="output rate (default: the file's own)")
    p.add_argument("--format", default="wav24", help="wav24, wav16, wav32f or flac (default wav24)")
    p.add_argument("--loudness", default="off", help="off (the file keeps its level), lufs or peak (default off)")
    p.add_argument("--target", type=float, help="LUFS target (default -14) or peak dBFS (default -1)")
    p.add_argument("--out", type=Path, help="output folder (default: your Music folder/audioldm-bridge)")
    p.add_argument("--analyze", action="store_true", help="write no audio: only measure tempo, beats and key")
    p.add_argument("--json", action="store_true", help="print the file's metadata (with --analyze: {\"fit\": …})")
    p.add_argument("--result-file", type=Path,
                   help="write the final event here as JSON, atomically: done (paths, files / fit) or error "
                        "(default: none)")


def cmd_fit(args) -> int:
    from engine.errors import EngineError, InvalidInput

    from ..protocol import failed

    try:
        event, text = (_analyze if args.analyze else _fit_file)(args)
    except EngineError as err:
        _result(args, failed("fit", err))
        raise
    except (OSError, RuntimeError) as err:  # unreadable file, disk full…: named like other engine errors
        failure = InvalidInput(f"cannot fit {str(args.file)!r}: {err}")
        _result(args, failed("fit", failure))
        raise failure from None
    _result(args, event)
    print(text)
    return 0


def _result(args, event: dict) -> None:
    if args.result_file is not None:
        from engine.writer import write_json_atomic

        write_json_atomic(args.result_file, event, replace=True)


def _read(path: Path):
    from engine.audio_in import probe

    import soundfile as sf

    if not path.is_file():
        from engine.errors import InvalidInput

        raise InvalidInput(f"FILE {str(path)!r} is not a file")
    probe(path)  # an unreadable file is named
    audio, rate = sf.read(str(path), dtype="float64", always_2d=True)
    audio = audio[:, 0] if audio.shape[1] == 1 else (audio if audio.shape[1] == 2 else audio.mean(axis=1))
    return audio, rate


def _length(args, file_seconds: Fraction):
    from engine.errors import InvalidInput
    from engine.length import MusicalLength, exact, parse_time_signature

    if args.seconds is not None and (args.bars is not None or args.beats is not None):
        raise InvalidInput("give either --seconds or --bars/--beats, not both")
    if args.bars is not None or args.beats is not None:
        if args.bpm is None:
            raise InvalidInput("--bars/--beats need --bpm")
        return MusicalLength.from_bars(args.bars, args.bpm, args.time_sig, beats=args.beats)
    seconds = MusicalLength.from_seconds(args.seconds).seconds if args.seconds is not None else file_seconds
    if args.bpm is None:
        return MusicalLength(seconds=seconds)
    MusicalLength.from_bars(1, args.bpm, args.time_sig)  # bpm and time signature checked
    return MusicalLength(seconds=seconds, bpm=exact(args.bpm, "bpm"),
                         time_signature=parse_time_signature(args.time_sig))


def _settings(args, length, analyze: bool):
    from engine.errors import InvalidInput
    from engine.fit import settings_for

    settings = settings_for(args.tempo_lock, args.key, args.key_lock, length)
    if settings is None:
        raise InvalidInput("nothing to fit: give --bpm (tempo) and/or --key")
    if analyze:  # measure only
        settings.tempo_lock = "report" if settings.tempo_lock != "off" else "off"
        settings.key_lock = "report" if settings.key_lock != "off" else "off"
    if args.stretch is not None:
        from engine.stretch import check_method

        settings.method = check_method(args.stretch)
    return settings


def _analyze(args):
    from engine.fit import describe, fit

    audio, rate = _read(args.file)
    length = _length(args, Fraction(len(audio), rate))
    fitted = fit(audio, rate, _settings(args, length, analyze=True))
    info = describe(fitted, 0, rate, len(audio))
    event = {"event": "done", "id": "fit", "paths": [], "files": [], "fit": info}
    return event, json.dumps({"fit": info}) if args.json else _summary(info)


def _summary(info: dict) -> str:
    lines = []
    if "tempo" in info:
        t = info["tempo"]
        lines.append(f"tempo: {t['detected_bpm']} BPM (confidence {t['confidence']}), {len(t['beats_s'])} beats, "
                     f"first downbeat at {t['downbeat_s']} s; {t['action']}: {t['reason']}")
    if "key" in info:
        k = info["key"]
        lines.append(f"key: {k['detected']} (confidence {k['confidence']}), {k['semitones']:+d} semitones to "
                     f"{k['target']}; {k['action']}: {k['reason']}")
    return "\n".join(lines)


def _fit_file(args):
    from engine.deliver import deliver
    from engine.request import RenderRequest

    from .options import default_out_dir

    from ..protocol import done

    audio, rate = _read(args.file)
    length = _length(args, Fraction(len(audio), rate))
    request = RenderRequest(prompt=f"fit of {args.file.name}", length=length, out_dir=args.out or default_out_dir(),
                            sample_rate=args.sample_rate or rate, channels=1 if audio.ndim == 1 else 2,
                            format=args.format, loudness=args.loudness, target=args.target,
                            tempo_lock=args.tempo_lock, key=args.key, key_lock=args.key_lock,
                            name_hint=f"{args.file.stem}-fit", seeds=[0])
    request.check_inputs()
    request.fit = _settings(args, length, analyze=False)
    n = request.output_samples()
    extra = {"source_file": str(args.file.resolve())}
    needed = n * rate / request.sample_rate
    if len(audio) < needed and (request.fit.tempo_lock not in ("auto", "on")):
        import numpy as np

        pad = int(np.ceil(needed)) - len(audio)  # shorter than asked and not warped: silence after it
        audio = np.concatenate([audio, np.zeros((pad,) + audio.shape[1:])])
        extra["note"] = f"the file is {pad / rate:.3f} s shorter than the length asked: silence was added"
    components = SimpleNamespace(model_id=None, is_test_model=False, device="none", dtype_name=None)
    written = deliver(request, audio, 0, 0, components, extra=extra, source_rate=rate)
    event = done("fit", [written.as_dict()])
    return event, json.dumps(written.as_dict()) if args.json else str(written.path)
