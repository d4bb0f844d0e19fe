/**
 * The Lua scripts of RedisThrottleStore. Each runs as one command, so what it reads and writes cannot interleave with
 * another instance's command (a sliding window's count and its new event, a lock's "later wins", a lease's owner).
 * Times are milliseconds passed in by the caller (the policy clock), never Redis's own clock.
 */

/** KEYS[1] events; ARGV: at, member, drop-before, ttl. Drops what no window can still see, adds the event. */
export const RECORD = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

/**
 * KEYS: event sets; ARGV: at, member, drop-before, ttl, since, then one max per key. Count-and-record: when every set
 * has fewer than its max events after `since`, adds the event to each and returns 1; else adds nothing and returns 0.
 */
export const RECORD_IF_ROOM = `
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. ARGV[3])
  if redis.call('ZCOUNT', key, '(' .. ARGV[5], '+inf') >= tonumber(ARGV[5 + i]) then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[1], ARGV[2])
  redis.call('PEXPIRE', key, ARGV[4])
end
return 1`;

/** KEYS: event sets; ARGV: one member per key, in the same order. */
export const FORGET = `
for i, key in ipairs(KEYS) do redis.call('ZREM', key, ARGV[i]) end
return 1`;

/** KEYS[1] lock; ARGV: until, ttl. A later lock wins over an earlier one. */
export const LOCK = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1`;

/** KEYS[1] lease; ARGV[1] holder. Deletes the lease only if it is still this holder's. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** KEYS: locks; ARGV[1] before. Deletes the locks that ended before it. */
export const PURGE_LOCKS = `
for _, key in ipairs(KEYS) do
  local ends = tonumber(redis.call('GET', key) or '0')
  if ends < tonumber(ARGV[1]) then redis.call('DEL', key) end
end
return 1`;
