-- @description AudioLDM: generate for the time selection
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- The sound fills the time selection exactly: position = its start, length = its length.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.generate_action("AudioLDM: generate for time selection", false)
