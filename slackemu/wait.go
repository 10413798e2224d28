package slackemu

import (
	"context"
	"fmt"
)

// notifyLocked wakes every waiter; s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Wait blocks until cond reports true, evaluating it now and after every
// recorded event (call, ack, connection change, response, message). cond
// runs without the server lock held, so it may call any Server method.
func (s *Server) Wait(ctx context.Context, cond func(*Server) bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if cond(s) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("slackemu: wait: %w", ctx.Err())
		case <-s.done:
			if cond(s) {
				return nil
			}
			return ErrClosed
		}
	}
}
