-- @noindex
-- Part of lib/audioldm.lua: what a request carries. Protocol fields from the settings and the dialog's
-- answers, where its files go, the edit a sidecar records, and an item's sidecar rendered like again.

return function(A)
  --- Where files go: the project's media folder under AudioLDM/, or the configured folder.
  function A.output_folder(settings)
    if settings.folder ~= "project" then return settings.folder end
    local _, project_file = reaper.EnumProjects(-1)
    local saved = project_file ~= nil and project_file ~= ""
    if not saved and settings.unsaved_folder ~= "" then return settings.unsaved_folder end
    return A.join(reaper.GetProjectPathEx(0), "AudioLDM")
  end

  --- Loudness setting → protocol fields.
  function A.loudness_fields(settings, fields)
    if settings.loudness == "off" then
      fields.loudness = "off"
    elseif settings.loudness:match("^peak") then
      fields.loudness = "peak"
      fields.target = tonumber(settings.loudness:match("(%-?[%d%.]+)$"))
    else
      fields.loudness = "lufs"
      fields.target = tonumber(settings.loudness)
    end
    return fields
  end

  --- Protocol fields every request from the dialog's answers carries (no length, no loudness).
  function A.common_fields(settings, answers, rate)
    return {
      prompt = answers.prompt, negative_prompt = answers.negative_prompt,
      variations = answers.variations, seed = answers.seed, sample_rate = rate,
      steps = math.tointeger(tonumber(settings.steps)), guidance = tonumber(settings.guidance) + 0.0,
      format = settings.format, priority = "live", name = A.name_hint(answers.prompt),
    }
  end

  A.NAME_HINT_CHARS = 60

  --- The file name hint for a prompt: its first A.NAME_HINT_CHARS characters (whole UTF-8 characters,
  -- newlines as spaces); nil (the engine names the file after the prompt) for text that is not UTF-8.
  -- The engine makes the file name of it; the prompt itself travels whole.
  function A.name_hint(prompt)
    local hint = prompt:gsub("[\r\n]+", " ")
    local chars = utf8.len(hint)
    if not chars then return nil end
    if chars > A.NAME_HINT_CHARS then hint = hint:sub(1, utf8.offset(hint, A.NAME_HINT_CHARS + 1) - 1) end
    return hint
  end

  --- Protocol fields for a generation of ``seconds`` from the dialog's answers.
  function A.request_fields(settings, answers, seconds, rate)
    local fields = A.common_fields(settings, answers, rate)
    fields.seconds = seconds + 0.0
    return A.loudness_fields(settings, fields)
  end

  --- The edit a sidecar records (a transfer, repaint or extension of init_audio) as protocol fields and
  -- the take-name prefix, so that more variations of an edited take repeat the edit; nil for a generation.
  function A.edit_from_sidecar(sidecar)
    if type(sidecar.edit) ~= "string" or type(sidecar.init_audio) ~= "string" then return nil end
    local fields = { init_audio = sidecar.init_audio, strength = sidecar.strength }
    if type(sidecar.init_range) == "table" then
      fields.init_start, fields.init_end = sidecar.init_range[1], sidecar.init_range[2]
    end
    if type(sidecar.repaint) == "table" then
      fields.repaint_start, fields.repaint_end = sidecar.repaint[1], sidecar.repaint[2]
    end
    if type(sidecar.extend) == "table" then fields.extend_seconds = sidecar.extend.seconds end
    local verb = sidecar.edit == "transfer" and "transform" or sidecar.edit
    return fields, verb .. ": "
  end

  --- The sidecar of an item's active take (the JSON next to its file): table and the take's file, or nil and
  -- the reason.
  function A.item_sidecar(item)
    local take = reaper.GetActiveTake(item)
    if not take or reaper.TakeIsMIDI(take) then return nil, "it has no audio take" end
    local path = reaper.GetMediaSourceFileName(reaper.GetMediaItemTake_Source(take)) or ""
    if path == "" then return nil, "its take plays no file" end
    local sidecar_path = path:gsub("%.[^./\\]*$", "") .. ".json"
    local sidecar = A.read_json(sidecar_path)
    if type(sidecar) ~= "table" or type(sidecar.prompt) ~= "string" or type(sidecar.seconds) ~= "number" then
      return nil, "it was not made by AudioLDM (no sidecar " .. sidecar_path .. ")"
    end
    return sidecar, path
  end

  --- Protocol fields that render like the sidecar's take (prompt, settings, loudness; no length, no seed).
  function A.fields_like(sidecar)
    return {
      prompt = sidecar.prompt, negative_prompt = sidecar.negative_prompt,
      steps = sidecar.steps, guidance = sidecar.guidance, scheduler = sidecar.scheduler, eta = sidecar.eta,
      sample_rate = sidecar.sample_rate, channels = sidecar.channels, format = sidecar.format,
      loop = sidecar.loop, ceiling = sidecar.true_peak_ceiling_dbtp, priority = "live",
      name = A.name_hint(sidecar.prompt),
      loudness = sidecar.loudness_mode,
      target = sidecar.loudness_mode ~= "off" and sidecar.loudness_target or nil,
    }
  end
end
