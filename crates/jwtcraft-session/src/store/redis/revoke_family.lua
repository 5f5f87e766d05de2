-- revoke_family (and each family of revoke_subject). KEYS[1] = family hash (the family's
-- slot only). ARGV: now, expected subject ('' for any). Sets `rev` and returns the family's
-- access_until, the `until` of the log entry the caller appends next (append.lua, the log's
-- slot); nil if the family is absent, due for eviction, or (with a subject) belongs to
-- another subject: an index entry never revokes a family it does not own.
local now = tonumber(ARGV[1])
local f = redis.call('HMGET', KEYS[1], 'acc', 'evict', 'sub')
if not f[1] or now >= tonumber(f[2]) then
  return nil
end
if ARGV[2] ~= '' and f[3] ~= ARGV[2] then
  return nil
end
redis.call('HSET', KEYS[1], 'rev', 1)
return f[1]
