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
// runs without the server lock held, so it may call any Server method
// (not the Web API over HTTP), and between Web API calls: it never sees a
// call's effects (a message, a view) before the call is in Calls.
func (s *Server) Wait(ctx context.Context, cond func(*Server) bool) error {
	for {
		s.mu.Lock()
		ch := s.changed
		s.mu.Unlock()
		if s.settled(cond) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("slackemu: wait: %w", ctx.Err())
		case <-s.done:
			if s.settled(cond) {
				return nil
			}
			return ErrClosed
		}
	}
}

// settled evaluates cond while no Web API call is half done.
func (s *Server) settled(cond func(*Server) bool) bool {
	s.settle.Lock()
	defer s.settle.Unlock()
	return cond(s)
}
