package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// CheckupResult is one completed self-check. Only the score is kept, not
// which signals were ticked.
type CheckupResult struct {
	Checkup string    `json:"checkup"`
	Score   int       `json:"score"`
	Size    int       `json:"size"`
	Level   string    `json:"level"`
	At      time.Time `json:"at"`
}

// maxCheckupHistory bounds the history kept per user.
const maxCheckupHistory = 100

// AddCheckupResult records a result, newest first, keeping the last 100.
func (s *Store) AddCheckupResult(ctx context.Context, team, user string, r CheckupResult) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("store: encode checkup result: %w", err)
	}
	key := s.Key(team, "user", user, "checkups")
	pipe := s.rdb.TxPipeline()
	pipe.LPush(ctx, key, b)
	pipe.LTrim(ctx, key, 0, maxCheckupHistory-1)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("store: save checkup result for %s: %w", user, err)
	}
	return nil
}

// CheckupHistory returns up to n results, newest first.
func (s *Store) CheckupHistory(ctx context.Context, team, user string, n int) ([]CheckupResult, error) {
	raw, err := s.rdb.LRange(ctx, s.Key(team, "user", user, "checkups"), 0, int64(n-1)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: checkup history for %s: %w", user, err)
	}
	out := make([]CheckupResult, 0, len(raw))
	for _, r := range raw {
		var c CheckupResult
		if err := json.Unmarshal([]byte(r), &c); err != nil {
			return nil, fmt.Errorf("store: decode checkup result for %s: %w", user, err)
		}
		out = append(out, c)
	}
	return out, nil
}
