-- @noindex
-- Part of lib/audioldm.lua: musical fit. The key typed beside the prompt, what a request asks of the
-- engine's fit stage (tempo_lock / key / key_lock), the fit applied to inserted takes with REAPER's own
-- stretch markers and take pitch (lib/stretch.lua), and "Fit selected item to tempo and key": any audio
-- item measured by `audioldm-bridge fit --analyze` (no engine, no model), then fitted the same way.

return function(A)
  A.KEY_CAPTION = "Key (blank = none / e.g. D minor)"

  local NOTES = { a = true, b = true, c = true, d = true, e = true, f = true, g = true }
  local ACCIDENTALS = { ["#"] = "#", b = "b", ["♯"] = "#", ["♭"] = "b" }
  local MODES = { [""] = "major", maj = "major", major = "major", m = "minor", min = "minor", minor = "minor" }

  --- A key as the engine reads it ("D minor", "F#", "Bbm", "Eb major", "C# min", ♯/♭ too): its normal
  -- spelling ("D minor", "F# major"), or nil when ``text`` is not a key.
  function A.parse_key(text)
    text = A.trim(text or "")
    local note, rest = text:sub(1, 1), text:sub(2)
    if not NOTES[note:lower()] then return nil end
    local accidental = ""
    for spelling, normal in pairs(ACCIDENTALS) do
      if rest:sub(1, #spelling) == spelling then
        accidental, rest = normal, rest:sub(#spelling + 1)
        break
      end
    end
    rest = A.trim(rest)
    local mode = MODES[#rest > 1 and rest:lower() or rest] -- "m" is minor; "M" says nothing clear
    if not mode then return nil end
    return note:upper() .. accidental .. " " .. mode
  end

  --- The project's average tempo (quarter notes per minute) over ``length`` seconds from ``start``: the grid
  -- the engine measures against (tempo changes inside count as the span's average).
  function A.average_bpm(start, length)
    local qn = reaper.TimeMap2_timeToQN(0, start + length) - reaper.TimeMap2_timeToQN(0, start)
    return qn * 60 / length
  end

  --- The fit fields of a generation of ``length`` s at ``start``: the grid's tempo (bpm) and tempo_lock, the
  -- key and key_lock. With "use REAPER stretch markers/take pitch" the engine only reports (`report`) and
  -- REAPER applies what it measured; otherwise the engine warps and shifts the file (the lock setting).
  function A.fit_fields(settings, fields, key, start, length)
    local lock = function(setting) return settings.reaper_fit == "yes" and "report" or setting end
    if settings.tempo_lock ~= "off" then
      fields.bpm = A.average_bpm(start, length)
      fields.tempo_lock = lock(settings.tempo_lock)
    end
    if key and key ~= "" and settings.key_lock ~= "off" then
      fields.key = A.parse_key(key) or key
      fields.key_lock = lock(settings.key_lock)
    end
    return fields
  end

  --- The modes a report is applied in (settings: tempo_lock, key_lock).
  function A.fit_modes(settings)
    return { tempo = settings.tempo_lock, key = settings.key_lock }
  end

  --- For insert_item: when REAPER applies the fit, a function that gives each new take (of an item at
  -- ``position``, ``length`` s long, playing its file from the start) the stretch markers and pitch its
  -- file's report asks for; nil when the engine does it (``reported``: the request asked for reports anyway).
  function A.fit_after_insert(settings, position, length, reported)
    if settings.reaper_fit ~= "yes" and not reported then return nil end
    local place = { position = position, length = length, playrate = 1, start_offset = 0, file_offset = 0,
                    target_bpm = A.average_bpm(position, length) }
    return function(_, takes, files)
      for i, take in ipairs(takes) do
        local fit = files[i] and files[i].fit
        A.apply_fit(take, fit, place, A.fit_plan(fit, A.fit_modes(settings), place.target_bpm))
      end
    end
  end

  --- The fit a sidecar records, as the request fields that ask for it again (its tempo and locks, its key),
  -- and whether REAPER applied it (a `report`): more variations of a fitted take are fitted alike.
  function A.fit_from_sidecar(sidecar)
    local fit, fields, reported = type(sidecar.fit) == "table" and sidecar.fit or {}, {}, false
    if type(fit.tempo) == "table" and type(fit.tempo.target_bpm) == "number" and fit.tempo.lock then
      fields.bpm, fields.tempo_lock = fit.tempo.target_bpm + 0.0, fit.tempo.lock
      reported = reported or fit.tempo.lock == "report"
    end
    if type(fit.key) == "table" and type(fit.key.target) == "string" and fit.key.lock then
      fields.key, fields.key_lock = fit.key.target, fit.key.lock
      reported = reported or fit.key.lock == "report"
    end
    return fields, reported
  end

  -- The Fit action ----------------------------------------------------------------------------------

  local TITLE = "AudioLDM: fit selected item to tempo and key"

  --- The key to fit to (blank: the tempo only), asked like the generate dialog's; nil when cancelled.
  local function ask_key()
    local value = reaper.GetExtState(A.SECTION, "last_key")
    while true do
      local answers = A.dialog(TITLE, { A.KEY_CAPTION }, { value })
      if not answers then return nil end
      value = A.trim(answers[1] or "")
      if value == "" or A.parse_key(value) then
        reaper.SetExtState(A.SECTION, "last_key", value, true)
        return value
      end
      A.message("Please check the dialog: the key must be a note A to G with # or b and major or minor, like " ..
        "D minor, F#, Bbm, Eb major (or blank), got " .. value .. ".")
    end
  end

  local function describe(markers, semitones, left)
    local lines = {}
    if markers then lines[#lines + 1] = markers .. " stretch markers put its beats on the grid." end
    if semitones then lines[#lines + 1] = string.format("Take pitch %+d semitones.", semitones) end
    for _, why in ipairs(left) do lines[#lines + 1] = why:sub(1, 1):upper() .. why:sub(2) .. "." end
    return table.concat(lines, "\n")
  end

  --- Measure the selected item's file with `audioldm-bridge fit --analyze` in the background, then give its
  -- active take stretch markers from the detected beats to the project's grid and a take pitch to the key:
  -- one undo point. The file is not changed; an error or a report with nothing to apply changes nothing.
  function A.fit_action()
    local settings = A.settings_for_action()
    if not settings then return end
    local audio, problem = A.selected_audio({ for_fit = true })
    if not audio then return A.message(problem) end
    if settings.tempo_lock == "off" and settings.key_lock == "off" then
      return A.message("Tempo lock and key lock are both off in \"AudioLDM - Settings\": there is nothing to fit.")
    end
    local key = ask_key()
    if not key then return end
    if key == "" and settings.tempo_lock == "off" then
      return A.message("Tempo lock is off in \"AudioLDM - Settings\" and no key was given: there is nothing to fit.")
    end
    local bpm = A.average_bpm(audio.position, audio.length)
    local place = { position = audio.position, length = audio.length, playrate = audio.playrate,
                    start_offset = audio.start_offset, file_offset = audio.init_start - math.max(audio.start_offset, 0),
                    target_bpm = bpm }
    local modes = A.fit_modes(settings)
    if key == "" then modes.key = "off" end
    local name = audio.path:match("([^/\\]+)$") or audio.path
    return A.start_job({
      settings = settings,
      out_dir = A.output_folder(settings),
      label = "fit: " .. A.shorten(name, 48) .. string.format("  (%.1f BPM%s)", bpm, key ~= "" and ", " .. key or ""),
      failure = "Measuring the item's tempo and key failed (nothing was changed):\n",
      run = function(result_file)
        local args = { "fit", audio.path, "--analyze", "--bpm", string.format("%.6f", bpm),
                       "--tempo-lock", modes.tempo == "off" and "off" or "report" }
        if key ~= "" then
          for _, word in ipairs({ "--key", A.parse_key(key), "--key-lock", "report" }) do args[#args + 1] = word end
        end
        args[#args + 1], args[#args + 2] = "--result-file", result_file
        return args
      end,
      on_done = function(event)
        if not reaper.ValidatePtr2(0, audio.item, "MediaItem*") then error("the item was deleted meanwhile", 0) end
        local plan = A.fit_plan(event.fit, modes, bpm)
        if not plan.tempo and not plan.key then
          if #plan.left == 0 then plan.left[1] = "the measurement reported nothing to fit" end
          return A.message("Nothing was changed: " .. describe(nil, nil, plan.left))
        end
        reaper.Undo_BeginBlock2(0)
        reaper.PreventUIRefresh(1)
        local markers, semitones = A.apply_fit(audio.take, event.fit, place, plan)
        reaper.PreventUIRefresh(-1)
        reaper.UpdateArrange()
        reaper.Undo_EndBlock2(0, "AudioLDM: fit item to tempo and key", -1)
        if #plan.left > 0 then A.message(describe(markers, semitones, plan.left)) end
      end,
    })
  end
end
