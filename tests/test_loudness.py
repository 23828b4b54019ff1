import json
import math
from dataclasses import asdict

import numpy as np
import pytest
from scipy.signal import lfilter

from engine.edit import apply_fades
from engine.errors import InvalidInput
from engine.loudness import LoudnessReport, integrated_lufs, normalize, oversampling_factor, true_peak_dbtp

RATE = 48000


def _sine(freq, rate=RATE, seconds=5.0, amp=1.0, phase=0.0):
    t = np.arange(int(rate * seconds)) / rate
    return amp * np.sin(2 * np.pi * freq * t + phase)


def _white(rate=RATE, seconds=5.0, seed=0, level=0.1):
    return level * np.random.default_rng(seed).standard_normal(int(rate * seconds))


def _pink(rate=RATE, seconds=5.0, seed=0):
    # Paul Kellet's economy pink filter (-3 dB/octave within ±0.5 dB over the audio band).
    b = [0.049922035, -0.095993537, 0.050612699, -0.004408786]
    a = [1.0, -2.494956002, 2.017265875, -0.522189400]
    return lfilter(b, a, np.random.default_rng(seed).standard_normal(int(rate * seconds)))


# Measurement

def test_997hz_full_scale_sine_is_minus_3_lufs():
    # BS.1770: a 0 dBFS-peak 997 Hz sine reads -3.01 LKFS (pyloudnorm: about -3.0).
    assert integrated_lufs(_sine(997.0), RATE) == pytest.approx(-3.01, abs=0.05)
    assert true_peak_dbtp(_sine(997.0), RATE) == pytest.approx(0.0, abs=0.05)


def test_stereo_sine_sums_channels():
    x = np.stack([_sine(997.0), _sine(997.0)], axis=1)
    assert integrated_lufs(x, RATE) == pytest.approx(-3.01 + 3.01, abs=0.05)


def test_true_peak_sees_intersample_peak():
    # fs/4 at 45°: every sample sits at ±0.9, the waveform between them peaks at 0.9·√2.
    # Faded in and out: an abrupt start would add (real) Gibbs overshoot at the edges.
    x = apply_fades(_sine(RATE / 4, amp=0.9 * math.sqrt(2), phase=math.pi / 4, seconds=1.0), RATE, 10.0, 10.0)
    assert np.abs(x).max() == pytest.approx(0.9)
    sample_peak_db = 20 * math.log10(0.9)
    tp = true_peak_dbtp(x, RATE)
    assert tp > sample_peak_db + 2.5
    assert tp == pytest.approx(20 * math.log10(0.9 * math.sqrt(2)), abs=0.1)


@pytest.mark.parametrize("rate", [44100, 96000, 192000])
def test_true_peak_other_rates(rate):
    assert true_peak_dbtp(_sine(997.0, rate=rate, seconds=1.0, amp=0.5), rate) == pytest.approx(-6.02, abs=0.05)


def test_short_clip_is_measured_tiled():
    long = integrated_lufs(_white(seconds=5.0), RATE)
    short = integrated_lufs(_white(seconds=0.2), RATE)
    assert short == pytest.approx(long, abs=0.3)


def test_silence_and_sub_gate_audio_are_minus_inf():
    assert integrated_lufs(np.zeros(RATE), RATE) == -math.inf
    assert integrated_lufs(np.zeros(100), RATE) == -math.inf
    assert true_peak_dbtp(np.zeros(RATE), RATE) == -math.inf
    assert integrated_lufs(_white(level=1e-5), RATE) == -math.inf  # about -97 LUFS


# normalize

def _check_normalized(y, rate, target, ceiling=-1.0):
    assert np.all(np.isfinite(y))
    assert integrated_lufs(y, rate) == pytest.approx(target, abs=0.5)
    assert true_peak_dbtp(y, rate) <= ceiling + 1e-6


