package routines

import (
	"context"
	"slices"
	"testing"
	"time"

	"ctocoach/routine"
)

// A pending snooze that comes at or after the routine's next regular
// nudge (left from before, or reached after a settings change) is dropped
// by replan: the regular nudge stands for both. An earlier one is kept.
func TestReplanDropsASnoozeThatReachesTheRegularNudge(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	s := routine.Settings{Subscribed: []string{"weekly-review"}}
	plan := f.subscribe(t, s)
	if len(plan) != 1 {
		t.Fatalf("plan = %v, want the review", plan)
	}
	rt := plan[0].Routine
	early := nudgeTask(routineTeam, "UANA", rt, plan[0].At.AddDate(0, 0, -7), plan[0].At.Add(-time.Hour), true)
	same := nudgeTask(routineTeam, "UANA", rt, plan[0].At.AddDate(0, 0, -14), plan[0].At, true)
	_ = f.sched.Schedule(ctx, early)
	_ = f.sched.Schedule(ctx, same)
	f.subscribe(t, s)
	got := f.sched.pendingIDs()
	if !slices.Contains(got, early.ID) || slices.Contains(got, same.ID) || !slices.Contains(got, plan[0].ID) {
		t.Errorf("pending = %v, want the regular nudge and the earlier snooze, not the one at the regular time", got)
	}
}
