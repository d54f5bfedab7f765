-- A mixed Lua workload for scripts/bench: tables as arrays and hashes, closures, table.sort with a
-- comparator, string building, string.format and gsub. Prints a checksum line.
-- Optional argument: a scale factor.
local scale = tonumber(arg and arg[1]) or 1

local function lcg(seed)
  return function()
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
  end
end

local rand = lcg(42)
local checksum = 0
local function mix(v) checksum = (checksum * 31 + v) % 4294967296 end

for round = 1, 2 * scale do
  -- arrays and sorting with a Lua comparator
  local items = {}
  for i = 1, 20000 do
    items[i] = { key = rand() % 100000, name = "n" .. (rand() % 5000) }
  end
  table.sort(items, function(a, b)
    if a.key ~= b.key then return a.key < b.key end
    return a.name < b.name
  end)
  for i = 1, #items, 101 do mix(items[i].key) end

  -- hash tables: word counts
  local counts = {}
  for i = 1, #items do
    local w = items[i].name
    counts[w] = (counts[w] or 0) + 1
  end
  -- pairs() order depends on the per-run string hash seed: only order-free sums are mixed in
  local distinct, squares = 0, 0
  for _, n in pairs(counts) do distinct = distinct + 1; squares = squares + n * n end
  mix(distinct)
  mix(squares)

  -- strings: build, format, pattern matching
  local parts = {}
  for i = 1, 5000 do
    parts[#parts + 1] = string.format("%05d:%s", items[i].key, items[i].name)
  end
  local text = table.concat(parts, ";")
  local replaced, n = text:gsub("(%d+):n(%d+)", "%2=%1")
  mix(n)
  mix(#replaced)
  for num in replaced:gmatch("=(%d+)") do mix(tonumber(num) % 1000) end

  -- closures and recursion
  local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
  mix(fib(20 + round % 3))
end

print(string.format("lua: checksum %08x", checksum))
