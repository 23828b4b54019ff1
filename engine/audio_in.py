"""Audio in: a file → AudioLDM's own mel front end → VAE latents.

The VAE was trained on one exact log-mel (haoheliu/AudioLDM ``audioldm/audio/stft.py`` and
``tools.py``; facts and sources in the project notes), so an input must be turned into exactly that:

* mono-mix (the original keeps channel 0 only; a mix keeps both sides of a stereo take),
  resample to 16 kHz (soxr), remove the mean and scale the peak to 0.5;
* STFT with n_fft 1024, hop 160, a 1024-point periodic Hann window, centred with reflect padding
  (512 samples each side); **magnitude**, not power;
* 64 Slaney-scale, Slaney-normalised mel filters over 0–8000 Hz (librosa's defaults, which the
  original calls positionally; built here by transformers' ``mel_filter_bank``, equal to librosa's
  within 1e-9, so the engine needs no librosa for this);
* natural log of max(x, 1e-5); no mean/std normalisation (the original has none at inference);
* frames = samples / 160 (the STFT's one extra centred frame dropped, as the original's
  ``_pad_spec`` does), a multiple of 4 for the VAE; shape (batch, 1, frames, 64): time on H.

Then ``vae.encode(mel).latent_dist.mode() × scaling_factor`` (the mode, so an edit is
reproducible without spending a generator draw), clipped to ±10 when the encoder blows up as in
the original's NaN guard.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from .errors import InvalidInput
from .length import FRAME_MULTIPLE, HOP_SAMPLES, MODEL_RATE

N_FFT = 1024
WIN_LENGTH = 1024
MEL_BINS = 64
F_MIN, F_MAX = 0.0, 8000.0
LOG_FLOOR = 1e-5
PEAK = 0.5
#: Longest input file read (a REAPER item may be long; the model only ever sees a window of it).
MAX_INPUT_SECONDS = 600
#: Samples (frames × channels) one read may decode: 600 s of 48 kHz stereo, 230 MB as float32.
MAX_DECODED_SAMPLES = MAX_INPUT_SECONDS * 48000 * 2
#: Samples of one latent frame at 16 kHz (4 mel frames × 160): the grid edits snap to.
LATENT_HOP = HOP_SAMPLES * FRAME_MULTIPLE


@dataclass
class InputAudio:
    """A decoded input file: mono float32 at its own rate (what the model hears), and for a stereo
    file its two channels (what a repaint or extend keeps)."""

    path: Path
    audio: np.ndarray
    rate: int
    stereo: np.ndarray | None = None  # (frames, 2)

    @property
    def seconds(self) -> Fraction:
        return Fraction(len(self.audio), self.rate)


def probe(path: Path) -> tuple[int, int, int]:
    """(frames, rate, channels) of an audio file from its header, or InvalidInput naming the file."""
    import soundfile as sf

    try:
        info = sf.info(str(path))
    except (RuntimeError, OSError, sf.LibsndfileError) as err:
        raise InvalidInput(f"init_audio {str(path)!r:.200} is not a readable audio file: {err}") from None
    if info.frames <= 0 or info.samplerate <= 0:
        raise InvalidInput(f"init_audio {str(path)!r:.200} holds no audio")
    return info.frames, info.samplerate, info.channels


def check_range_length(frames: int, rate: int, channels: int = 1) -> None:
    """The limits apply to what is read (a section of a long recording is fine): its duration, and
    what it decodes to — a small compressed file can hold hours of many channels at a huge rate."""
    if frames > MAX_INPUT_SECONDS * rate:
        raise InvalidInput(f"init_audio's range is {frames / rate:.1f} s long; the limit is {MAX_INPUT_SECONDS} s "
                           f"(give init_start/init_end to use a section of a longer file)")
    if frames * channels > MAX_DECODED_SAMPLES:
        raise InvalidInput(f"init_audio's range decodes to {frames * channels} samples ({channels} channels at "
                           f"{rate} Hz); the limit is {MAX_DECODED_SAMPLES} ({MAX_INPUT_SECONDS} s of 48 kHz stereo)")


def read_audio(path: Path, start: int = 0, stop: int | None = None) -> InputAudio:
    """Read frames [start, stop) of any soundfile-readable file (all of it by default), mixed to mono."""
    import soundfile as sf

    frames, rate, channels = probe(path)
    stop = frames if stop is None else stop
    check_range_length(stop - start, rate, channels)
    try:
        data, rate = sf.read(str(path), start=start, stop=stop, dtype="float32", always_2d=True)
    except (RuntimeError, OSError, sf.LibsndfileError) as err:
        raise InvalidInput(f"could not read init_audio {str(path)!r:.200}: {err}") from None
    audio = data.mean(axis=1, dtype=np.float32)
    if not np.isfinite(audio).all():
        raise InvalidInput(f"init_audio {str(path)!r:.200} contains NaN or infinite samples")
    return InputAudio(Path(path), audio, int(rate), data if data.shape[1] == 2 else None)


def to_model_rate(audio: np.ndarray, rate: int) -> np.ndarray:
    from .resample import resample

    return resample(audio, rate, MODEL_RATE)


def prepare_waveform(wave16k: np.ndarray) -> tuple[np.ndarray, float]:
    """The original's level preparation: mean removed, peak scaled to 0.5. Returns (wave, gain)."""
    wave = np.asarray(wave16k, dtype=np.float32)
    wave = wave - wave.mean(dtype=np.float64).astype(np.float32) if len(wave) else wave
    peak = float(np.abs(wave).max()) if len(wave) else 0.0
    gain = PEAK / peak if peak > 1e-6 else 1.0  # silence stays silence, not amplified noise floor
    return (wave * gain).astype(np.float32), gain


