-- create_family, step 2: the family. KEYS[1] = family hash (the family's slot only).
-- ARGV: subject, has_extra ('0'/'1'), extra, token, created, idle, absolute, access_until,
-- evict_at, ttl (evict_at - now in seconds, > 0: the caller writes nothing otherwise).
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 'conflict'
end
redis.call('HSET', KEYS[1],
  'sub', ARGV[1], 'cur', ARGV[4], 'created', ARGV[5], 'idle', ARGV[6], 'abs', ARGV[7],
  'acc', ARGV[8], 'cacc', ARGV[8], 'evict', ARGV[9], 'gen', 0, 'rev', 0)
if ARGV[2] == '1' then
  redis.call('HSET', KEYS[1], 'extra', ARGV[3])
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[10]))
return 'ok'
