-- @noindex
-- Shared code of the AudioLDM actions: settings, prompt history, lengths along the tempo map,
-- the per-platform command line, the non-blocking job (ExecProcess + defer polling a result
-- file) and inserting the result as one undo step.
--
-- Nothing here blocks REAPER: the CLI is started with ExecProcess(cmd, -2) (no wait), and every
-- defer callback only reads a small JSON file and draws the progress window.

local lib_dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local json = dofile(lib_dir .. "json.lua")

local A = { json = json }

A.SECTION = "AudioLDM"
A.TITLE = "AudioLDM"
A.HISTORY_SIZE = 20
A.TOLERANCE = 1e-7 -- seconds: a cursor this close to a bar line is on it (2.3999999 s counts as 2.4)

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
}
A.SETTING_ORDER = { "command", "endpoint", "steps", "guidance", "loudness", "format", "folder", "unsaved_folder",
                    "serve_options", "timeout" }
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
}

-- Messages ---------------------------------------------------------------------------------------

function A.message(text, kind)
  return reaper.MB(text, A.TITLE, kind or 0)
end

local function is_windows()
  return reaper.GetOS():sub(1, 3) == "Win"
end
A.is_windows = is_windows

local function join(dir, name)
  local sep = is_windows() and "\\" or "/"
  if dir:sub(-1) == "/" or dir:sub(-1) == "\\" then return dir .. name end
  return dir .. sep .. name
end
A.join = join

-- Settings and history (ExtState, persistent) --------------------------------------------------------

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
  if is_windows() then
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
  if not guidance or guidance < 0 or guidance > 30 then return "guidance must be a number 0..30, got " .. s.guidance end
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

