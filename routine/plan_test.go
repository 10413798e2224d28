package routine_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"ctocoach/routine"
	"ctocoach/routine/mock"
)

// memQueue is a mock.Queue over a map, recording cancels and schedules.
type memQueue struct {
	mock.Queue
	pending              map[string]routine.Task
	scheduled, cancelled []string
}

func newMemQueue(tasks ...routine.Task) *memQueue {
	q := &memQueue{pending: map[string]routine.Task{}}
	for _, t := range tasks {
		q.pending[t.ID] = t
	}
	q.ScheduleFn = func(_ context.Context, t routine.Task) error {
		q.scheduled = append(q.scheduled, t.ID)
		q.pending[t.ID] = t
		return nil
	}
	q.CancelFn = func(_ context.Context, id string) error {
		q.cancelled = append(q.cancelled, id)
		delete(q.pending, id)
		return nil
	}
	q.PendingFn = func(_ context.Context, team, prefix string) ([]routine.Task, error) {
		var out []routine.Task
		for id, t := range q.pending {
			if strings.HasPrefix(id, prefix) {
				out = append(out, t)
			}
		}
		return out, nil
	}
	return q
}

func mustCatalogue(tb testing.TB) *routine.Catalogue {
	tb.Helper()
	cat, err := routine.LoadCatalogue()
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

func mustByID(tb testing.TB, cat *routine.Catalogue, id string) routine.Routine {
	tb.Helper()
	rt, ok := cat.ByID(id)
	if !ok {
		tb.Fatalf("no routine %s", id)
	}
	return rt
}

// Monday 5 January 2026, 08:00 in Paris.
var planNow = time.Date(2026, 1, 5, 7, 0, 0, 0, time.UTC)

func TestReplanPlansSubscribedCancelsTheRestAndIsIdempotent(t *testing.T) {
	cat := mustCatalogue(t)
	review := mustByID(t, cat, "monthly-skip-level")
	stale := routine.NudgeTask("T1", "U1", review, planNow.Add(48*time.Hour), planNow.Add(48*time.Hour), false)
	other := routine.NudgeTask("T1", "U2", review, planNow.Add(48*time.Hour), planNow.Add(48*time.Hour), false)
	q := newMemQueue(stale, other)
	p := &routine.Planner{Catalogue: cat, Queue: q}
	s := routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "Europe/Paris"}
	plan, err := p.Replan(context.Background(), "T1", "U1", s, planNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].Routine.ID != "weekly-coffee" || !plan[0].At.After(planNow) {
		t.Fatalf("plan = %+v, want the next weekly-coffee", plan)
	}
	if !slices.Equal(q.cancelled, []string{stale.ID}) {
		t.Errorf("cancelled = %v, want only U1's unsubscribed nudge %s", q.cancelled, stale.ID)
	}
	if !slices.Equal(q.scheduled, []string{plan[0].ID}) {
		t.Errorf("scheduled = %v, want %s", q.scheduled, plan[0].ID)
	}
	q.scheduled, q.cancelled = nil, nil
	again, err := p.Replan(context.Background(), "T1", "U1", s, planNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.scheduled)+len(q.cancelled) != 0 || len(again) != 1 || again[0].ID != plan[0].ID {
		t.Errorf("second replan scheduled %v, cancelled %v, plan %+v; want nothing new", q.scheduled, q.cancelled, again)
	}
}

func TestReplanKeepsAnEarlierSnoozeAndDropsOneThatReachesTheRegularNudge(t *testing.T) {
	cat := mustCatalogue(t)
	coffee := mustByID(t, cat, "weekly-coffee")
	s := routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "Europe/Paris"}
	next, ok := routine.Next(coffee, s, planNow)
	if !ok {
		t.Fatal("no next coffee")
	}
	early := routine.NudgeTask("T1", "U1", coffee, planNow.Add(-7*24*time.Hour), next.Add(-24*time.Hour), true)
	late := routine.NudgeTask("T1", "U1", coffee, planNow.Add(-14*24*time.Hour), next.Add(time.Hour), true)
	q := newMemQueue(early, late)
	p := &routine.Planner{Catalogue: cat, Queue: q}
	if _, err := p.Replan(context.Background(), "T1", "U1", s, planNow); err != nil {
		t.Fatal(err)
	}
	if _, kept := q.pending[early.ID]; !kept {
		t.Errorf("the snooze due before the regular nudge was dropped")
	}
	if !slices.Equal(q.cancelled, []string{late.ID}) {
		t.Errorf("cancelled = %v, want the snooze that reaches the regular nudge (%s)", q.cancelled, late.ID)
	}
}

func TestReplanDoesNotSendARoutineTwiceTheSameDay(t *testing.T) {
	cat := mustCatalogue(t)
	coffee := mustByID(t, cat, "weekly-coffee")
	s := routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "Europe/Paris"}
	first, _ := routine.Next(coffee, s, planNow)
	// The coffee came this morning; the user then moves the hour later.
	now := first.Add(time.Hour)
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	hour := first.In(paris).Hour() + 3
	s.Hour = &hour
	out := &mock.Outcomes{OutcomesFn: func(context.Context, string, string, time.Time) ([]routine.Outcome, error) {
		return []routine.Outcome{{Routine: "weekly-coffee", OccurrenceAt: first, Result: routine.Done, At: now}}, nil
	}}
	p := &routine.Planner{Catalogue: cat, Queue: newMemQueue(), Outcomes: out}
	plan, err := p.Replan(context.Background(), "T1", "U1", s, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan) != 1 || plan[0].At.Sub(first) < 24*time.Hour {
		t.Errorf("plan = %+v, want next week's coffee (first one %s sent today)", plan, first)
	}
}

func TestReplanSaysWhenTheQueueFails(t *testing.T) {
	down := errors.New("queue down")
	q := &mock.Queue{PendingFn: func(context.Context, string, string) ([]routine.Task, error) { return nil, down }}
	p := &routine.Planner{Catalogue: mustCatalogue(t), Queue: q}
	if _, err := p.Replan(context.Background(), "T1", "U1", routine.Settings{}, planNow); !errors.Is(err, down) {
		t.Errorf("Replan with the queue down: err = %v, want it wrapped", err)
	}
}
