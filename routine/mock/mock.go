// Package mock has function-field mocks of the interfaces package routine
// owns (Queue, Outcomes, SettingsRepository), for unit tests of its use cases: each method
// calls its Fn field, which a test sets.
package mock

import (
	"context"
	"time"

	"ctocoach/routine"
)

// Queue is a routine.Queue.
type Queue struct {
	ScheduleFn func(ctx context.Context, t routine.Task) error
	CancelFn   func(ctx context.Context, id string) error
	PendingFn  func(ctx context.Context, team, prefix string) ([]routine.Task, error)
}

// Schedule calls ScheduleFn.
func (q *Queue) Schedule(ctx context.Context, t routine.Task) error { return q.ScheduleFn(ctx, t) }

// Cancel calls CancelFn.
func (q *Queue) Cancel(ctx context.Context, id string) error { return q.CancelFn(ctx, id) }

// Pending calls PendingFn.
func (q *Queue) Pending(ctx context.Context, team, prefix string) ([]routine.Task, error) {
	return q.PendingFn(ctx, team, prefix)
}

// Outcomes is a routine.Outcomes.
type Outcomes struct {
	OutcomesFn func(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error)
}

// Outcomes calls OutcomesFn.
func (o *Outcomes) Outcomes(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error) {
	return o.OutcomesFn(ctx, team, user, since)
}

// Settings is a routine.SettingsRepository.
type Settings struct {
	SettingsFn     func(ctx context.Context, team, user string) (routine.Settings, error)
	SaveSettingsFn func(ctx context.Context, team, user string, s routine.Settings) error
}

// Settings calls SettingsFn.
func (m *Settings) Settings(ctx context.Context, team, user string) (routine.Settings, error) {
	return m.SettingsFn(ctx, team, user)
}

// SaveSettings calls SaveSettingsFn.
func (m *Settings) SaveSettings(ctx context.Context, team, user string, s routine.Settings) error {
	return m.SaveSettingsFn(ctx, team, user, s)
}
