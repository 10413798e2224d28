package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"ctocoach/retro"
)

// The team's book of standards is one hash (retro:std, standard id →
// JSON) and a counter for ids (retro:std:seq). Promotions from a board
// write it in the same script as the board's record (see Promote).

func (s *Store) standardsKey(team string) string { return s.Key(team, "retro", "std") }

// NextStandardID returns a fresh standard id ("S1", "S2"…).
func (s *Store) NextStandardID(ctx context.Context, team string) (string, error) {
	n, err := s.rdb.Incr(ctx, s.Key(team, "retro", "std", "seq")).Result()
	if err != nil {
		return "", fmt.Errorf("store: next standard id: %w", err)
	}
	return "S" + strconv.FormatInt(n, 10), nil
}

// SaveStandard writes std as it is (a standard written directly, not
// promoted from a board).
func (s *Store) SaveStandard(ctx context.Context, team string, std retro.Standard) error {
	raw, err := json.Marshal(std)
	if err != nil {
		return fmt.Errorf("store: encode standard %s: %w", std.ID, err)
	}
	if err := s.rdb.HSet(ctx, s.standardsKey(team), std.ID, raw).Err(); err != nil {
		return fmt.Errorf("store: save standard %s: %w", std.ID, err)
	}
	return nil
}

// Standard returns one standard, or ErrNotFound.
func (s *Store) Standard(ctx context.Context, team, id string) (retro.Standard, error) {
	raw, err := s.rdb.HGet(ctx, s.standardsKey(team), id).Result()
	if errors.Is(err, redis.Nil) {
		return retro.Standard{}, fmt.Errorf("store: standard %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return retro.Standard{}, fmt.Errorf("store: standard %s: %w", id, err)
	}
	var std retro.Standard
	if err := json.Unmarshal([]byte(raw), &std); err != nil {
		return retro.Standard{}, fmt.Errorf("store: decode standard %s: %w", id, err)
	}
	return std, nil
}

// Standards returns every standard of the team, retired ones included,
// oldest first.
func (s *Store) Standards(ctx context.Context, team string) ([]retro.Standard, error) {
	m, err := s.rdb.HGetAll(ctx, s.standardsKey(team)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: list standards: %w", err)
	}
	out := make([]retro.Standard, 0, len(m))
	for id, raw := range m {
		var std retro.Standard
		if err := json.Unmarshal([]byte(raw), &std); err != nil {
			return nil, fmt.Errorf("store: decode standard %s: %w", id, err)
		}
		out = append(out, std)
	}
	slices.SortFunc(out, func(x, y retro.Standard) int {
		if c := x.CreatedAt.Compare(y.CreatedAt); c != 0 {
			return c
		}
		if c := seqOf(x.ID) - seqOf(y.ID); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return out, nil
}

var standardCASScript = redis.NewScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return {'conflict'} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {'ok'}
`)

// UpdateStandard applies fn (typically retro.EditStandard or
// retro.RetireStandard) to the stored standard and writes the result if
// nobody changed it meanwhile, retrying on conflict. It returns the result.
func (s *Store) UpdateStandard(ctx context.Context, team, id string, fn func(retro.Standard) (retro.Standard, error)) (retro.Standard, error) {
	op := "store: update standard " + id
	for range casRetries {
		raw, err := s.rdb.HGet(ctx, s.standardsKey(team), id).Result()
		if errors.Is(err, redis.Nil) {
			return retro.Standard{}, fmt.Errorf("%s: %w", op, ErrNotFound)
		}
		if err != nil {
			return retro.Standard{}, fmt.Errorf("%s: %w", op, err)
		}
		var std retro.Standard
		if err := json.Unmarshal([]byte(raw), &std); err != nil {
			return retro.Standard{}, fmt.Errorf("%s: decode: %w", op, err)
		}
		next, err := fn(std)
		if err != nil {
			return retro.Standard{}, err
		}
		next.ID = id
		out, err := json.Marshal(next)
		if err != nil {
			return retro.Standard{}, fmt.Errorf("%s: encode: %w", op, err)
		}
		reply, err := standardCASScript.Run(ctx, s.rdb, []string{s.standardsKey(team)}, id, raw, out).Slice()
		if err != nil {
			return retro.Standard{}, fmt.Errorf("%s: %w", op, err)
		}
		if err := scriptStatus(op, reply); !errors.Is(err, ErrConflict) {
			return next, err
		}
	}
	return retro.Standard{}, fmt.Errorf("%s: %d tries: %w", op, casRetries, ErrConflict)
}
