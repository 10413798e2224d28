package routine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"
)

// Task is one planned nudge as the delivery queue holds it.
type Task struct {
	// ID is OccurrenceID for a regular occurrence, plus SnoozeSuffix for a
	// snoozed one; unique, so planning is idempotent.
	ID string
	// Team is the workspace.
	Team string
	// Due is when the nudge should be sent.
	Due time.Time
	// Payload says which routine, user and occurrence (JSON, see NudgePayload).
	Payload []byte
	// Attempt counts earlier failed deliveries.
	Attempt int
	// Reclaimed counts earlier claims that died (a replica killed): the
	// nudge may have been sent already.
	Reclaimed int
}

// Queue holds the planned nudges (the delivery engine, package scheduler,
// in production; mock.Queue in tests).
type Queue interface {
	// Schedule plans t; planning an id that is pending or done does nothing.
	Schedule(ctx context.Context, t Task) error
	// Cancel drops a pending task (no error when there is none).
	Cancel(ctx context.Context, id string) error
	// Pending lists the team's pending tasks whose id starts with prefix.
	Pending(ctx context.Context, team, prefix string) ([]Task, error)
}

// Outcomes reads the outcomes a user recorded (the store in production).
type Outcomes interface {
	Outcomes(ctx context.Context, team, user string, since time.Time) ([]Outcome, error)
}

// SnoozeSuffix marks the task of a snoozed nudge, so that it never takes
// the id of a regular occurrence (which would break the weekly chain).
const SnoozeSuffix = ":snooze"

// NudgePayload is what a nudge task carries.
type NudgePayload struct {
	Routine string `json:"routine"`
	User    string `json:"user"`
	// At is the occurrence the nudge is about (for a snooze, the original one).
	At time.Time `json:"at"`
	// Snoozed marks a nudge brought back by a snooze: it does not plan the
	// next occurrence, the regular chain does.
	Snoozed bool `json:"snoozed,omitempty"`
}

// Planned is a pending nudge as the surfaces show it.
type Planned struct {
	ID      string
	Routine Routine
	// At is when it will be sent.
	At      time.Time
	Snoozed bool
}

// UserTaskPrefix is the prefix of every task id of one user.
func UserTaskPrefix(team, user string) string { return team + ":" + user + ":" }

// NudgeTask builds the task of an occurrence occ of rt, sent at due.
func NudgeTask(team, user string, rt Routine, occ, due time.Time, snoozed bool) Task {
	id := OccurrenceID(team, user, rt.ID, due)
	if snoozed {
		id += SnoozeSuffix
	}
	p, _ := json.Marshal(NudgePayload{Routine: rt.ID, User: user, At: occ.UTC(), Snoozed: snoozed})
	return Task{ID: id, Team: team, Due: due, Payload: p}
}

// DecodeNudge reads a nudge task's payload.
func DecodeNudge(t Task) (NudgePayload, error) {
	var p NudgePayload
	if err := json.Unmarshal(t.Payload, &p); err != nil {
		return p, fmt.Errorf("routine: decode nudge %s: %w", t.ID, err)
	}
	if p.Routine == "" || p.User == "" || p.At.IsZero() {
		return p, fmt.Errorf("routine: nudge %s: incomplete payload", t.ID)
	}
	return p, nil
}

// Planner decides which nudges the queue holds for a user: the next
// regular occurrence of each subscribed routine, and the snoozes that still
// make sense.
type Planner struct {
	Catalogue *Catalogue
	Queue     Queue
	// Outcomes, when set, keeps a routine from being sent twice in one day
	// after the user moves its hour.
	Outcomes Outcomes
	// Log may be nil.
	Log *slog.Logger
}

// PlanNext schedules rt's first occurrence for the user strictly after
// `after` (idempotent: the id is the occurrence's).
func (p *Planner) PlanNext(ctx context.Context, team, user string, rt Routine, s Settings, after time.Time) (Planned, bool, error) {
	at, ok := Next(rt, s, after)
	if !ok {
		return Planned{}, false, nil
	}
	t := NudgeTask(team, user, rt, at, at, false)
	if err := p.Queue.Schedule(ctx, t); err != nil {
		return Planned{}, false, fmt.Errorf("routine: plan %s for %s: %w", rt.ID, user, err)
	}
	return Planned{ID: t.ID, Routine: rt, At: at}, true, nil
}

