package main

import (
	"context"
	"errors"

	"ctocoach/bot"
	retrobot "ctocoach/bot/retro"
	"ctocoach/bot/routines"
	"ctocoach/scheduler"
)

// handleTasks registers the task kinds of the shared engine on the bot,
// once it is built and before anything starts: no handler can run before
// the bot exists, so none checks for it.
func (m *Main) handleTasks() {
	engine := m.sharedScheduler()
	if rt := m.Routines; rt != nil {
		engine.Handle(routines.NudgeKind, func(ctx context.Context, t scheduler.Task) error {
			return retryAfter(rt.DeliverNudge(ctx, routines.Task{ID: t.ID, Team: t.Team, Due: t.Due, Payload: t.Payload, Attempt: t.Attempt, Reclaimed: t.Reclaimed}))
		})
	}
	milestones := m.retroMilestones
	engine.Handle(retrobot.RetroMilestoneKind, func(ctx context.Context, t scheduler.Task) error {
		return retryAfter(milestones(ctx, retrobot.RetroTask{ID: t.ID, Team: t.Team, Due: t.Due, Payload: t.Payload}))
	})
}

// retryAfter turns the bot's "Slack said retry after" into the engine's.
func retryAfter(err error) error {
	if ra, ok := errors.AsType[*bot.RetryAfterError](err); ok {
		return scheduler.RetryAfter(ra.After, ra.Err)
	}
	return err
}
