package store

import (
	"context"
	"fmt"
)

// Prefs are the settings a user sets with /cto: a language that overrides the
// Slack locale, and the month they became CTO (for phase-aware advice).
type Prefs struct {
	// Lang is "", "en" or "fr"; "" follows the Slack locale.
	Lang string
	// CTOSince is "YYYY-MM" or "".
	CTOSince string
}

// Prefs returns the user's preferences (zero value when none are set).
func (s *Store) Prefs(ctx context.Context, team, user string) (Prefs, error) {
	m, err := s.rdb.HGetAll(ctx, s.Key(team, "user", user, "prefs")).Result()
	if err != nil {
		return Prefs{}, fmt.Errorf("store: get prefs %s: %w", user, err)
	}
	return Prefs{Lang: m["lang"], CTOSince: m["cto_since"]}, nil
}

// SetLang stores the user's language override ("" clears it).
func (s *Store) SetLang(ctx context.Context, team, user, lang string) error {
	return s.setPref(ctx, team, user, "lang", lang)
}

// SetCTOSince stores when the user became CTO ("YYYY-MM"; "" clears it).
func (s *Store) SetCTOSince(ctx context.Context, team, user, since string) error {
	return s.setPref(ctx, team, user, "cto_since", since)
}

func (s *Store) setPref(ctx context.Context, team, user, field, value string) error {
	key := s.Key(team, "user", user, "prefs")
	var err error
	if value == "" {
		err = s.rdb.HDel(ctx, key, field).Err()
	} else {
		err = s.rdb.HSet(ctx, key, field, value).Err()
	}
	if err != nil {
		return fmt.Errorf("store: set %s for %s: %w", field, user, err)
	}
	return nil
}
