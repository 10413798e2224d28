package scheduler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestScheduleClaimAck(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := newClock()
		rec := newRecorder()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", rec.handler)
		want := Task{ID: "T1:U1:coffee:1", Kind: "nudge", Team: "T1", Due: t0.Add(time.Minute), Payload: []byte(`{"r":"coffee"}`)}
		mustSchedule(t, sc, want)

		step(sc)
		if got := rec.n(want.ID); got != 0 {
			t.Fatalf("handled %d times before due, want 0", got)
		}
		if got := len(mustPending(t, sc, "T1", "")); got != 1 {
			t.Fatalf("pending before due = %d, want 1", got)
		}

		clk.Advance(time.Minute)
		step(sc)
		if got := rec.n(want.ID); got != 1 {
			t.Fatalf("handled %d times at due, want 1", got)
		}
		got := rec.last[want.ID]
		if got.Kind != want.Kind || got.Team != want.Team || !got.Due.Equal(want.Due) || !bytes.Equal(got.Payload, want.Payload) || got.Attempt != 0 {
			t.Errorf("handler got %+v, want %+v", got, want)
		}
		if p := mustPending(t, sc, "T1", ""); len(p) != 0 {
			t.Errorf("pending after ack = %v, want none", p)
		}
		if due, inflight, tasks := queueSizes(t, sc); due+inflight+tasks != 0 {
			t.Errorf("left in queue: due %d, in flight %d, tasks %d; want 0", due, inflight, tasks)
		}
		ttl, err := s.Client().PTTL(ctx, sc.doneKey(want.ID)).Result()
		if err != nil || ttl <= 0 || ttl > DoneRetention {
			t.Errorf("done marker TTL = %v (%v), want in (0, %v]", ttl, err, DoneRetention)
		}

		clk.Advance(time.Hour)
		step(sc)
		if got := rec.n(want.ID); got != 1 {
			t.Errorf("handled %d times after ack, want 1", got)
		}
	})
}

func TestScheduleIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		clk := newClock()
		rec := newRecorder()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", rec.handler)
		first := Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0, Payload: []byte("first")}
		mustSchedule(t, sc, first)
		second := first
		second.Due, second.Payload = t0.Add(time.Hour), []byte("second")
		mustSchedule(t, sc, second)

		p := mustPending(t, sc, "T1", "")
		if len(p) != 1 || !p[0].Due.Equal(first.Due) || string(p[0].Payload) != "first" {
			t.Fatalf("pending after scheduling twice = %+v, want only the first", p)
		}
		if got := testutil.ToFloat64(sc.o.Metrics.Nudges.WithLabelValues("scheduled")); got != 1 {
			t.Errorf("scheduled metric = %v, want 1", got)
		}

		step(sc)
		mustSchedule(t, sc, first) // done: a no-op
		clk.Advance(2 * time.Hour)
		step(sc)
		if got := rec.n(first.ID); got != 1 {
			t.Errorf("handled %d times, want 1", got)
		}
		if p := mustPending(t, sc, "T1", ""); len(p) != 0 {
			t.Errorf("pending after re-scheduling a done id = %v, want none", p)
		}
		if got := testutil.ToFloat64(sc.o.Metrics.Nudges.WithLabelValues("scheduled")); got != 1 {
			t.Errorf("scheduled metric = %v, want 1", got)
		}
	})
}

func TestScheduleRejectsIncompleteTasks(t *testing.T) {
	sc := mustNew(t, storetest.MustOpenMini(t), newClock(), Options{})
	for _, tk := range []Task{{Kind: "k", Team: "T"}, {ID: "i", Team: "T"}, {ID: "i", Kind: "k"}} {
		if err := sc.Schedule(context.Background(), tk); err == nil {
			t.Errorf("Schedule(%+v) = nil, want an error", tk)
		}
	}
}

func TestCancel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := newClock()
		rec := newRecorder()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", rec.handler)
		tk := Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0}
		mustSchedule(t, sc, tk)
		if err := sc.Cancel(ctx, tk.ID); err != nil {
			t.Fatalf("Cancel: %v", err)
		}
		if p := mustPending(t, sc, "T1", ""); len(p) != 0 {
			t.Errorf("pending after cancel = %v, want none", p)
		}
		step(sc)
		if got := rec.n(tk.ID); got != 0 {
			t.Errorf("cancelled task handled %d times, want 0", got)
		}
		if err := sc.Cancel(ctx, "no-such-task"); err != nil {
			t.Errorf("Cancel(unknown) = %v, want nil", err)
		}
		// A cancelled id is not done: it can be planned again.
		mustSchedule(t, sc, tk)
		step(sc)
		if got := rec.n(tk.ID); got != 1 {
			t.Errorf("re-scheduled task handled %d times, want 1", got)
		}
	})
}

func TestReschedule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		clk := newClock()
		rec := newRecorder()
		sc := mustNew(t, s, clk, Options{})
		sc.Handle("nudge", rec.handler)
		tk := Task{ID: "occ-1", Kind: "nudge", Team: "T1", Due: t0.Add(time.Hour), Payload: []byte("p")}
		mustSchedule(t, sc, tk)
		if err := sc.Reschedule(ctx, tk.ID, t0.Add(time.Minute)); err != nil {
			t.Fatalf("Reschedule: %v", err)
		}
		p := mustPending(t, sc, "T1", "")
		if len(p) != 1 || !p[0].Due.Equal(t0.Add(time.Minute)) || string(p[0].Payload) != "p" {
			t.Fatalf("pending after reschedule = %+v, want due %v, payload kept", p, t0.Add(time.Minute))
		}
		clk.Advance(time.Minute)
		step(sc)
		if got := rec.n(tk.ID); got != 1 {
			t.Fatalf("rescheduled task handled %d times at its new due time, want 1", got)
		}
		if err := sc.Reschedule(ctx, tk.ID, t0.Add(2*time.Hour)); !errors.Is(err, ErrNotPending) {
			t.Errorf("Reschedule(done) = %v, want ErrNotPending", err)
		}
		if err := sc.Reschedule(ctx, "no-such-task", t0); !errors.Is(err, ErrNotPending) {
			t.Errorf("Reschedule(unknown) = %v, want ErrNotPending", err)
		}
	})
}

func TestPendingByTeamAndPrefix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sc := mustNew(t, s, newClock(), Options{})
		for i, id := range []string{"T1:U1:b", "T1:U1:a", "T1:U2:a", "T1:U10:a"} {
			mustSchedule(t, sc, Task{ID: id, Kind: "nudge", Team: "T1", Due: t0.Add(time.Duration(10-i) * time.Minute)})
		}
		mustSchedule(t, sc, Task{ID: "T2:U1:a", Kind: "nudge", Team: "T2", Due: t0})
		var ids []string
		for _, p := range mustPending(t, sc, "T1", "T1:U1:") {
			ids = append(ids, p.ID)
		}
		if got, want := fmt.Sprint(ids), "[T1:U1:a T1:U1:b]"; got != want {
			t.Errorf("Pending(T1, T1:U1:) = %s, want %s (soonest first, not U10)", got, want)
		}
		if got := len(mustPending(t, sc, "T1", "")); got != 4 {
			t.Errorf("Pending(T1, \"\") = %d tasks, want 4", got)
		}
		if got := len(mustPending(t, sc, "T3", "")); got != 0 {
			t.Errorf("Pending(T3) = %d tasks, want 0", got)
		}
	})
}
