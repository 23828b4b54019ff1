-- @noindex
-- Part of lib/audioldm.lua: a take fitted with REAPER's own tools. The engine measures (a `fit` object:
-- beat times and the semitones to the key, see docs/PROTOCOL.md); here the detected beats become stretch
-- markers on the project's grid and the key a take pitch, so REAPER stretches and shifts with its own
-- engine, the file stays as it was, and the user can move the markers.

return function(A)
  -- auto, as the engine decides it (engine/fit.py: TEMPO_CONFIDENCE, KEY_CONFIDENCE; beats.py: MAX_RELATION)
  A.FIT_CONFIDENCE = 0.35 -- below this confidence a beat or key is not clear
  A.FIT_TEMPO_RANGE = 0.25 -- the tempo must be within ±25 % of the grid's, after octave folding

  local function log2(x) return math.log(x) / math.log(2) end
  local function round(x) return math.floor(x + 0.5) end

  --- The octave fold between the detected tempo and the grid's: 2^k such that the grid's tempo is
  -- about fold × detected (a loop felt at half tempo has a detected beat every 2 quarter notes).
  function A.tempo_fold(detected_bpm, target_bpm)
    if type(detected_bpm) ~= "number" or detected_bpm <= 0 or type(target_bpm) ~= "number" or target_bpm <= 0 then
      return 1
    end
    return 2.0 ^ round(log2(target_bpm / detected_bpm))
  end

  --- Whether a reported tempo is locked in ``mode`` (on | auto): the engine's own auto decision when it
  -- says what it would be (``auto_action``), else a clear beat near the grid's tempo. Returns a boolean
  -- and, when not, why.
  function A.tempo_lock_applies(tempo, mode, target_bpm)
    if type(tempo) ~= "table" or type(tempo.beats_s) ~= "table" or #tempo.beats_s < 2 then
      return false, "no beats were found"
    end
    if mode == "on" then return true end
    if tempo.auto_action ~= nil then
      return tempo.auto_action == "warped", tempo.reason or "the engine would leave it"
    end
    local confidence = tonumber(tempo.confidence) or 0
    if confidence < A.FIT_CONFIDENCE then
      return false, string.format("the beat is not clear (confidence %.2f)", confidence)
    end
    local detected = tonumber(tempo.detected_bpm)
    target_bpm = tonumber(tempo.target_bpm) or target_bpm
    if detected and target_bpm then
      local ratio = target_bpm / (detected * A.tempo_fold(detected, target_bpm))
      if math.abs(ratio - 1) > A.FIT_TEMPO_RANGE then
        return false, string.format("its tempo (%.1f BPM) is too far from the project's (%.1f BPM)",
          detected, target_bpm)
      end
    end
    return true
  end

  --- Whether a reported key shift is applied in ``mode`` (on | auto); a boolean and, when not, why.
  function A.key_lock_applies(key, mode)
    if type(key) ~= "table" or type(key.semitones) ~= "number" then return false, "no key was measured" end
    if mode == "on" then return true end
    if key.auto_action ~= nil then
      return key.auto_action == "shifted", key.reason or "the engine would leave it"
    end
    local confidence = tonumber(key.confidence) or 0
    if confidence < A.FIT_CONFIDENCE then
      return false, string.format("the key is not clear (confidence %.2f)", confidence)
    end
    return true
  end

  --- Stretch markers that put the detected beats on the project's grid: a list of {pos, srcpos} (take time:
  -- seconds from the item's start × playrate; source seconds), in order. ``tempo``: the fit's tempo object
  -- (beats_s in the file's time); ``place``: position and length (project seconds), playrate, start_offset
  -- (the take's source position at the item's start) and file_offset (the source's start in the file: a
  -- section's offset, 0 for the file itself), target_bpm (when the fit does not say).
  -- Beats are counted from the item's start along the tempo map (tempo changes included): the first beat
  -- the item plays goes to the nearest grid beat after the item's start, each next one a detected beat
  -- further (a detected beat is ``fold`` quarter notes: 2 for a loop felt at half the tempo).
  function A.grid_markers(tempo, place)
    local rate = place.playrate or 1
    local start_offset, file_offset = place.start_offset or 0, place.file_offset or 0
    local fold = A.tempo_fold(tonumber(tempo.detected_bpm), tonumber(tempo.target_bpm) or place.target_bpm)
    local step = math.min(fold, 1) -- where the first beat may land: whole quarter notes (or half, at double tempo)
    local item_qn = reaper.TimeMap2_timeToQN(0, place.position)
    local item_end = place.position + place.length
    local markers, first_qn = {}, nil
    for _, beat in ipairs(tempo.beats_s) do
      local srcpos = beat - file_offset
      if srcpos >= start_offset - A.TOLERANCE then
        local qn
        if not first_qn then
          local now = place.position + (srcpos - start_offset) / rate -- where it plays today
          first_qn = item_qn + math.max(0, round((reaper.TimeMap2_timeToQN(0, now) - item_qn) / step) * step)
          qn = first_qn
        else
          qn = first_qn + #markers * fold
        end
        local t = reaper.TimeMap2_QNToTime(0, qn)
        markers[#markers + 1] = { pos = (t - place.position) * rate, srcpos = srcpos }
        if t > item_end + A.TOLERANCE then break end -- one past the end: the last beat stretches like the others
      end
    end
    return markers
  end

  --- Replace the take's stretch markers with ``markers`` (inside the caller's undo block); the take keeps
  -- its pitch while stretched (B_PPITCH: REAPER's stretch markers change the pitch otherwise).
  function A.set_stretch_markers(take, markers)
    local existing = reaper.GetTakeNumStretchMarkers(take)
    if existing > 0 then reaper.DeleteTakeStretchMarkers(take, 0, existing) end
    for _, marker in ipairs(markers) do
      reaper.SetTakeStretchMarker(take, -1, marker.pos, marker.srcpos)
    end
    reaper.SetMediaItemTakeInfo_Value(take, "B_PPITCH", 1)
  end

  --- What of a fit report is applied, before anything changes: {tempo = bool, key = bool, left = {reasons…}}.
  -- ``modes``: tempo, key (on | auto | off); ``target_bpm``: the grid's tempo when the report does not say.
  function A.fit_plan(fit, modes, target_bpm)
    local plan = { left = {} }
    if type(fit) ~= "table" then return plan end
    if fit.tempo ~= nil and modes.tempo and modes.tempo ~= "off" then
      local ok, why = A.tempo_lock_applies(fit.tempo, modes.tempo, target_bpm)
      plan.tempo = ok
      if not ok then plan.left[#plan.left + 1] = "the tempo was left as it is: " .. tostring(why) end
    end
    if fit.key ~= nil and modes.key and modes.key ~= "off" then
      local ok, why = A.key_lock_applies(fit.key, modes.key)
      plan.key = ok
      if not ok then plan.left[#plan.left + 1] = "the key was left as it is: " .. tostring(why) end
    end
    return plan
  end

  --- Apply a fit report to a take as ``plan`` says (inside the caller's undo block): stretch markers from the
  -- tempo, take pitch from the key. Returns the number of markers set (nil: none) and the semitones (nil).
  function A.apply_fit(take, fit, place, plan)
    local markers, semitones
    if plan.tempo then
      local list = A.grid_markers(fit.tempo, place)
      A.set_stretch_markers(take, list)
      markers = #list
    end
    if plan.key then
      semitones = fit.key.semitones
      reaper.SetMediaItemTakeInfo_Value(take, "D_PITCH", semitones + 0.0)
      reaper.SetMediaItemTakeInfo_Value(take, "B_PPITCH", 1)
    end
    return markers, semitones
  end
end
