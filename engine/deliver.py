"""One 16 kHz waveform → a published DAW-ready file and its JSON sidecar.

The post-processing chain, one stage per module:

    stitch (init_audio: a repaint/extend) or resample → align (onset to sample 0) → loop or fades
    (edit) → loudness → stage, measure and publish with the sidecar (writer)

:func:`deliver` runs it for one variation of a :class:`~engine.request.RenderRequest`; the
sidecar's metadata is built here too (:func:`metadata`).
"""

from __future__ import annotations

import datetime as _dt
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

from . import __version__
from .edit import apply_fades, fit_length, loop_crossfade_samples, make_loop
from .errors import EngineError
from .init_audio import stitch
from .length import MODEL_RATE
from .loudness import LoudnessReport, integrated_lufs, normalize, true_peak_dbtp
from .prompts import name_tag
from .request import RenderRequest
from .resample import resample
from .writer import clean_stale_parts_once, output_name, publish_with_sidecar, stage_audio

#: A fresh random suffix is tried this many times when a file name is taken.
NAME_ATTEMPTS = 8
#: Rounding to 16/24-bit can lift a sample at the ceiling by half a step (0.0003 dB at 16 bit);
#: aiming this much lower keeps the *file's* true peak under the ceiling.
_QUANTIZATION_MARGIN_DB = {"wav16": 0.01, "wav24": 0.001, "flac": 0.001, "wav32f": 0.0}


@dataclass
class RenderedFile:
    """One written file and the metadata of its sidecar."""

    path: Path
    sidecar: Path
    metadata: dict

    def as_dict(self) -> dict:
        """What clients get: both paths plus the sidecar data."""
        return {"path": str(self.path), "sidecar": str(self.sidecar), **self.metadata}


def deliver(request: RenderRequest, wave16k: np.ndarray, seed: int, variation: int, components,
            sampling_seconds: float = 0.0, extra: dict | None = None, source_rate: int = MODEL_RATE) -> RenderedFile:
    """Post-process one 16 kHz waveform (or one at ``source_rate``: ``audioldm-bridge fit``) into a
    written file with its sidecar.

    ``components`` (:class:`~engine.models.AudioLDMComponents`) only names the model, device and
    dtype in the metadata."""
    timings = {"sampling": sampling_seconds}
    clock = time.perf_counter()

    def lap(stage):
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    rate, n = request.sample_rate, request.output_samples()
    mode, extra = request.edit_mode(), dict(extra or {})
    aim_dbtp = request.ceiling_dbtp - _QUANTIZATION_MARGIN_DB[request.format]
    keep_take = mode in ("repaint", "extend") and request.loudness == "off"
    # 1. To the output rate: a repaint/extend stitched into the input's own samples, else resampled,
    #    aligned on its onset and cut to the exact length as a loop or with fades.
    if mode in ("repaint", "extend"):
        # loudness off: the take keeps its own samples, so only the model's audio is limited
        stitched = stitch(request.plan, request.prepared, wave16k, rate, n, request.channels,
                          ceiling_dbtp=aim_dbtp if keep_take else None)
        audio = stitched.audio
        span = stitched.span if keep_take else (0, n)
        lap("resample")
        # the input's own start (and a repaint's end) are kept as they are: no fades there
        audio = apply_fades(audio, rate, 0.0, request.fade_out_ms if mode == "extend" else 0.0)
    else:
        audio = resample(wave16k, source_rate, rate)
        lap("resample")
        preroll = loop_crossfade_samples(n, rate) if request.loop else 0
        origin, fitted = preroll, None  # origin: the sample that becomes the file's sample 0
        if request.fit is not None:  # musical fit: beats onto the grid, first downbeat after the pre-roll; key
            from .fit import fit

            fitted = fit(audio, rate, request.fit, lead=preroll, out_len=n + preroll)
            audio = fitted.audio
            lap("fit")
        if request.align == "onset" and fitted is not None and fitted.start is not None:
            extra["align"] = {"mode": "onset", "shift_s": 0.0, "note": "the tempo lock put the first downbeat on sample 0"}
        elif request.align == "onset":
            from .align import find_alignment

            onset, extra["align"] = find_alignment(audio, rate, n)
            if onset is not None:
                # a loop's pre-roll (what its end crossfades into) is the audio just before the onset
                preroll = min(preroll, onset)
                audio = audio[onset - preroll:]
                origin = onset
            if request.loop:
                extra["align"]["loop_crossfade_ms"] = round(preroll * 1000 / rate, 3)
            lap("align")
        if request.loop:
            audio = make_loop(audio, n, rate, preroll=preroll)
        else:
            audio = apply_fades(fit_length(audio, n), rate, request.fade_in_ms, request.fade_out_ms)
        if fitted is not None:  # beat times as they are in the delivered file
            from .fit import describe

            extra["fit"] = describe(fitted, origin, rate, n)
    if request.align == "onset":
        from .align import describe_rhythm

        extra["align"].update(describe_rhythm(audio, rate))
    if request.channels == 2 and audio.ndim == 1:  # before loudness: BS.1770 sums channels, so measure what is written
        audio = np.stack([audio, audio], axis=1)
    lap("edit")
    # 2. Loudness and the true-peak ceiling (a take kept as it is: its own level, the model's audio limited).
    if keep_take:
        reduction = stitched.gain_reduction_db
        report = LoudnessReport("off", None, None, None, 0.0, reduction > 0, reduction_db=reduction)
    else:
        audio, report = normalize(audio, rate, mode=request.loudness, target=request.target,
                                  ceiling_dbtp=request.ceiling_dbtp, circular=request.loop,
                                  headroom_db=_QUANTIZATION_MARGIN_DB[request.format])
    if mode in ("repaint", "extend"):  # where the ceiling was held, and what it took
        extra["limiter"] = {"span_s": [span[0] / rate, span[1] / rate], "ceiling_dbtp": request.ceiling_dbtp,
                            "gain_reduction_db": round(report.reduction_db, 3)}
    lap("loudness")

    # 3. Stage the file, measure what it holds, publish it with its sidecar under a free name.
    out_dir = Path(request.out_dir).expanduser()
    out_dir.mkdir(parents=True, exist_ok=True)
    clean_stale_parts_once(out_dir)  # what an engine killed while writing here left behind
    staged = stage_audio(out_dir, audio, rate, request.format)
    try:
        # The sidecar states what the file on disk measures (after quantization), as a meter would.
        written, _ = sf.read(staged, dtype="float64", always_2d=False)
        measured = {"lufs": _finite_or_none(integrated_lufs(written, rate)),
                    "true_peak_dbtp": _finite_or_none(true_peak_dbtp(written, rate, circular=request.loop))}
        peak = measured["true_peak_dbtp"]
        if keep_take and peak is not None and peak > request.ceiling_dbtp:
            report.note = (f"the take's own samples are kept outside the regenerated "
                           f"{span[0] / rate:.3f}..{span[1] / rate:.3f} s: they peak over the "
                           f"{request.ceiling_dbtp:g} dBTP ceiling, which holds for the new audio")
        lap("write")
        for _ in range(NAME_ATTEMPTS):
            short_id = name_tag(request, variation) + uuid.uuid4().hex[:6]  # a sweep's files sort in order
            path = out_dir / output_name(request.prompt, seed, short_id, request.format, name_hint=request.name_hint)
            meta = {**metadata(request, components, path, seed, variation, report, measured, written.shape[0],
                               timings), **extra}
            try:
                path, sidecar = publish_with_sidecar(staged, path, meta)
                break
            except FileExistsError:
                continue  # the name is taken: nothing was published; another suffix
        else:
            raise EngineError(f"could not find a free file name in {out_dir} after {NAME_ATTEMPTS} tries",
                              code="internal")
    finally:
        staged.unlink(missing_ok=True)
    return RenderedFile(path=path, sidecar=sidecar, metadata=meta)


