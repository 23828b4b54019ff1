-- @noindex
-- The AudioLDM actions' shared library: one table, ``A``, assembled from parts split by concern
-- (every file is in the ReaPack package's @provides, loaded from this folder like this one):
--
--   util.lua      messages, paths, files, text
--   settings.lua  the settings (ExtState), their checks and the Settings dialog
--   dialogs.lua   the dialog helper, the prompt history and the generate dialog
--   tempo.lua     lengths along the tempo map, the time selection, the project's rate, seconds ↔ frames
--   request.lua   the protocol fields a request carries, where its files go, the edit a sidecar records
--   cmdline.lua   command lines per platform: quoting, launching, the engine's start command
--   job.lua       the non-blocking job (ExecProcess + defer polling a result file) and its window
--   insert.lua    the result inserted as items or takes, one undo step
--   actions.lua   what the actions do: generate, and transform / repaint / extend the selected item
--   history.lua   the History action: search the history, insert / add as a take / regenerate an entry
--   morph.lua     morph between two selected items (a sweep as takes), more like the selected item
--
-- Each part returns a function that adds its fields to ``A``; parts call each other through ``A``
-- only when they run, so the order below matters for nothing but reading.
-- Nothing here blocks REAPER: the CLI is started with ExecProcess(cmd, -2) (no wait), and every
-- defer callback only reads a small JSON file and draws the progress window.

local lib_dir = debug.getinfo(1, "S").source:match("^@?(.*[/\\])") or ""

local A = { json = dofile(lib_dir .. "json.lua") }

A.SECTION = "AudioLDM" -- ExtState section
A.TITLE = "AudioLDM"   -- message boxes' title
A.TOLERANCE = 1e-7     -- seconds: a cursor this close to a bar line is on it (2.3999999 s counts as 2.4)

A.PARTS = { "util", "settings", "dialogs", "tempo", "request", "cmdline", "job", "insert", "actions", "history",
            "morph" }
for _, part in ipairs(A.PARTS) do
  dofile(lib_dir .. part .. ".lua")(A)
end

return A
