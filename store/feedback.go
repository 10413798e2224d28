package store

import (
	"context"
	"fmt"
)

// Feedback is the 👍/👎 tally of one advice card.
type Feedback struct {
	Up, Down int
}

// SetFeedback records user's vote on card: +1 or -1. A second press replaces
// the first, so each person counts once per card.
func (s *Store) SetFeedback(ctx context.Context, team, card, user string, vote int) error {
	if vote != 1 && vote != -1 {
		return fmt.Errorf("store: feedback on %s: vote must be 1 or -1, got %d", card, vote)
	}
	if err := s.rdb.HSet(ctx, s.Key(team, "feedback", card), user, vote).Err(); err != nil {
		return fmt.Errorf("store: feedback on %s: %w", card, err)
	}
	return nil
}

// Feedback returns the tally of card.
func (s *Store) Feedback(ctx context.Context, team, card string) (Feedback, error) {
	m, err := s.rdb.HGetAll(ctx, s.Key(team, "feedback", card)).Result()
	if err != nil {
		return Feedback{}, fmt.Errorf("store: get feedback %s: %w", card, err)
	}
	var f Feedback
	for _, v := range m {
		switch v {
		case "1":
			f.Up++
		case "-1":
			f.Down++
		}
	}
	return f, nil
}
