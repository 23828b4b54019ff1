"""Issue 7: true peak at >= 192 kHz at every rate; loops limited circularly."""

import numpy as np
import pytest

from engine.loudness import normalize, oversampling_factor, true_peak_dbtp

RATE = 48000


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
