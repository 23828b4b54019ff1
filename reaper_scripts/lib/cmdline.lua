-- @noindex
-- Part of lib/audioldm.lua: command lines per platform (quoting, launching without waiting) and the
-- command that starts the engine.

return function(A)
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
    if windows == nil then windows = A.is_windows() end
    local parts = {}
    for i, arg in ipairs(args) do
      local quoted, problem = A.quote(arg, windows)
      if not quoted then return nil, problem end
      parts[i] = quoted
    end
    return table.concat(parts, " ")
  end

  --- Start ``args`` without waiting for it (ExecProcess(cmd, -2)); true, or nil and a message.
  function A.launch(args)
    local line, problem = A.command_line(args)
    if not line then return nil, problem end
    -- -2: do not wait, minimize (a console window on Windows); the outcome arrives in a file
    local started = reaper.ExecProcess(line, -2)
    if started == nil then return nil, "could not start: " .. line end
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
end
