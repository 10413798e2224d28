package main

import (
	"testing"
	"time"
)

// pollUntil checks cond every 20 ms until it holds (true) or within has
// passed (false). It waits for a state (Redis reachable, a message
// delivered), never for an amount of time.
func pollUntil(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}

// MustEventually polls cond until it holds, failing the test with what when
// it still does not hold after within.
func MustEventually(tb testing.TB, within time.Duration, what string, cond func() bool) {
	tb.Helper()
	if !pollUntil(within, cond) {
		tb.Fatalf("still not true after %v: %s", within, what)
	}
}
