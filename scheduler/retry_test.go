package scheduler

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/redis/go-redis/v9"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestBackoff(t *testing.T) {
	for _, c := range []struct {
		attempt int
		jitter  float64
		want    time.Duration
	}{
		{1, 0, 5 * time.Second},
		{2, 0, 10 * time.Second},
		{3, 0, 20 * time.Second},
		{3, 1, 25 * time.Second},
		{30, 0, MaxBackoff},
		{30, 1, MaxBackoff},
	} {
		if got := backoff(5*time.Second, c.attempt, c.jitter); got != c.want {
			t.Errorf("backoff(5s, %d, %v) = %v, want %v", c.attempt, c.jitter, got, c.want)
		}
	}
}

func TestRetryWithBackoffThenFailed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := newClock()
		sc := mustNew(t, s, clk, Options{MaxAttempts: 3, Backoff: 10 * time.Second})
		var mu sync.Mutex
		var attempts []int
		sc.Handle("nudge", func(ctx context.Context, tk Task) error {
			mu.Lock()
			defer mu.Unlock()
			attempts = append(attempts, tk.Attempt)
			return errors.New("slack said 500")
		})
		tk := Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0}
		mustSchedule(t, sc, tk)

		step(sc) // attempt 0 fails
		for i, base := range []time.Duration{10 * time.Second, 20 * time.Second} {
			p := mustPending(t, sc, "T1", "")
			if len(p) != 1 {
				t.Fatalf("after failure %d: pending = %v, want the task", i+1, p)
			}
			now := clk.Now()
			if p[0].Attempt != i+1 || p[0].Due.Before(now.Add(base)) || p[0].Due.After(now.Add(base*5/4)) {
				t.Fatalf("after failure %d: attempt %d due %v, want attempt %d due in [%v, %v]",
					i+1, p[0].Attempt, p[0].Due.Sub(now), i+1, base, base*5/4)
			}
			clk.Advance(p[0].Due.Sub(now) - time.Millisecond)
			step(sc)
			if got := len(attempts); got != i+1 {
				t.Fatalf("tried %d times 1 ms before the retry is due, want %d", got, i+1)
			}
			clk.Advance(time.Millisecond)
			step(sc)
		}
		if want := []int{0, 1, 2}; len(attempts) != 3 || attempts[0] != 0 || attempts[1] != 1 || attempts[2] != 2 {
			t.Fatalf("handler saw attempts %v, want %v", attempts, want)
		}
		if p := mustPending(t, sc, "T1", ""); len(p) != 0 {
			t.Errorf("pending after the last attempt = %v, want none", p)
		}
		f, err := sc.Failed(ctx, 10)
		if err != nil {
			t.Fatalf("Failed: %v", err)
		}
		if len(f) != 1 || f[0].Task.ID != tk.ID || f[0].Task.Attempt != 2 || f[0].Err != "slack said 500" || !f[0].At.Equal(clk.Now()) {
			t.Errorf("Failed = %+v, want occ-1 at attempt 2 with its error, at %v", f, clk.Now())
		}
		if got := testutil.ToFloat64(sc.o.Metrics.Nudges.WithLabelValues("failed")); got != 1 {
			t.Errorf("failed metric = %v, want 1", got)
		}
		// Failed is final: scheduling the id again does nothing.
		mustSchedule(t, sc, tk)
		clk.Advance(time.Hour)
		step(sc)
		if len(attempts) != 3 {
			t.Errorf("a failed id ran again (%d attempts), want 3", len(attempts))
		}
	})
}

func TestRetryAfter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		rec := newRecorder()
		sc := mustNew(t, s, clk, Options{MaxAttempts: 1}) // a rate limit uses no attempt
		sc.Handle("nudge", func(ctx context.Context, tk Task) error {
			if rec.add(tk) == 1 && rec.n(tk.ID) == 1 {
				return RetryAfter(7*time.Second, errors.New("ratelimited"))
			}
			return nil
		})
		mustSchedule(t, sc, Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0})
		step(sc)
		p := mustPending(t, sc, "T1", "")
		if len(p) != 1 || !p[0].Due.Equal(t0.Add(7*time.Second)) || p[0].Attempt != 0 {
			t.Fatalf("after RetryAfter(7s): pending = %+v, want due %v, attempt still 0", p, t0.Add(7*time.Second))
		}
		clk.Advance(7 * time.Second)
		step(sc)
		if got := rec.n("occ-1"); got != 2 {
			t.Errorf("handled %d times, want 2", got)
		}
		if p := mustPending(t, sc, "T1", ""); len(p) != 0 {
			t.Errorf("pending after success = %v, want none", p)
		}
	})
}

func TestPanicAndUnknownKindAreRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", func(ctx context.Context, tk Task) error { panic("boom") })
		mustSchedule(t, sc, Task{ID: "a", Kind: "nudge", Team: "T1", Due: t0})
		mustSchedule(t, sc, Task{ID: "b", Kind: "unknown", Team: "T1", Due: t0})
		step(sc)
		p := mustPending(t, sc, "T1", "")
		if len(p) != 2 || p[0].Attempt != 1 || p[1].Attempt != 1 {
			t.Errorf("pending = %+v, want both tasks back with attempt 1", p)
		}
	})
}

// A task whose stored JSON cannot be read is recorded as failed at once,
// not retried forever nor dropped.
func TestUnreadableTaskIsFailed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sc := mustNew(t, s, newClock(), Options{})
		c := s.Client()
		if err := c.HSet(ctx, sc.k.tasks, "bad", "{not json").Err(); err != nil {
			t.Fatal(err)
		}
		if err := c.ZAdd(ctx, sc.k.due, redis.Z{Score: float64(t0.UnixMilli()), Member: "bad"}).Err(); err != nil {
			t.Fatal(err)
		}
		step(sc)
		f, err := sc.Failed(ctx, 10)
		if err != nil || len(f) != 1 || f[0].Task.ID != "bad" || f[0].Err == "" {
			t.Fatalf("Failed = %+v, %v; want the unreadable task with its error", f, err)
		}
		if got, _ := c.Get(ctx, sc.doneKey("bad")).Result(); got != "failed" {
			t.Errorf("done marker = %q, want failed", got)
		}
		if due, inflight, tasks := queueSizes(t, sc); due+inflight+tasks != 0 {
			t.Errorf("left in queue: due %d, in flight %d, tasks %d; want 0", due, inflight, tasks)
		}
	})
}
