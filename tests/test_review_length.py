"""Issue 7: length limits are exact and inclusive; every limit is honoured."""

import pytest

from engine.errors import InvalidInput
from engine.length import LengthLimits, MusicalLength


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
