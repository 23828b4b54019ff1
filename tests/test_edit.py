import numpy as np
import pytest
from scipy.signal import butter, sosfilt

from engine.edit import LOOP_CROSSFADE_MS, apply_fades, fit_length, loop_tail_samples, make_loop
from engine.errors import InvalidInput

RATE = 48000


def _band_limited_noise(n, seed=0):
    """Low-passed noise: neighbouring samples are close, so a cut at a random point is audible."""
    sos = butter(4, 2000, fs=RATE, output="sos")
    return sosfilt(sos, np.random.default_rng(seed).standard_normal(n))


# fit_length

def test_fit_length_cuts_exactly():
    x = np.arange(1000.0)
    y = fit_length(x, 600)
    assert len(y) == 600
    np.testing.assert_array_equal(y, x[:600])


def test_fit_length_pads_small_shortfall_with_zeros():
    x = np.ones((995, 2))
    y = fit_length(x, 1000)
    assert y.shape == (1000, 2)
    assert np.all(y[:995] == 1) and np.all(y[995:] == 0)


def test_fit_length_refuses_large_shortfall():
    with pytest.raises(InvalidInput, match="989"):
        fit_length(np.ones(989), 1000)


def test_fit_length_rejects_negative():
    with pytest.raises(InvalidInput, match="-1"):
        fit_length(np.ones(10), -1)


# apply_fades

def test_fades_start_and_end_at_zero_and_leave_middle():
    x = np.ones(RATE, np.float32)
    y = apply_fades(x, RATE, fade_in_ms=2.0, fade_out_ms=10.0)
    assert y.dtype == np.float32 and len(y) == RATE
    assert y[0] == 0 and y[-1] == 0
    assert np.all(np.diff(y[:96]) > 0) and np.all(np.diff(y[-480:]) < 0)  # monotonic ramps
    np.testing.assert_array_equal(y[96:-480], x[96:-480])
    np.testing.assert_array_equal(x, 1)  # input untouched


def test_fade_is_half_hann():
    y = apply_fades(np.ones(1000), 1000, fade_in_ms=100.0, fade_out_ms=0.0)  # 100 samples
    np.testing.assert_allclose(y[50], 0.5, atol=1e-12)  # raised cosine halfway point
    assert y[-1] == 1  # fade-out disabled


def test_fades_longer_than_half_the_clip_are_shortened():
    y = apply_fades(np.ones(100), RATE, fade_in_ms=1000.0, fade_out_ms=1000.0)
    assert y[0] == 0 and y[-1] == 0
    assert y[49] > 0.99 and y[50] > 0.99  # each fade spans only its half


def test_fades_stereo():
    y = apply_fades(np.ones((4800, 2)), RATE)
    assert np.all(y[0] == 0) and np.all(y[-1] == 0) and np.all(y[2400] == 1)


def test_fades_reject_negative_length():
    with pytest.raises(InvalidInput, match="-5"):
        apply_fades(np.ones(100), RATE, fade_in_ms=-5)


# make_loop

def test_loop_tail_samples():
    assert loop_tail_samples(RATE, RATE) == round(LOOP_CROSSFADE_MS * RATE / 1000)
    assert loop_tail_samples(RATE, RATE, crossfade_ms=20.0) == 960
    assert loop_tail_samples(1000, RATE) == 250  # capped at n // 4
    assert loop_tail_samples(RATE, RATE, crossfade_ms=0) == 0


def test_loop_seam_is_as_smooth_as_the_clip():
    n = 2 * RATE
    x = _band_limited_noise(n + loop_tail_samples(n, RATE))
    y = make_loop(x, n, RATE)
    assert len(y) == n
    typical = np.percentile(np.abs(np.diff(x[:n])), 99)
    seam = abs(y[0] - y[n - 1])
    assert seam <= typical
    assert y[0] == pytest.approx(x[n])  # the loop continues where the audio did
    # The crossfade itself introduces no jumps either: played twice in a row, still smooth.
    assert np.abs(np.diff(np.concatenate([y, y]))).max() <= 2 * np.abs(np.diff(x)).max()
    np.testing.assert_array_equal(y[2400:], x[2400:n])  # untouched after the crossfade
    # A naive cut of the same audio clicks: its seam jump is far beyond typical.
    naive_seam = max(abs(x[0] - x[k - 1]) for k in (n, n - 1000, n - 3333))
    assert naive_seam > 5 * typical


def test_loop_keeps_level_through_crossfade():
    n = 2 * RATE
    x = np.random.default_rng(3).standard_normal(n + loop_tail_samples(n, RATE))
    y = make_loop(x, n, RATE)
    rms_fade = np.sqrt(np.mean(y[:2400] ** 2))
    assert rms_fade == pytest.approx(1.0, abs=0.1)  # equal-power curve on uncorrelated audio


def test_loop_stereo_and_dtype():
    n = RATE
    x = np.random.default_rng(1).standard_normal((n + loop_tail_samples(n, RATE), 2)).astype(np.float32)
    y = make_loop(x, n, RATE)
    assert y.shape == (n, 2) and y.dtype == np.float32
    np.testing.assert_allclose(y[0], x[n], rtol=1e-6)


def test_loop_needs_the_tail():
    n = RATE
    with pytest.raises(InvalidInput, match=str(n + 2400)):
        make_loop(np.ones(n + 10), n, RATE)


def test_loop_without_crossfade_is_a_cut():
    x = np.arange(100.0)
    np.testing.assert_array_equal(make_loop(x, 80, RATE, crossfade_ms=0), x[:80])