// Replan makes the queue hold, for the user, exactly the next regular
// occurrence after now of each subscribed routine, plus the pending
// snoozes of subscribed routines that do not fall in a pause nor reach the
// routine's next regular occurrence (that one stands for both); it cancels
// every other pending nudge of the user. Ids are occurrence ids, so a
// replan that runs twice (a modal submitted twice, two replicas) plans
// nothing twice. It returns the regular occurrences, soonest first.
func (p *Planner) Replan(ctx context.Context, team, user string, s Settings, now time.Time) ([]Planned, error) {
	pending, err := p.Queue.Pending(ctx, team, UserTaskPrefix(team, user))
	if err != nil {
		return nil, fmt.Errorf("routine: replan %s: %w", user, err)
	}
	last := p.lastOccurrences(ctx, team, user, now)
	loc, err := s.Location()
	if err != nil {
		loc = time.UTC
	}
	want := map[string]Task{}
	var plan []Planned
	for _, rt := range p.Catalogue.All() {
		if !s.IsSubscribed(rt.ID) {
			continue
		}
		at, ok := Next(rt, s, now)
		if l, sent := last[rt.ID]; ok && sent && sameDay(at.In(loc), l.In(loc)) {
			// Already sent today (the user moved the hour after it came):
			// do not send the same routine twice in one day.
			at, ok = Next(rt, s, at)
		}
		if !ok {
			continue
		}
		t := NudgeTask(team, user, rt, at, at, false)
		want[t.ID] = t
		plan = append(plan, Planned{ID: t.ID, Routine: rt, At: at})
	}
	var errs []error
	for _, t := range pending {
		if _, ok := want[t.ID]; ok {
			delete(want, t.ID) // already planned
			continue
		}
		if pl, err := DecodeNudge(t); err == nil && pl.Snoozed && s.IsSubscribed(pl.Routine) && !s.Paused(t.Due) && !ReachesRegular(plan, pl.Routine, t.Due) {
			continue
		}
		if err := p.Queue.Cancel(ctx, t.ID); err != nil {
			errs = append(errs, err)
		}
	}
	for _, t := range want {
		if err := p.Queue.Schedule(ctx, t); err != nil {
			errs = append(errs, err)
		}
	}
	slices.SortFunc(plan, func(a, c Planned) int { return a.At.Compare(c.At) })
	if err := errors.Join(errs...); err != nil {
		return plan, fmt.Errorf("routine: replan %s: %w", user, err)
	}
	return plan, nil
}

// ReachesRegular reports whether a snoozed nudge of routine id due at due
// comes no earlier than that routine's planned regular nudge: the regular
// one stands for both (one DM, not two).
func ReachesRegular(plan []Planned, id string, due time.Time) bool {
	for _, p := range plan {
		if p.Routine.ID == id && !due.Before(p.At) {
			return true
		}
	}
	return false
}

// Pending lists the user's planned nudges, soonest first (tasks of
// routines no longer in the catalogue, or unreadable, are left out).
func (p *Planner) Pending(ctx context.Context, team, user string) ([]Planned, error) {
	pending, err := p.Queue.Pending(ctx, team, UserTaskPrefix(team, user))
	if err != nil {
		return nil, fmt.Errorf("routine: pending nudges of %s: %w", user, err)
	}
	var out []Planned
	for _, t := range pending {
		pl, err := DecodeNudge(t)
		if err != nil {
			continue
		}
		rt, ok := p.Catalogue.ByID(pl.Routine)
		if !ok {
			continue
		}
		out = append(out, Planned{ID: t.ID, Routine: rt, At: t.Due, Snoozed: pl.Snoozed})
	}
	slices.SortFunc(out, func(a, c Planned) int { return a.At.Compare(c.At) })
	return out, nil
}

// lastOccurrences returns, per routine, the latest occurrence the user got
// in the last eight days (every nudge sent is recorded as an outcome).
// A read error only costs this refinement (logged).
func (p *Planner) lastOccurrences(ctx context.Context, team, user string, now time.Time) map[string]time.Time {
	if p.Outcomes == nil {
		return nil
	}
	outs, err := p.Outcomes.Outcomes(ctx, team, user, now.AddDate(0, 0, -8))
	if err != nil {
		if p.Log != nil {
			p.Log.Warn("cannot read recent outcomes while planning", "user", user, "err", err)
		}
		return nil
	}
	last := map[string]time.Time{}
	for _, o := range outs {
		if o.OccurrenceAt.After(last[o.Routine]) && !o.OccurrenceAt.After(now) {
			last[o.Routine] = o.OccurrenceAt
		}
	}
	return last
}

// sameDay reports whether a and c fall on the same calendar day (both in
// the same zone).
func sameDay(a, c time.Time) bool {
	ay, am, ad := a.Date()
	cy, cm, cd := c.Date()
	return ay == cy && am == cm && ad == cd
}
