package retro

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// MilestoneKind is the task kind of scheduled retros' milestones on the
// delivery engine.
const MilestoneKind = "retro.milestone"

// Milestones of a scheduled retro: the board opens the working day
// before, members are reminded an hour before, the retro starts.
const (
	MilestoneOpen   = "open"
	MilestoneRemind = "remind"
	MilestoneStart  = "start"
)

// Milestone is a milestone task's payload: which channel, schedule
// version, retro and step.
type Milestone struct {
	Channel string `json:"c"`
	Version int64  `json:"v"`
	Start   int64  `json:"s"` // unix seconds of the retro
	Kind    string `json:"k"`
}

// ID is the milestone's task id, unique per channel, schedule version,
// retro and step, so planning it twice does nothing.
func (m Milestone) ID(team string) string {
	return fmt.Sprintf("retro:%s:%s:v%d:%d:%s", team, m.Channel, m.Version, m.Start, m.Kind)
}

// ParseMilestone reads a milestone task's payload.
func ParseMilestone(payload []byte) (Milestone, error) {
	var m Milestone
	if err := json.Unmarshal(payload, &m); err != nil {
		return m, fmt.Errorf("retro: read milestone: %w", err)
	}
	return m, nil
}

// MilestoneTask is one planned milestone as the delivery engine holds it.
type MilestoneTask struct {
	ID   string
	Team string
	Due  time.Time
	// Payload is the Milestone, as JSON.
	Payload []byte
}

// MilestoneQueue is the delivery engine as the milestone planner uses it.
type MilestoneQueue interface {
	// Schedule plans t; planning an id that is pending or done does nothing.
	Schedule(ctx context.Context, t MilestoneTask) error
	// Cancel drops a pending task (no error when there is none).
	Cancel(ctx context.Context, id string) error
}

// ScheduledRetro is the next retro of a channel's schedule.
type ScheduledRetro struct {
	Channel  string
	Version  int64
	Schedule Schedule
	// Next is the retro's start (zero: none planned).
	Next time.Time
}

// MilestonePlanner plans and cancels the milestones of scheduled retros.
type MilestonePlanner struct {
	Queue MilestoneQueue
}

// Plan plans the open, reminder and start milestones of r. Milestones
// already past are due now (open, start) or skipped (the reminder).
func (p MilestonePlanner) Plan(ctx context.Context, team string, r ScheduledRetro, now time.Time) error {
	if r.Next.IsZero() {
		return nil
	}
	ms := r.Schedule.Milestones(r.Next)
	for _, step := range []struct {
		kind string
		at   time.Time
	}{{MilestoneOpen, ms.Open}, {MilestoneRemind, ms.Reminder}, {MilestoneStart, ms.Start}} {
		if step.kind == MilestoneRemind && !step.at.After(now) {
			continue
		}
		m := Milestone{Channel: r.Channel, Version: r.Version, Start: r.Next.Unix(), Kind: step.kind}
		payload, _ := json.Marshal(m)
		due := step.at
		if due.Before(now) {
			due = now
		}
		if err := p.Queue.Schedule(ctx, MilestoneTask{ID: m.ID(team), Team: team, Due: due, Payload: payload}); err != nil {
			return fmt.Errorf("retro: plan the %s of %s: %w", step.kind, r.Channel, err)
		}
	}
	return nil
}

// Cancel drops the pending milestones of r, trying each.
func (p MilestonePlanner) Cancel(ctx context.Context, team string, r ScheduledRetro) error {
	if r.Next.IsZero() {
		return nil
	}
	var errs []error
	for _, kind := range []string{MilestoneOpen, MilestoneRemind, MilestoneStart} {
		id := Milestone{Channel: r.Channel, Version: r.Version, Start: r.Next.Unix(), Kind: kind}.ID(team)
		if err := p.Queue.Cancel(ctx, id); err != nil {
			errs = append(errs, fmt.Errorf("retro: cancel %s: %w", id, err))
		}
	}
	return errors.Join(errs...)
}

// Rotation picks the facilitator and the format of a scheduled retro:
// the next in turn among people (else setBy), the next of formats after
// last (else the default format).
func Rotation(people, history []string, setBy string, formats []string, last string) (string, Format) {
	fac := NextFacilitator(people, history, nil)
	if fac == "" {
		fac = setBy
	}
	f, ok := FormatByID(NextFormat(formats, last))
	if !ok {
		f, _ = FormatByID(DefaultFormatID)
	}
	return fac, f
}
