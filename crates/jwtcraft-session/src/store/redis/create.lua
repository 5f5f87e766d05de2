-- create_family. KEYS[1] = family hash, KEYS[2] = the subject's index (a set of ids).
-- ARGV: id, subject, has_extra ('0'/'1'), extra, token, created, idle, absolute,
-- access_until, evict_at, ttl (evict_at - now in seconds, computed from the request's clock).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'conflict'
end
local ttl = tonumber(ARGV[11])
if ttl <= 0 then
  -- Already due for eviction by the request's clock: a record written now would be gone at
  -- once, so write nothing (and never shorten the index's TTL).
  return 'ok'
end
redis.call('SADD', KEYS[2], ARGV[1])
-- The index lives as long as its longest-lived family.
local left = redis.call('TTL', KEYS[2])
if left == -1 or left < ttl then
  redis.call('EXPIRE', KEYS[2], ttl)
end
redis.call('HSET', KEYS[1],
  'sub', ARGV[2], 'cur', ARGV[5], 'created', ARGV[6], 'idle', ARGV[7], 'abs', ARGV[8],
  'acc', ARGV[9], 'cacc', ARGV[9], 'evict', ARGV[10], 'gen', 0, 'rev', 0)
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[1], 'extra', ARGV[4])
end
redis.call('EXPIRE', KEYS[1], ttl)
return 'ok'
