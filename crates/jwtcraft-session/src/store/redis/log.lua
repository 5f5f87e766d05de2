-- Shared by every script that appends to the revocation log. The appending scripts take
-- KEYS[1] = the log (sorted set of "seq:until:kind:target", scored by seq),
-- KEYS[2] = the log's expiry index (sorted set of seq, scored by until) and
-- KEYS[3] = the seq counter; the operation's own keys come after.

-- Drops up to 64 entries whose `until` has passed. Run on every append, so the log holds
-- only live entries plus at most the stale ones since the last append.
local function trim(now)
  local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 64)
  for _, seq in ipairs(old) do
    redis.call('ZREMRANGEBYSCORE', KEYS[1], seq, seq)
  end
  if #old > 0 then
    redis.call('ZREM', KEYS[2], unpack(old))
  end
end

-- Appends one entry. `till` is the entry's `until` (a Lua keyword); it stays the string it
-- was stored as (no float round trip). Returns {seq, till}.
local function append(now, kind, target, till)
  trim(now)
  local seq = redis.call('INCR', KEYS[3])
  redis.call('ZADD', KEYS[1], seq, seq .. ':' .. till .. ':' .. kind .. ':' .. target)
  redis.call('ZADD', KEYS[2], till, seq)
  return {seq, till}
end
