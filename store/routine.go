package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"ctocoach/routine"
)

// MaxMeetings is how many past meetings are kept per user for pairing: far
// more than the eight-week window of the weekly coffee needs.
const MaxMeetings = 100

// Roster is the set of teammates a user's coffee and skip-level nudges pick
// from: the members of one channel, minus bots and the user.
type Roster struct {
	// Channel is the channel the roster was taken from.
	Channel string `json:"channel"`
	// Members are Slack user ids.
	Members []string `json:"members"`
	// UpdatedAt is when the roster was read from Slack.
	UpdatedAt time.Time `json:"updated_at"`
}

// RoutineSettings returns the user's routine settings, or ErrNotFound when
// the user never saved any.
func (s *Store) RoutineSettings(ctx context.Context, team, user string) (routine.Settings, error) {
	var rs routine.Settings
	if err := s.readRoutineJSON(ctx, s.Key(team, "user", user, "routines"), &rs); err != nil {
		return rs, fmt.Errorf("store: get routine settings %s: %w", user, err)
	}
	return rs, nil
}

// SaveRoutineSettings stores the user's routine settings (no expiry).
func (s *Store) SaveRoutineSettings(ctx context.Context, team, user string, rs routine.Settings) error {
	if err := s.writeRoutineJSON(ctx, s.Key(team, "user", user, "routines"), rs, 0); err != nil {
		return fmt.Errorf("store: save routine settings %s: %w", user, err)
	}
	return nil
}

// Roster returns the user's roster, or ErrNotFound when none was set.
func (s *Store) Roster(ctx context.Context, team, user string) (Roster, error) {
	var r Roster
	if err := s.readRoutineJSON(ctx, s.Key(team, "user", user, "roster"), &r); err != nil {
		return r, fmt.Errorf("store: get roster %s: %w", user, err)
	}
	return r, nil
}

// SaveRoster replaces the user's roster.
func (s *Store) SaveRoster(ctx context.Context, team, user string, r Roster) error {
	if err := s.writeRoutineJSON(ctx, s.Key(team, "user", user, "roster"), r, 0); err != nil {
		return fmt.Errorf("store: save roster %s: %w", user, err)
	}
	return nil
}

// AddMeetings records meetings in the user's pairing history, keeping the
// MaxMeetings most recent additions.
func (s *Store) AddMeetings(ctx context.Context, team, user string, ms ...routine.Meeting) error {
	if len(ms) == 0 {
		return nil
	}
	vals := make([]any, 0, len(ms))
	for _, m := range ms {
		b, err := json.Marshal(m)
		if err != nil {
			return fmt.Errorf("store: encode meeting %s with %s: %w", user, m.With, err)
		}
		vals = append(vals, b)
	}
	key := s.Key(team, "user", user, "meetings")
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.LPush(ctx, key, vals...)
		p.LTrim(ctx, key, 0, MaxMeetings-1)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add meetings %s: %w", user, err)
	}
	return nil
}

// Meetings returns the user's pairing history, most recent first.
func (s *Store) Meetings(ctx context.Context, team, user string) ([]routine.Meeting, error) {
	raw, err := s.rdb.LRange(ctx, s.Key(team, "user", user, "meetings"), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("store: get meetings %s: %w", user, err)
	}
	out := make([]routine.Meeting, 0, len(raw))
	for _, r := range raw {
		var m routine.Meeting
		if err := json.Unmarshal([]byte(r), &m); err != nil {
			s.log.Warn("skipping an unreadable meeting", "user", user, "err", err)
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

// readRoutineJSON decodes the string at key into v; ErrNotFound when it is missing.
func (s *Store) readRoutineJSON(ctx context.Context, key string, v any) error {
	b, err := s.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode: %w", err)
	}
	return nil
}

// writeRoutineJSON stores v encoded at key (ttl 0: no expiry).
func (s *Store) writeRoutineJSON(ctx context.Context, key string, v any, ttl time.Duration) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode: %w", err)
	}
	return s.rdb.Set(ctx, key, b, ttl).Err()
}
