-- revoke_family. KEYS[1..3] = the log (see log.lua), KEYS[4] = family hash.
-- ARGV: now, family id. Returns {seq, until}, or nil if the family is absent.
local now = tonumber(ARGV[1])
local f = redis.call('HMGET', KEYS[4], 'acc', 'evict')
if not f[1] or now >= tonumber(f[2]) then
  return nil
end
redis.call('HSET', KEYS[4], 'rev', 1)
return append(now, 'f', ARGV[2], f[1])