@functools.lru_cache(maxsize=None)
def mel_filters() -> np.ndarray:
    """(64, 513) Slaney mel filter bank, as librosa.filters.mel(sr=16000, n_fft=1024, n_mels=64, fmax=8000)."""
    from transformers.audio_utils import mel_filter_bank

    bank = mel_filter_bank(num_frequency_bins=N_FFT // 2 + 1, num_mel_filters=MEL_BINS, min_frequency=F_MIN,
                           max_frequency=F_MAX, sampling_rate=MODEL_RATE, norm="slaney", mel_scale="slaney")
    return np.ascontiguousarray(bank.T, dtype=np.float32)


def log_mel(waves):
    """(batch, samples) 16 kHz waveforms (samples a multiple of 640) → (batch, 1, samples/160, 64) log-mel."""
    import torch

    waves = torch.as_tensor(np.asarray(waves, dtype=np.float32) if not torch.is_tensor(waves) else waves)
    if waves.ndim == 1:
        waves = waves.unsqueeze(0)
    samples = waves.shape[-1]
    if samples == 0 or samples % LATENT_HOP:
        raise InvalidInput(f"the mel front end needs a multiple of {LATENT_HOP} samples, got {samples}")
    waves = waves.float().clamp(-1.0, 1.0)  # as get_mel_from_wav
    spec = torch.stft(waves, n_fft=N_FFT, hop_length=HOP_SAMPLES, win_length=WIN_LENGTH,
                      window=torch.hann_window(WIN_LENGTH, device=waves.device), center=True, pad_mode="reflect",
                      return_complex=True).abs()
    mel = torch.matmul(torch.from_numpy(mel_filters()).to(waves.device), spec)
    mel = torch.log(torch.clamp(mel, min=LOG_FLOOR))
    frames = samples // HOP_SAMPLES
    return mel[..., :frames].transpose(1, 2).unsqueeze(1).contiguous()


def encode_latents(components, mel):
    """(batch, 1, frames, 64) log-mel → scaled VAE latents (batch, 8, frames/4, 16)."""
    import torch

    vae = components.vae
    with torch.inference_mode():
        posterior = vae.encode(mel.to(device=components.device, dtype=components.dtype)).latent_dist
        latents = posterior.mode() * vae.config.scaling_factor
    if latents.abs().max() > 100:  # the original's guard against its encoder's NaN-prone blow-ups
        latents = latents.clamp(-10, 10)
    return latents


def fit_to(wave: np.ndarray, samples: int, loop: bool = True) -> np.ndarray:
    """Exactly ``samples`` of ``wave``: cut, or looped (``loop``) / zero-padded to fill."""
    wave = np.asarray(wave, dtype=np.float32)
    if len(wave) >= samples:
        return wave[:samples].copy()
    if loop and len(wave):
        return np.tile(wave, math.ceil(samples / len(wave)))[:samples]
    return np.pad(wave, (0, samples - len(wave)))
