-- @noindex
-- Part of lib/audioldm.lua: the job. The request file, `audioldm-bridge request` started without
-- waiting, a defer loop polling its result file (starting the engine when asked), the progress window.

return function(A)
  -- The job: request (start the engine if asked, ping until it answers), poll, hand over ------------

  local Job = {}
  Job.__index = Job
  A.Job = Job

  A.PING_START_TIMEOUT = 30   -- seconds for the CLI to write anything at all
  A.ENGINE_START_TIMEOUT = 300 -- seconds for a started engine to load its model and answer
  A.CANCEL_GRACE = 15         -- seconds to wait for `cancelled` after asking for it
  A.POLL_INTERVAL = 0.1

  --- ``spec``: settings, fields (protocol fields), out_dir, label (what the window shows),
  -- on_done(event) (called inside the defer loop with the `done` event); or, for a command that needs no
  -- engine, ``run(result_file)`` (its arguments after the command's path) instead of fields, and
  -- ``failure`` (what an error event's message follows).
  --- A job id no other action run draws. Lua seeds math.random from the clock's second and the
  -- state's address, and REAPER runs each action in a fresh state that may reuse a freed one's
  -- address: the microsecond clock tells two runs in the same second apart.
  function A.new_job_id()
    local micro = math.floor(reaper.time_precise() * 1e6) % 1000000000
    return string.format("reaper-%d-%09d-%06d", os.time(), micro, math.random(0, 999999))
  end

  function A.start_job(spec)
    local self = setmetatable(spec, Job)
    self.id = A.new_job_id()
    self.command = spec.settings.command
    if not reaper.file_exists(self.command) then
      A.message("The audioldm-bridge command was not found at\n" .. self.command ..
        "\n\nInstall it (pip install -e .) and set its full path in \"AudioLDM - Settings\".")
      return nil
    end
    reaper.RecursiveCreateDirectory(self.out_dir, 0)
    self.job_dir = A.join(self.out_dir, ".jobs")
    reaper.RecursiveCreateDirectory(self.job_dir, 0)
    self.request_file = A.join(self.job_dir, self.id .. ".request.json")
    self.result_file = A.join(self.job_dir, self.id .. ".result.json")
    self.ping_file = A.join(self.job_dir, self.id .. ".ping.json")
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

  --- While the engine starts: one ping that waits up to 10 s for an answer (ZeroMQ delivers it as soon as
  -- the engine binds; one still loading its model answers at once, and the request then waits for it),
  -- so few processes are launched.
  function Job:ping()
    os.remove(self.ping_file)
    self.ping_sent = reaper.time_precise()
    local ok, problem = A.launch(self:args("ping", "--endpoint", self.settings.endpoint, "--reply-timeout", 10,
      "--retries", 0, "--result-file", self.ping_file))
    if not ok then self:finish(problem) end
    return ok
  end

  --- Launch `audioldm-bridge request`; it pings first and reports an engine that is down as `unreachable`.
  function Job:submit()
    if self.run then return self:submit_local() end
    local fields = {}
    for k, v in pairs(self.fields) do fields[k] = v end
    fields.id = self.id
    fields.out_dir = self.out_dir
    local ok, problem = A.write_file(self.request_file, A.json.encode(fields))
    if not ok then return self:finish("cannot write the request file: " .. tostring(problem)) end
    os.remove(self.result_file)
    self.state = "running"
    self.submitted = reaper.time_precise()
    local launched, why = A.launch(self:args("request", "--request-file", self.request_file, "--result-file",
      self.result_file, "--endpoint", self.settings.endpoint, "--timeout", self.timeout, "--ping-timeout", 3))
    if not launched then return self:finish(why) end
  end

  --- Launch a command that needs no engine (``run``); it writes its final event into the result file.
  function Job:submit_local()
    os.remove(self.result_file)
    self.state = "running"
    self.status = "working…"
    self.submitted = reaper.time_precise()
    local launched, why = A.launch(self:args(table.unpack(self.run(self.result_file))))
    if not launched then return self:finish(why) end
  end

  function Job:cancel(reason)
    if self.state == "cancelling" then return end
    self.cancel_reason = reason
    if self.state == "running" and not self.run then
      A.launch(self:args("cancel", self.id, "--endpoint", self.settings.endpoint))
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
    elseif self.state == "running" and not self.run and not event and now - self.submitted > A.PING_START_TIMEOUT then
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
    local ok, problem = A.launch(A.serve_args(self.settings, self.out_dir))
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
      self:finish((self.failure or "The engine could not generate this:\n") .. tostring(event.message) ..
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

  -- Progress window (gfx) ---------------------------------------------------------------------------

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
end
