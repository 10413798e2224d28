package scheduler

import (
	"context"
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

// A task whose claim died (replica killed, lease expired) comes back with
// Reclaimed = 1, so its handler can check whether the first one had
// already sent it; a task claimed normally has Reclaimed = 0.
func TestReclaimedTaskSaysItsClaimDied(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		recB := newRecorder()
		g := newGate()
		defer close(g.release)
		a := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "a"})
		b := mustNew(t, s, clk, Options{Lease: 30 * time.Second, Replica: "b"})
		var first Task
		a.Handle("nudge", func(ctx context.Context, tk Task) error {
			first = tk
			g.entered <- tk.ID
			<-g.release
			return nil
		})
		b.Handle("nudge", recB.handler)
		mustSchedule(t, a, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		a.poll()
		<-g.entered
		if first.Reclaimed != 0 {
			t.Errorf("first claim: Reclaimed = %d, want 0", first.Reclaimed)
		}
		a.crash()
		clk.Advance(30 * time.Second)
		step(b)
		if got := recB.n("occ-1"); got != 1 {
			t.Fatalf("b handled the expired task %d times, want 1", got)
		}
		recB.mu.Lock()
		got := recB.last["occ-1"].Reclaimed
		recB.mu.Unlock()
		if got != 1 {
			t.Errorf("re-claimed after a dead claim: Reclaimed = %d, want 1", got)
		}
	})
}