@pytest.mark.parametrize("rate", [44100, 48000, 96000])
@pytest.mark.parametrize("make", [_white, _pink], ids=["white", "pink"])
def test_noise_normalizes_to_target_under_ceiling(rate, make):
    y, report = normalize(make(rate=rate), rate)
    assert y.dtype == np.float32
    _check_normalized(y, rate, -14.0)
    assert report.measured_lufs == pytest.approx(-14.0, abs=0.5)
    assert report.true_peak_dbtp <= -1.0 + 1e-6
    assert report.note is None


def test_loud_target_needs_limiter_and_both_hold():
    y, report = normalize(_pink(), RATE, target=-10.0)
    assert report.limited
    _check_normalized(y, RATE, -10.0)
    # One limiting pass alone lands ~0.4 LU short; the make-up passes close the gap.
    assert report.measured_lufs == pytest.approx(-10.0, abs=0.15)


def test_stereo_normalizes():
    x = np.stack([_pink(seed=1), _pink(seed=2)], axis=1)
    y, report = normalize(x, RATE, target=-12.0)
    assert y.shape == x.shape
    _check_normalized(y, RATE, -12.0)


def test_short_clip_normalizes_to_target():
    y, report = normalize(_white(seconds=0.2), RATE, target=-20.0)
    assert len(y) == int(0.2 * RATE)
    _check_normalized(y, RATE, -20.0)


def test_unreachable_target_keeps_ceiling_and_says_so():
    y, report = normalize(_pink(), RATE, target=-3.0, ceiling_dbtp=-1.0)
    assert true_peak_dbtp(y, RATE) <= -1.0 + 1e-6
    assert report.limited
    assert report.measured_lufs < -3.5
    assert "not reachable" in report.note


def test_silence_gets_no_gain_and_json_safe_report():
    y, report = normalize(np.zeros(RATE), RATE)
    assert np.all(y == 0) and y.dtype == np.float32
    assert report.measured_lufs is None and report.true_peak_dbtp is None
    assert report.gain_db == 0.0 and not report.limited
    assert "silent" in report.note
    json.dumps(asdict(report), allow_nan=False)


def test_sub_gate_audio_gets_no_gain():
    x = _white(level=1e-5)
    y, report = normalize(x, RATE)
    np.testing.assert_allclose(y, x, rtol=1e-6)
    assert report.measured_lufs is None and "silent" in report.note
    json.dumps(asdict(report), allow_nan=False)


def test_denormal_peak_is_silence_in_peak_mode():
    y, report = normalize(np.full(1000, 1e-300), RATE, mode="peak")
    assert np.all(np.isfinite(y)) and report.gain_db == 0.0 and "silent" in report.note


def test_nan_audio_is_refused():
    x = _white(seconds=0.5)
    x[100] = np.nan
    with pytest.raises(InvalidInput, match="NaN"):
        normalize(x, RATE)


def test_peak_mode_hits_sample_peak():
    y, report = normalize(_sine(997.0, amp=0.1), RATE, mode="peak", target=-6.0)
    assert 20 * np.log10(np.abs(y).max()) == pytest.approx(-6.0, abs=0.01)
    assert report.gain_db == pytest.approx(14.0, abs=0.01)
    assert not report.limited


def test_peak_mode_default_respects_true_peak_ceiling():
    # Sample peak to -1 dBFS puts the intersample peak ~3 dB over -1 dBTP: the ceiling wins.
    x = _sine(RATE / 4, amp=math.sqrt(2) * 0.5, phase=math.pi / 4, seconds=1.0)
    y, report = normalize(x, RATE, mode="peak", ceiling_dbtp=-1.0)
    assert report.target == -1.0
    assert true_peak_dbtp(y, RATE) <= -1.0 + 1e-6
    assert report.limited


def test_off_mode_only_limits():
    x = _white(level=0.01)
    y, report = normalize(x, RATE, mode="off")
    np.testing.assert_allclose(y, x, rtol=1e-6)
    assert report.gain_db == 0.0 and report.target is None and not report.limited


