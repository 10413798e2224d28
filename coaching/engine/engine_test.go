package engine_test

import (
	"context"
	"testing"
	"time"

	"ctocoach/coaching"
	"ctocoach/coaching/engine"
	"ctocoach/scheduler"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestQueueOnTheScheduler(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)
		s := scheduler.New(st.Client(), st.Prefix(), scheduler.Options{Now: func() time.Time { return now }})
		t.Cleanup(s.Stop)
		q := engine.Queue{S: s}
		id := coaching.FollowUpTaskID("T1", "U1", "card@x", 1)
		task := coaching.Task{ID: id, Kind: coaching.KindFollowUp, Team: "T1", Due: now.Add(time.Hour), Payload: []byte(`{"user":"U1"}`)}
		for range 2 { // idempotent
			if err := q.Schedule(ctx, task); err != nil {
				t.Fatal(err)
			}
		}
		_ = q.Schedule(ctx, coaching.Task{ID: "T1:U1:weekly-coffee:x", Kind: "routine.nudge", Team: "T1", Due: now.Add(2 * time.Hour)})
		got, err := q.Pending(ctx, "T1", coaching.UserPrefix("T1", "U1"))
		if err != nil || len(got) != 2 || got[0].ID != id || got[0].Kind != coaching.KindFollowUp || !got[0].Due.Equal(task.Due) || string(got[0].Payload) != `{"user":"U1"}` {
			t.Fatalf("pending %v %+v", err, got)
		}
		if err := q.Cancel(ctx, id); err != nil {
			t.Fatal(err)
		}
		if n, err := q.Forget(ctx, "T1", coaching.UserPrefix("T1", "U1")); err != nil || n != 1 {
			t.Fatalf("forget %d %v", n, err)
		}
		if got, _ := q.Pending(ctx, "T1", ""); len(got) != 0 {
			t.Fatalf("left %+v", got)
		}
		if !engine.IsCoaching(coaching.KindStep) || engine.IsCoaching("routine.nudge") {
			t.Fatal("IsCoaching")
		}
	})
}

// TestHandleDeliversEveryKind runs one task of each coaching kind through
// a started engine and checks each reaches deliver once.
func TestHandleDeliversEveryKind(t *testing.T) {
	st := storetest.MustOpenMini(t)
	ctx := context.Background()
	now := time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC)
	s := scheduler.New(st.Client(), st.Prefix(), scheduler.Options{Now: func() time.Time { return now }, Poll: 10 * time.Millisecond})
	got := make(chan coaching.Task, 10)
	engine.Handle(s, func(_ context.Context, t coaching.Task) error { got <- t; return nil })
	for _, k := range engine.Kinds {
		if err := s.Schedule(ctx, scheduler.Task{ID: "T1:U1:" + k, Kind: k, Team: "T1", Due: now}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	seen := map[string]bool{}
	for range engine.Kinds {
		select {
		case task := <-got:
			seen[task.Kind] = true
		case <-time.After(10 * time.Second):
			t.Fatalf("delivered only %v", seen)
		}
	}
	if len(seen) != len(engine.Kinds) {
		t.Fatalf("kinds %v", seen)
	}
}
