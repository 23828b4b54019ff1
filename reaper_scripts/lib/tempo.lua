-- @noindex
-- Part of lib/audioldm.lua: time. Lengths along the tempo map, the time selection, the project's
-- sample rate, and seconds ↔ frames (the one rule: A.frames).

return function(A)
  -- Lengths along the tempo map ---------------------------------------------------------------------

  --- The measure (0-based) that holds ``t``, snapped to a bar line within A.TOLERANCE.
  function A.measure_at(t)
    local _, measure = reaper.TimeMap2_timeToBeats(0, t)
    measure = math.tointeger(measure) or math.floor(measure)
    -- timeToBeats may put 2.3999999 s at the end of the previous bar: count it as the next bar line
    local next_start = reaper.TimeMap_GetMeasureInfo(0, measure + 1)
    if next_start - t < A.TOLERANCE then measure = measure + 1 end
    return measure
  end

  --- Start and end of ``bars`` bars from ``t`` along the project's tempo map.
  -- On a bar line the span ends on the bar line ``bars`` later, whatever the tempo and time
  -- signature changes in between. Between bar lines it keeps its place within the bar: it ends as
  -- many quarter notes after bar m+N's line as ``t`` is after bar m's.
  function A.bars_span(t, bars)
    local measure = A.measure_at(t)
    local bar_time, bar_qn = reaper.TimeMap_GetMeasureInfo(0, measure)
    local target_time, target_qn = reaper.TimeMap_GetMeasureInfo(0, measure + bars)
    if math.abs(t - bar_time) < A.TOLERANCE then
      return bar_time, target_time
    end
    local offset_qn = reaper.TimeMap2_timeToQN(0, t) - bar_qn
    return t, reaper.TimeMap2_QNToTime(0, target_qn + offset_qn)
  end

  function A.time_selection()
    local start, stop = reaper.GetSet_LoopTimeRange(false, false, 0, 0, false)
    if stop - start < A.TOLERANCE then return nil end
    return start, stop
  end

  -- The project's rate ------------------------------------------------------------------------------

  --- The project's sample rate (PROJECT_SRATE only counts when PROJECT_SRATE_USE is set).
  function A.project_rate()
    if reaper.GetSetProjectInfo(0, "PROJECT_SRATE_USE", 0, false) ~= 0 then
      local rate = math.floor(reaper.GetSetProjectInfo(0, "PROJECT_SRATE", 0, false) + 0.5)
      if rate > 0 then return rate end
    end
    local ok, rate = reaper.GetAudioDeviceInfo("SRATE")
    rate = ok and math.tointeger(tonumber(rate)) or nil
    return rate or 48000
  end

  -- Seconds ↔ frames --------------------------------------------------------------------------------

  --- The frames ``seconds`` at ``rate`` hold: round(seconds × rate) with halves rounded up, the engine's
  -- rule (engine/length.py: floor(seconds × rate + 1/2)), so a length or a file range counts here the
  -- frames the engine makes or reads. The one place the library turns seconds into frames; the cases
  -- both languages are tested against are in tests/data/seconds_to_frames.json. (The product is a float:
  -- a time within about 1e-9 frames of a half rounds as its float product does.)
  function A.frames(seconds, rate)
    return math.floor(seconds * rate + 0.5)
  end

  --- ``frames`` / ``rate`` seconds, rounded down to a whole nanosecond (in integers): a number whose
  -- decimal spelling (the engine reads numbers exactly as written) is never past that many frames, as
  -- the quotient itself can be (173000 / 44100 prints as 3.922902494331066, above it).
  function A.seconds_within(frames, rate)
    local ns = math.tointeger(frames) * 1000000000 // math.tointeger(rate)
    return ns / 1e9
  end
end
