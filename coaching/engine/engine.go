// Package engine adapts the delivery engine (package scheduler) to the
// coaching service's Queue, and registers the coaching task kinds on it.
// It is the only coaching package that knows the scheduler; the domain
// package stays free of Redis.
package engine

import (
	"context"
	"strings"

	"ctocoach/coaching"
	"ctocoach/scheduler"
)

// Kinds are the task kinds the coaching feature plans; every replica must
// handle all of them (see scheduler.Handle).
var Kinds = []string{coaching.KindFollowUp, coaching.KindStep, coaching.KindStepLater, coaching.KindMastermind}

// Queue is coaching.Queue on a scheduler.
type Queue struct{ S *scheduler.Scheduler }

var _ coaching.Queue = Queue{}

// Schedule plans t (idempotent by id).
func (q Queue) Schedule(ctx context.Context, t coaching.Task) error {
	return q.S.Schedule(ctx, scheduler.Task{ID: t.ID, Kind: t.Kind, Team: t.Team, Due: t.Due, Payload: t.Payload})
}

// Cancel drops a pending task.
func (q Queue) Cancel(ctx context.Context, id string) error { return q.S.Cancel(ctx, id) }

// Pending lists the team's unfinished tasks under prefix, of every kind
// (an export lists routine nudges too).
func (q Queue) Pending(ctx context.Context, team, prefix string) ([]coaching.Task, error) {
	ts, err := q.S.Pending(ctx, team, prefix)
	if err != nil {
		return nil, err
	}
	out := make([]coaching.Task, 0, len(ts))
	for _, t := range ts {
		out = append(out, coaching.Task{ID: t.ID, Kind: t.Kind, Team: t.Team, Due: t.Due, Payload: t.Payload})
	}
	return out, nil
}

// Forget removes the tasks, done markers and failures under prefix.
func (q Queue) Forget(ctx context.Context, team, prefix string) (int, error) {
	return q.S.ForgetPrefix(ctx, team, prefix)
}

// Handle registers deliver for every coaching kind on s. deliver gets the
// task as coaching sees it; the Slack side calls Service.FollowUpDue,
// StepDue or MastermindDue by kind, sends, and returns nil (done), or
// scheduler.RetryAfter for a rate limit.
func Handle(s *scheduler.Scheduler, deliver func(ctx context.Context, t coaching.Task) error) {
	for _, k := range Kinds {
		s.Handle(k, func(ctx context.Context, t scheduler.Task) error {
			return deliver(ctx, coaching.Task{ID: t.ID, Kind: t.Kind, Team: t.Team, Due: t.Due, Payload: t.Payload, Attempt: t.Attempt, Reclaimed: t.Reclaimed})
		})
	}
}

// IsCoaching reports whether a task kind is one of the coaching feature's.
func IsCoaching(kind string) bool { return strings.HasPrefix(kind, "coaching.") }
