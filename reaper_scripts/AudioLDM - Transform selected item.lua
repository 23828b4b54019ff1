-- @description AudioLDM: transform the selected item (style transfer: prompt + strength)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- The audio the selected item plays is sent with a prompt; the result (as long as the item, to the
-- sample at the project rate) becomes a new, active take of the same item. Strength 0 keeps the
-- audio, 1 ignores it.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.edit_action("transform")
