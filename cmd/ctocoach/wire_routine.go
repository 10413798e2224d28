package main

import (
	"context"
	"fmt"

	"ctocoach/bot"
	"ctocoach/bot/routines"
	"ctocoach/knowledge"
	"ctocoach/routine"
	"ctocoach/scheduler"
)

// routineFeature builds the routine services: the catalogue, the planner of
// nudges on the delivery engine (their handler is registered by
// handleTasks, once the bot exists) and the advice card titles nudges link
// to.
func (m *Main) routineFeature(ctx context.Context) (routines.Deps, error) {
	cat, err := routine.LoadCatalogue()
	if err != nil {
		return routines.Deps{}, fmt.Errorf("routine catalogue: %w", err)
	}
	engine := m.sharedScheduler()
	deps := routines.Deps{Catalogue: cat, Scheduler: routineEngine{engine}}
	if corpus := m.Corpus; corpus != nil {
		deps.CardTitle = func(id, lang string) (string, bool) {
			c, ok := corpus.Card(id)
			if !ok {
				return "", false
			}
			return c.Text(knowledge.Lang(lang)).Title, true
		}
	}
	m.Log.Info("routines ready", "routines", len(cat.All()))
	return deps, nil
}

// sharedScheduler returns the process's one delivery engine, creating it
// (and adding it to Main's components) on first use. Every feature must
// register its task kinds on this same engine: a second engine on the same
// store would claim the other's tasks and, lacking their handlers, bounce
// them with backoff.
func (m *Main) sharedScheduler() *scheduler.Scheduler {
	if m.engine != nil {
		return m.engine
	}
	// Grace: the engine cancels running handlers at the same point as the
	// bot, inside Close's one deadline.
	o := scheduler.Options{Now: m.Now, Log: m.Log.With("component", "scheduler"), Metrics: m.Metrics, Grace: m.drainBudget()}
	limits := m.SlackLimits
	if limits == nil {
		limits = bot.DefaultLimits
	}
	if l, ok := limits["chat.postMessage"]; ok && l.PerMinute > 0 {
		// The transport paces each process; this caps all replicas together,
		// 5 % under Slack's pace so that clock skew between our bucket and
		// Slack's does not turn into a trickle of 429s (measured: 31–34 per
		// 600 nudges at 100 %, see docs/benchmarks.md).
		o.Rate, o.Burst = 0.95*l.PerMinute/60, l.Burst
	}
	m.engine = scheduler.New(m.Store.Client(), m.Store.Prefix(), o)
	m.components = append(m.components, component{name: "scheduler.Scheduler", run: m.engine.Run})
	return m.engine
}

// routineEngine adapts the engine to routines.Scheduler: every task it
// plans is a routine nudge.
type routineEngine struct{ s *scheduler.Scheduler }

// Schedule plans a nudge (idempotent by id).
func (e routineEngine) Schedule(ctx context.Context, t routines.Task) error {
	return e.s.Schedule(ctx, scheduler.Task{ID: t.ID, Kind: routines.NudgeKind, Team: t.Team, Due: t.Due, Payload: t.Payload})
}

// Cancel drops a pending nudge.
func (e routineEngine) Cancel(ctx context.Context, id string) error { return e.s.Cancel(ctx, id) }

// Pending lists the team's pending nudges whose id starts with prefix.
func (e routineEngine) Pending(ctx context.Context, team, prefix string) ([]routines.Task, error) {
	ts, err := e.s.Pending(ctx, team, prefix)
	if err != nil {
		return nil, err
	}
	out := make([]routines.Task, 0, len(ts))
	for _, t := range ts {
		if t.Kind == routines.NudgeKind {
			out = append(out, routines.Task{ID: t.ID, Team: t.Team, Due: t.Due, Payload: t.Payload, Attempt: t.Attempt})
		}
	}
	return out, nil
}
