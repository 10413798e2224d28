package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ctocoach/routine"
)

// OutcomeRetention is how long routine outcomes are kept, counted from the
// occurrence they are about: enough for the 12-week done-rate and a year of
// streak.
const OutcomeRetention = 400 * 24 * time.Hour

// addOutcome keeps the latest outcome of each occurrence in a hash (field
// "routine@unix-seconds") indexed by a sorted set scored by the occurrence
// time, and drops outcomes older than the cut-off, atomically.
// KEYS: hash, index. ARGV: field, outcome JSON, occurrence unix, cut-off unix.
var addOutcome = redis.NewScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[4])
if #old > 0 then
  redis.call('HDEL', KEYS[1], unpack(old))
  redis.call('ZREM', KEYS[2], unpack(old))
end
return #old
`)

// outcomesSince returns the outcome JSON of the occurrences at or after
// ARGV[1] (unix seconds). KEYS: hash, index.
var outcomesSince = redis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], '+inf')
if #ids == 0 then return {} end
return redis.call('HMGET', KEYS[1], unpack(ids))
`)

// AddOutcome records what became of one occurrence of a routine. A later
// outcome for the same occurrence (routine and due time) replaces the
// earlier one, so pressing Done twice counts once.
func (s *Store) AddOutcome(ctx context.Context, team, user string, o routine.Outcome) error {
	b, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("store: encode outcome %s/%s: %w", user, o.Routine, err)
	}
	occ := o.OccurrenceAt.Unix()
	field := o.Routine + "@" + strconv.FormatInt(occ, 10)
	cut := o.At.Add(-OutcomeRetention).Unix()
	keys := []string{s.Key(team, "user", user, "outcomes"), s.Key(team, "user", user, "outcomes", "due")}
	if err := addOutcome.Run(ctx, s.rdb, keys, field, b, occ, cut).Err(); err != nil {
		return fmt.Errorf("store: add outcome %s/%s: %w", user, field, err)
	}
	return nil
}

// Outcomes returns the user's latest outcome of each occurrence due at or
// after since, oldest occurrence first.
func (s *Store) Outcomes(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error) {
	keys := []string{s.Key(team, "user", user, "outcomes"), s.Key(team, "user", user, "outcomes", "due")}
	vals, err := outcomesSince.Run(ctx, s.rdb, keys, since.Unix()).Slice()
	if err != nil {
		return nil, fmt.Errorf("store: get outcomes %s: %w", user, err)
	}
	out := make([]routine.Outcome, 0, len(vals))
	for _, v := range vals {
		str, ok := v.(string)
		if !ok {
			continue // an index entry whose hash field is gone
		}
		var o routine.Outcome
		if err := json.Unmarshal([]byte(str), &o); err != nil {
			s.log.Warn("skipping an unreadable outcome", "user", user, "err", err)
			continue
		}
		out = append(out, o)
	}
	return out, nil
}
