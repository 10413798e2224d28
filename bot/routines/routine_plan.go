package routines

import (
	"context"
	"time"

	"ctocoach/routine"
)

// The planning of nudges is routine.Planner's; these names keep the
// surfaces' code short.
const snoozeSuffix = routine.SnoozeSuffix

type (
	nudgePayload = routine.NudgePayload
	plannedNudge = routine.Planned
)

func userTaskPrefix(team, user string) string { return routine.UserTaskPrefix(team, user) }

func nudgeTask(team, user string, rt routine.Routine, occ, due time.Time, snoozed bool) Task {
	return routine.NudgeTask(team, user, rt, occ, due, snoozed)
}

func decodeNudge(t Task) (nudgePayload, error) { return routine.DecodeNudge(t) }

func reachesRegular(plan []plannedNudge, id string, due time.Time) bool {
	return routine.ReachesRegular(plan, id, due)
}

func (b *Feature) planNext(ctx context.Context, team, user string, rt routine.Routine, s routine.Settings, after time.Time) (plannedNudge, bool, error) {
	return b.planner.PlanNext(ctx, team, user, rt, s, after)
}

func (b *Feature) replan(ctx context.Context, team, user string, s routine.Settings, now time.Time) ([]plannedNudge, error) {
	return b.planner.Replan(ctx, team, user, s, now)
}

func (b *Feature) pendingNudges(ctx context.Context, team, user string) ([]plannedNudge, error) {
	return b.planner.Pending(ctx, team, user)
}
