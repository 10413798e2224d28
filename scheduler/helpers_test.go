package scheduler

import (
	"context"
	"sync"
	"testing"
	"time"

	"ctocoach/metrics"
	"ctocoach/store"
)

// t0 is the fake clock's start.
var t0 = time.Date(2026, 1, 5, 8, 30, 0, 0, time.UTC)

// fakeClock is the injected clock every decision of the engine reads.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *fakeClock { return &fakeClock{now: t0} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// mustNew returns a replica on s driven by clk; it is stopped at cleanup.
func mustNew(tb testing.TB, s *store.Store, clk *fakeClock, o Options) *Scheduler {
	tb.Helper()
	o.Now = clk.Now
	if o.Metrics == nil {
		o.Metrics = metrics.New()
	}
	sc := New(s.Client(), s.Prefix(), o)
	tb.Cleanup(sc.Stop)
	return sc
}

// recorder counts handled tasks per id.
type recorder struct {
	mu    sync.Mutex
	count map[string]int
	last  map[string]Task
}

func newRecorder() *recorder {
	return &recorder{count: map[string]int{}, last: map[string]Task{}}
}

func (r *recorder) add(t Task) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.count[t.ID]++
	r.last[t.ID] = t
	return len(r.count)
}

func (r *recorder) n(id string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.count[id]
}

func (r *recorder) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, c := range r.count {
		n += c
	}
	return n
}

// handler records every task and returns nil.
func (r *recorder) handler(ctx context.Context, t Task) error {
	r.add(t)
	return nil
}

// step runs one poll of sc and waits until the handlers it started have
// finished and recorded their results.
func step(sc *Scheduler) {
	sc.poll()
	sc.wg.Wait()
}

// mustSchedule schedules t or fails the test.
func mustSchedule(tb testing.TB, sc *Scheduler, t Task) {
	tb.Helper()
	if err := sc.Schedule(context.Background(), t); err != nil {
		tb.Fatalf("Schedule(%s): %v", t.ID, err)
	}
}

// mustPending returns Pending(team, prefix) or fails the test.
func mustPending(tb testing.TB, sc *Scheduler, team, prefix string) []Task {
	tb.Helper()
	p, err := sc.Pending(context.Background(), team, prefix)
	if err != nil {
		tb.Fatalf("Pending(%s, %s): %v", team, prefix, err)
	}
	return p
}

// queueSizes returns the entries left in due, in flight and in the task hash.
func queueSizes(tb testing.TB, sc *Scheduler) (due, inflight, tasks int64) {
	tb.Helper()
	ctx := context.Background()
	c := sc.st.Client()
	var err error
	if due, err = c.ZCard(ctx, sc.k.due).Result(); err != nil {
		tb.Fatal(err)
	}
	if inflight, err = c.ZCard(ctx, sc.k.inflight).Result(); err != nil {
		tb.Fatal(err)
	}
	if tasks, err = c.HLen(ctx, sc.k.tasks).Result(); err != nil {
		tb.Fatal(err)
	}
	return due, inflight, tasks
}

// crash kills the replica as kill -9 would: its loop ends, its handlers'
// contexts are cancelled, and nothing it does afterwards reaches Redis (no
// ack, no retry, no heartbeat). Its claims stay in flight until their lease
// expires.
func (s *Scheduler) crash() {
	s.stopOnce.Do(func() {
		s.mu.Lock()
		s.stopped = true
		started := s.started
		s.mu.Unlock()
		s.dead.Store(true)
		s.draining.Store(true)
		s.cancelHandlers()
		close(s.stop)
		if started {
			<-s.loopDone
		}
	})
}

// waitOrFail waits for ch, failing the test after a generous deadline (a
// guard against hangs, not a timing assertion).
func waitOrFail(tb testing.TB, ch <-chan struct{}, what string) {
	tb.Helper()
	select {
	case <-ch:
	case <-time.After(30 * time.Second):
		tb.Fatalf("timed out waiting for %s", what)
	}
}
