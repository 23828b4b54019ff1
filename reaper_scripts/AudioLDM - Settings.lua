-- @description AudioLDM: settings (command path, engine, steps, guidance, loudness, format, folders)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- Kept in REAPER's ExtState (section "AudioLDM"), so they survive restarts.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.settings_dialog(not A.has_settings())
