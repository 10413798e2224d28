package slackemu

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// newIDLocked returns prefix + a unique, increasing, upper-case id;
// s.mu must be held.
func (s *Server) newIDLocked(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%08X", prefix, s.seq)
}

// newTSLocked returns a message timestamp ("seconds.micros") from the
// injected clock, strictly greater than the previous one; s.mu must be held.
func (s *Server) newTSLocked() string {
	us := s.now().UnixMicro()
	if us <= s.lastTS {
		us = s.lastTS + 1
	}
	s.lastTS = us
	return fmt.Sprintf("%d.%06d", us/1_000_000, us%1_000_000)
}

// randomHex returns n random bytes, hex-encoded.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// newEnvelopeID returns a UUID-shaped envelope id, as Slack sends.
func newEnvelopeID() string {
	h := randomHex(16)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// newEventID returns an Events API event id ("Ev" + 10 upper-case chars).
func newEventID() string { return "Ev" + strings.ToUpper(randomHex(5)) }

// unixTS formats t as a Slack action/event timestamp.
func unixTS(t time.Time) string {
	return fmt.Sprintf("%d.%06d", t.Unix(), t.Nanosecond()/1000)
}
