package store

import (
	"context"
	"fmt"
)

// deleteField deletes one field of a hash; notFound when it was not there.
// op names the operation in errors.
func (s *Store) deleteField(ctx context.Context, key, field, op string, notFound error) error {
	n, err := s.rdb.HDel(ctx, key, field).Result()
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if n == 0 {
		return fmt.Errorf("store: %s: %w", op, notFound)
	}
	return nil
}
