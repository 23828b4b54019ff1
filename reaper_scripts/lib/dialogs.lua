-- @noindex
-- Part of lib/audioldm.lua: GetUserInputs with values that may hold commas, the prompt history and
-- the generate dialog (prompt, bars, strength, variations, seed, negative prompt).

return function(A)
  -- The prompt history (ExtState, persistent) -------------------------------------------------------

  A.HISTORY_SIZE = 20

  function A.history()
    local list = A.json.decode(reaper.GetExtState(A.SECTION, "history"))
    return type(list) == "table" and list or {}
  end

  --- Remember a prompt (most recent first, no duplicates). JSON keeps newlines out of ExtState.
  function A.remember_prompt(prompt)
    local list = { prompt }
    for _, old in ipairs(A.history()) do
      if old ~= prompt and #list < A.HISTORY_SIZE then list[#list + 1] = old end
    end
    reaper.SetExtState(A.SECTION, "history", A.json.encode(list), true)
  end

  -- Dialogs -----------------------------------------------------------------------------------------

  --- GetUserInputs with a newline separator, so prompts may hold commas; returns the values or nil.
  function A.dialog(title, captions, defaults)
    local shown = {}
    for i = 1, #captions do
      assert(not captions[i]:find(","), "captions are comma-separated")
      shown[i] = tostring(defaults[i] or ""):gsub("[\r\n]+", " ")
    end
    -- captions stay comma-separated; the values (which may hold commas) are newline-separated
    local ok, csv = reaper.GetUserInputs(title, #captions,
      table.concat(captions, ",") .. ",extrawidth=360,separator=\n", table.concat(shown, "\n"))
    if not ok then return nil end
    local values = {}
    for value in (csv .. "\n"):gmatch("([^\n]*)\n") do values[#values + 1] = value end
    return values
  end

  --- The generate dialog. ``options``: ``bars`` (ask for bars too), ``strength`` (ask for a strength:
  -- {key = ExtState key of the last one, default = "0.5"}), ``key`` (ask for a musical key, beside the
  -- prompt; remembered like it). Returns a table or nil (cancelled).
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
    if options.key then field("key", A.KEY_CAPTION, last("last_key", "")) end
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
      for i, key in ipairs(keys) do text[key] = A.trim(answers[i] or "") end
      local out = { prompt = text.prompt, negative_prompt = text.negative_prompt,
                    variations = math.tointeger(tonumber(text.variations)) }
      out.seed = text.seed ~= "" and math.tointeger(tonumber(text.seed)) or nil
      if options.bars then out.bars = math.tointeger(tonumber(text.bars)) end
      if options.strength then out.strength = tonumber(text.strength) end
      if options.key then out.key = text.key end
      local problem
      if out.prompt == "" then
        problem = "the prompt is empty"
      elseif options.bars and (not out.bars or out.bars < 1 or out.bars > 256) then
        problem = "bars must be a whole number 1..256, got " .. text.bars
      elseif options.key and text.key ~= "" and not A.parse_key(text.key) then
        problem = "the key must be a note A to G with # or b and major or minor, like D minor, F#, Bbm, " ..
          "Eb major (or blank), got " .. text.key
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
        if options.key then reaper.SetExtState(A.SECTION, "last_key", text.key, true) end
        reaper.SetExtState(A.SECTION, "last_negative", out.negative_prompt, true)
        return out
      end
      A.message("Please check the dialog: " .. problem .. ".")
    end
  end
end
