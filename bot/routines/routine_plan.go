package routines

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"ctocoach/routine"
)

// snoozeSuffix marks the task of a snoozed nudge, so that it never takes
// the id of a regular occurrence (which would break the weekly chain).
const snoozeSuffix = ":snooze"

// nudgePayload is what a nudge task carries.
type nudgePayload struct {
	Routine string `json:"routine"`
	User    string `json:"user"`
	// At is the occurrence the nudge is about (for a snooze, the original one).
	At time.Time `json:"at"`
	// Snoozed marks a nudge brought back by Snooze: it does not plan the
	// next occurrence, the regular chain does.
	Snoozed bool `json:"snoozed,omitempty"`
}

// plannedNudge is a pending nudge as the surfaces show it.
type plannedNudge struct {
	ID      string
	Routine routine.Routine
	// At is when it will be sent.
	At      time.Time
	Snoozed bool
}

// userTaskPrefix is the prefix of every task id of one user.
func userTaskPrefix(team, user string) string { return team + ":" + user + ":" }

// nudgeTask builds the task of an occurrence occ of rt, sent at due.
func nudgeTask(team, user string, rt routine.Routine, occ, due time.Time, snoozed bool) Task {
	id := routine.OccurrenceID(team, user, rt.ID, due)
	if snoozed {
		id += snoozeSuffix
	}
	p, _ := json.Marshal(nudgePayload{Routine: rt.ID, User: user, At: occ.UTC(), Snoozed: snoozed})
	return Task{ID: id, Team: team, Due: due, Payload: p}
}

func decodeNudge(t Task) (nudgePayload, error) {
	var p nudgePayload
	if err := json.Unmarshal(t.Payload, &p); err != nil {
		return p, fmt.Errorf("bot: decode nudge %s: %w", t.ID, err)
	}
	if p.Routine == "" || p.User == "" || p.At.IsZero() {
		return p, fmt.Errorf("bot: nudge %s: incomplete payload", t.ID)
	}
	return p, nil
}

// planNext schedules rt's first occurrence for the user strictly after
// `after` (idempotent: the id is the occurrence's).
func (b *Feature) planNext(ctx context.Context, team, user string, rt routine.Routine, s routine.Settings, after time.Time) (plannedNudge, bool, error) {
	at, ok := routine.Next(rt, s, after)
	if !ok {
		return plannedNudge{}, false, nil
	}
	t := nudgeTask(team, user, rt, at, at, false)
	if err := b.d.Scheduler.Schedule(ctx, t); err != nil {
		return plannedNudge{}, false, fmt.Errorf("bot: plan %s for %s: %w", rt.ID, user, err)
	}
	return plannedNudge{ID: t.ID, Routine: rt, At: at}, true, nil
}

// replan makes the scheduler hold, for the user, exactly the next regular
// occurrence after now of each subscribed routine, plus the pending
// snoozes of subscribed routines that do not fall in a pause nor reach the
// routine's next regular occurrence (that one stands for both); it cancels
// every other pending nudge of the user. Ids are occurrence ids, so a
// replan that runs twice (a modal submitted twice, two replicas) plans
// nothing twice. It returns the regular occurrences, soonest first.
func (b *Feature) replan(ctx context.Context, team, user string, s routine.Settings, now time.Time) ([]plannedNudge, error) {
	pending, err := b.d.Scheduler.Pending(ctx, team, userTaskPrefix(team, user))
	if err != nil {
		return nil, fmt.Errorf("bot: replan %s: %w", user, err)
	}
	last := b.lastOccurrences(ctx, team, user, now)
	loc, err := s.Location()
	if err != nil {
		loc = time.UTC
	}
	want := map[string]Task{}
	var plan []plannedNudge
	for _, rt := range b.d.Catalogue.All() {
		if !s.IsSubscribed(rt.ID) {
			continue
		}
		at, ok := routine.Next(rt, s, now)
		if l, sent := last[rt.ID]; ok && sent && sameDay(at.In(loc), l.In(loc)) {
			// Already sent today (the user moved the hour after it came):
			// do not send the same routine twice in one day.
			at, ok = routine.Next(rt, s, at)
		}
		if !ok {
			continue
		}
		t := nudgeTask(team, user, rt, at, at, false)
		want[t.ID] = t
		plan = append(plan, plannedNudge{ID: t.ID, Routine: rt, At: at})
	}
	var errs []error
	for _, p := range pending {
		if _, ok := want[p.ID]; ok {
			delete(want, p.ID) // already planned
			continue
		}
		if pl, err := decodeNudge(p); err == nil && pl.Snoozed && s.IsSubscribed(pl.Routine) && !s.Paused(p.Due) && !reachesRegular(plan, pl.Routine, p.Due) {
			continue
		}
		if err := b.d.Scheduler.Cancel(ctx, p.ID); err != nil {
			errs = append(errs, err)
		}
	}
	for _, t := range want {
		if err := b.d.Scheduler.Schedule(ctx, t); err != nil {
			errs = append(errs, err)
		}
	}
	slices.SortFunc(plan, func(a, c plannedNudge) int { return a.At.Compare(c.At) })
	if err := errors.Join(errs...); err != nil {
		return plan, fmt.Errorf("bot: replan %s: %w", user, err)
	}
	return plan, nil
}

// reachesRegular reports whether a snoozed nudge of routine id due at due
// comes no earlier than that routine's planned regular nudge: the regular
// one stands for both (one DM, not two).
func reachesRegular(plan []plannedNudge, id string, due time.Time) bool {
	for _, p := range plan {
		if p.Routine.ID == id && !due.Before(p.At) {
			return true
		}
	}
	return false
}

// pendingNudges lists the user's planned nudges, soonest first.
func (b *Feature) pendingNudges(ctx context.Context, team, user string) ([]plannedNudge, error) {
	pending, err := b.d.Scheduler.Pending(ctx, team, userTaskPrefix(team, user))
	if err != nil {
		return nil, fmt.Errorf("bot: pending nudges of %s: %w", user, err)
	}
	var out []plannedNudge
	for _, t := range pending {
		p, err := decodeNudge(t)
		if err != nil {
			continue
		}
		rt, ok := b.d.Catalogue.ByID(p.Routine)
		if !ok {
			continue
		}
		out = append(out, plannedNudge{ID: t.ID, Routine: rt, At: t.Due, Snoozed: p.Snoozed})
	}
	slices.SortFunc(out, func(a, c plannedNudge) int { return a.At.Compare(c.At) })
	return out, nil
}

// lastOccurrences returns, per routine, the latest occurrence the user got
// in the last eight days (every nudge sent is recorded as an outcome).
// Redis errors only cost this refinement.
func (b *Feature) lastOccurrences(ctx context.Context, team, user string, now time.Time) map[string]time.Time {
	outs, err := b.store.Outcomes(ctx, team, user, now.AddDate(0, 0, -8))
	if err != nil {
		b.log.Warn("cannot read recent outcomes while planning", "user", user, "err", err)
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
