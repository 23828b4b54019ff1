-- @noindex
-- Part of lib/audioldm.lua: the sound between two prompts (issue 22). "Morph between selected items": a
-- sweep from the first generated item's prompt to the second's, with the first item's seed, as ONE new item
-- whose takes are the points in order; "More like selected item": the item's file as the condition
-- (audio_prompt), its results new takes of the same item.

return function(A)
  A.MORPH_POINTS = 5      -- the dialog's default number of points (takes)
  A.MAX_MORPH_POINTS = 16 -- as many as one request renders (the engine's batch limit for variations)

  --- The two selected items, each with its sidecar, the earlier first (the same start: in selection order);
  -- or nil and a message saying what to select. Changes nothing.
  function A.morph_pair()
    local count = reaper.CountSelectedMediaItems(0)
    if count ~= 2 then
      return nil, "Select exactly two items made by AudioLDM (" .. count .. " selected): the morph goes from the " ..
        "earlier one's prompt to the other's."
    end
    local pair = {}
    for i = 0, 1 do
      local item = reaper.GetSelectedMediaItem(0, i)
      local sidecar, why = A.item_sidecar(item)
      if not sidecar then
        return nil, "The " .. (i == 0 and "first" or "second") .. " selected item cannot be morphed: " .. why ..
          ".\n\nSelect two items made by AudioLDM."
      end
      pair[#pair + 1] = { item = item, sidecar = sidecar,
                          position = reaper.GetMediaItemInfo_Value(item, "D_POSITION"),
                          length = reaper.GetMediaItemInfo_Value(item, "D_LENGTH") }
    end
    if pair[2].position < pair[1].position then pair[1], pair[2] = pair[2], pair[1] end
    if math.type(pair[1].sidecar.seed) ~= "integer" then
      return nil, "The first item's sidecar records no seed, so its sound cannot be the morph's start."
    end
    return pair
  end

  --- The take name of a point: its amount, then the two prompts.
  function A.morph_take_name(amount, from, to)
    return string.format("morph %.2f: ", amount) .. A.shorten(from, 28) .. " → " .. A.shorten(to, 28)
  end

  --- "Morph between selected items".
  function A.morph_action()
    local settings = A.settings_for_action()
    if not settings then return end
    local pair, problem = A.morph_pair()
    if not pair then return A.message(problem) end
    local first, second = pair[1], pair[2]
    local from, to = first.sidecar.prompt, second.sidecar.prompt
    if first.length < 0.1 or first.length > 60 then
      return A.message(string.format("The first item is %.3f s long; the engine makes 0.1 to 60 s.", first.length))
    end
    local answers = A.dialog("AudioLDM: morph “" .. A.shorten(from, 24) .. "” → “" .. A.shorten(to, 24) .. "”",
      { "Points (takes)" }, { tostring(A.MORPH_POINTS) })
    if not answers then return end
    local n = math.tointeger(tonumber(A.trim(answers[1])))
    if not n or n < 2 or n > A.MAX_MORPH_POINTS then
      return A.message("Points must be a whole number 2.." .. A.MAX_MORPH_POINTS .. ", got " .. answers[1] .. ".")
    end
    local fields = A.fields_like(first.sidecar)
    fields.seconds = first.length + 0.0 -- the new item is as long as the first, at playrate 1
    fields.seed, fields.morph_to, fields.sweep = first.sidecar.seed, to, n
    local track = reaper.GetMediaItem_Track(first.item)
    return A.start_job({
      settings = settings,
      fields = fields,
      out_dir = A.output_folder(settings),
      label = "morph: " .. A.shorten(from, 20) .. " → " .. A.shorten(to, 20) .. string.format("  (%d points)", n),
      on_done = function(event)
        if #event.files ~= n then
          error("the engine delivered " .. #event.files .. " files for " .. n .. " points", 0)
        end
        local names = {}
        for i, file in ipairs(event.files) do
          local amount = type(file.morph) == "table" and tonumber(file.morph.amount) or (i - 1) / (n - 1)
          names[i] = A.morph_take_name(amount, from, to)
        end
        -- a new track right below the first item's: nothing existing is overlapped, and the points line up
        -- under the sound they start from
        local below = reaper.ValidatePtr2(0, track, "MediaTrack*")
          and math.tointeger(reaper.GetMediaTrackInfo_Value(track, "IP_TRACKNUMBER")) or nil
        A.insert_item(nil, first.position, first.length, event.files, from, {
          names = names, track_index = below,
          track_name = "morph: " .. A.shorten(from, 16) .. " → " .. A.shorten(to, 16),
          description = "AudioLDM: morph " .. A.shorten(from, 20) .. " → " .. A.shorten(to, 20),
        })
      end,
    })
  end

  --- "More like selected item": the item's file is the condition (audio_prompt); N new takes on the item.
  -- An engine whose model cannot read sound refuses (its message is shown) and nothing changes.
  function A.more_like_action()
    local settings = A.settings_for_action()
    if not settings then return end
    local audio, problem = A.selected_audio()
    if not audio then return A.message(problem) end
    if audio.length < 0.1 or audio.length > 60 then
      return A.message(string.format("The item is %.3f s long; the engine makes 0.1 to 60 s.", audio.length))
    end
    local name = audio.path:match("([^/\\]+)$")
    local answers = A.dialog("AudioLDM: more like “" .. A.shorten(name, 40) .. "”", { "Variations" }, { "3" })
    if not answers then return end
    local n = math.tointeger(tonumber(A.trim(answers[1])))
    if not n or n < 1 or n > 16 then return A.message("Variations must be a whole number 1..16.") end
    -- the settings of a generated item's take (its sidecar), else the action settings; the sound is the
    -- condition, not its old prompt (the engine labels the result "like <file name>")
    local sidecar = A.item_sidecar(audio.item)
    local fields = sidecar and A.fields_like(sidecar) or
      A.loudness_fields(settings, { steps = math.tointeger(tonumber(settings.steps)),
                                    guidance = tonumber(settings.guidance) + 0.0, format = settings.format,
                                    sample_rate = A.project_rate(), priority = "live" })
    fields.prompt, fields.negative_prompt = nil, nil
    fields.audio_prompt, fields.seconds, fields.variations = audio.path, audio.length + 0.0, n
    fields.name = A.name_hint("more like " .. name)
    return A.start_job({
      settings = settings,
      fields = fields,
      out_dir = A.output_folder(settings),
      label = "more like " .. A.shorten(name, 40),
      on_done = function(event)
        A.add_takes_to_item(audio.item, event.files, "AudioLDM: more like " .. A.shorten(name, 40))
      end,
    })
  end
end
