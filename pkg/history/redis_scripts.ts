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

/**
 * KEYS stream, meta, ids · ARGV newEpoch, now, maxMessages, maxAgeMs, n, then id, type, level, uid, data per message
 * → {epoch, first}. One IMPORTANT message (level 1) whose id the room holds already is not stored again: its offset is
 * answered (a queue that delivers a message twice must not give it two offsets). The ids hash maps such ids to their
 * offsets; ids under the floor are dropped once it holds twice the room's count.
 */
export const APPEND = `${TRIM}
local s, m, ids = KEYS[1], KEYS[2], KEYS[3]
local epoch, last, floor = state(m)
if not epoch then
  epoch, last, floor = ARGV[1], 0, 1
  redis.call('DEL', s, ids)
end
local now, maxN, maxAge, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
if n == 1 and ARGV[8] == '1' then
  local had = tonumber(redis.call('HGET', ids, ARGV[6]) or 0)
  if had >= floor and had > 0 then return {epoch, had} end
  redis.call('HSET', ids, ARGV[6], last + 1)
  if redis.call('HLEN', ids) > 2 * maxN + 16 then
    local all = redis.call('HGETALL', ids)
    for j = 1, #all, 2 do
      if tonumber(all[j + 1]) < floor then redis.call('HDEL', ids, all[j]) end
    end
  end
  redis.call('PEXPIRE', ids, maxAge)
end
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

/** KEYS stream, meta · ARGV newEpoch, maxAgeMs → {epoch, last}: a room with none gets its epoch now. */
export const POSITION = `${TRIM}
local s, m = KEYS[1], KEYS[2]
local epoch, last, floor = state(m)
if not epoch then
  epoch, last = ARGV[1], 0
  redis.call('DEL', s)
  redis.call('HSET', m, 'epoch', epoch, 'last', 0, 'floor', 1)
  redis.call('PEXPIRE', m, tonumber(ARGV[2]))
end
return {epoch, last}
`;

/** KEYS stream, meta, acked · ARGV limit, now, maxMessages, maxAgeMs → IMPORTANT entries not in the acked set, oldest first. */
export const UNACKED = `${TRIM}
local s, m, a = KEYS[1], KEYS[2], KEYS[3]
local epoch, last, floor = state(m)
if not epoch then return {} end
floor = trim(s, floor, last, tonumber(ARGV[3]), tonumber(ARGV[2]) - tonumber(ARGV[4]))
redis.call('HSET', m, 'floor', floor)
local out, limit = {}, tonumber(ARGV[1])
for _, e in ipairs(redis.call('XRANGE', s, '-', '+')) do
  local f = e[2]
  local id, level = nil, nil
  for j = 1, #f, 2 do
    if f[j] == 'i' then id = f[j + 1] elseif f[j] == 'l' then level = f[j + 1] end
  end
  if level == '1' and redis.call('SISMEMBER', a, id) == 0 then
    out[#out + 1] = e
    if #out >= limit then break end
  end
end
return out
`;

/** KEYS stream · ARGV id, sender ("" = anyone's), bySender (1/0) → the removed entry, 'not-yours', or nil. */
export const REMOVE = `
local all = redis.call('XRANGE', KEYS[1], '-', '+')
for _, e in ipairs(all) do
  local f = e[2]
  local id, uid = nil, ''
  for j = 1, #f, 2 do
    if f[j] == 'i' then id = f[j + 1] elseif f[j] == 'u' then uid = f[j + 1] end
  end
  if id == ARGV[1] then
    if ARGV[3] == '1' and uid ~= ARGV[2] then return 'not-yours' end
    redis.call('XDEL', KEYS[1], e[1])
    return e
  end
end
return nil
`;
