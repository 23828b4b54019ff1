-- @description AudioLDM: text to audio at the edit cursor, for the time selection, as variations
-- @author audioldm-bridge developers
-- @version 0.1.0
-- @changelog
--   First release: generate N bars at the edit cursor (along the tempo map) or for the time
--   selection, variations as takes, more variations of an item, settings, prompt history.
-- @about
--   # AudioLDM for REAPER
--   Type a prompt; a local AudioLDM engine (`audioldm-bridge serve`) generates the sound and
--   it lands on the selected track, exactly as long as asked, loudness-normalized, one undo step.
--   Needs the `audioldm-bridge` command (Python package of this repository): its full path is
--   asked on first run. REAPER never waits: the command runs in the background.
-- @provides
--   [main] AudioLDM - Generate for time selection.lua
--   [main] AudioLDM - More variations of selected item.lua
--   [main] AudioLDM - Settings.lua
--   [nomain] lib/audioldm.lua
--   [nomain] lib/json.lua

-- N bars from the edit cursor, counted along the project's tempo map (tempo and time signature
-- changes inside the span count). A cursor between bar lines keeps its place within the bar.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.generate_action("AudioLDM: generate at edit cursor", true)
