-- revoke_subject. KEYS[1..3] = the log (see log.lua), KEYS[4] = the subject's index.
-- ARGV: now, family key prefix (up to and including '{'). The family keys are built here
-- from the index, so this script needs a single node (see the module docs on Cluster).
-- Returns a flat list: seq, until, id for each revoked family, in id order.
local now = tonumber(ARGV[1])
local ids = redis.call('SMEMBERS', KEYS[4])
table.sort(ids)
local out = {}
for _, id in ipairs(ids) do
  local fam = ARGV[2] .. id .. '}'
  local f = redis.call('HMGET', fam, 'acc', 'evict')
  if f[1] and now < tonumber(f[2]) then
    redis.call('HSET', fam, 'rev', 1)
    local entry = append(now, 'f', id, f[1])
    table.insert(out, entry[1])
    table.insert(out, entry[2])
    table.insert(out, id)
  else
    -- Evicted (or never written): forget the dangling id.
    redis.call('SREM', KEYS[4], id)
  end
end
return out
