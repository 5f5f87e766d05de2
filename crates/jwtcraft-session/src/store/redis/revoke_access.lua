-- revoke_access. KEYS[1..3] = the log (see log.lua). ARGV: now, jti, until.
return append(tonumber(ARGV[1]), 'a', ARGV[2], ARGV[3])
