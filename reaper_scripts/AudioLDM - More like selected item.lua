-- @description AudioLDM: more like the selected item (its sound as the condition: new takes)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- The selected item's file is sent as audio_prompt: the engine conditions on the sound itself (CLAP's
-- audio tower) and the results become new takes of the same item. A model whose CLAP text tower does not
-- match an audio tower cannot do this: the engine refuses, its message is shown and nothing changes.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.more_like_action()
