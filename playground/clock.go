package playground

import (
	"sync"
	"time"
)

// Clock is the playground's clock: the wall clock plus an offset that
// "advance time" grows, so scheduled work comes due without waiting. It is
// given to the bot (Main.Now) and the emulator alike.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	wall   func() time.Time
}

// NewClock returns a clock on the wall time.
func NewClock() *Clock { return &Clock{wall: time.Now} }

// Now is the wall time plus the offset.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall().Add(c.offset)
}

// AdvanceTo moves the clock forward to t (never backward: a t in the past
// does nothing) and returns the new time.
func (c *Clock) AdvanceTo(t time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.wall().Add(c.offset)
	if t.After(now) {
		c.offset += t.Sub(now)
		now = t
	}
	return now
}
