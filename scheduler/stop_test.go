package scheduler

import (
	"context"
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestStopWaitsForInFlight(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		rec := newRecorder()
		g := newGate()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", g.handler(rec))
		if err := sc.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		mustSchedule(t, sc, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		<-g.entered
		draining := make(chan struct{})
		sc.onDrain = func() { close(draining) }
		stopped := make(chan struct{})
		go func() { sc.Stop(); close(stopped) }()
		<-draining
		select {
		case <-stopped:
			t.Fatal("Stop returned while a handler was running")
		default:
		}
		close(g.release)
		waitOrFail(t, stopped, "Stop")
		if got := rec.n("occ-1"); got != 1 {
			t.Errorf("handled %d times, want 1", got)
		}
		if due, inflight, tasks := queueSizes(t, sc); due+inflight+tasks != 0 {
			t.Errorf("left in queue after Stop: due %d, in flight %d, tasks %d; want 0 (acked before Stop returned)", due, inflight, tasks)
		}
		if err := sc.Start(context.Background()); err == nil {
			t.Error("Start after Stop = nil, want an error")
		}
	})
}

// A handler still running after the grace period is cancelled; its task
// goes back to the queue at once, without using an attempt, and another
// replica delivers it.
func TestStopGraceRequeues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		recA, recB := newRecorder(), newRecorder()
		g := newGate()
		defer close(g.release)
		a := mustNew(t, s, clk, Options{Grace: time.Millisecond, Replica: "a"})
		b := mustNew(t, s, clk, Options{Replica: "b"})
		a.Handle("nudge", g.handler(recA))
		b.Handle("nudge", recB.handler)
		if err := a.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		mustSchedule(t, a, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		<-g.entered
		a.Stop() // the handler only returns when cancelled
		p := mustPending(t, b, "T1", "")
		if len(p) != 1 || p[0].Attempt != 0 {
			t.Fatalf("pending after a cancelled shutdown = %+v, want the task with attempt 0", p)
		}
		step(b)
		if recA.total() != 0 || recB.n("occ-1") != 1 {
			t.Errorf("a handled %d, b handled %d; want 0 and 1", recA.total(), recB.n("occ-1"))
		}
	})
}

// The loop wakes when a task is scheduled before its next planned poll,
// without waiting for Poll (an hour here).
func TestScheduleWakesTheLoop(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		handled := make(chan struct{})
		sc := mustNew(t, s, clk, Options{Poll: time.Hour})
		sc.Handle("nudge", func(ctx context.Context, tk Task) error { close(handled); return nil })
		if err := sc.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		mustSchedule(t, sc, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		waitOrFail(t, handled, "the task scheduled for now")
	})
}

// Cancelling Start's context stops claiming; running handlers finish.
func TestStartContextStopsClaiming(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		rec := newRecorder()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", rec.handler)
		draining := make(chan struct{})
		sc.onDrain = func() { close(draining) }
		ctx, cancel := context.WithCancel(context.Background())
		if err := sc.Start(ctx); err != nil {
			t.Fatal(err)
		}
		cancel()
		waitOrFail(t, draining, "draining")
		mustSchedule(t, sc, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		step(sc)
		if got := rec.n("occ-1"); got != 0 {
			t.Errorf("handled %d times after Start's context was cancelled, want 0", got)
		}
	})
}
