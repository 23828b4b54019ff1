-- @description AudioLDM: extend the selected item to the time selection's end or by N bars
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- New audio continues the selected item: up to the time selection's end when it reaches past the
-- item, else N bars from the item's end along the tempo map. The item is lengthened to the new end
-- and gets a new active take: its own audio, then the continuation.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.edit_action("extend")
