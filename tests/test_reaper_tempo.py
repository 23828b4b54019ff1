"""Lengths along the tempo map and seconds ↔ frames (reaper_scripts/lib/tempo.lua), and the fake's time map.
The seconds → frames rule itself is pinned by tests/test_seconds_to_frames.py."""

from fractions import Fraction as F

import pytest

from reaper_support import (  # noqa: F401  (fixtures: one engine per module)
    bar_starts, command, engine_service, lua_lib, make_fake,
)


@pytest.mark.parametrize("cursor, bars, start, end", [
    (bar_starts()[1], 4, bar_starts()[1], bar_starts()[5]),
    (bar_starts()[1] - F(1, 10 ** 9), 4, bar_starts()[1], bar_starts()[5]),  # a hair before a bar line: on it
    (bar_starts()[1] + 1, 4, bar_starts()[1] + 1, bar_starts()[5] + F(2) * F(2, 3)),  # 2 QN into bar 1 → bar 5
    (bar_starts()[3] + F(2, 3), 4, bar_starts()[3] + F(2, 3), bar_starts()[7] + F(3, 7)),  # 1 QN into 7/8 → 3/4@140
    (F(0), 1, F(0), F(2)),
])
def test_bars_span_along_the_tempo_map(make_fake, cursor, bars, start, end):
    fake = make_fake()
    lib = lua_lib(fake)
    got_start, got_end = lib.bars_span(float(cursor), bars)
    assert abs(got_start - float(start)) < 1e-9 and abs(got_end - float(end)) < 1e-9


def test_fake_time_map_follows_the_documented_units(make_fake):
    fake = make_fake()
    starts = bar_starts()
    beats, measure, cml, _, cdenom = fake.TimeMap2_timeToBeats(0, float(starts[4] + F(2, 3)))  # 1 QN into bar 4
    assert (measure, cml, cdenom) == (4, 7, 8) and abs(beats - 2) < 1e-12  # 2 eighths
    assert abs(fake.TimeMap2_beatsToTime(0, 2, 4) - float(starts[4] + F(2, 3))) < 1e-12
    assert abs(fake.TimeMap_GetMeasureInfo(0, 6)[0] - float(starts[6])) < 1e-12
    assert fake.TimeMap_GetMeasureInfo(0, 6)[3:] == (3, 4, 140.0)


def test_seconds_within_never_spell_a_time_past_the_frames(make_fake):
    """What a repaint's end is clamped to: the engine reads the decimal the number prints as, exactly;
    that must not pass the frames read (173000 / 44100 itself prints above 173000/44100)."""
    lib = lua_lib(make_fake())
    assert F(repr(173000 / 44100)) > F(173000, 44100)
    for rate in (16000, 22050, 44100, 48000, 96000, 192000):
        for frames in (1, 173000, 173233, 44100 * 7 + 1, 600 * rate - 1, *range(rate * 3, rate * 3 + 200, 7)):
            value = lib.seconds_within(frames, rate)
            assert F(frames, rate) - F(1, 10 ** 9) < F(repr(value)) <= F(frames, rate)
