package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"ctocoach/retro"
)

// A channel's recurring retro is one JSON string (retro:sched:<channel>),
// listed in the set retro:scheds so every schedule can be re-planned.

// RetroSchedule is a channel's recurring retro with its rotation state, as
// stored (the domain's retro.ScheduleState).
type RetroSchedule = retro.ScheduleState

// MaxFacilitatorHistory bounds RetroSchedule.Facilitators.
const MaxFacilitatorHistory = retro.MaxFacilitatorHistory

func (s *Store) scheduleKey(team, channel string) string {
	return s.Key(team, "retro", "sched", channel)
}

func (s *Store) schedulesKey(team string) string { return s.Key(team, "retro", "scheds") }

// RetroSchedule returns the channel's schedule, or ErrNotFound.
func (s *Store) RetroSchedule(ctx context.Context, team, channel string) (RetroSchedule, error) {
	raw, err := s.rdb.Get(ctx, s.scheduleKey(team, channel)).Bytes()
	if errors.Is(err, redis.Nil) {
		return RetroSchedule{}, fmt.Errorf("store: retro schedule of %s: %w", channel, ErrNotFound)
	}
	if err != nil {
		return RetroSchedule{}, fmt.Errorf("store: retro schedule of %s: %w", channel, err)
	}
	var sc RetroSchedule
	if err := json.Unmarshal(raw, &sc); err != nil {
		return RetroSchedule{}, fmt.Errorf("store: decode retro schedule of %s: %w", channel, err)
	}
	return sc, nil
}

// RetroScheduleChannels lists the channels that have a schedule.
func (s *Store) RetroScheduleChannels(ctx context.Context, team string) ([]string, error) {
	list, err := s.rdb.SMembers(ctx, s.schedulesKey(team)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: list retro schedules: %w", err)
	}
	return list, nil
}

// DeleteRetroSchedule removes the channel's schedule (no error when there
// is none).
func (s *Store) DeleteRetroSchedule(ctx context.Context, team, channel string) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, s.scheduleKey(team, channel))
		p.SRem(ctx, s.schedulesKey(team), channel)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: delete retro schedule of %s: %w", channel, err)
	}
	return nil
}

// UpdateRetroSchedule applies fn to the channel's schedule (found reports
// whether one exists; sc is zero otherwise) and saves the result, unless
// another writer changed it meanwhile (then it retries). fn returning
// ErrNotFound or another error aborts without writing.
func (s *Store) UpdateRetroSchedule(ctx context.Context, team, channel string, fn func(sc RetroSchedule, found bool) (RetroSchedule, error)) (RetroSchedule, error) {
	key := s.scheduleKey(team, channel)
	var out RetroSchedule
	for range casRetries {
		err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
			var cur RetroSchedule
			raw, err := tx.Get(ctx, key).Bytes()
			found := err == nil
			if err != nil && !errors.Is(err, redis.Nil) {
				return err
			}
			if found {
				if err := json.Unmarshal(raw, &cur); err != nil {
					return fmt.Errorf("decode: %w", err)
				}
			}
			next, err := fn(cur, found)
			if err != nil {
				return err
			}
			next.ChannelID = channel
			if len(next.Facilitators) > MaxFacilitatorHistory {
				next.Facilitators = next.Facilitators[len(next.Facilitators)-MaxFacilitatorHistory:]
			}
			enc, err := json.Marshal(next)
			if err != nil {
				return fmt.Errorf("encode: %w", err)
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
				p.Set(ctx, key, enc, 0)
				p.SAdd(ctx, s.schedulesKey(team), channel)
				return nil
			})
			out = next
			return err
		}, key)
		if !errors.Is(err, redis.TxFailedErr) {
			if err != nil {
				return RetroSchedule{}, fmt.Errorf("store: update retro schedule of %s: %w", channel, err)
			}
			return out, nil
		}
	}
	return RetroSchedule{}, fmt.Errorf("store: update retro schedule of %s: %w", channel, ErrConflict)
}
