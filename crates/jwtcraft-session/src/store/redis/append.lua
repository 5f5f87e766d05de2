-- Appends entries to the revocation log. Touches only the log's slot:
-- KEYS[1] = the log (sorted set of "seq:until:kind:target", scored by seq),
-- KEYS[2] = the log's expiry index (sorted set of seq, scored by until),
-- KEYS[3] = the seq counter.
-- ARGV: now, then one (kind, target, until) triple per entry ('f' family, 'a' access).
-- Returns a flat list: seq, until per entry, in ARGV order.
local now = tonumber(ARGV[1])

-- Drops up to 64 entries whose `until` has passed, so the log holds only live entries plus
-- at most the stale ones since the last append.
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 64)
for _, seq in ipairs(old) do
  redis.call('ZREMRANGEBYSCORE', KEYS[1], seq, seq)
end
if #old > 0 then
  redis.call('ZREM', KEYS[2], unpack(old))
end

-- `till` is the entry's `until` (a Lua keyword); it stays the string it was given as (no
-- float round trip).
local out = {}
for i = 2, #ARGV, 3 do
  local kind, target, till = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local seq = redis.call('INCR', KEYS[3])
  redis.call('ZADD', KEYS[1], seq, seq .. ':' .. till .. ':' .. kind .. ':' .. target)
  redis.call('ZADD', KEYS[2], till, seq)
  table.insert(out, seq)
  table.insert(out, till)
end
return out
