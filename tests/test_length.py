"""Musical length → exact sample counts (REAPER's convention: BPM counts quarter notes)."""

import re
from fractions import Fraction

import pytest

from engine.errors import InvalidInput
from engine.length import LengthLimits, MusicalLength, frames_for_samples, parse_time_signature


@pytest.mark.parametrize(
    "bars, bpm, sig, rate, expected",
    [
        (2, 128, "4/4", 48000, 180000),  # 8 quarters × 60/128 s = 3.75 s
        (4, 90, "4/4", 48000, 512000),
        (1, 133.7, "7/8", 44100, round(Fraction(7, 2) * 60 / Fraction("133.7") * 44100)),
        (3, 140, "6/8", 96000, 370286),  # 9 quarters × 60/140 s × 96 kHz = 370285.71
        (1, 60, "3/4", 22050, 66150),
        (5, 174, "5/4", 192000, round(Fraction(25 * 60 * 192000, 174))),
        (1, 120, "12/16", 48000, 72000),  # 12/16 = 3 quarters = 1.5 s
    ],
)
def test_exact_samples_from_bars(bars, bpm, sig, rate, expected):
    length = MusicalLength.from_bars(bars, bpm, sig)
    assert length.samples(rate) == expected


def test_7_8_at_133_7_is_decimal_exact():
    # 3.5 quarters at 133.7 BPM = 210/133.7 s = 1.5706806... s → 69267.0157 samples at 44.1 kHz
    assert MusicalLength.from_bars(1, 133.7, "7/8").samples(44100) == 69267
    assert MusicalLength.from_bars(1, "133.7", (7, 8)).seconds == Fraction(2100, 1337)


def test_beats_add_to_bars():
    assert MusicalLength.from_bars(1, 120, "4/4", beats=2).seconds == 3
    assert MusicalLength.from_bars(None, 120, "6/8", beats=3).seconds == Fraction(3, 4)


def test_seconds_rounding_is_exact():
    assert MusicalLength.from_seconds(0.29).samples(16000) == 4640  # int(0.29/0.01) would say 28 frames
    assert MusicalLength.from_seconds(1.00001).samples(48000) == 48000  # 48000.48 → 48000
    assert MusicalLength.from_seconds("0.2").samples(44100) == 8820


def test_frames_cover_samples_on_the_vae_grid():
    assert frames_for_samples(4640) == 32  # 29 frames → next multiple of 4
    assert frames_for_samples(5120) == 32
    assert frames_for_samples(5121) == 36
    for n in range(1, 3000, 37):
        frames = frames_for_samples(n)
        assert frames % 4 == 0 and frames * 160 >= n > (frames - 4) * 160


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(bars=0, bpm=120), "length must be 0.1..60 s"),
        (dict(bars=100, bpm=120), "length must be 0.1..60 s, got 200 s (100 bars at 120 BPM in 4/4)"),
        (dict(bars=1, bpm=10), "bpm must be 20..400, got 10"),
        (dict(bars=1, bpm=500), "bpm must be 20..400, got 500"),
        (dict(bars=1, bpm="fast"), "bpm must be a number, got 'fast'"),
        (dict(bars=-1, bpm=120), "must not be negative"),
        (dict(bars=1, bpm=120, time_signature="4/5"), "denominator must be one of"),
        (dict(bars=1, bpm=120, time_signature="0/4"), "numerator must be 1..32, got 0"),
        (dict(bars=1, bpm=120, time_signature="four"), "time signature must look like 4/4, got 'four'"),
        (dict(bars=True, bpm=120), "bars must be a number, got True"),
        (dict(bars=None, bpm=120), "give bars or beats"),
    ],
)
def test_bad_lengths_name_the_problem(kwargs, message):
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        MusicalLength.from_bars(**kwargs)


def test_seconds_limits_and_custom_limits():
    with pytest.raises(InvalidInput, match="length must be 0.1..60 s, got 0.05 s"):
        MusicalLength.from_seconds(0.05)
    with pytest.raises(InvalidInput, match="length must be 0.1..60 s, got 61 s"):
        MusicalLength.from_seconds(61)
    with pytest.raises(InvalidInput, match="seconds must be a number"):
        MusicalLength.from_seconds(float("nan"))
    assert MusicalLength.from_seconds(90, limits=LengthLimits(max_seconds=120)).samples(48000) == 90 * 48000


def test_time_signature_parsing():
    assert parse_time_signature(" 7/8 ") == (7, 8)
    assert parse_time_signature([3, 4]) == (3, 4)
    with pytest.raises(InvalidInput):
        parse_time_signature(4)


def test_as_dict_is_json_ready():
    d = MusicalLength.from_bars(2, 128, "4/4").as_dict()
    assert d == {"seconds": 3.75, "bars": 2, "beats": None, "bpm": 128, "time_signature": "4/4"}


@pytest.mark.parametrize("seconds, shown", [(60.0001, "60.0001"), (60.00000001, "60.00000001"), (0.09999, "0.09999"),
                                            (61.23456, "61.23")])
def test_a_length_just_outside_the_limits_is_shown_as_given(seconds, shown):
    """Not rounded onto the limit it broke: "got 60 s" for 60.0001 reads as a bug."""
    with pytest.raises(InvalidInput, match=rf"length must be 0\.1\.\.60 s, got {re.escape(shown)} s$"):
        MusicalLength.from_seconds(seconds)


@pytest.mark.parametrize("seconds, rate, samples", [(0.1, 48000, 4800), (60, 48000, 2_880_000), ("0.1", 44100, 4410)])
def test_boundaries_are_inclusive_and_exact(seconds, rate, samples):
    assert MusicalLength.from_seconds(seconds).samples(rate) == samples


def test_just_outside_the_boundaries_is_refused():
    with pytest.raises(InvalidInput, match="0.1..60 s"):
        MusicalLength.from_seconds("0.0999999")
    with pytest.raises(InvalidInput, match="0.1..60 s"):
        MusicalLength.from_seconds("60.000001")


def test_bpm_boundaries_are_inclusive():
    limits = LengthLimits(min_bpm=20.1, max_bpm=400.3, max_seconds=1000)
    assert MusicalLength.from_bars(1, bpm=20.1, limits=limits).bpm == MusicalLength.from_bars(1, bpm="20.1", limits=limits).bpm
    MusicalLength.from_bars(1, bpm=400.3, limits=limits)
    with pytest.raises(InvalidInput, match="bpm must be 20.1..400.3"):
        MusicalLength.from_bars(1, bpm=400.31, limits=limits)


def test_custom_limits_are_exact_too():
    limits = LengthLimits(min_seconds=0.3, max_seconds=0.7)
    assert MusicalLength.from_seconds(0.3, limits=limits).samples(16000) == 4800
    assert MusicalLength.from_seconds(0.7, limits=limits).samples(16000) == 11200


def test_max_numerator_is_honoured():
    narrow = LengthLimits(max_numerator=7)
    MusicalLength.from_bars(1, bpm=120, time_signature="7/8", limits=narrow)
    with pytest.raises(InvalidInput, match="numerator must be 1..7, got 9"):
        MusicalLength.from_bars(1, bpm=120, time_signature="9/8", limits=narrow)
    wide = LengthLimits(max_numerator=64)
    assert MusicalLength.from_bars(1, bpm=120, time_signature="33/16", limits=wide).time_signature == (33, 16)
