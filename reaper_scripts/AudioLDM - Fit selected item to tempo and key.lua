-- @description AudioLDM: fit the selected item to the project's tempo and a key (stretch markers, take pitch)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- Any audio item: its file is measured in the background (`audioldm-bridge fit --analyze`: beats, tempo,
-- key; no engine needed), then its active take gets stretch markers that put the detected beats on the
-- project's grid (tempo changes included) and a take pitch that takes it to the key typed. REAPER
-- stretches and shifts with its own engine; the file is not changed; one undo point.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.fit_action()
