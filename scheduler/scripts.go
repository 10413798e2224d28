package scheduler

import "github.com/redis/go-redis/v9"

// Every change of a task's state is one Lua script, so that replicas never
// see half a move. Times are passed in (the engine's Now), never read from
// Redis. Scripts touch keys derived from ids (the done markers), so the
// engine needs a single Redis, not a cluster.

// scheduleScript adds or moves a task.
// KEYS: due, tasks, team index, done marker. ARGV: id, due ms, JSON, mode
// ("add": only when unknown; "move": only when waiting in due and its JSON
// is still ARGV[5]).
// Returns 1 when written, 0 when done or already known, -1 when not waiting.
var scheduleScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
if ARGV[4] == 'add' then
  if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  redis.call('ZADD', KEYS[3], 0, ARGV[1])
  return 1
end
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return -1 end
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[5] then return -1 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
`)

// claimScript is the reaper and the claim in one round trip.
// KEYS: due, inflight, tasks, owners, bucket.
// ARGV: now ms, lease-until ms, limit, done prefix, token prefix, rate per
// ms (0: no shared rate), burst, reap limit, reclaim-count prefix, its TTL ms.
// It first moves in-flight entries whose lease expired (a dead replica's)
// back to due; then takes the shared token bucket into account; then moves
// up to limit due ids (score ≤ now) to in-flight, skipping ids already done,
// and records the claim token of each. A reaped id's reclaim count
// (reclaimed:<id>) goes up by one: its next handler knows a claim of it died
// and maybe after its Slack call.
// Returns {due count, earliest due ms or "", ms until a token, reaped count,
// id1, token1, json1, reclaims1, id2, token2, json2, reclaims2, …}.
var claimScript = redis.NewScript(`
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[8]))
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('HDEL', KEYS[4], id)
  redis.call('ZADD', KEYS[1], ARGV[1], id)
  redis.call('INCR', ARGV[9] .. id)
  redis.call('PEXPIRE', ARGV[9] .. id, tonumber(ARGV[10]))
end
local limit = tonumber(ARGV[3])
local rate = tonumber(ARGV[6])
local tokens, ts = 0, now
if rate > 0 then
  local b = redis.call('HMGET', KEYS[5], 't', 'ts')
  local burst = tonumber(ARGV[7])
  tokens = tonumber(b[1]) or burst
  ts = tonumber(b[2]) or now
  if now > ts then
    tokens = math.min(burst, tokens + (now - ts) * rate)
    ts = now
  end
  if tokens < limit then limit = math.floor(tokens) end
end
local out = {}
local claimed = 0
if limit > 0 then
  local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, limit)
  for i, id in ipairs(ids) do
    redis.call('ZREM', KEYS[1], id)
    local j = redis.call('HGET', KEYS[3], id)
    if j and redis.call('EXISTS', ARGV[4] .. id) == 0 then
      local tok = ARGV[5] .. i
      redis.call('ZADD', KEYS[2], ARGV[2], id)
      redis.call('HSET', KEYS[4], id, tok)
      claimed = claimed + 1
      out[#out + 1] = id
      out[#out + 1] = tok
      out[#out + 1] = j
      out[#out + 1] = redis.call('GET', ARGV[9] .. id) or '0'
    else
      redis.call('HDEL', KEYS[3], id)
      redis.call('HDEL', KEYS[4], id)
    end
  end
end
local wait = 0
if rate > 0 then
  tokens = tokens - claimed
  redis.call('HSET', KEYS[5], 't', tostring(tokens), 'ts', tostring(ts))
  redis.call('PEXPIRE', KEYS[5], 3600000)
  if tokens < 1 then wait = math.ceil((1 - tokens) / rate) end
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local res = {tostring(redis.call('ZCARD', KEYS[1])), first[2] or '', tostring(wait), tostring(#expired)}
for _, v in ipairs(out) do res[#res + 1] = v end
return res
`)

// heartbeatScript extends the leases this replica still holds.
// KEYS: inflight, owners. ARGV: lease-until ms, then id, token pairs.
// Returns the ids whose lease was lost (reaped, cancelled or re-claimed).
var heartbeatScript = redis.NewScript(`
local lost = {}
for i = 2, #ARGV, 2 do
  local id, tok = ARGV[i], ARGV[i + 1]
  if redis.call('HGET', KEYS[2], id) == tok and redis.call('ZSCORE', KEYS[1], id) then
    redis.call('ZADD', KEYS[1], ARGV[1], id)
  else
    lost[#lost + 1] = id
  end
end
return lost
`)

// ackScript finishes a task: done marker, out of every set.
// KEYS: due, inflight, tasks, owners, team index, done marker.
// ARGV: id, retention ms.
var ackScript = redis.NewScript(`
redis.call('SET', KEYS[6], 'ok', 'PX', ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
return 1
`)

// retryScript puts a claimed task back in due, if this claim still owns it.
// KEYS: due, inflight, tasks, owners. ARGV: id, token, JSON, due ms.
// Returns 1, or 0 when the claim was lost.
var retryScript = redis.NewScript(`
if redis.call('HGET', KEYS[4], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
return 1
`)

// failScript records a task that ran out of attempts, if this claim still
// owns it: done marker "failed", an entry in the failed stream, out of
// every set.
// KEYS: due, inflight, tasks, owners, team index, done marker, failed stream.
// ARGV: id, token, retention ms, JSON, error, at ms, stream length.
// Returns 1, or 0 when the claim was lost.
var failScript = redis.NewScript(`
if redis.call('HGET', KEYS[4], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[6], 'failed', 'PX', ARGV[3])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('XADD', KEYS[7], 'MAXLEN', '~', ARGV[7], '*', 'task', ARGV[4], 'err', ARGV[5], 'at', ARGV[6])
return 1
`)

// cancelScript drops a task wherever it is (not marked done: it may be
// scheduled again). KEYS: due, inflight, tasks, owners, team index. ARGV: id.
// Returns 1 when the task existed.
var cancelScript = redis.NewScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
return redis.call('HDEL', KEYS[3], ARGV[1])
`)
