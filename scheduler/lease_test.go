package scheduler

import (
	"context"
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

// gate blocks handlers until released; entered receives each task id.
type gate struct {
	entered chan string
	release chan struct{}
}

func newGate() *gate { return &gate{entered: make(chan string, 100), release: make(chan struct{})} }

// handler blocks until release, then records the task unless its context
// was cancelled (a killed or stopped replica never reached Slack).
func (g *gate) handler(rec *recorder) Handler {
	return func(ctx context.Context, t Task) error {
		g.entered <- t.ID
		select {
		case <-g.release:
		case <-ctx.Done():
			return ctx.Err()
		}
		rec.add(t)
		return nil
	}
}

func TestLeaseExpiryHandsTaskToAnotherInstance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		recA, recB := newRecorder(), newRecorder()
		g := newGate()
		defer close(g.release)
		a := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "a"})
		b := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "b"})
		a.Handle("nudge", func(ctx context.Context, tk Task) error {
			g.entered <- tk.ID
			<-g.release // a killed process never returns
			recA.add(tk)
			return nil
		})
		b.Handle("nudge", recB.handler)
		mustSchedule(t, a, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})

		a.poll()
		<-g.entered
		a.crash()

		clk.Advance(30*time.Second - time.Millisecond)
		step(b)
		if got := recB.n("occ-1"); got != 0 {
			t.Fatalf("b took a task whose lease had not expired (%d)", got)
		}
		clk.Advance(time.Millisecond)
		step(b)
		if got := recB.n("occ-1"); got != 1 {
			t.Fatalf("b handled the expired task %d times, want 1", got)
		}
		if p := mustPending(t, b, "T1", ""); len(p) != 0 {
			t.Errorf("pending = %v, want none", p)
		}
		if recA.total() != 0 {
			t.Errorf("the killed replica recorded %d deliveries, want 0", recA.total())
		}
	})
}

func TestHeartbeatKeepsTheLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		recA, recB := newRecorder(), newRecorder()
		g := newGate()
		a := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "a"})
		b := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "b"})
		a.Handle("nudge", g.handler(recA))
		b.Handle("nudge", recB.handler)
		mustSchedule(t, a, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		a.poll()
		<-g.entered
		for range 4 { // 80 s in all, well past the first lease
			clk.Advance(20 * time.Second)
			a.poll() // heartbeat
			step(b)
		}
		if got := recB.n("occ-1"); got != 0 {
			t.Fatalf("b stole a task whose owner kept its lease (%d)", got)
		}
		close(g.release)
		a.wg.Wait()
		if got := recA.n("occ-1"); got != 1 {
			t.Errorf("a handled %d times, want 1", got)
		}
	})
}

func TestLostClaimCancelsTheHandler(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		recA, recB := newRecorder(), newRecorder()
		g := newGate()
		defer close(g.release)
		a := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "a"})
		b := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "b"})
		a.Handle("nudge", g.handler(recA))
		b.Handle("nudge", recB.handler)
		mustSchedule(t, a, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		a.poll()
		<-g.entered
		// a is paused (no heartbeat) past its lease; b takes the task.
		clk.Advance(31 * time.Second)
		step(b)
		a.poll() // a's heartbeat finds the claim gone and cancels its handler
		a.wg.Wait()
		if recA.total() != 0 || recB.n("occ-1") != 1 {
			t.Errorf("a handled %d, b handled %d; want 0 and 1", recA.total(), recB.n("occ-1"))
		}
		if due, inflight, tasks := queueSizes(t, a); due+inflight+tasks != 0 {
			t.Errorf("left in queue: due %d, in flight %d, tasks %d; want 0", due, inflight, tasks)
		}
	})
}
