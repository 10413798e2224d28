package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Profile is what ctocoach keeps of a Slack user's profile: enough to pick a
// language, a time zone and a name.
type Profile struct {
	UserID    string    `json:"user_id"`
	Name      string    `json:"name"`
	RealName  string    `json:"real_name,omitempty"`
	Locale    string    `json:"locale,omitempty"`
	TZ        string    `json:"tz,omitempty"`
	IsAdmin   bool      `json:"is_admin,omitempty"`
	IsBot     bool      `json:"is_bot,omitempty"`
	FetchedAt time.Time `json:"fetched_at"`
}

// ProfileTTL is how long a cached profile is trusted.
const ProfileTTL = 24 * time.Hour

// Profile returns the cached profile of user, or ErrNotFound.
func (s *Store) Profile(ctx context.Context, team, user string) (Profile, error) {
	var p Profile
	b, err := s.rdb.Get(ctx, s.Key(team, "user", user, "profile")).Bytes()
	if errors.Is(err, redis.Nil) {
		return p, ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("store: get profile %s: %w", user, err)
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("store: decode profile %s: %w", user, err)
	}
	return p, nil
}

// SaveProfile caches p for ProfileTTL.
func (s *Store) SaveProfile(ctx context.Context, team string, p Profile) error {
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("store: encode profile %s: %w", p.UserID, err)
	}
	if err := s.rdb.Set(ctx, s.Key(team, "user", p.UserID, "profile"), b, ProfileTTL).Err(); err != nil {
		return fmt.Errorf("store: save profile %s: %w", p.UserID, err)
	}
	return nil
}
