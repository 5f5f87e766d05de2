-- rotate: Store::rotate's algorithm, line for line. KEYS[1..3] = the log (see log.lua),
-- KEYS[4] = family hash. ARGV: presented, successor, now, grace_on ('0'/'1'), grace
-- (seconds), idle candidate (now + idle_ttl, saturated by the caller), access_until,
-- early-refresh policy ('allow'/'reject'/'theft'), retired hashes kept, family id.
local fam = KEYS[4]
local now = tonumber(ARGV[3])
local f = redis.call('HMGET', fam, 'rev', 'idle', 'abs', 'cur', 'prev', 'prev_at', 'cacc',
  'evict', 'acc', 'sub', 'extra', 'ret')
local rev, idle, abs, cur, prev, prev_at, cacc, evict, acc, sub, extra, ret =
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
  local entry = append(now, 'f', ARGV[10], acc)
  return {'reuse', entry[1], entry[2]}
end

local kept = tonumber(ARGV[9]) * 32
local function retire(hash)
  ret = ret .. hash
  if #ret > kept then
    ret = string.sub(ret, #ret - kept + 1)
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
  redis.call('HSET', fam, 'prev', cur, 'prev_at', ARGV[3])
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
  for i = 1, #ret, 32 do
    if string.sub(ret, i, i + 31) == presented then
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
redis.call('HSET', fam, 'cur', ARGV[2], 'idle', new_idle, 'cacc', ARGV[7], 'acc', new_acc,
  'ret', ret)
redis.call('HINCRBY', fam, 'gen', 1)
local has_extra = '0'
if extra then
  has_extra = '1'
else
  extra = ''
end
return {'rotated', from_previous, sub, has_extra, extra, new_idle, abs}
