package slackemu

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Send delivers env on one open socket (round-robin, waiting for one if none
// is open) and waits for its ack. Without an ack within the ack timeout
// (3 s by default) the envelope is redelivered, with the same envelope id,
// retry_attempt incremented and retry_reason "timeout", up to the configured
// number of redeliveries; then Send returns ErrNotAcked.
//
// Acks to slash commands and view submissions take effect as in Slack: a
// slash command's ack text becomes an ephemeral (or in_channel) message; a
// view submission's ack closes, updates or pushes modals.
func (s *Server) Send(ctx context.Context, env Envelope) (Ack, error) {
	if env.ID == "" {
		return Ack{}, errors.New("slackemu: send: envelope has no id")
	}
	ch := make(chan ackFrame, 1)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return Ack{}, ErrClosed
	}
	if _, dup := s.sock.pending[env.ID]; dup {
		s.mu.Unlock()
		return Ack{}, fmt.Errorf("slackemu: send %s: already in flight", env.ID)
	}
	s.sock.pending[env.ID] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.sock.pending, env.ID)
		s.mu.Unlock()
	}()

	attempt := env
	for {
		c, err := s.nextConn(ctx)
		if err != nil {
			return Ack{}, fmt.Errorf("slackemu: send %s %s: %w", env.Type, env.ID, err)
		}
		start := time.Now()
		if err := c.writeJSON(attempt.wire()); err != nil {
			s.log.Debug("slackemu: send on a dead socket, retrying", "err", err)
			s.unregister(c)
			continue
		}
		timer := time.NewTimer(s.cfg.ackTimeout)
		select {
		case f := <-ch:
			timer.Stop()
			ack := Ack{EnvelopeID: env.ID, Payload: f.payload, Latency: max(f.at.Sub(start), 0),
				Attempt: attempt.RetryAttempt, Type: env.Type}
			s.recordAck(env, ack)
			return ack, nil
		case <-timer.C:
			if attempt.RetryAttempt-env.RetryAttempt >= s.cfg.redeliveries {
				return Ack{}, fmt.Errorf("slackemu: send %s %s after %d attempts: %w",
					env.Type, env.ID, attempt.RetryAttempt-env.RetryAttempt+1, ErrNotAcked)
			}
			attempt.RetryAttempt++
			attempt.RetryReason = "timeout"
		case <-ctx.Done():
			timer.Stop()
			return Ack{}, fmt.Errorf("slackemu: send %s %s: %w", env.Type, env.ID, ctx.Err())
		case <-s.done:
			timer.Stop()
			return Ack{}, ErrClosed
		}
	}
}

// SendAsync is Send in a goroutine, for load tests; the channel receives
// exactly one result. Close waits for it.
func (s *Server) SendAsync(env Envelope) <-chan AckResult {
	out := make(chan AckResult, 1)
	ok := s.goTracked(func() {
		ack, err := s.Send(context.Background(), env)
		out <- AckResult{Ack: ack, Err: err}
	})
	if !ok {
		out <- AckResult{Err: ErrClosed}
	}
	return out
}

// Acks returns every ack received by Send, in arrival order.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ack(nil), s.sock.acks...)
}

// StrayAcks is how many acks named no envelope in flight (duplicates, late
// acks after Send gave up, unknown ids).
func (s *Server) StrayAcks() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.stray
}

// recordAck keeps ack, applies its effects and wakes waiters.
func (s *Server) recordAck(env Envelope, ack Ack) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sock.acks = append(s.sock.acks, ack)
	s.applyAckLocked(env, ack)
	s.notifyLocked()
}
