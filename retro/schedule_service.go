package retro

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// ScheduleService sets, reads and stops a channel's recurring retro: the
// schedule is saved as one compare-and-set with a new version (the
// rotation kept), the old retro's milestones are cancelled and the new
// one's planned.
type ScheduleService struct {
	Schedules ScheduleRepository
	Planner   MilestonePlanner
	Now       func() time.Time
	// Log gets the milestones that could not be cancelled (harmless: a
	// milestone of an older version is dropped when it comes due).
	Log *slog.Logger
}

// ScheduleRequest is "/retro schedule <Text>" from By in Channel.
type ScheduleRequest struct {
	Team, Channel string
	// Text is the schedule as typed: "weekly thu 16:00 Europe/Paris sailboat 4ls".
	Text string
	// TZ is the time zone used when Text names none (the setter's).
	TZ string
	// Lang is the language of the channel's nudges.
	Lang string
	By   string
}

// Set parses and checks the request (ErrBadSchedule, wrapped, when it
// cannot be understood or is invalid), saves the channel's schedule with
// a new version, cancels the milestones of the retro it replaces and plans
// the next one's. The saved schedule is returned, also with the error when
// only the planning failed (a zero schedule: nothing was saved).
func (s *ScheduleService) Set(ctx context.Context, q ScheduleRequest) (ScheduleState, error) {
	sc, err := ParseSchedule(q.Text, q.TZ)
	if err == nil {
		err = sc.Validate()
	}
	if err != nil {
		return ScheduleState{}, err
	}
	sc.ChannelID = q.Channel
	now := s.Now()
	sc.Anchor = now
	var old ScheduleState
	saved, err := s.Schedules.UpdateSchedule(ctx, q.Team, q.Channel, func(cur ScheduleState, _ bool) (ScheduleState, error) {
		old = cur
		next := ScheduleState{Schedule: sc, Lang: q.Lang, SetBy: q.By, Version: cur.Version + 1,
			LastFormat: cur.LastFormat, Facilitators: cur.Facilitators}
		next.Next = sc.Next(now)
		return next, nil
	})
	if err != nil {
		return ScheduleState{}, fmt.Errorf("retro: save the schedule of %s: %w", q.Channel, err)
	}
	s.cancel(ctx, q.Team, old)
	if err := s.Planner.Plan(ctx, q.Team, saved.NextRetro(), now); err != nil {
		return saved, fmt.Errorf("retro: plan the scheduled retro of %s: %w", q.Channel, err)
	}
	return saved, nil
}

// Current is the channel's schedule; ErrNoSchedule, wrapped, when none.
func (s *ScheduleService) Current(ctx context.Context, team, channel string) (ScheduleState, error) {
	sc, err := s.Schedules.Schedule(ctx, team, channel)
	if err != nil {
		return sc, fmt.Errorf("retro: read the schedule of %s: %w", channel, err)
	}
	return sc, nil
}

// Stop removes the channel's schedule (none is not an error) and cancels
// its next retro's milestones.
func (s *ScheduleService) Stop(ctx context.Context, team, channel string) error {
	sc, err := s.Schedules.Schedule(ctx, team, channel)
	if err != nil && !errors.Is(err, ErrNoSchedule) {
		return fmt.Errorf("retro: read the schedule of %s: %w", channel, err)
	}
	if err := s.Schedules.DeleteSchedule(ctx, team, channel); err != nil {
		return fmt.Errorf("retro: delete the schedule of %s: %w", channel, err)
	}
	s.cancel(ctx, team, sc)
	return nil
}

// cancel drops the pending milestones of sc's next retro, logging failures.
func (s *ScheduleService) cancel(ctx context.Context, team string, sc ScheduleState) {
	if err := s.Planner.Cancel(ctx, team, sc.NextRetro()); err != nil && s.Log != nil {
		s.Log.Warn("cannot cancel a retro milestone", "channel", sc.ChannelID, "err", err)
	}
}
