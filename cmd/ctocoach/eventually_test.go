package main

import (
	"testing"
	"time"
)

// MustEventually polls cond every 20 ms until it holds, failing the test
// with what when it still does not hold after within. It waits for a state
// (Redis reachable, a message delivered), never for an amount of time.
func MustEventually(tb testing.TB, within time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("still not true after %v: %s", within, what)
		}
		<-tick.C
	}
}
