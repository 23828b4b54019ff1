-- @noindex
-- Part of lib/audioldm.lua: inserting results. A new item, or new takes on an item; one undo step each.

return function(A)
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

  --- One take per file (named ``options.names[i]``, else with ``options.name_prefix``; take properties
  -- ``options.take_values``), the first made active.
  local function add_takes(item, files, sources, options)
    options = options or {}
    local first
    for i, file in ipairs(files) do
      local take = reaper.AddTakeToMediaItem(item)
      reaper.SetMediaItemTake_Source(take, sources[i])
      local name = options.names and options.names[i] or A.take_name(file, options.name_prefix)
      reaper.GetSetMediaItemTakeInfo_String(take, "P_NAME", name, true)
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
  -- nil or gone), one take per file, the first active; one undo point. ``options``: as add_takes, plus
  -- ``track_index`` / ``track_name`` (where the new track goes, 0-based, and its name) and ``description``.
  function A.insert_item(track, position, length, files, prompt, options)
    options = options or {}
    local sources, problem = sources_for(files)
    if not sources then error(problem, 0) end
    reaper.Undo_BeginBlock2(0)
    reaper.PreventUIRefresh(1)
    if not track or not reaper.ValidatePtr2(0, track, "MediaTrack*") then
      local index = options.track_index or reaper.CountTracks(0)
      reaper.InsertTrackAtIndex(index, true)
      track = reaper.GetTrack(0, index)
      reaper.GetSetMediaTrackInfo_String(track, "P_NAME", options.track_name or A.shorten(prompt, 40), true)
    end
    local item = reaper.AddMediaItemToTrack(track)
    reaper.SetMediaItemInfo_Value(item, "D_POSITION", position)
    reaper.SetMediaItemInfo_Value(item, "D_LENGTH", length)
    reaper.SetMediaItemInfo_Value(item, "B_LOOPSRC", 0)
    add_takes(item, files, sources, options)
    finish_insert(item, options.description or ("AudioLDM: insert " .. A.shorten(prompt, 40)))
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
    A.add_takes_to_item(item, files, "AudioLDM: insert variations of " .. A.shorten(prompt, 40),
      { name_prefix = prefix })
  end
end
