import numpy as np
import pytest

from engine.errors import InvalidInput
from engine.resample import MAX_RATE, MIN_RATE, check_rate, resample


def _tone(freq, rate, seconds=1.0, amp=0.5):
    t = np.arange(int(rate * seconds)) / rate
    return amp * np.sin(2 * np.pi * freq * t)


@pytest.mark.parametrize(
    "in_rate,out_rate", [(16000, 44100), (16000, 48000), (16000, 96000), (48000, 22050), (44100, 48000)]
)
@pytest.mark.parametrize("n", [1, 7, 16001, 40000])
def test_length_follows_rate_ratio(in_rate, out_rate, n):
    y = resample(np.zeros(n, np.float32), in_rate, out_rate)
    assert abs(len(y) - n * out_rate / in_rate) <= 1
    assert y.dtype == np.float32


@pytest.mark.parametrize("out_rate", [44100, 48000, 96000])
def test_sine_keeps_frequency_and_level(out_rate):
    y = resample(_tone(1000.0, 16000), 16000, out_rate)
    mid = y[out_rate // 10 : -out_rate // 10]  # away from the filter's edge transients
    spectrum = np.abs(np.fft.rfft(mid * np.hanning(len(mid))))
    peak_hz = np.argmax(spectrum) * out_rate / len(mid)
    assert abs(peak_hz - 1000.0) < 2.0
    assert np.sqrt(np.mean(mid.astype(np.float64) ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=1e-3)


def test_stereo_keeps_channels():
    x = np.stack([_tone(1000.0, 16000), -_tone(1000.0, 16000)], axis=1)
    y = resample(x, 16000, 48000)
    assert y.shape == (48000, 2)
    np.testing.assert_allclose(y[:, 0], -y[:, 1], atol=1e-6)


def test_equal_rates_are_identity():
    x = np.random.default_rng(0).standard_normal(1000)
    y = resample(x, 48000, 48000)
    assert y.dtype == np.float32
    np.testing.assert_array_equal(y, x.astype(np.float32))


@pytest.mark.parametrize("rate", [MIN_RATE, 16000, 22050, 44100, 48000, 192000, MAX_RATE, np.int64(96000)])
def test_check_rate_accepts(rate):
    assert check_rate(rate) == rate


def test_every_rate_a_daw_project_may_have_is_accepted():
    """16 kHz is the model's own rate (and a REAPER project's option), 8 kHz telephone audio, 352.8 and
    384 kHz DXD."""
    assert (MIN_RATE, MAX_RATE) == (8000, 384000)
    for rate in (8000, 11025, 16000, 32000, 352800, 384000):
        assert check_rate(rate) == rate


@pytest.mark.parametrize("rate", [MIN_RATE - 1, MAX_RATE + 1, 0, -48000, 48000.0, "48000", True, None])
def test_check_rate_rejects_and_names_value(rate):
    with pytest.raises(InvalidInput, match=repr(rate) if not isinstance(rate, int) else str(rate)):
        check_rate(rate)


@pytest.mark.parametrize("bad", [0, -16000, 16000.5])
def test_resample_rejects_bad_rates(bad):
    with pytest.raises(InvalidInput, match=str(bad)):
        resample(np.zeros(10), bad, 48000)
