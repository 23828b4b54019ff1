-- @noindex
-- Part of lib/audioldm.lua: messages, paths, files, text.

return function(A)
  -- Messages ----------------------------------------------------------------------------------------

  function A.message(text, kind)
    return reaper.MB(text, A.TITLE, kind or 0)
  end

  -- Paths -------------------------------------------------------------------------------------------

  function A.is_windows()
    return reaper.GetOS():sub(1, 3) == "Win"
  end

  function A.join(dir, name)
    local sep = A.is_windows() and "\\" or "/"
    if dir:sub(-1) == "/" or dir:sub(-1) == "\\" then return dir .. name end
    return dir .. sep .. name
  end

  function A.is_absolute(path)
    return path:match("^/") ~= nil or path:match("^%a:[/\\]") ~= nil or path:match("^\\\\") ~= nil
  end

  -- Files -------------------------------------------------------------------------------------------

  function A.read_file(path)
    local f = io.open(path, "rb")
    if not f then return nil end
    local text = f:read("a")
    f:close()
    return text
  end

  function A.write_file(path, text)
    local f, err = io.open(path, "wb")
    if not f then return nil, err end
    f:write(text)
    f:close()
    return true
  end

  function A.read_json(path)
    local text = A.read_file(path)
    if not text or text == "" then return nil end
    return A.json.decode(text)
  end

  -- Text --------------------------------------------------------------------------------------------

  function A.trim(s)
    return (s:gsub("^%s+", ""):gsub("%s+$", ""))
  end

  --- The first ``n`` characters of ``s`` without cutting a UTF-8 sequence.
  function A.shorten(s, n)
    s = s:gsub("[\r\n]+", " ")
    if utf8.len(s) and utf8.len(s) > n then
      return s:sub(1, utf8.offset(s, n + 1) - 1) .. "…"
    end
    return s
  end
end
