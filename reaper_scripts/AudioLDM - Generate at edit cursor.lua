-- @description AudioLDM: text to audio (edit cursor, time selection, variations); transform, repaint, extend items
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @changelog
--   Edits of the selected item, each a new take: transform (prompt + strength), repaint the
--   time selection in it, extend it to the time selection's end or by N bars along the tempo map.
-- @about
--   # AudioLDM for REAPER
--   Type a prompt; a local AudioLDM engine (`audioldm-bridge serve`) generates the sound and
--   it lands on the selected track, exactly as long as asked, loudness-normalized, one undo step.
--   Needs the `audioldm-bridge` command (Python package of this repository): its full path is
--   asked on first run. REAPER never waits: the command runs in the background.
-- @provides
--   [main] AudioLDM - Generate for time selection.lua
--   [main] AudioLDM - More variations of selected item.lua
--   [main] AudioLDM - Transform selected item.lua
--   [main] AudioLDM - Repaint time selection in item.lua
--   [main] AudioLDM - Extend selected item.lua
--   [main] AudioLDM - History.lua
--   [main] AudioLDM - Settings.lua
--   [nomain] lib/audioldm.lua
--   [nomain] lib/util.lua
--   [nomain] lib/settings.lua
--   [nomain] lib/dialogs.lua
--   [nomain] lib/tempo.lua
--   [nomain] lib/request.lua
--   [nomain] lib/cmdline.lua
--   [nomain] lib/job.lua
--   [nomain] lib/insert.lua
--   [nomain] lib/actions.lua
--   [nomain] lib/history.lua
--   [nomain] lib/json.lua

-- N bars from the edit cursor, counted along the project's tempo map (tempo and time signature
-- changes inside the span count). A cursor between bar lines keeps its place within the bar.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.generate_action("AudioLDM: generate at edit cursor", true)
