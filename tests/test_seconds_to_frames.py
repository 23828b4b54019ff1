"""One rule for seconds → frames: round(seconds × rate) with halves rounded up, on the number as written.

The cases are in tests/data/seconds_to_frames.json, read by both languages: the REAPER library's
``A.frames`` (reaper_scripts/lib/tempo.lua, under real Lua 5.4 through lupa, reading the file with the
library's own JSON), the engine's ``engine.length.seconds_to_frames`` and what is built on it.
"""

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from engine.length import MusicalLength, exact, seconds_to_frames
from reaper_fake import FakeReaper

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "tests" / "data" / "seconds_to_frames.json"
CASES = json.loads(TABLE.read_text(encoding="utf-8"))["cases"]
IDS = [f"{case['seconds']!r}s@{case['rate']}" for case in CASES]


def test_the_table_holds_halves_both_ways_and_off_grid_lengths():
    """What the table must cover for the rule to be pinned down: halves where half-up and half-to-even
    part (and where they agree), values just either side of a half, and off-grid musical lengths at
    48 and 44.1 kHz."""
    products = [exact(case["seconds"], "seconds") * case["rate"] for case in CASES]
    halves = [p for p in products if p.denominator == 2]
    assert any(math.floor(p) % 2 == 0 for p in halves) and any(math.floor(p) % 2 == 1 for p in halves)
    assert {case["rate"] for case in CASES} >= {44100, 48000}
    fractions = [p - math.floor(p) for p in products]
    assert any(Fraction(49, 100) < f < Fraction(1, 2) for f in fractions)
    assert any(Fraction(1, 2) < f < Fraction(51, 100) for f in fractions)
    assert any(case["seconds"] == 480 / 133 and case["rate"] == 48000 for case in CASES)  # 2 bars at 133 BPM


@pytest.fixture(scope="module")
def lua_frames(tmp_path_factory):
    """Every case as the REAPER library computes it: (frames, Lua number type) per case."""
    fake = FakeReaper(tmp_path_factory.mktemp("reaper"))
    try:
        results = fake.lua.execute(f"""
            local A = dofile({json.dumps(str(REPO / "reaper_scripts" / "lib" / "audioldm.lua"))})
            local table_ = A.json.decode(A.read_file({json.dumps(str(TABLE))}))
            local out = {{}}
            for i, case in ipairs(table_.cases) do
              local frames = A.frames(case.seconds, case.rate)
              out[i] = {{ frames, math.type(frames) }}
            end
            return out""")
        yield [(results[i][1], results[i][2]) for i in range(1, len(CASES) + 1)]
    finally:
        fake.close()


@pytest.mark.parametrize("index", range(len(CASES)), ids=IDS)
def test_lua_frames_follow_the_table(lua_frames, index):
    frames, kind = lua_frames[index]
    assert (frames, kind) == (CASES[index]["frames"], "integer"), CASES[index]["case"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_seconds_to_frames_follows_the_table(case):
    """engine/length.py: the one function every seconds → frames conversion in the engine goes through."""
    assert seconds_to_frames(case["seconds"], case["rate"]) == case["frames"], case["case"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_length_samples_follow_the_table(case):
    """engine/length.py: the sample count of a clip of ``seconds``."""
    length = MusicalLength(seconds=exact(case["seconds"], "seconds"))
    assert length.samples(case["rate"]) == case["frames"], case["case"]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_init_audio_region_start_follows_the_table(case):
    """engine/init_audio.py: the first output frame a repaint starting at ``seconds`` replaces. The input
    is silence and the model's audio is ones, so the first non-zero frame of the stitched output is
    where the region starts."""
    from engine.audio_in import InputAudio
    from engine.init_audio import PreparedInit, plan_edit, stitch

    start, rate = exact(case["seconds"], "seconds"), case["rate"]
    frames = math.ceil((start + 1) * rate)
    seconds = Fraction(frames, rate)
    source = InputAudio(Path("silence.wav"), np.zeros(frames, dtype=np.float32), rate)
    plan = plan_edit("repaint", seconds, seconds, (start, start + Fraction(1, 2)))
    generated16k = np.ones(math.ceil(seconds * 16000) + 1600, dtype=np.float32)
    out = stitch(plan, PreparedInit(source, np.zeros(1, dtype=np.float32), 1.0), generated16k, rate, frames)
    assert int(np.flatnonzero(out.audio)[0]) == case["frames"], case["case"]
