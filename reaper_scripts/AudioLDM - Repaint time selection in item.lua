-- @description AudioLDM: repaint the time selection in the selected item (the rest kept)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- The part of the selected item inside the time selection is generated anew so that it continues
-- what surrounds it; outside it the new take holds the item's own audio. New active take, same length.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.edit_action("repaint")