def metadata(request: RenderRequest, components, path, seed, variation, report, measured, samples,
             timings) -> dict:
    """The sidecar of one file: the request, the model, what the file measures and what each stage took."""
    c = components
    meta = {
        "file": path.name,
        "prompt": request.prompt,
        "negative_prompt": request.negative_prompt,
        "seed": seed,
        "variation": variation,
        "steps": request.steps,
        "guidance": request.guidance,
        "eta": request.eta,
        "scheduler": request.scheduler,
        "model": c.model_id,
        "test_model": c.is_test_model,
        **request.length.as_dict(),
        "samples": samples,
        "sample_rate": request.sample_rate,
        "channels": request.channels,
        "format": request.format,
        "loop": request.loop,
        **edit_metadata(request),
        "loudness_mode": report.mode,
        "loudness_target": report.target,
        "true_peak_ceiling_dbtp": request.ceiling_dbtp,
        **measured,
        "gain_db": report.gain_db,
        "limited": report.limited,
        "loudness_note": report.note,
        "device": str(c.device),
        "dtype": c.dtype_name,
        "timings_s": {k: round(v, 6) for k, v in timings.items()},
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds"),
        "engine": f"audioldm-bridge {__version__}",
    }
    if c.is_test_model:
        from .tiny import TEST_MODEL_LABEL

        meta["note"] = TEST_MODEL_LABEL
    return meta


def edit_metadata(request: RenderRequest) -> dict:
    """A transfer/repaint/extend's part of the sidecar (empty for a plain generation)."""
    mode = request.edit_mode()
    if mode is None:
        return {}
    meta = {"edit": mode, "init_audio": str(request.init_audio), "strength": request.strength,
            "init_seconds": float(request.plan.input_seconds)}
    if request.init_frames[0] or request.init_end is not None:
        first, stop = request.init_frames
        meta["init_range"] = [first / request.init_rate, stop / request.init_rate]
    if mode == "repaint":
        meta["repaint"] = [float(request.plan.region[0]), float(request.plan.region[1])]
    if mode == "extend":
        meta["extend"] = request.extend.as_dict()
    if mode in ("repaint", "extend"):
        meta["context_s"] = [round(s, 4) for s in request.plan.context_seconds]
    return meta


def _finite_or_none(value: float) -> float | None:
    return value if np.isfinite(value) else None
