-- rotate: Store::rotate's algorithm, line for line, but for the log append on theft.
-- KEYS[1] = family hash, KEYS[2] = its retired hashes (a list, oldest first); both in the
-- family's slot. ARGV: presented, successor, now, grace_on ('0'/'1'), grace (seconds), idle
-- candidate (now + idle_ttl, saturated by the caller), access_until, early-refresh policy
-- ('allow'/'reject'/'theft'), retired hashes kept.
-- On theft the family is revoked here and {'reuse', access_until} returned: the caller
-- appends the log entry next (append.lua, the log's slot).
local fam = KEYS[1]
local now = tonumber(ARGV[3])
local retired = KEYS[2]
local f = redis.call('HMGET', fam, 'rev', 'idle', 'abs', 'cur', 'prev', 'prev_at', 'cacc',
  'evict', 'acc', 'sub', 'extra', 'gen')
local rev, idle, abs, cur, prev, prev_at, cacc, evict, acc, sub, extra, gen =
  f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12]
-- Absent, or due for eviction by the request's clock (the key TTL may lag behind it).
if not rev or now >= tonumber(evict) then
  return {'notfound'}
end
if rev == '1' then
  return {'revoked'}
end
if now >= tonumber(idle) or now >= tonumber(abs) then
  return {'expired'}
end

local function theft()
  redis.call('HSET', fam, 'rev', 1)
  return {'reuse', acc}
end

-- Fewest calls on the refresh path: trim only past the bound, and set the TTL only when
-- the list is created (the family's eviction time never moves, so neither does it).
local function retire(hash)
  local length = redis.call('RPUSH', retired, hash)
  if length == 1 then
    redis.call('EXPIRE', retired, tonumber(evict) - now)
  elseif length > tonumber(ARGV[9]) then
    redis.call('LTRIM', retired, -tonumber(ARGV[9]), -1)
  end
end

local presented = ARGV[1]
local from_previous
if presented == cur then
  if now < tonumber(cacc) then
    if ARGV[8] == 'reject' then
      return {'early'}
    elseif ARGV[8] == 'theft' then
      return theft()
    end
  end
  if prev then
    retire(prev)
  end
  -- Written with the rest below, in one HSET.
  prev, prev_at = cur, ARGV[3]
  from_previous = 0
elseif prev and presented == prev then
  if ARGV[4] == '1' and now < tonumber(prev_at) + tonumber(ARGV[5]) then
    retire(cur)
    from_previous = 1
  else
    return theft()
  end
else
  -- Every remembered hash is compared (no early exit).
  local found = false
  for _, hash in ipairs(redis.call('LRANGE', retired, 0, -1)) do
    if hash == presented then
      found = true
    end
  end
  if found then
    return theft()
  end
  return {'notfound'}
end

-- Rotated. Deadlines stay the strings they were given as; only comparisons go through
-- Lua numbers.
local new_idle = ARGV[6]
if tonumber(abs) < tonumber(new_idle) then
  new_idle = abs
end
local new_acc = acc
if tonumber(ARGV[7]) > tonumber(acc) then
  new_acc = ARGV[7]
end
redis.call('HSET', fam, 'cur', ARGV[2], 'prev', prev, 'prev_at', prev_at, 'idle', new_idle,
  'cacc', ARGV[7], 'acc', new_acc, 'gen', tonumber(gen) + 1)
local has_extra = '0'
if extra then
  has_extra = '1'
else
  extra = ''
end
return {'rotated', from_previous, sub, has_extra, extra, new_idle, abs}
