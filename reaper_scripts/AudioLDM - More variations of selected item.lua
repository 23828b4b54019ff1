-- @description AudioLDM: more variations of the selected item (new takes, new seeds)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- Reads the active take's sidecar (prompt, length, settings; for a transformed, repainted or extended
-- take the same edit of the same audio) and adds N takes with new seeds to the same item: the way to
-- audition alternatives.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")

local function run()
  local settings = A.settings_for_action()
  if not settings then return end
  local item = reaper.GetSelectedMediaItem(0, 0)
  if not item then return A.message("Select an item made by AudioLDM first.") end
  local take = reaper.GetActiveTake(item)
  local path = take and reaper.GetMediaSourceFileName(reaper.GetMediaItemTake_Source(take)) or ""
  local sidecar_path = path:gsub("%.[^./\\]*$", "") .. ".json"
  local sidecar = path ~= "" and A.read_json(sidecar_path)
  if type(sidecar) ~= "table" or type(sidecar.prompt) ~= "string" or type(sidecar.seconds) ~= "number" then
    return A.message("The selected item was not made by AudioLDM (no sidecar " .. sidecar_path .. ").")
  end
  local answers = A.dialog("AudioLDM: more variations of “" .. A.shorten(sidecar.prompt, 40) .. "”",
    { "New variations" }, { "3" })
  if not answers then return end
  local n = math.tointeger(tonumber(A.trim(answers[1])))
  if not n or n < 1 or n > 16 then return A.message("Variations must be a whole number 1..16.") end
  local fields = A.fields_like(sidecar) -- prompt, settings, loudness
  fields.seconds, fields.variations = sidecar.seconds + 0.0, n
  local edit, prefix = A.edit_from_sidecar(sidecar)
  if edit then -- an edited take: the same edit again (its length is the input's, plus any extension)
    fields.seconds = nil
    for key, value in pairs(edit) do fields[key] = value end
  end
  local out_dir = path:match("^(.*)[/\\]") or A.output_folder(settings)
  return A.start_job({
    settings = settings,
    fields = fields,
    out_dir = out_dir,
    label = "more of " .. A.shorten(sidecar.prompt, 40),
    on_done = function(event)
      A.add_variations(item, event.files, sidecar.prompt, prefix)
    end,
  })
end

run()
