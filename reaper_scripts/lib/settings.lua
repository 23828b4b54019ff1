-- @noindex
-- Part of lib/audioldm.lua: the settings (REAPER's ExtState, section A.SECTION), their checks and
-- the Settings dialog.

return function(A)
  A.DEFAULTS = {
    command = "",             -- absolute path of audioldm-bridge (audioldm-bridge.exe on Windows)
    endpoint = "tcp://127.0.0.1:18002",
    steps = "10",
    guidance = "2.5",
    loudness = "-14",         -- LUFS target, "peak -1" or "off"
    format = "wav24",
    folder = "project",       -- "project": <project media folder>/AudioLDM, or an absolute folder
    unsaved_folder = "",      -- for unsaved projects; blank: REAPER's default media folder/AudioLDM
    serve_options = "",       -- extra words for `audioldm-bridge serve`, e.g. --model cvssp/audioldm-m-full
    timeout = "600",          -- seconds before a generation is given up
    tempo_lock = "auto",      -- the sound follows the project's tempo: auto (where it has a clear beat) / on / off
    key_lock = "auto",        -- and the key typed in the dialog: auto (where it is tonal) / on / off
    reaper_fit = "yes",       -- yes: REAPER's stretch markers and take pitch do it (the file is left as made);
                              -- no: the engine warps and shifts the file itself
  }
  A.SETTING_ORDER = { "command", "endpoint", "steps", "guidance", "loudness", "format", "folder", "unsaved_folder",
                      "serve_options", "timeout", "tempo_lock", "key_lock", "reaper_fit" }
  A.SETTING_CAPTIONS = {
    command = "audioldm-bridge command (full path)",
    endpoint = "Engine endpoint (ZeroMQ)",
    steps = "Steps",
    guidance = "Guidance",
    loudness = "Loudness (LUFS / peak -1 / off)",
    format = "Format (wav24 / wav16 / wav32f / flac)",
    folder = "Output folder ('project' = media/AudioLDM)",
    unsaved_folder = "Folder for unsaved projects",
    serve_options = "Engine start options",
    timeout = "Timeout (s)",
    tempo_lock = "Tempo lock (auto / on / off)",
    key_lock = "Key lock (auto / on / off)",
    reaper_fit = "Use REAPER stretch markers/take pitch (yes / no)",
  }

  function A.has_settings()
    return reaper.HasExtState(A.SECTION, "command")
  end

  function A.load_settings()
    local settings = {}
    for key, default in pairs(A.DEFAULTS) do
      local value = reaper.GetExtState(A.SECTION, key)
      settings[key] = (value ~= "" or key == "command" or key == "serve_options" or key == "unsaved_folder")
        and value or default
    end
    return settings
  end

  function A.save_settings(settings)
    for _, key in ipairs(A.SETTING_ORDER) do
      reaper.SetExtState(A.SECTION, key, settings[key] or "", true)
    end
  end

  --- Where audioldm-bridge most likely is (the user confirms it in the Settings dialog).
  function A.guess_command()
    local candidates
    if A.is_windows() then
      local home = os.getenv("USERPROFILE") or "C:\\Users\\Public"
      local appdata = os.getenv("APPDATA") or (home .. "\\AppData\\Roaming")
      candidates = {
        home .. "\\audioldm-bridge\\.venv\\Scripts\\audioldm-bridge.exe",
        appdata .. "\\Python\\Scripts\\audioldm-bridge.exe",
        home .. "\\.local\\bin\\audioldm-bridge.exe",
      }
    else
      local home = os.getenv("HOME") or ""
      candidates = {
        home .. "/audioldm-bridge/.venv/bin/audioldm-bridge",
        home .. "/.local/bin/audioldm-bridge",
        "/opt/homebrew/bin/audioldm-bridge",
        "/usr/local/bin/audioldm-bridge",
      }
    end
    for _, path in ipairs(candidates) do
      if reaper.file_exists(path) then return path end
    end
    return candidates[1]
  end

  --- Checks every setting; returns nil or a message naming the bad one.
  function A.check_settings(s)
    if s.command == "" then return "the path of the audioldm-bridge command is empty" end
    if not s.endpoint:match("^tcp://[%w%.%-]+:%d+$") then
      return "the engine endpoint must look like tcp://127.0.0.1:18002, got " .. s.endpoint
    end
    local steps = math.tointeger(tonumber(s.steps))
    if not steps or steps < 1 or steps > 500 then return "steps must be a whole number 1..500, got " .. s.steps end
    local guidance = tonumber(s.guidance)
    if not guidance or guidance < 0 or guidance > 30 then
      return "guidance must be a number 0..30, got " .. s.guidance
    end
    if not (s.loudness == "off" or tonumber(s.loudness) or s.loudness:match("^peak%s+%-?[%d%.]+$")) then
      return "loudness must be a LUFS target like -14, 'peak -1' or 'off', got " .. s.loudness
    end
    local formats = { wav24 = true, wav16 = true, wav32f = true, flac = true }
    if not formats[s.format] then return "format must be wav24, wav16, wav32f or flac, got " .. s.format end
    if s.folder ~= "project" and not A.is_absolute(s.folder) then
      return "the output folder must be 'project' or an absolute folder, got " .. s.folder
    end
    if s.unsaved_folder ~= "" and not A.is_absolute(s.unsaved_folder) then
      return "the folder for unsaved projects must be absolute (or blank), got " .. s.unsaved_folder
    end
    for word in s.serve_options:gmatch("%S+") do
      if not word:match("^[%w%-%._:/=\\]+$") then
        return "engine start options may hold only letters, digits and - . _ : / = \\, got " .. word
      end
    end
    local option_port = A.serve_option(s.serve_options, "--zmq-port")
    local endpoint_port = s.endpoint:match(":(%d+)$")
    if option_port and option_port ~= endpoint_port then
      return "the engine start options say --zmq-port " .. option_port .. ", but the endpoint's port is " ..
        endpoint_port .. " (leave --zmq-port out: a started engine listens on the endpoint's port)"
    end
    local timeout = tonumber(s.timeout)
    if not timeout or timeout < 5 then return "the timeout must be at least 5 s, got " .. s.timeout end
    local modes = { auto = true, on = true, off = true }
    if not modes[s.tempo_lock] then return "tempo lock must be auto, on or off, got " .. s.tempo_lock end
    if not modes[s.key_lock] then return "key lock must be auto, on or off, got " .. s.key_lock end
    if s.reaper_fit ~= "yes" and s.reaper_fit ~= "no" then
      return "'use REAPER stretch markers/take pitch' must be yes or no, got " .. s.reaper_fit
    end
    return nil
  end

  --- The value an option has in the engine start options (``--opt value`` or ``--opt=value``), or nil.
  function A.serve_option(options, name)
    local value, previous
    for word in options:gmatch("%S+") do
      if previous == name then value = word end
      local inline = word:sub(1, #name + 1) == name .. "=" and word:sub(#name + 2) or nil
      if inline then value = inline end
      previous = word
    end
    return value
  end

  --- Whether the endpoint is on this machine (a loopback address), where "Start the engine?" can help.
  function A.is_loopback_endpoint(endpoint)
    local host = endpoint:match("^tcp://(.+):%d+$")
    if host == "localhost" then return true end
    local a, b, c, d = (host or ""):match("^(%d+)%.(%d+)%.(%d+)%.(%d+)$")
    if not a or tonumber(a) ~= 127 then return false end
    for _, part in ipairs({ b, c, d }) do
      if tonumber(part) > 255 then return false end
    end
    return true
  end

  --- The Settings dialog; returns the saved settings, or nil if cancelled.
  function A.settings_dialog(first_run)
    local settings = A.load_settings()
    if settings.command == "" then settings.command = A.guess_command() end
    local captions, values = {}, {}
    for i, key in ipairs(A.SETTING_ORDER) do
      captions[i] = A.SETTING_CAPTIONS[key]
      values[i] = settings[key]
    end
    local title = first_run and "AudioLDM: first run (check the command's path)" or "AudioLDM settings"
    while true do
      local answers = A.dialog(title, captions, values)
      if not answers then return nil end
      for i, key in ipairs(A.SETTING_ORDER) do settings[key] = answers[i] end
      values = answers
      local problem = A.check_settings(settings)
      if not problem then
        A.save_settings(settings)
        return settings
      end
      A.message("Settings not saved: " .. problem .. ".")
    end
  end

  --- Settings for an action: opens the Settings dialog first when none exist yet.
  function A.settings_for_action()
    if not A.has_settings() then
      return A.settings_dialog(true)
    end
    local settings = A.load_settings()
    local problem = A.check_settings(settings)
    if problem then
      A.message("AudioLDM settings need a look: " .. problem .. ".")
      return A.settings_dialog(false)
    end
    return settings
  end
end
