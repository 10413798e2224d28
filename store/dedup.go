package store

import (
	"context"
	"fmt"
	"time"
)

// FirstDelivery records that the envelope or event id was seen and reports
// whether this is the first time (SET NX with a TTL). Slack re-delivers an
// event when an ack is late; only the first delivery is processed.
func (s *Store) FirstDelivery(ctx context.Context, team, id string, ttl time.Duration) (bool, error) {
	ok, err := s.rdb.SetNX(ctx, s.Key(team, "seen", id), 1, ttl).Result()
	if err != nil {
		return false, fmt.Errorf("store: mark delivery %s: %w", id, err)
	}
	return ok, nil
}
