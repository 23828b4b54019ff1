-- @noindex
-- Part of lib/audioldm.lua: the History action. `audioldm-bridge history QUERY --json --result-file R`
-- started without waiting (it reads the history database; no engine needed), a defer loop polling R,
-- the matches in a menu (gfx.showmenu), then the chosen entry inserted at the edit cursor, added as a
-- take of the selected item, or regenerated with the same settings and a new seed.
-- (``A.history`` is the prompt history of the generate dialog: these are ``A.history_*``.)

return function(A)
  A.HISTORY_LIMIT = 25      -- entries asked for (one menu)
  A.HISTORY_TIMEOUT = 30    -- seconds for `audioldm-bridge history` to write its result
  A.HISTORY_TITLE = "AudioLDM: history"
  A.HISTORY_WORDS = { show = true, rebuild = true, forget = true } -- `history WORD …` does that, not a search

  -- Reading the history -------------------------------------------------------------------------------

  --- The search text as one command-line word: the characters a command line here cannot carry (see
  -- A.quote) and leading dashes (an option to the CLI) become spaces; nil when nothing is left (all).
  function A.history_query(text)
    local query = A.trim((text:gsub('["\\$`\r\n]', " "):gsub("^[%s%-]+", "")))
    return query ~= "" and query or nil
  end

  --- The `history` command's arguments: the same database the engine writes when its start options
  -- name one (--history-db), the query last.
  function A.history_args(settings, query, result_file)
    local args = { settings.command, "history", "--json", "--limit", A.HISTORY_LIMIT, "--result-file", result_file }
    local db = A.serve_option(settings.serve_options, "--history-db")
    if db then args[#args + 1], args[#args + 2] = "--history-db", db end
    -- a query that is exactly one of the command's own words (history show ID …) is still a search
    if query and A.HISTORY_WORDS[query] then query = query .. " " end
    if query then args[#args + 1] = query end
    return args
  end

  --- Run `audioldm-bridge history` in the background; ``on_entries(entries)`` is called from the defer loop
  -- with the entries (newest first); a failure is shown as a message. Returns true when it started.
  function A.history_search(settings, query, on_entries)
    if not reaper.file_exists(settings.command) then
      A.message("The audioldm-bridge command was not found at\n" .. settings.command ..
        "\n\nInstall it (pip install -e .) and set its full path in \"AudioLDM - Settings\".")
      return false
    end
    local job_dir = A.join(A.output_folder(settings), ".jobs")
    reaper.RecursiveCreateDirectory(job_dir, 0)
    local result_file = A.join(job_dir, A.new_job_id() .. ".history.json")
    local ok, problem = A.launch(A.history_args(settings, query, result_file))
    if not ok then
      A.message(problem)
      return false
    end
    local started, last_poll = reaper.time_precise(), nil
    local function tick()
      local now = reaper.time_precise()
      if last_poll and now - last_poll < A.POLL_INTERVAL then return reaper.defer(tick) end
      last_poll = now
      local result = A.read_json(result_file)
      if type(result) == "table" then
        os.remove(result_file)
        if type(result.entries) == "table" then
          local done, failure = xpcall(on_entries, debug.traceback, result.entries)
          if not done then A.message("The history entry could not be used: " .. tostring(failure)) end
          return
        end
        return A.message("The history could not be read:\n" .. tostring(result.message or "no entries in the answer") ..
          (result.code and " (" .. tostring(result.code) .. ")" or ""))
      end
      if now - started > A.HISTORY_TIMEOUT then
        os.remove(result_file)
        return A.message("audioldm-bridge history did not answer within " .. A.HISTORY_TIMEOUT .. " s (" ..
          settings.command .. "). Check its path in \"AudioLDM - Settings\".")
      end
      reaper.defer(tick)
    end
    reaper.defer(tick)
    return true
  end

  -- The menus ----------------------------------------------------------------------------------------

  --- A menu item's text as gfx.showmenu shows it: no field separator (|), no leading flag character
  -- (# grayed, ! checked, > submenu, < submenu end), & doubled (a single one underlines the next letter).
  function A.menu_text(text)
    return (text:gsub("%s*[\r\n|]+%s*", " "):gsub("^[%s#!<>]+", ""):gsub("&", "&&"))
  end

  --- A created time (ISO 8601, UTC or with an offset) as local "YYYY-MM-DD HH:MM"; the text as it is
  -- when it is not one.
  function A.local_time(created)
    local y, mo, d, h, mi, s, zone = tostring(created):match("^(%d+)%-(%d+)%-(%d+)[T ](%d+):(%d+):(%d+)%.?%d*(.*)$")
    if not y then return tostring(created) end
    local offset = 0
    local sign, oh, om = zone:match("^([%+%-])(%d%d):?(%d%d)$")
    if sign then offset = (sign == "+" and 1 or -1) * (tonumber(oh) * 3600 + tonumber(om) * 60) end
    -- os.time reads a table as local time: shift by this zone's offset from UTC at that moment
    local as_local = os.time({ year = tonumber(y), month = tonumber(mo), day = tonumber(d), hour = tonumber(h),
                               min = tonumber(mi), sec = tonumber(s), isdst = false })
    local utc_fields = os.date("!*t", as_local)
    utc_fields.isdst = false
    local epoch = as_local + (as_local - os.time(utc_fields)) - offset
    return os.date("%Y-%m-%d %H:%M", epoch)
  end

  --- One line of the matches menu: prompt, length, date, and whether the file is missing.
  function A.history_label(entry)
    local length = ""
    if type(entry.seconds) == "number" then length = string.format("%.2f s", entry.seconds) end
    if type(entry.bars) == "number" and type(entry.bpm) == "number" then
      length = string.format("%g bar%s at %g BPM (%s)", entry.bars, entry.bars == 1 and "" or "s", entry.bpm, length)
    end
    local label = A.shorten(tostring(entry.prompt or ""), 50) .. "  ·  " .. length .. "  ·  " ..
      A.local_time(entry.created)
    if A.history_missing(entry) then label = label .. "  ·  file missing" end
    return A.menu_text(label)
  end

  --- Whether the entry's file is gone (as the history says, or now).
  function A.history_missing(entry)
    return entry.missing == true or type(entry.path) ~= "string" or not reaper.file_exists(entry.path)
  end

  --- gfx.showmenu in a small window at the mouse (REAPER shows a menu over a gfx window); the chosen
  -- item's number (1-based, as showmenu counts) or 0.
  function A.show_menu(items)
    local x, y = reaper.GetMousePosition()
    gfx.init(A.HISTORY_TITLE, 1, 1, 0, x, y)
    gfx.x, gfx.y = 0, 0
    local choice = gfx.showmenu(table.concat(items, "|"))
    gfx.quit()
    return math.tointeger(choice) or 0
  end

  A.HISTORY_CHOICES = { "Insert at the edit cursor (selected track)", "Add as a take of the selected item",
                        "Regenerate: same settings, new seed (at the edit cursor)" }
  A.HISTORY_DO = { "insert", "take", "regenerate" }

  --- The matches menu, then what to do with the chosen one (a grayed heading, then the choices).
  function A.history_choose(entries)
    local items = {}
    for i, entry in ipairs(entries) do items[i] = A.history_label(entry) end
    local chosen = entries[A.show_menu(items)]
    if not chosen then return nil end
    local heading = "#" .. A.menu_text(A.shorten(tostring(chosen.prompt or ""), 50) .. "  ·  seed " ..
      tostring(chosen.seed))
    local choice = A.show_menu({ heading, "", table.unpack(A.HISTORY_CHOICES) })
    return chosen, A.HISTORY_DO[choice - 1]
  end

  -- Doing it -----------------------------------------------------------------------------------------

  --- The entry's file as one delivered file (what insert.lua names takes after).
  local function as_file(entry)
    return { path = entry.path, prompt = entry.prompt, seed = entry.seed }
  end

  --- A file's length in seconds as REAPER reads it, or nil and a message.
  local function file_length(path)
    local source = reaper.PCM_Source_CreateFromFile(path)
    if not source then return nil, "REAPER could not open " .. path end
    local length = reaper.GetMediaSourceLength(source)
    reaper.PCM_Source_Destroy(source)
    return length
  end

  --- The protocol fields that regenerate ``entry``: its request (or, for an entry without one, what the
  -- entry says), a new seed, one variation, the live lane.
  function A.history_request(entry)
    local fields = {}
    if type(entry.request) == "table" then
      for key, value in pairs(entry.request) do fields[key] = value end
    else
      fields = { prompt = entry.prompt, negative_prompt = entry.negative_prompt, seconds = entry.seconds,
                 sample_rate = entry.sample_rate }
    end
    fields.id, fields.out_dir, fields.reply_port = nil, nil, nil
    local seed = entry.seed
    while seed == entry.seed do seed = math.random(0, 4294967295) end
    fields.seed, fields.variations, fields.priority = seed, 1, "live"
    if type(fields.prompt) == "string" then fields.name = fields.name or A.name_hint(fields.prompt) end
    return fields
  end

  local MISSING = "The file of this history entry is missing:\n%s\n\nIt was moved or deleted. Choose " ..
    "\"Regenerate\" to make it again with a new seed, or re-index a moved folder with " ..
    "`audioldm-bridge history rebuild FOLDER`."

  --- Do ``action`` with ``entry``: insert / take / regenerate.
  function A.history_apply(settings, entry, action)
    local prompt = tostring(entry.prompt or "")
    if action == "regenerate" then
      local fields = A.history_request(entry)
      local track, position = reaper.GetSelectedTrack(0, 0), reaper.GetCursorPosition()
      return A.start_job({
        settings = settings, fields = fields, out_dir = A.output_folder(settings),
        label = "again: " .. A.shorten(prompt, 40) .. "  (seed " .. fields.seed .. ")",
        on_done = function(event)
          local length, problem = file_length(event.files[1].path)
          if not length then error(problem, 0) end
          A.insert_item(track, position, length, event.files, prompt)
        end,
      })
    end
    if A.history_missing(entry) then return A.message(string.format(MISSING, tostring(entry.path))) end
    local length, problem = file_length(entry.path)
    if not length then return A.message(problem) end
    if action == "insert" then
      return A.insert_item(reaper.GetSelectedTrack(0, 0), reaper.GetCursorPosition(), length, { as_file(entry) },
        prompt)
    end
    local item = reaper.GetSelectedMediaItem(0, 0)
    if not item then
      return A.message("No item is selected. Select the item to add the history entry to as a take, then " ..
        "run this again.")
    end
    A.add_takes_to_item(item, { as_file(entry) }, "AudioLDM: add from history " .. A.shorten(prompt, 40),
      { name_prefix = "history: " })
  end

  --- The action: ask for a search text, read the history, show the matches, do what is chosen.
  function A.history_action()
    local settings = A.settings_for_action()
    if not settings then return end
    local last = reaper.GetExtState(A.SECTION, "last_history_search")
    local answers = A.dialog(A.HISTORY_TITLE, { "Search prompts (blank: the most recent)" }, { last })
    if not answers then return end
    local text = A.trim(answers[1] or "")
    reaper.SetExtState(A.SECTION, "last_history_search", (text:gsub("[\r\n]+", " ")), true)
    local query = A.history_query(text)
    A.history_search(settings, query, function(entries)
      if #entries == 0 then
        return A.message(query and ("Nothing in the history matches \"" .. query .. "\".") or
          "The history is empty: nothing has been generated yet (or its database is elsewhere: " ..
          "--history-db in the engine start options).")
      end
      local entry, action = A.history_choose(entries)
      if entry and action then A.history_apply(settings, entry, action) end
    end)
  end
end
