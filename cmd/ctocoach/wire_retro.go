package main

import (
	"context"

	retrobot "ctocoach/bot/retro"
	"ctocoach/scheduler"
)

// retroFeature builds the retro services: the board updater (a component
// that drains last, after the bot and the engine, so the last changes are
// shown) and the planner of milestones on the shared delivery
// engine (their handler is registered by handleTasks, once the bot exists).
func (m *Main) retroFeature(ctx context.Context) (retrobot.Deps, error) {
	updates := retrobot.NewBoardUpdater(retrobot.BoardUpdaterOptions{
		API: m.API, Store: m.Store, Metrics: m.Metrics, Log: m.Log.With("component", "board-updater"),
	})
	engine := m.sharedScheduler()
	// Its context ends once the bot and the engine have drained (within
	// the same deadline), so changes made by milestone handlers while the
	// engine drains are still shown.
	m.components = append(m.components, component{name: "retrobot.BoardUpdater", run: updates.Run, drainsLast: true})
	return retrobot.Deps{Updates: updates, Planner: retroEngine{engine}}, nil
}

// registerRetro adds the retro routes to the bot's router and keeps the
// handler of scheduled milestones for handleTasks.
func (m *Main) registerRetro() {
	d := m.retro
	d.API, d.Store, d.Profiles, d.Metrics, d.Log, d.Now = m.API, m.Store, m.Bot.Profiles, m.Metrics, m.Log, m.Now
	m.retroMilestones = retrobot.Register(m.Bot.Router(), d)
}

// retroEngine adapts the engine to retrobot.RetroPlanner: every task it
// plans is a retro milestone.
type retroEngine struct{ s *scheduler.Scheduler }

// Schedule plans a milestone (idempotent by id).
func (e retroEngine) Schedule(ctx context.Context, t retrobot.RetroTask) error {
	return e.s.Schedule(ctx, scheduler.Task{ID: t.ID, Kind: retrobot.RetroMilestoneKind, Team: t.Team, Due: t.Due, Payload: t.Payload})
}

// Cancel drops a pending milestone.
func (e retroEngine) Cancel(ctx context.Context, id string) error { return e.s.Cancel(ctx, id) }
