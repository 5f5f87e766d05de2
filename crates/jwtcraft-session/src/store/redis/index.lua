-- create_family, step 1: the subject's index. KEYS[1] = the index (sorted set of family ids
-- scored by their evict_at; one slot of its own). ARGV: id, evict_at, now, ttl (evict_at -
-- now in seconds, > 0). Runs before the family is written: an id whose family does not
-- exist (yet, or ever, after a crash or a conflict) is harmless, see revoke_family.lua.
-- Ids whose family is due for eviction by the request's clock are dropped here; a family
-- still being created has evict_at > now, so it is never dropped.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
-- The index lives as long as its longest-lived family.
local ttl = tonumber(ARGV[4])
local left = redis.call('TTL', KEYS[1])
if left == -1 or left < ttl then
  redis.call('EXPIRE', KEYS[1], ttl)
end
return 'ok'
