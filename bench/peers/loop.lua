-- Peer of bench/programs/loop.coro (Lua 5.4 and LuaJIT): sum of i % 7 for i in 0..n.
local n = tonumber(arg[1]) or 100000000
local i, sum = 0, 0
while i < n do
  sum = sum + i % 7
  i = i + 1
end
print(string.format("%.0f", sum))
