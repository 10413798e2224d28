package store

import "context"

// BoardHead loads a board's metadata (format, phase, channel) without its
// cards, votes or actions: one HGETALL, for answers that need the zones but
// not the cards (the add-card modal's next form).
func (s *Store) BoardHead(ctx context.Context, team, id string) (RetroBoard, error) {
	return s.boardHead(ctx, team, id)
}