def test_limiter_is_smooth_and_local():
    # A loud 10 ms burst in the middle of a quiet sine: only the burst's surroundings are turned down.
    x = _sine(1000.0, seconds=1.0, amp=0.5)
    burst = slice(RATE // 2, RATE // 2 + 480)
    x[burst] *= 4.0
    y, report = normalize(x, RATE, mode="off", ceiling_dbtp=-1.0)
    assert report.limited
    assert true_peak_dbtp(y, RATE) <= -1.0 + 1e-6
    loud = np.abs(x) > 0.1
    gain = y[loud] / x[loud]
    assert np.abs(np.diff(gain)).max() < 0.01  # no gain steps (clicks)
    far = np.abs(np.arange(RATE) - RATE // 2) > RATE // 20
    np.testing.assert_allclose(y[far], x[far], rtol=1e-6)  # untouched 50 ms away


@pytest.mark.parametrize(
    "kwargs,bad",
    [
        ({"mode": "rms"}, "rms"),
        ({"mode": "lufs", "target": 3.0}, "3.0"),
        ({"mode": "lufs", "target": -80.0}, "-80.0"),
        ({"mode": "peak", "target": -61.0}, "-61.0"),
        ({"mode": "lufs", "target": "loud"}, "loud"),
        ({"ceiling_dbtp": 0.5}, "0.5"),
        ({"ceiling_dbtp": -21.0}, "-21.0"),
        ({"ceiling_dbtp": float("nan")}, "nan"),
    ],
)
def test_bad_settings_are_named(kwargs, bad):
    with pytest.raises(InvalidInput, match=bad):
        normalize(_white(seconds=0.5), RATE, **kwargs)


def test_report_type():
    _, report = normalize(_white(seconds=0.5), RATE)
    assert isinstance(report, LoudnessReport) and report.mode == "lufs" and report.target == -14.0


@pytest.mark.parametrize("rate, factor", [(22050, 9), (44100, 5), (48000, 4), (88200, 3), (96000, 2),
                                          (176400, 2), (192000, 1)])
def test_true_peak_is_measured_at_192_khz_or_more(rate, factor):
    assert oversampling_factor(rate) == factor
    assert rate * factor >= 192000 and rate * (factor - 1) < 192000


def _loop_with_a_peak_at_the_seam():
    rng = np.random.default_rng(5)
    x = 0.05 * rng.standard_normal(RATE)
    x[0], x[-1] = 0.99, -0.99  # a transient across the loop point
    return x


def test_loop_limiting_wraps_around_the_seam():
    x = _loop_with_a_peak_at_the_seam()
    y, report = normalize(x, RATE, mode="peak", target=-0.1, ceiling_dbtp=-6.0, circular=True)
    assert report.limited
    gain = y / (x * 10 ** (report.gain_db / 20))
    # The gain curve has no step where the loop's end meets its start.
    assert abs(gain[-1] - gain[0]) < 0.02
    assert true_peak_dbtp(y, RATE, circular=True) <= -6.0 + 1e-6


def test_a_one_shot_limited_the_old_way_would_step_at_the_seam():
    """Why circular matters: limiting the same clip as a one-shot leaves a gain step at the wrap."""
    x = _loop_with_a_peak_at_the_seam()
    x[-1] = 0.0
    y, report = normalize(x, RATE, mode="peak", target=-0.1, ceiling_dbtp=-6.0, circular=False)
    gain = y[[0, -2]] / (x[[0, -2]] * 10 ** (report.gain_db / 20))
    assert abs(gain[1] - gain[0]) > 0.1
    yc, rc = normalize(x, RATE, mode="peak", target=-0.1, ceiling_dbtp=-6.0, circular=True)
    gain_c = yc[[0, -2]] / (x[[0, -2]] * 10 ** (rc.gain_db / 20))
    assert abs(gain_c[1] - gain_c[0]) < 0.02


def test_circular_true_peak_sees_the_intersample_peak_at_the_seam():
    # A loop whose last and first samples straddle a peak between them.
    n = 4800
    t = np.arange(n)
    x = 0.01 * np.sin(2 * np.pi * 3 * t / n)
    x[-1], x[0] = 0.7, 0.7
    assert true_peak_dbtp(x, RATE, circular=True) > true_peak_dbtp(x, RATE) + 0.2
