// Package mock has function-field fakes of the interfaces the retro
// package owns (benbjohnson/wtf style): each method calls the field of the
// same name, which a test sets; a nil field panics, so a test sees at once
// a dependency it did not expect.
package mock

import (
	"context"
	"time"

	"ctocoach/retro"
)

// BoardRepository fakes retro.BoardRepository.
type BoardRepository struct {
	OpenBoardFn   func(ctx context.Context, team, channel string) (retro.ChannelBoard, error)
	LastBoardFn   func(ctx context.Context, team, channel string) (retro.ChannelBoard, error)
	BoardFn       func(ctx context.Context, team, id string) (retro.ChannelBoard, error)
	NextBoardIDFn func(ctx context.Context, team, channel string) (string, int, error)
	CreateBoardFn func(ctx context.Context, b retro.ChannelBoard) (string, error)
	SetPhaseFn    func(ctx context.Context, team, id string, from, to retro.Phase, now time.Time) error
}

var _ retro.BoardRepository = (*BoardRepository)(nil)

// OpenBoard calls OpenBoardFn.
func (r *BoardRepository) OpenBoard(ctx context.Context, team, channel string) (retro.ChannelBoard, error) {
	return r.OpenBoardFn(ctx, team, channel)
}

// LastBoard calls LastBoardFn.
func (r *BoardRepository) LastBoard(ctx context.Context, team, channel string) (retro.ChannelBoard, error) {
	return r.LastBoardFn(ctx, team, channel)
}

// Board calls BoardFn.
func (r *BoardRepository) Board(ctx context.Context, team, id string) (retro.ChannelBoard, error) {
	return r.BoardFn(ctx, team, id)
}

// NextBoardID calls NextBoardIDFn.
func (r *BoardRepository) NextBoardID(ctx context.Context, team, channel string) (string, int, error) {
	return r.NextBoardIDFn(ctx, team, channel)
}

// CreateBoard calls CreateBoardFn.
func (r *BoardRepository) CreateBoard(ctx context.Context, b retro.ChannelBoard) (string, error) {
	return r.CreateBoardFn(ctx, b)
}

// SetPhase calls SetPhaseFn.
func (r *BoardRepository) SetPhase(ctx context.Context, team, id string, from, to retro.Phase, now time.Time) error {
	return r.SetPhaseFn(ctx, team, id, from, to, now)
}

// MilestoneQueue fakes retro.MilestoneQueue.
type MilestoneQueue struct {
	ScheduleFn func(ctx context.Context, t retro.MilestoneTask) error
	CancelFn   func(ctx context.Context, id string) error
}

var _ retro.MilestoneQueue = (*MilestoneQueue)(nil)

// Schedule calls ScheduleFn.
func (q *MilestoneQueue) Schedule(ctx context.Context, t retro.MilestoneTask) error {
	return q.ScheduleFn(ctx, t)
}

// Cancel calls CancelFn.
func (q *MilestoneQueue) Cancel(ctx context.Context, id string) error { return q.CancelFn(ctx, id) }

// ScheduleRepository fakes retro.ScheduleRepository.
type ScheduleRepository struct {
	ScheduleFn       func(ctx context.Context, team, channel string) (retro.ScheduleState, error)
	UpdateScheduleFn func(ctx context.Context, team, channel string, fn func(cur retro.ScheduleState, found bool) (retro.ScheduleState, error)) (retro.ScheduleState, error)
	DeleteScheduleFn func(ctx context.Context, team, channel string) error
}

var _ retro.ScheduleRepository = (*ScheduleRepository)(nil)

// Schedule calls ScheduleFn.
func (r *ScheduleRepository) Schedule(ctx context.Context, team, channel string) (retro.ScheduleState, error) {
	return r.ScheduleFn(ctx, team, channel)
}

// UpdateSchedule calls UpdateScheduleFn.
func (r *ScheduleRepository) UpdateSchedule(ctx context.Context, team, channel string, fn func(cur retro.ScheduleState, found bool) (retro.ScheduleState, error)) (retro.ScheduleState, error) {
	return r.UpdateScheduleFn(ctx, team, channel, fn)
}

// DeleteSchedule calls DeleteScheduleFn.
func (r *ScheduleRepository) DeleteSchedule(ctx context.Context, team, channel string) error {
	return r.DeleteScheduleFn(ctx, team, channel)
}

// ChannelRoster fakes retro.ChannelRoster.
type ChannelRoster struct {
	PeopleFn func(ctx context.Context, team, channel string) ([]string, error)
}

var _ retro.ChannelRoster = (*ChannelRoster)(nil)

// People calls PeopleFn.
func (r *ChannelRoster) People(ctx context.Context, team, channel string) ([]string, error) {
	return r.PeopleFn(ctx, team, channel)
}
