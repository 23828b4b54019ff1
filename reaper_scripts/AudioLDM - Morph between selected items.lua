-- @description AudioLDM: morph between the two selected items (N points from one prompt to the other, as takes)
-- @author audioldm-bridge developers
-- @version 0.2.0
-- @noindex
--   Installed with "AudioLDM - Generate at edit cursor.lua" (one ReaPack package, shared lib/).

-- Two items made by AudioLDM (their sidecars): one request renders N points from the earlier item's prompt
-- (amount 0, its seed: its own sound) to the other's (amount 1). They land as ONE new item — at the earlier
-- item's position and length, on a new track right below its track — whose takes are the points in order
-- (each take's name shows its amount). One undo point; REAPER never waits.
local dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""
local A = dofile(dir .. "lib/audioldm.lua")
A.morph_action()
