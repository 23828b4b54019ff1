-- @noindex
-- Part of lib/audioldm.lua: what the actions do. The two generate actions, and the edits of the
-- selected item (transform, repaint, extend) with what they read of it.

return function(A)
  -- The two generate actions ------------------------------------------------------------------------

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
    local answers = A.generate_dialog(title, { bars = with_bars, key = true })
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
      fields = A.fit_fields(settings, A.request_fields(settings, answers, length, rate), answers.key, start, length),
      out_dir = A.output_folder(settings),
      label = A.shorten(prompt, 48) .. string.format("  (%.2f s)", length),
      on_done = function(event)
        A.insert_item(track, start, length, event.files, prompt,
          { after = A.fit_after_insert(settings, start, length) })
      end,
    })
  end

  -- Edits of the selected item: transform, repaint, extend ------------------------------------------

  --- The one selected item's active take as the engine reads it: the file under its section wrappers
  -- and the range of that file the item plays (source seconds, playrate applied). Returns a table,
  -- or nil and a message saying what to select instead. Changes nothing. ``options.for_fit``: the take is
  -- measured, not read as played: stretch markers (replaced by the fit) and channel modes are no obstacle.
  function A.selected_audio(options)
    local for_fit = options and options.for_fit
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
      return nil, "The selected item's active take is MIDI. These edits work on audio: " ..
        "render or glue it to audio first."
    end
    -- What the engine reads is the file's frames at the take's rate: stretch markers or a channel mode
    -- would make that differ from what the item plays, so such a take is glued first.
    if not for_fit and reaper.GetTakeNumStretchMarkers(take) > 0 then
      return nil, "The selected take has stretch markers, so it does not play its file as it is. " ..
        "Glue it first (Item: Glue items), then run this again."
    end
    if not for_fit and reaper.GetMediaItemTakeInfo_Value(take, "I_CHANMODE") ~= 0 then
      return nil, "The selected take plays its channels in another mode than normal " ..
        "(reversed, downmixed, one side). Glue it first (Item: Glue items), then run this again."
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
    -- The engine reads whole frames of the file, [frames(start), frames(end)), no further than its last
    -- frame: that many seconds is the input's length (a repaint ends at most there; an extension is
    -- added to it).
    local file_frames = A.frames(reaper.GetMediaSourceLength(file), file_rate)
    audio.file_rate = file_rate
    audio.frames_read = math.min(A.frames(audio.init_end, file_rate), file_frames)
      - A.frames(audio.init_start, file_rate)
    audio.range_read = audio.frames_read / file_rate
    return audio
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
end
