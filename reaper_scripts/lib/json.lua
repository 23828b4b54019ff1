-- @noindex
-- Minimal JSON for the AudioLDM actions: encode requests, decode result files and sidecars.
-- Strings are UTF-8 and pass through untouched (only quotes, backslashes and control characters
-- are escaped); integers stay integers and floats keep all 17 significant digits, so a length
-- in seconds reaches the engine exactly as REAPER computed it.

local json = {}

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n',
                  ['\r'] = '\\r', ['\t'] = '\\t' }

local function encode_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function is_array(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  for i = 1, n do
    if t[i] == nil then return false end
  end
  return n > 0 or next(t) == nil and getmetatable(t) == json.array_mt
end

json.array_mt = {}

--- An empty table that encodes as [] rather than {}.
function json.array(t)
  return setmetatable(t or {}, json.array_mt)
end

local encode

local function encode_number(x)
  if x ~= x or x == math.huge or x == -math.huge then
    error("JSON cannot hold " .. tostring(x))
  end
  if math.type(x) == "integer" then
    return string.format("%d", x)
  end
  return string.format("%.17g", x)
end

encode = function(value)
  local kind = type(value)
  if kind == "string" then
    return encode_string(value)
  elseif kind == "number" then
    return encode_number(value)
  elseif kind == "boolean" then
    return value and "true" or "false"
  elseif kind == "nil" then
    return "null"
  elseif kind == "table" then
    local parts = {}
    if is_array(value) then
      for _, v in ipairs(value) do parts[#parts + 1] = encode(v) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(value) do
      if type(k) ~= "string" then error("JSON object keys must be strings, got " .. type(k)) end
      keys[#keys + 1] = k
    end
    table.sort(keys)
    for _, k in ipairs(keys) do parts[#parts + 1] = encode_string(k) .. ":" .. encode(value[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  error("cannot encode a " .. kind .. " as JSON")
end

json.encode = encode

-- Decoding -------------------------------------------------------------------------------------

local function utf8_char(code)
  return utf8.char(code)
end

local function decoder(text)
  local pos = 1

  local function fail(what)
    error(string.format("bad JSON at character %d: %s", pos, what), 0)
  end

  local function skip()
    pos = text:find("[^ \t\r\n]", pos) or #text + 1
  end

  local value

  local function read_string()
    local out = {}
    pos = pos + 1
    while true do
      local stop = text:find('["\\]', pos)
      if not stop then fail("unterminated string") end
      out[#out + 1] = text:sub(pos, stop - 1)
      if text:sub(stop, stop) == '"' then
        pos = stop + 1
        return table.concat(out)
      end
      local esc = text:sub(stop + 1, stop + 1)
      local simple = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }
      if simple[esc] then
        out[#out + 1] = simple[esc]
        pos = stop + 2
      elseif esc == "u" then
        local code = tonumber(text:sub(stop + 2, stop + 5), 16)
        if not code then fail("bad \\u escape") end
        pos = stop + 6
        if code >= 0xD800 and code <= 0xDBFF and text:sub(pos, pos + 1) == "\\u" then
          local low = tonumber(text:sub(pos + 2, pos + 5), 16)
          if low and low >= 0xDC00 and low <= 0xDFFF then
            code = 0x10000 + (code - 0xD800) * 0x400 + (low - 0xDC00)
            pos = pos + 6
          end
        end
        out[#out + 1] = utf8_char(code)
      else
        fail("bad escape \\" .. esc)
      end
    end
  end

  local function read_number()
    local s, e = text:find("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
    if not s then fail("bad number") end
    local literal = text:sub(s, e)
    pos = e + 1
    local number = math.tointeger(tonumber(literal))
    if number and not literal:find("[.eE]") then return number end
    return tonumber(literal) or fail("bad number " .. literal)
  end

  value = function()
    skip()
    local c = text:sub(pos, pos)
    if c == "{" then
      local object = {}
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "}" then pos = pos + 1 return object end
      while true do
        skip()
        if text:sub(pos, pos) ~= '"' then fail("expected a key") end
        local key = read_string()
        skip()
        if text:sub(pos, pos) ~= ":" then fail("expected ':'") end
        pos = pos + 1
        object[key] = value()
        skip()
        local sep = text:sub(pos, pos)
        pos = pos + 1
        if sep == "}" then return object end
        if sep ~= "," then fail("expected ',' or '}'") end
      end
    elseif c == "[" then
      local array = json.array()
      pos = pos + 1
      skip()
      if text:sub(pos, pos) == "]" then pos = pos + 1 return array end
      while true do
        array[#array + 1] = value()
        skip()
        local sep = text:sub(pos, pos)
        pos = pos + 1
        if sep == "]" then return array end
        if sep ~= "," then fail("expected ',' or ']'") end
      end
    elseif c == '"' then
      return read_string()
    elseif text:find("^true", pos) then
      pos = pos + 4
      return true
    elseif text:find("^false", pos) then
      pos = pos + 5
      return false
    elseif text:find("^null", pos) then
      pos = pos + 4
      return nil
    elseif c:find("[-%d]") then
      return read_number()
    end
    fail(c == "" and "unexpected end" or "unexpected '" .. c .. "'")
  end

  return function()
    local result = value()
    skip()
    if pos <= #text then fail("trailing characters") end
    return result
  end
end

--- Decode ``text``; returns the value, or nil and a message.
function json.decode(text)
  local ok, result = pcall(decoder(text))
  if ok then return result end
  return nil, result
end

return json
