package coaching

import (
	"slices"
	"time"

	"ctocoach/retro"
	"ctocoach/routine"
)

// ReviewInput is what the weekly review sums up.
type ReviewInput struct {
	// Now is when the review is computed; the week is Now's Monday to
	// Sunday in Loc.
	Now time.Time
	Loc *time.Location
	// Outcomes are the user's routine outcomes (any range; the week's are
	// kept).
	Outcomes []routine.Outcome
	// Commitments are the user's commitments (all; the open ones due this
	// week or before next week's review are kept).
	Commitments []Commitment
	// RetroActions are retro actions (the open ones owned by User are kept).
	RetroActions []retro.Action
	// Contacts are the network list (those due by the end of the week are kept).
	Contacts []routine.Contact
	User     string
}

// Review is the weekly review's summary.
type Review struct {
	// WeekStart is the Monday 00:00 of the week in the user's zone.
	WeekStart time.Time `json:"week_start"`
	// Done, Skipped, Missed and Snoozed count the week's routine
	// occurrences by their latest outcome; Routines lists the done ones.
	Done, Skipped, Missed, Snoozed int
	Routines                       []string `json:"routines,omitempty"`
	// CommitmentsDue are the open commitments whose follow-up fell due
	// this week, and those due before next week's review (see WeeklyReview).
	CommitmentsDue []Commitment `json:"commitments_due,omitempty"`
	// RetroActions are the user's open retro actions.
	RetroActions []retro.Action `json:"retro_actions,omitempty"`
	// ContactsDue are the contacts due by the end of the week, most overdue first.
	ContactsDue []routine.Contact `json:"contacts_due,omitempty"`
	// Prompt is the week's reflection prompt.
	Prompt ReflectionPrompt `json:"prompt"`
}

// WeekStart returns Monday 00:00 of t's week in loc.
func WeekStart(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	back := (int(l.Weekday()) + 6) % 7
	return time.Date(l.Year(), l.Month(), l.Day()-back, 0, 0, 0, 0, loc)
}

// PickPrompt returns the week's reflection prompt, deterministic by ISO
// week: prompts rotate in catalogue order, one per week, counted in weeks
// since the ISO week of Monday 5 January 1970, so consecutive weeks
// (across a year's end too) never share a prompt.
func PickPrompt(prompts []ReflectionPrompt, t time.Time, loc *time.Location) ReflectionPrompt {
	if len(prompts) == 0 {
		return ReflectionPrompt{}
	}
	ws := WeekStart(t, loc)
	monday := time.Date(ws.Year(), ws.Month(), ws.Day(), 0, 0, 0, 0, time.UTC)
	weeks := int(monday.Sub(time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)).Hours()) / (24 * 7)
	return prompts[((weeks%len(prompts))+len(prompts))%len(prompts)]
}

// WeeklyReview sums the week of in.Now: its routine occurrences by their
// latest outcome (an occurrence counts in the week it was due), the
// commitments due this week — open ones whose follow-up fell due this
// week (a follow-up sent moves Due a week on, so Due alone would miss
// them), and open ones whose next follow-up is due before next week's
// review (Now plus seven calendar days in Loc; overdue ones included) —
// the user's open retro actions, contacts
// due by Sunday 24:00, and the week's reflection prompt.
func WeeklyReview(in ReviewInput, prompts []ReflectionPrompt) Review {
	loc := in.Loc
	if loc == nil {
		loc = time.UTC
	}
	start := WeekStart(in.Now, loc)
	end := start.AddDate(0, 0, 7)
	r := Review{WeekStart: start, Prompt: PickPrompt(prompts, in.Now, loc)}
	type occ struct {
		routine string
		at      int64
	}
	latest := map[occ]routine.Outcome{}
	for _, o := range in.Outcomes {
		if o.OccurrenceAt.Before(start) || !o.OccurrenceAt.Before(end) {
			continue
		}
		k := occ{o.Routine, o.OccurrenceAt.Unix()}
		if p, ok := latest[k]; !ok || !o.At.Before(p.At) {
			latest[k] = o
		}
	}
	for _, o := range latest {
		switch o.Result {
		case routine.Done:
			r.Done++
			if !slices.Contains(r.Routines, o.Routine) {
				r.Routines = append(r.Routines, o.Routine)
			}
		case routine.Skipped:
			r.Skipped++
		case routine.Missed:
			r.Missed++
		case routine.Snoozed:
			r.Snoozed++
		}
	}
	slices.Sort(r.Routines)
	l := in.Now.In(loc)
	nextReview := time.Date(l.Year(), l.Month(), l.Day()+7, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), loc)
	for _, c := range in.Commitments {
		fellThisWeek := !c.FellDue.IsZero() && !c.FellDue.Before(start) && c.FellDue.Before(end)
		if c.Open() && (fellThisWeek || c.Due.Before(nextReview)) {
			r.CommitmentsDue = append(r.CommitmentsDue, c)
		}
	}
	slices.SortFunc(r.CommitmentsDue, func(a, b Commitment) int { return a.Due.Compare(b.Due) })
	for _, a := range in.RetroActions {
		if a.Owner == in.User && a.Status != retro.ActionDone {
			r.RetroActions = append(r.RetroActions, a)
		}
	}
	r.ContactsDue = routine.Overdue(in.Contacts, end.Add(-time.Nanosecond))
	return r
}
