package scheduler

import (
	"context"
	"testing"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

// Run delivers until its context ends, then drains like Stop: the running
// handler finishes and its task is acked before Run returns.
func TestRunStopsWithItsContext(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		rec := newRecorder()
		g := newGate()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", g.handler(rec))
		ctx, cancel := context.WithCancel(context.Background())
		returned := make(chan error, 1)
		go func() { returned <- sc.Run(ctx) }()
		mustSchedule(t, sc, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		<-g.entered
		cancel()
		select {
		case err := <-returned:
			t.Fatalf("Run returned (%v) while a handler was running", err)
		default:
		}
		close(g.release)
		done := make(chan struct{})
		var err error
		go func() { err = <-returned; close(done) }()
		waitOrFail(t, done, "Run")
		if err != nil {
			t.Errorf("Run = %v, want nil", err)
		}
		if got := rec.n("occ-1"); got != 1 {
			t.Errorf("handled %d times, want 1", got)
		}
		if due, inflight, tasks := queueSizes(t, sc); due+inflight+tasks != 0 {
			t.Errorf("left in queue: due %d, in flight %d, tasks %d; want 0", due, inflight, tasks)
		}
		if err := sc.Run(context.Background()); err == nil {
			t.Error("Run after it stopped = nil, want an error")
		}
	})
}
