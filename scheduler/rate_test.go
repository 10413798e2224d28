package scheduler

import (
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

// Options.Rate is shared by every replica through Redis: two replicas
// together take no more than the bucket allows.
func TestRateIsSharedByReplicas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		rec := newRecorder()
		o := Options{Rate: 2, Burst: 2, Workers: 10, Poll: 5 * time.Second}
		a := mustNew(t, s, clk, withReplica(o, "a"))
		b := mustNew(t, s, clk, withReplica(o, "b"))
		a.Handle("nudge", rec.handler)
		b.Handle("nudge", rec.handler)
		scheduleN(t, a, 10)

		step(a)
		step(b)
		if got := rec.total(); got != 2 {
			t.Fatalf("delivered %d with a full bucket of 2, want 2", got)
		}
		if wait := b.poll(); wait != 500*time.Millisecond {
			t.Errorf("b's next poll in %v with an empty bucket at 2/s, want 500ms", wait)
		}
		clk.Advance(499 * time.Millisecond)
		step(b)
		if got := rec.total(); got != 2 {
			t.Fatalf("delivered %d before the next token, want 2", got)
		}
		clk.Advance(time.Millisecond)
		step(b)
		step(a)
		if got := rec.total(); got != 3 {
			t.Fatalf("delivered %d after one more token, want 3", got)
		}
		clk.Advance(time.Hour) // the bucket refills to its burst, no more
		step(a)
		step(b)
		if got := rec.total(); got != 5 {
			t.Errorf("delivered %d after a long idle time, want 5 (burst 2)", got)
		}
	})
}
