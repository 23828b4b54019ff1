import numpy as np
import pytest
from scipy.signal import butter, sosfilt

from engine.edit import LOOP_CROSSFADE_MS, apply_fades, crossfade_gains, fit_length, loop_crossfade_samples, make_loop
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

def _tone(n, freq=440.0, seed=0):
    """A band-limited tone (a few harmonics, fixed phases): strongly correlated with itself."""
    t = np.arange(n) / RATE
    phases = np.random.default_rng(seed).uniform(0, 2 * np.pi, 4)
    return sum(np.sin(2 * np.pi * freq * (k + 1) * t + phases[k]) / (k + 1) for k in range(4))


def _short_term_rms_db(y, window=480):
    power = np.convolve(y**2, np.ones(window) / window, mode="valid")
    return 10 * np.log10(power)


def test_loop_crossfade_samples_is_the_preroll():
    assert loop_crossfade_samples(RATE, RATE) == round(LOOP_CROSSFADE_MS * RATE / 1000)
    assert loop_crossfade_samples(RATE, RATE, crossfade_ms=20.0) == 960
    assert loop_crossfade_samples(1000, RATE) == 250  # capped at n // 4
    assert loop_crossfade_samples(RATE, RATE, crossfade_ms=0) == 0


def test_loop_keeps_its_first_beat_as_generated():
    n, p = 2 * RATE, loop_crossfade_samples(2 * RATE, RATE)
    x = _band_limited_noise(p + n)
    y = make_loop(x, n, RATE)
    assert len(y) == n
    # The downbeat and everything up to the crossfade is untouched: no softened attack.
    np.testing.assert_array_equal(y[: n - p], x[p : n])
    assert y[0] == x[p]


def test_loop_seam_is_as_smooth_as_the_clip():
    n, p = 2 * RATE, loop_crossfade_samples(2 * RATE, RATE)
    x = _band_limited_noise(p + n)
    y = make_loop(x, n, RATE)
    typical = np.percentile(np.abs(np.diff(x)), 99)
    assert abs(y[0] - y[n - 1]) <= typical
    assert y[n - 1] == pytest.approx(x[p - 1])  # the loop's end leads into its start as the audio did
    assert np.abs(np.diff(np.concatenate([y, y]))).max() <= 2 * np.abs(np.diff(x)).max()
    naive_seam = max(abs(x[p] - x[p + k - 1]) for k in (n, n - 1000, n - 3333))
    assert naive_seam > 5 * typical  # a plain cut of the same audio clicks


@pytest.mark.parametrize("material", ["tone", "tone-quarter-period", "noise"])
def test_loop_has_no_level_bump_at_the_seam(material):
    n, p = 2 * RATE, loop_crossfade_samples(2 * RATE, RATE)
    if material == "noise":
        x = np.random.default_rng(3).standard_normal(p + n)
    elif material == "tone":  # 880 periods in the loop: end and pre-roll in phase (the +3 dB case)
        x = _tone(p + n)
    else:  # end and pre-roll a quarter period apart: correlation near 0
        x = _tone(p + n, freq=880.25 * RATE / n)
    y = make_loop(x, n, RATE)
    body = _short_term_rms_db(np.asarray(x[p : n], dtype=np.float64))
    seam = _short_term_rms_db(np.roll(y, p)[: 3 * p])  # the crossfade, with the wrap, in the middle
    reference = np.median(body)
    assert seam.max() - reference < 1.0, f"{material}: +{seam.max() - reference:.2f} dB at the seam"
    assert reference - seam.min() < 1.5, f"{material}: -{reference - seam.min():.2f} dB at the seam"


def test_equal_power_would_bump_a_tone_by_3_db():
    """The reason for correlation-aware curves, measured: equal-power on a tone adds ~3 dB."""
    a = _tone(2400)
    fade_out, fade_in = crossfade_gains(a, a)
    np.testing.assert_allclose(fade_out + fade_in, 1.0, atol=1e-9)  # equal gain for identical material
    angle = np.linspace(0, np.pi / 2, 2400)
    mid = slice(1100, 1300)
    bump = 20 * np.log10(np.max(np.abs(np.cos(angle) + np.sin(angle))[mid]))
    assert bump > 2.9
    b = np.random.default_rng(0).standard_normal(2400)
    c = np.random.default_rng(1).standard_normal(2400)
    fo, fi = crossfade_gains(b, c)
    np.testing.assert_allclose(fo**2 + fi**2, 1.0, atol=0.1)  # ~equal power for uncorrelated noise


def test_loop_stereo_and_dtype():
    n, p = RATE, loop_crossfade_samples(RATE, RATE)
    x = np.random.default_rng(1).standard_normal((p + n, 2)).astype(np.float32)
    y = make_loop(x, n, RATE)
    assert y.shape == (n, 2) and y.dtype == np.float32
    np.testing.assert_array_equal(y[0], x[p])


def test_loop_needs_the_preroll():
    n = RATE
    with pytest.raises(InvalidInput, match=str(n + 2400)):
        make_loop(np.ones(n + 10), n, RATE)


def test_loop_without_crossfade_is_a_cut():
    x = np.arange(100.0)
    np.testing.assert_array_equal(make_loop(x, 80, RATE, crossfade_ms=0), x[:80])
