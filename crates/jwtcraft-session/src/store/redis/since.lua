-- revocations_since. KEYS[1] = the log, KEYS[2] = its expiry index (unused, passed for a
-- uniform key list), KEYS[3] = the seq counter: the log's slot only. ARGV: cursor, limit,
-- now.
-- Returns {next, entry...}: up to `limit` live entries after the cursor, stepping over
-- (not counting) entries whose `until` has passed.
local last = tonumber(redis.call('GET', KEYS[3]) or '0')
local next = tonumber(ARGV[1])
if next > last then
  -- The log was lost and restarted: read it from the start.
  next = 0
end
local limit = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local out = {}
while #out < limit do
  local batch = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. next, '+inf', 'LIMIT', 0,
    limit - #out)
  if #batch == 0 then
    break
  end
  for _, entry in ipairs(batch) do
    local seq, till = string.match(entry, '^(%d+):(-?%d+):')
    next = tonumber(seq)
    if now < tonumber(till) then
      table.insert(out, entry)
    end
  end
end
table.insert(out, 1, next)
return out