--- The command that starts the engine for these settings: listening on the endpoint's port (and
-- loopback address), allowed to write into ``out_dir``; then the start options (what they say about
-- the address or port is not said twice).
function A.serve_args(settings, out_dir)
  local args = { settings.command, "serve" }
  local host, port = settings.endpoint:match("^tcp://(.+):(%d+)$")
  local options = settings.serve_options
  if host ~= "localhost" and host ~= "127.0.0.1" and not A.serve_option(options, "--host") then
    args[#args + 1], args[#args + 2] = "--host", host
  end
  if not A.serve_option(options, "--zmq-port") then
    args[#args + 1], args[#args + 2] = "--zmq-port", port
  end
  args[#args + 1], args[#args + 2] = "--allow-out", out_dir
  for word in options:gmatch("%S+") do args[#args + 1] = word end
  return args
end

function A.is_absolute(path)
  return path:match("^/") ~= nil or path:match("^%a:[/\\]") ~= nil or path:match("^\\\\") ~= nil
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

function A.history()
  local list = json.decode(reaper.GetExtState(A.SECTION, "history"))
  return type(list) == "table" and list or {}
end

--- Remember a prompt (most recent first, no duplicates). JSON keeps newlines out of ExtState.
function A.remember_prompt(prompt)
  local list = { prompt }
  for _, old in ipairs(A.history()) do
    if old ~= prompt and #list < A.HISTORY_SIZE then list[#list + 1] = old end
  end
  reaper.SetExtState(A.SECTION, "history", json.encode(list), true)
end

-- Dialogs ------------------------------------------------------------------------------------------

--- GetUserInputs with a newline separator, so prompts may hold commas; returns the values or nil.
function A.dialog(title, captions, defaults)
  local shown = {}
  for i = 1, #captions do
    assert(not captions[i]:find(","), "captions are comma-separated")
    shown[i] = tostring(defaults[i] or ""):gsub("[\r\n]+", " ")
  end
  -- captions stay comma-separated; the values (which may hold commas) are newline-separated
  local ok, csv = reaper.GetUserInputs(title, #captions, table.concat(captions, ",") .. ",extrawidth=360,separator=\n",
    table.concat(shown, "\n"))
  if not ok then return nil end
  local values = {}
  for value in (csv .. "\n"):gmatch("([^\n]*)\n") do values[#values + 1] = value end
  return values
end

local function trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end
A.trim = trim

--- The generate dialog. ``options``: ``bars`` (ask for bars too), ``strength`` (ask for a strength:
-- {key = ExtState key of the last one, default = "0.5"}). Returns a table or nil (cancelled).
function A.generate_dialog(title, options)
  options = options or {}
  local keys, captions, values = {}, {}, {}
  local function field(key, caption, value)
    keys[#keys + 1], captions[#captions + 1], values[#values + 1] = key, caption, value
  end
  local function last(key, default)
    local value = reaper.GetExtState(A.SECTION, key)
    return value ~= "" and value or default
  end
  field("prompt", "Prompt", A.history()[1] or "")
  if options.bars then field("bars", "Bars", last("last_bars", "4")) end
  if options.strength then
    local strength = options.strength
    field("strength", "Strength (0 keeps the audio / 1 ignores it)", last(strength.key, strength.default))
  end
  field("variations", "Variations", "1")
  field("seed", "Seed (blank = random)", "")
  field("negative_prompt", "Negative prompt", reaper.GetExtState(A.SECTION, "last_negative"))
  while true do
    local answers = A.dialog(title, captions, values)
    if not answers then return nil end
    values = answers
    local text = {}
    for i, key in ipairs(keys) do text[key] = trim(answers[i] or "") end
    local out = { prompt = text.prompt, negative_prompt = text.negative_prompt,
                  variations = math.tointeger(tonumber(text.variations)) }
    out.seed = text.seed ~= "" and math.tointeger(tonumber(text.seed)) or nil
    if options.bars then out.bars = math.tointeger(tonumber(text.bars)) end
    if options.strength then out.strength = tonumber(text.strength) end
    local problem
    if out.prompt == "" then
      problem = "the prompt is empty"
    elseif options.bars and (not out.bars or out.bars < 1 or out.bars > 256) then
      problem = "bars must be a whole number 1..256, got " .. text.bars
    elseif options.strength and (not out.strength or out.strength < 0 or out.strength > 1) then
      problem = "the strength must be a number 0..1, got " .. text.strength
    elseif not out.variations or out.variations < 1 or out.variations > 16 then
      problem = "variations must be a whole number 1..16, got " .. text.variations
    elseif text.seed ~= "" and (not out.seed or out.seed < 0 or out.seed > 4294967295) then
      problem = "the seed must be blank or a whole number 0..4294967295, got " .. text.seed
    end
    if not problem then
      A.remember_prompt(out.prompt)
      if options.bars then reaper.SetExtState(A.SECTION, "last_bars", tostring(out.bars), true) end
      if options.strength then reaper.SetExtState(A.SECTION, options.strength.key, text.strength, true) end
      reaper.SetExtState(A.SECTION, "last_negative", out.negative_prompt, true)
      return out
    end
    A.message("Please check the dialog: " .. problem .. ".")
  end
end

-- Lengths along the tempo map ------------------------------------------------------------------------

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

-- Project facts --------------------------------------------------------------------------------------

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

--- Where files go: the project's media folder under AudioLDM/, or the configured folder.
function A.output_folder(settings)
  if settings.folder ~= "project" then return settings.folder end
  local _, project_file = reaper.EnumProjects(-1)
  local saved = project_file ~= nil and project_file ~= ""
  if not saved and settings.unsaved_folder ~= "" then return settings.unsaved_folder end
  return join(reaper.GetProjectPathEx(0), "AudioLDM")
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

-- Command lines ----------------------------------------------------------------------------------

--- One argument quoted for the platform's command line (ExecProcess: CreateProcess on Windows,
-- an argv split on double quotes elsewhere). Returns nil and a message for what cannot be quoted.
function A.quote(arg, windows)
  arg = tostring(arg)
  if windows then
    if arg:find('"') then return nil, "a double quote cannot be part of a Windows path: " .. arg end
    -- CommandLineToArgvW: backslashes are literal except before a quote, here the closing one
    return '"' .. arg:gsub("(\\+)$", "%1%1") .. '"'
  end
  if arg:find('["\\$`]') then
    return nil, 'the path holds a character ( " \\ $ ` ) the command line cannot carry: ' .. arg
  end
  return '"' .. arg .. '"'
end

--- The command line for ``args`` (a list); the program is quoted like any argument.
function A.command_line(args, windows)
  if windows == nil then windows = is_windows() end
  local parts = {}
  for i, arg in ipairs(args) do
    local quoted, problem = A.quote(arg, windows)
    if not quoted then return nil, problem end
    parts[i] = quoted
  end
  return table.concat(parts, " ")
end

local function launch(args)
  local line, problem = A.command_line(args)
  if not line then return nil, problem end
  -- -2: do not wait, minimize (a console window on Windows); the outcome arrives in a file
  local started = reaper.ExecProcess(line, -2)
  if started == nil then return nil, "could not start: " .. line end
  return true
end

-- Files ------------------------------------------------------------------------------------------

function A.read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local text = f:read("a")
  f:close()
  return text
end

function A.write_file(path, text)
  local f, err = io.open(path, "wb")
  if not f then return nil, err end
  f:write(text)
  f:close()
  return true
end

function A.read_json(path)
  local text = A.read_file(path)
  if not text or text == "" then return nil end
  return json.decode(text)
end

-- The job: request (start the engine if asked, ping until it answers), poll, hand over ---------------

local Job = {}
Job.__index = Job
A.Job = Job

A.PING_START_TIMEOUT = 30   -- seconds for the CLI to write anything at all
A.ENGINE_START_TIMEOUT = 300 -- seconds for a started engine to load its model and answer
A.CANCEL_GRACE = 15         -- seconds to wait for `cancelled` after asking for it
A.POLL_INTERVAL = 0.1

--- ``spec``: settings, fields (protocol fields), out_dir, label (what the window shows),
-- on_done(event) (called inside the defer loop with the `done` event).
function A.start_job(spec)
  local self = setmetatable(spec, Job)
  self.id = string.format("reaper-%d-%06d", os.time(), math.random(0, 999999))
  self.command = spec.settings.command
  if not reaper.file_exists(self.command) then
    A.message("The audioldm-bridge command was not found at\n" .. self.command ..
      "\n\nInstall it (pip install -e .) and set its full path in \"AudioLDM - Settings\".")
    return nil
  end
  reaper.RecursiveCreateDirectory(self.out_dir, 0)
  self.job_dir = join(self.out_dir, ".jobs")
  reaper.RecursiveCreateDirectory(self.job_dir, 0)
  self.request_file = join(self.job_dir, self.id .. ".request.json")
  self.result_file = join(self.job_dir, self.id .. ".result.json")
  self.ping_file = join(self.job_dir, self.id .. ".ping.json")
  self.timeout = tonumber(spec.settings.timeout)
  self.status = "sending…"
  self.fraction = 0
  self.started_engine = false
  self.window = A.ProgressWindow.open(self.label)
  self:submit()
  if self.finished then return nil end
  reaper.defer(function() self:tick() end)
  return self
end

function Job:args(...)
  return { self.command, ... }
end

--- While the engine starts: one ping that waits up to 10 s (ZeroMQ delivers it as soon as the engine
-- binds, i.e. once its model is loaded), so few processes are launched.
function Job:ping()
  os.remove(self.ping_file)
  self.ping_sent = reaper.time_precise()
  local ok, problem = launch(self:args("ping", "--endpoint", self.settings.endpoint, "--reply-timeout", 10,
    "--retries", 1, "--result-file", self.ping_file))
  if not ok then self:finish(problem) end
  return ok
end

--- Launch `audioldm-bridge request`; it pings first and reports an engine that is down as `unreachable`.
function Job:submit()
  local fields = {}
  for k, v in pairs(self.fields) do fields[k] = v end
  fields.id = self.id
  fields.out_dir = self.out_dir
  local ok, problem = A.write_file(self.request_file, json.encode(fields))
  if not ok then return self:finish("cannot write the request file: " .. tostring(problem)) end
  os.remove(self.result_file)
  self.state = "running"
  self.submitted = reaper.time_precise()
  local launched, why = launch(self:args("request", "--request-file", self.request_file, "--result-file",
    self.result_file, "--endpoint", self.settings.endpoint, "--timeout", self.timeout, "--ping-timeout", 3))
  if not launched then return self:finish(why) end
end

function Job:cancel(reason)
  if self.state == "cancelling" then return end
  self.cancel_reason = reason
  if self.state == "running" then
    launch(self:args("cancel", self.id, "--endpoint", self.settings.endpoint))
    self.state = "cancelling"
    self.cancel_sent = reaper.time_precise()
    self.status = "cancelling…"
  else
    self:finish(reason)
  end
end

function Job:tick()
  if self.finished then return end
  local now = reaper.time_precise()
  if self.window and self.window:cancel_requested() then
    self:cancel(nil)
  end
  if self.finished then return end
  if not self.last_poll or now - self.last_poll >= A.POLL_INTERVAL then
    self.last_poll = now
    self:poll(now)
  end
  if self.finished then return end
  if self.window then self.window:draw(self.status, self.fraction) end
  reaper.defer(function() self:tick() end)
end

function Job:poll(now)
  if self.state == "starting" then
    local answer = A.read_json(self.ping_file)
    if answer and answer.event == "pong" then
      self:submit()
    elseif answer then -- not up yet: ask again
      if now - self.start_sent > A.ENGINE_START_TIMEOUT then
        return self:finish("The engine was started but did not answer within " .. A.ENGINE_START_TIMEOUT ..
          " s. Start it by hand (" .. self.command .. " serve) to see why.")
      end
      self:ping()
    elseif now - self.ping_sent > A.PING_START_TIMEOUT then
      self:finish("audioldm-bridge ping did not run within " .. A.PING_START_TIMEOUT .. " s.")
    end
    return
  end
  local event = A.read_json(self.result_file)
  if event then self:on_event(event) end
  if self.finished or self.state == "starting" then return end
  if self.state == "cancelling" and now - self.cancel_sent > A.CANCEL_GRACE then
    self:finish(self.cancel_reason)
  elseif self.state == "running" and now - self.submitted > self.timeout then
    self:cancel("Gave up after " .. self.settings.timeout .. " s without a result; nothing was inserted.")
  elseif self.state == "running" and not event and now - self.submitted > A.PING_START_TIMEOUT then
    self:finish("audioldm-bridge did not run (nothing from\n" .. self.command .. "\nwithin " ..
      A.PING_START_TIMEOUT .. " s). Check its path in \"AudioLDM - Settings\".")
  end
end

function Job:offer_start()
  local endpoint = self.settings.endpoint
  if not A.is_loopback_endpoint(endpoint) then -- an engine started here would not be the one asked
    return self:finish("The AudioLDM engine at " .. endpoint .. " does not answer. It is on another machine, " ..
      "so it cannot be started from here: start it there (audioldm-bridge serve), or set the endpoint " ..
      "in \"AudioLDM - Settings\".")
  end
  local choice = A.message("The AudioLDM engine is not running (nothing answers at " .. endpoint ..
    ").\n\nStart it now? It runs in the background until you close it; loading the model takes a while.", 4)
  if choice ~= 6 then return self:finish(nil) end
  local ok, problem = launch(A.serve_args(self.settings, self.out_dir))
  if not ok then return self:finish(problem) end
  self.started_engine = true
  self.state = "starting"
  self.start_sent = reaper.time_precise()
  self.status = "starting the engine (loading the model)…"
  self:ping()
end

function Job:on_event(event)
  local kind = event.event
  if kind == "accepted" then
    self.status = (event.position or 0) > 1 and ("queued (position " .. event.position .. ")…") or "starting…"
  elseif kind == "started" then
    self.status = "generating…"
  elseif kind == "progress" then
    self.fraction = event.step / math.max(event.total, 1)
    self.status = string.format("step %d/%d", event.step, event.total)
  elseif kind == "done" then
    if self.state == "cancelling" then return self:finish(self.cancel_reason) end
    local ok, problem = xpcall(self.on_done, debug.traceback, event)
    if ok then return self:finish(nil, true) end
    self:finish("Inserting failed: " .. tostring(problem))
  elseif kind == "cancelled" then
    self:finish(self.cancel_reason)
  elseif kind == "error" then
    if self.state == "cancelling" then return self:finish(self.cancel_reason) end
    if event.code == "unreachable" and not self.started_engine then return self:offer_start() end
    self:finish("The engine could not generate this:\n" .. tostring(event.message) ..
      " (" .. tostring(event.code) .. ")")
  end
end

--- End the job: close the window, remove job files, show ``problem`` if any.
function Job:finish(problem, succeeded)
  if self.finished then return end
  self.finished = true
  self.succeeded = succeeded and not problem
  if self.window then self.window:close() end
  for _, path in ipairs({ self.request_file, self.result_file, self.ping_file }) do
    if path then os.remove(path) end
  end
  if problem then A.message(problem) end
  if A.on_job_finished then A.on_job_finished(self, problem) end
end

-- Progress window (gfx) ------------------------------------------------------------------------------

local ProgressWindow = {}
ProgressWindow.__index = ProgressWindow
A.ProgressWindow = ProgressWindow
A.BUTTON = { x = 330, y = 70, w = 80, h = 24 }

function ProgressWindow.open(label)
  gfx.init("AudioLDM: generating", 420, 104)
  gfx.setfont(1, "Arial", 15)
  return setmetatable({ label = label }, ProgressWindow)
end

function ProgressWindow:cancel_requested()
  local char = gfx.getchar()
  if char == -1 or char == 27 then return true end -- window closed, or Esc
  local b = A.BUTTON
  local inside = gfx.mouse_x >= b.x and gfx.mouse_x <= b.x + b.w and gfx.mouse_y >= b.y and gfx.mouse_y <= b.y + b.h
  local down = gfx.mouse_cap & 1 == 1
  local clicked = self.was_down and not down and inside
  self.was_down = down and inside
  return clicked
end

function ProgressWindow:draw(status, fraction)
  gfx.set(0.13, 0.13, 0.13)
  gfx.rect(0, 0, gfx.w, gfx.h, 1)
  gfx.set(0.9, 0.9, 0.9)
  gfx.x, gfx.y = 10, 10
  gfx.drawstr(self.label)
  gfx.x, gfx.y = 10, 34
  gfx.drawstr(status)
  gfx.set(0.3, 0.3, 0.3)
  gfx.rect(10, 56, 310, 10, 1)
  gfx.set(0.35, 0.7, 0.45)
  gfx.rect(10, 56, math.floor(310 * math.max(0, math.min(1, fraction)) + 0.5), 10, 1)
  local b = A.BUTTON
  gfx.set(0.45, 0.45, 0.45)
  gfx.rect(b.x, b.y, b.w, b.h, 1)
  gfx.set(1, 1, 1)
  local w, h = gfx.measurestr("Cancel")
  gfx.x, gfx.y = b.x + (b.w - w) / 2, b.y + (b.h - h) / 2
  gfx.drawstr("Cancel")
  gfx.update()
end

function ProgressWindow:close()
  self.closed = true
  gfx.quit()
end

-- Inserting ----------------------------------------------------------------------------------------

--- The first ``n`` characters of ``s`` without cutting a UTF-8 sequence.
function A.shorten(s, n)
  s = s:gsub("[\r\n]+", " ")
  if utf8.len(s) and utf8.len(s) > n then
    return s:sub(1, utf8.offset(s, n + 1) - 1) .. "…"
  end
  return s
end

function A.take_name(file, prefix)
  return (prefix or "") .. A.shorten(file.prompt or "", 60) .. " · seed " .. tostring(file.seed)
end

--- PCM sources for every file, or nil and a message (then none is kept).
local function sources_for(files)
  local sources = {}
  for i, file in ipairs(files) do
    local source = reaper.PCM_Source_CreateFromFile(file.path)
    if not source then
      for _, s in ipairs(sources) do reaper.PCM_Source_Destroy(s) end
      return nil, "REAPER could not open " .. file.path
    end
    sources[i] = source
  end
  return sources
end

--- One take per file (named with ``options.name_prefix``, take properties ``options.take_values``),
-- the first made active.
local function add_takes(item, files, sources, options)
  options = options or {}
  local first
  for i, file in ipairs(files) do
    local take = reaper.AddTakeToMediaItem(item)
    reaper.SetMediaItemTake_Source(take, sources[i])
    reaper.GetSetMediaItemTakeInfo_String(take, "P_NAME", A.take_name(file, options.name_prefix), true)
    for parm, value in pairs(options.take_values or {}) do
      reaper.SetMediaItemTakeInfo_Value(take, parm, value)
    end
    first = first or take
  end
  reaper.SetActiveTake(first)
  return first
end

local function finish_insert(item, description)
  reaper.SelectAllMediaItems(0, false)
  reaper.SetMediaItemSelected(item, true)
  reaper.PreventUIRefresh(-1)
  reaper.Main_OnCommand(40047, 0) -- Peaks: build any missing peaks
  reaper.UpdateArrange()
  reaper.Undo_EndBlock2(0, description, -1)
end

--- One item of ``length`` at ``position`` on ``track`` (a new track named after the prompt when
-- nil or gone), one take per file, the first active; one undo point.
function A.insert_item(track, position, length, files, prompt)
  local sources, problem = sources_for(files)
  if not sources then error(problem, 0) end
  reaper.Undo_BeginBlock2(0)
  reaper.PreventUIRefresh(1)
  if not track or not reaper.ValidatePtr2(0, track, "MediaTrack*") then
    local index = reaper.CountTracks(0)
    reaper.InsertTrackAtIndex(index, true)
    track = reaper.GetTrack(0, index)
    reaper.GetSetMediaTrackInfo_String(track, "P_NAME", A.shorten(prompt, 40), true)
  end
  local item = reaper.AddMediaItemToTrack(track)
  reaper.SetMediaItemInfo_Value(item, "D_POSITION", position)
  reaper.SetMediaItemInfo_Value(item, "D_LENGTH", length)
  reaper.SetMediaItemInfo_Value(item, "B_LOOPSRC", 0)
  add_takes(item, files, sources)
  finish_insert(item, "AudioLDM: insert " .. A.shorten(prompt, 40))
  return item
end

--- New takes on an existing item, the first new one active; one undo point. ``options``: as
-- add_takes, plus ``length`` (the item's new length, for an extension).
function A.add_takes_to_item(item, files, description, options)
  if not reaper.ValidatePtr2(0, item, "MediaItem*") then error("the item was deleted meanwhile", 0) end
  local sources, problem = sources_for(files)
  if not sources then error(problem, 0) end
  reaper.Undo_BeginBlock2(0)
  reaper.PreventUIRefresh(1)
  if options and options.length then reaper.SetMediaItemInfo_Value(item, "D_LENGTH", options.length) end
  add_takes(item, files, sources, options)
  finish_insert(item, description)
end

--- More variations: new takes with new seeds on the same item (``prefix``: of their names).
function A.add_variations(item, files, prompt, prefix)
  A.add_takes_to_item(item, files, "AudioLDM: insert variations of " .. A.shorten(prompt, 40), { name_prefix = prefix })
end

-- The two generate actions -------------------------------------------------------------------------

--- Shared by "Generate at edit cursor" and "Generate for time selection": ``span()`` returns
-- start and end (or nil and a message); ``with_bars`` asks for bars.
function A.generate_action(title, with_bars)
  local settings = A.settings_for_action()
  if not settings then return end
  local start, stop
  if not with_bars then
    start, stop = A.time_selection()
    if not start then
      return A.message("There is no time selection. Select the time the sound should fill, then run this again.")
    end
  end
  local answers = A.generate_dialog(title, { bars = with_bars })
  if not answers then return end
  if with_bars then
    start, stop = A.bars_span(reaper.GetCursorPosition(), answers.bars)
  end
  local length = stop - start
  if length < 0.1 or length > 60 then
    return A.message(string.format("The length is %.3f s; the engine makes 0.1 to 60 s.", length))
  end
  local rate = A.project_rate()
  local track = reaper.GetSelectedTrack(0, 0)
  local prompt = answers.prompt
  return A.start_job({
    settings = settings,
    fields = A.request_fields(settings, answers, length, rate),
    out_dir = A.output_folder(settings),
    label = A.shorten(prompt, 48) .. string.format("  (%.2f s)", length),
    on_done = function(event)
      A.insert_item(track, start, length, event.files, prompt)
    end,
  })
end

-- Edits of the selected item: transform, repaint, extend ---------------------------------------------

--- The one selected item's active take as the engine reads it: the file under its section wrappers
-- and the range of that file the item plays (source seconds, playrate applied). Returns a table,
-- or nil and a message saying what to select instead. Changes nothing.
function A.selected_audio()
  local count = reaper.CountSelectedMediaItems(0)
  if count == 0 then
    return nil, "No item is selected. Select the audio item to edit, then run this again."
  elseif count > 1 then
    return nil, count .. " items are selected. Select just the one audio item to edit."
  end
  local item = reaper.GetSelectedMediaItem(0, 0)
  local take = reaper.GetActiveTake(item)
  if not take then
    return nil, "The selected item has no take (an empty item). Select an item that plays audio."
  end
  if reaper.TakeIsMIDI(take) then
    return nil, "The selected item's active take is MIDI. These edits work on audio: render or glue it to audio first."
  end
  -- What the engine reads is the file's frames at the take's rate: stretch markers or a channel mode
  -- would make that differ from what the item plays, so such a take is glued first.
  if reaper.GetTakeNumStretchMarkers(take) > 0 then
    return nil, "The selected take has stretch markers, so it does not play its file as it is. " ..
      "Glue it first (Item: Glue items), then run this again."
  end
  if reaper.GetMediaItemTakeInfo_Value(take, "I_CHANMODE") ~= 0 then
    return nil, "The selected take plays its channels in another mode than normal (reversed, downmixed, one side). " ..
      "Glue it first (Item: Glue items), then run this again."
  end
  local source = reaper.GetMediaItemTake_Source(take)
  -- A section (Item properties: section) or a reversed take wraps its file: walk to the file,
  -- adding the sections' offsets; reversed audio would need rendering, so it is refused.
  local file, offset = source, 0.0
  while true do
    local parent = reaper.GetMediaSourceParent(file)
    if not parent then break end
    local is_section, section_offset, _, reversed = reaper.PCM_Source_GetSectionInfo(file)
    if reversed then
      return nil, "The selected take is reversed. Glue it first (Item: Glue items), then run this again."
    end
    if is_section then offset = offset + section_offset end
    file = parent
  end
  local path = reaper.GetMediaSourceFileName(file)
  if path == "" then
    return nil, "The selected take does not play an audio file (its source is " .. reaper.GetMediaSourceType(file) ..
      "). Glue it to a file first (Item: Glue items)."
  end
  if not reaper.file_exists(path) then
    return nil, "The selected take's file is missing (offline):\n" .. path
  end
  local audio = {
    item = item, take = take, path = path,
    position = reaper.GetMediaItemInfo_Value(item, "D_POSITION"),
    length = reaper.GetMediaItemInfo_Value(item, "D_LENGTH"),
    start_offset = reaper.GetMediaItemTakeInfo_Value(take, "D_STARTOFFS"),
    playrate = reaper.GetMediaItemTakeInfo_Value(take, "D_PLAYRATE"),
  }
  local source_length = reaper.GetMediaSourceLength(source)
  local file_rate = reaper.GetMediaSourceSampleRate(file)
  audio.range = audio.length * audio.playrate -- source seconds the item plays
  -- An item as long as a musical length ends between samples (2 bars at 133 BPM: 173233.08 samples at
  -- 48 kHz) and the file made for it holds whole samples: up to one sample past the file's end still
  -- plays the file.
  local slack = math.max(A.TOLERANCE, 1 / file_rate)
  if audio.start_offset < -A.TOLERANCE or audio.start_offset + audio.range > source_length + slack then
    return nil, "The selected item plays beyond its source's ends (it loops, or was extended past the file). " ..
      "Trim it to the source or glue it first (Item: Glue items)."
  end
  audio.init_start = offset + math.max(audio.start_offset, 0.0)
  audio.init_end = audio.init_start + audio.range
  -- The engine reads whole frames of the file, [round(start × rate), round(end × rate)), no further than
  -- its last frame: that many seconds is the input's length (a repaint ends at most there; an extension
  -- is added to it).
  local function frame(t) return math.floor(t * file_rate + 0.5) end
  local file_frames = frame(reaper.GetMediaSourceLength(file))
  audio.file_rate = file_rate
  audio.frames_read = math.min(frame(audio.init_end), file_frames) - frame(audio.init_start)
  audio.range_read = audio.frames_read / file_rate
  return audio
end

--- ``frames`` / ``rate`` seconds, rounded down to a whole nanosecond (in integers): a number whose
-- decimal spelling (the engine reads numbers exactly as written) is never past that many frames, as
-- the quotient itself can be (173000 / 44100 prints as 3.922902494331066, above it).
function A.seconds_within(frames, rate)
  local ns = math.tointeger(frames) * 1000000000 // math.tointeger(rate)
  return ns / 1e9
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

A.EDITS = {
  transform = { title = "AudioLDM: transform selected item", verb = "transform",
                strength = { key = "last_strength", default = "0.5" } },
  repaint = { title = "AudioLDM: repaint time selection in item", verb = "repaint",
              strength = { key = "last_repaint_strength", default = "1" } },
  extend = { title = "AudioLDM: extend selected item", verb = "extend" },
}

--- What a repaint or extension applies to, from the time selection (before any dialog): the
-- region in source seconds from the range's start, or the selection's end when it lies past the
-- item's end. Returns a table (empty: ask for bars) or nil and a message.
local function edit_span(kind, audio)
  local item_end = audio.position + audio.length
  local sel_start, sel_end = A.time_selection()
  if kind == "repaint" then
    if not sel_start then
      return nil, "There is no time selection. Select the part of the item to repaint, then run this again."
    end
    local from, to = math.max(sel_start, audio.position), math.min(sel_end, item_end)
    if to - from < A.TOLERANCE then
      return nil, string.format("The time selection (%.3f to %.3f s) does not overlap the selected item " ..
        "(%.3f to %.3f s). Select the part of the item to repaint.", sel_start, sel_end, audio.position, item_end)
    end
    local repaint_start = (from - audio.position) * audio.playrate
    -- up to the item's end: to the last frame the engine reads (the item may end between samples)
    local repaint_end = math.min((to - audio.position) * audio.playrate,
      A.seconds_within(audio.frames_read, audio.file_rate))
    if repaint_end - repaint_start < A.TOLERANCE then
      return nil, "The time selection overlaps the selected item after its file's last sample only. " ..
        "Select the part of the item to repaint."
    end
    return { from = from, to = to, repaint_start = repaint_start, repaint_end = repaint_end }
  elseif kind == "extend" and sel_start and sel_end > item_end + A.TOLERANCE then
    return { new_end = sel_end }
  end
  return {}
end

--- Transform / repaint / extend the selected item: the result becomes a new take of the same item
-- (the active one; an extension lengthens the item to the new end), one undo point.
-- The new take plays the rendered file from its start at the old take's playrate (and pitch
-- settings), so it lines up with what the item showed; repaint and extend keep its volume too.
function A.edit_action(kind)
  local edit = A.EDITS[kind]
  local settings = A.settings_for_action()
  if not settings then return end
  local audio, problem = A.selected_audio()
  if not audio then return A.message(problem) end
  local span
  span, problem = edit_span(kind, audio)
  if not span then return A.message(problem) end
  if kind == "transform" and (audio.range < 0.1 or audio.range > 60) then
    return A.message(string.format("The item is %.3f s of audio; the engine transforms 0.1 to 60 s.", audio.range))
  end
  local asks_bars = kind == "extend" and not span.new_end
  local answers = A.generate_dialog(edit.title, { bars = asks_bars, strength = edit.strength })
  if not answers then return end
  local new_length = audio.length
  local rate = A.project_rate()
  local fields = A.common_fields(settings, answers, rate)
  fields.init_audio, fields.init_start, fields.init_end = audio.path, audio.init_start, audio.init_end
  local take_values = {
    D_PLAYRATE = audio.playrate, D_STARTOFFS = 0,
    B_PPITCH = reaper.GetMediaItemTakeInfo_Value(audio.take, "B_PPITCH"),
    D_PITCH = reaper.GetMediaItemTakeInfo_Value(audio.take, "D_PITCH"),
  }
  if kind == "transform" then
    fields.strength = answers.strength + 0.0
    A.loudness_fields(settings, fields) -- new sound: normalized like a generation
  else
    -- the engine keeps the input's level (loudness off): so does the take
    take_values.D_VOL = reaper.GetMediaItemTakeInfo_Value(audio.take, "D_VOL")
    take_values.D_PAN = reaper.GetMediaItemTakeInfo_Value(audio.take, "D_PAN")
  end
  if kind == "repaint" then
    fields.strength = answers.strength + 0.0
    fields.repaint_start, fields.repaint_end = span.repaint_start, span.repaint_end
  elseif kind == "extend" then
    local item_end = audio.position + audio.length
    local new_end = span.new_end or select(2, A.bars_span(item_end, answers.bars))
    local extension = (new_end - item_end) * audio.playrate
    if extension < 0.1 or extension > 60 then
      return A.message(string.format("The extension is %.3f s of audio; the engine makes 0.1 to 60 s.", extension))
    end
    new_length = new_end - audio.position
    -- what was read + this = the new length exactly, so the file ends where the item now does
    fields.extend_seconds = new_length * audio.playrate - audio.range_read
  end
  local prompt = answers.prompt
  return A.start_job({
    settings = settings,
    fields = fields,
    out_dir = A.output_folder(settings),
    label = edit.verb .. ": " .. A.shorten(prompt, 40) .. string.format("  (%.2f s)", new_length),
    on_done = function(event)
      A.add_takes_to_item(audio.item, event.files, "AudioLDM: " .. edit.verb .. " " .. A.shorten(prompt, 40), {
        name_prefix = edit.verb .. ": ", take_values = take_values,
        length = new_length ~= audio.length and new_length or nil,
      })
    end,
  })
end

return A
