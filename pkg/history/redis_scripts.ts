// The Lua scripts of RedisHistory. Each room is a stream of messages whose ids are "<offset>-1" and a hash with its
// epoch, newest offset ("last") and trim floor ("floor"); both expire with the room's retention, so a room silent
// that long starts again under a new epoch. Scripts run atomically: offsets are consecutive whoever appends.

/** Drops entries under the count floor and older than `oldest` (ms), moving the floor past them; answers the floor. */
const TRIM = `
local function trim(s, floor, last, maxN, oldest)
  if last - maxN + 1 > floor then floor = last - maxN + 1 end
  redis.call('XTRIM', s, 'MINID', floor .. '-0')
  while true do
    local e = redis.call('XRANGE', s, '-', '+', 'COUNT', 1)
    if #e == 0 then break end
    local off = tonumber(string.match(e[1][1], '^(%d+)'))
    local f = e[1][2]
    local ts = 0
    for j = 1, #f, 2 do if f[j] == 'ts' then ts = tonumber(f[j + 1]) end end
    if off >= floor and ts >= oldest then break end
    if off + 1 > floor then floor = off + 1 end
    redis.call('XDEL', s, e[1][1])
  end
  return floor
end
local function state(m)
  local v = redis.call('HMGET', m, 'epoch', 'last', 'floor')
  return v[1], tonumber(v[2] or 0), tonumber(v[3] or 1)
end
`;

/** KEYS stream, meta · ARGV newEpoch, now, maxMessages, maxAgeMs, n, then id, type, level, uid, data per message → {epoch, first}. */
export const APPEND = `${TRIM}
local s, m = KEYS[1], KEYS[2]
local epoch, last, floor = state(m)
if not epoch then
  epoch, last, floor = ARGV[1], 0, 1
  redis.call('DEL', s)
end
local now, maxN, maxAge, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local first = last + 1
for i = 0, n - 1 do
  local b = 6 + i * 5
  redis.call('XADD', s, (first + i) .. '-1', 'i', ARGV[b], 't', ARGV[b + 1], 'l', ARGV[b + 2], 'u', ARGV[b + 3], 'ts', now, 'd', ARGV[b + 4])
end
last = last + n
floor = trim(s, floor, last, maxN, now - maxAge)
redis.call('HSET', m, 'epoch', epoch, 'last', last, 'floor', floor)
redis.call('PEXPIRE', s, maxAge)
redis.call('PEXPIRE', m, maxAge)
return {epoch, first}
`;

/** KEYS stream, meta · ARGV epoch, offset, limit, now, maxMessages, maxAgeMs → {verdict, epoch, last, entries?}. */
export const SINCE = `${TRIM}
local s, m = KEYS[1], KEYS[2]
local epoch, last, floor = state(m)
if not epoch then return {'epoch', '', 0} end
if epoch ~= ARGV[1] then return {'epoch', epoch, last} end
floor = trim(s, floor, last, tonumber(ARGV[5]), tonumber(ARGV[4]) - tonumber(ARGV[6]))
redis.call('HSET', m, 'floor', floor)
local offset = tonumber(ARGV[2])
if offset > last then return {'future', epoch, last} end
if offset + 1 < floor then return {'trimmed', epoch, last} end
return {'ok', epoch, last, redis.call('XRANGE', s, (offset + 1) .. '-0', '+', 'COUNT', tonumber(ARGV[3]) + 1)}
`;

/** KEYS stream, meta · ARGV limit, now, maxMessages, maxAgeMs → {epoch, last, entries (newest first)}. */
export const LATEST = `${TRIM}
local s, m = KEYS[1], KEYS[2]
local epoch, last, floor = state(m)
if not epoch then return {'', 0, {}} end
floor = trim(s, floor, last, tonumber(ARGV[3]), tonumber(ARGV[2]) - tonumber(ARGV[4]))
redis.call('HSET', m, 'floor', floor)
if tonumber(ARGV[1]) <= 0 then return {epoch, last, {}} end
return {epoch, last, redis.call('XREVRANGE', s, '+', '-', 'COUNT', tonumber(ARGV[1]))}
`;

/** KEYS stream · ARGV id → the removed entry, or nil. */
export const REMOVE = `
local all = redis.call('XRANGE', KEYS[1], '-', '+')
for _, e in ipairs(all) do
  local f = e[2]
  for j = 1, #f, 2 do
    if f[j] == 'i' and f[j + 1] == ARGV[1] then
      redis.call('XDEL', KEYS[1], e[1])
      return e
    end
  end
end
return nil
`;
