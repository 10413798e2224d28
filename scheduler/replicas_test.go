package scheduler

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

// fleet is n tasks due at the same instant and the handlers of three
// replicas counting deliveries per id.
type fleet struct {
	n       int
	rec     *recorder
	allDone chan struct{}
	once    sync.Once
}

func newFleet(n int) *fleet {
	return &fleet{n: n, rec: newRecorder(), allDone: make(chan struct{})}
}

func (f *fleet) deliver(t Task) {
	if f.rec.add(t) == f.n {
		f.once.Do(func() { close(f.allDone) })
	}
}

// handler delivers at once.
func (f *fleet) handler(ctx context.Context, t Task) error {
	f.deliver(t)
	return nil
}

// check fails unless every task was delivered exactly once and the queue is
// empty.
func (f *fleet) check(t *testing.T, sc *Scheduler) {
	t.Helper()
	f.rec.mu.Lock()
	defer f.rec.mu.Unlock()
	if len(f.rec.count) != f.n {
		t.Errorf("%d distinct tasks delivered, want %d", len(f.rec.count), f.n)
	}
	for id, c := range f.rec.count {
		if c != 1 {
			t.Errorf("task %s delivered %d times, want 1", id, c)
		}
	}
	if due, inflight, tasks := queueSizes(t, sc); due+inflight+tasks != 0 {
		t.Errorf("left in queue: due %d, in flight %d, tasks %d; want 0", due, inflight, tasks)
	}
}

func scheduleN(t *testing.T, sc *Scheduler, n int) {
	t.Helper()
	for i := range n {
		mustSchedule(t, sc, Task{ID: fmt.Sprintf("T1:U%04d:coffee", i), Kind: "nudge", Team: "T1", Due: t0})
	}
}

// Three replicas, 1,000 tasks due at once; one replica is stopped while its
// handlers are blocked, then they are released: every task is delivered
// exactly once.
func TestThreeReplicasStopOneMidRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := newClock()
		f := newFleet(1000)
		g := newGate()
		o := Options{Poll: 5 * time.Millisecond}
		a := mustNew(t, s, clk, withReplica(o, "a"))
		b := mustNew(t, s, clk, withReplica(o, "b"))
		c := mustNew(t, s, clk, withReplica(o, "c"))
		a.Handle("nudge", f.handler)
		b.Handle("nudge", f.handler)
		c.Handle("nudge", func(ctx context.Context, tk Task) error {
			g.entered <- tk.ID
			<-g.release // Slack is slow; Stop must wait for it
			f.deliver(tk)
			return nil
		})
		scheduleN(t, a, f.n)

		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		for range c.o.Workers {
			<-g.entered // c holds one task per worker
		}
		if err := a.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := b.Start(ctx); err != nil {
			t.Fatal(err)
		}
		draining := make(chan struct{})
		c.onDrain = func() { close(draining) }
		stopped := make(chan struct{})
		go func() { c.Stop(); close(stopped) }()
		<-draining
		select {
		case <-stopped:
			t.Fatal("Stop returned while handlers were still running")
		default:
		}
		close(g.release)
		waitOrFail(t, stopped, "c.Stop")
		waitOrFail(t, f.allDone, "every task delivered")
		a.Stop()
		b.Stop()
		f.check(t, a)
		if got := len(g.entered); got != 0 {
			t.Errorf("the stopped replica started %d more handlers after Stop, want 0", got)
		}
	})
}

// The same with one replica killed (no ack, no heartbeat) while its
// handlers are blocked: its tasks come back after the lease and are
// delivered once by the others.
func TestThreeReplicasKillOneMidRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := newClock()
		f := newFleet(1000)
		g := newGate()
		defer close(g.release)
		o := Options{Poll: 5 * time.Millisecond, Lease: 30 * time.Second}
		a := mustNew(t, s, clk, withReplica(o, "a"))
		b := mustNew(t, s, clk, withReplica(o, "b"))
		c := mustNew(t, s, clk, withReplica(o, "c"))
		a.Handle("nudge", f.handler)
		b.Handle("nudge", f.handler)
		c.Handle("nudge", func(ctx context.Context, tk Task) error {
			g.entered <- tk.ID
			<-g.release
			if ctx.Err() != nil {
				return ctx.Err() // killed before calling Slack
			}
			f.deliver(tk)
			return nil
		})
		scheduleN(t, a, f.n)
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		for range c.o.Workers {
			<-g.entered
		}
		c.crash()
		if err := a.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := b.Start(ctx); err != nil {
			t.Fatal(err)
		}
		clk.Advance(31 * time.Second) // c's leases expire
		waitOrFail(t, f.allDone, "every task delivered")
		a.Stop()
		b.Stop()
		f.check(t, a)
	})
}

func withReplica(o Options, name string) Options {
	o.Replica = name
	return o
}
