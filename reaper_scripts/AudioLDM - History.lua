-- @description AudioLDM: history (search every sound made; insert it, add it as a take, or regenerate it)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- Search the prompts of everything the engine delivered (`audioldm-bridge history`, run in the
-- background), choose a match from the menu, then insert it at the edit cursor on the selected track,
-- add it as a take of the selected item, or regenerate it with the same settings and a new seed.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.history_action()
