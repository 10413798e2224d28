package coaching

import (
	"testing"
	"time"

	"ctocoach/retro"
	"ctocoach/routine"
)

func TestPickPromptRotatesByWeek(t *testing.T) {
	prompts := mustCatalogue(t).Reflection
	loc := paris(t)
	seen := map[string]bool{}
	// Four consecutive weeks across a year's end give the four prompts.
	for _, d := range []time.Time{at(t, 2026, 12, 21, 10, 0), at(t, 2026, 12, 31, 10, 0), at(t, 2027, 1, 8, 10, 0), at(t, 2027, 1, 11, 10, 0)} {
		seen[PickPrompt(prompts, d, loc).ID] = true
	}
	if len(seen) != 4 {
		t.Fatalf("four weeks gave %v", seen)
	}
	// Same week, any day: same prompt; deterministic.
	a := PickPrompt(prompts, at(t, 2027, 1, 11, 0, 5), loc)
	b := PickPrompt(prompts, at(t, 2027, 1, 17, 23, 55), loc)
	if a.ID != b.ID {
		t.Fatalf("monday %s, sunday %s", a.ID, b.ID)
	}
	// Week 1 of 2027 (4 Jan) is 2818 weeks after 5 Jan 1970: 2818 % 4 = 2.
	if got := PickPrompt(prompts, at(t, 2027, 1, 6, 12, 0), loc); got.ID != prompts[2].ID {
		t.Fatalf("week of 4 Jan 2027: %s, want %s", got.ID, prompts[2].ID)
	}
}

func TestWeeklyReviewSumsTheWeek(t *testing.T) {
	loc := paris(t)
	now := at(t, 2027, 1, 15, 15, 0) // Friday
	mon := at(t, 2027, 1, 11, 9, 0)
	out := func(r string, due time.Time, res routine.Result, recorded time.Time) routine.Outcome {
		return routine.Outcome{Routine: r, OccurrenceAt: due, Result: res, At: recorded}
	}
	in := ReviewInput{
		Now: now, Loc: loc, User: "U1",
		Outcomes: []routine.Outcome{
			out("weekly-coffee", mon, routine.Snoozed, mon),
			out("weekly-coffee", mon, routine.Done, mon.Add(time.Hour)), // snooze then done: done
			out("weekly-peer-lunch", mon.AddDate(0, 0, 2), routine.Skipped, mon.AddDate(0, 0, 2)),
			out("weekly-review", now, routine.Missed, now),
			out("weekly-coffee", mon.AddDate(0, 0, -7), routine.Done, mon.AddDate(0, 0, -7)), // last week
		},
		Commitments: []Commitment{
			{ID: "a", Status: StatusOpen, Due: at(t, 2027, 1, 14, 9, 0)},
			{ID: "b", Status: StatusOpen, Due: at(t, 2027, 1, 18, 9, 0)}, // next week
			{ID: "c", Status: StatusDone, Due: at(t, 2027, 1, 13, 9, 0)},
			{ID: "d", Status: StatusOpen, Due: at(t, 2027, 1, 6, 9, 0)}, // overdue: still due
		},
		RetroActions: []retro.Action{
			{ID: "r1", Owner: "U1", Status: retro.ActionOpen},
			{ID: "r2", Owner: "U2", Status: retro.ActionOpen},
			{ID: "r3", Owner: "U1", Status: retro.ActionDone},
		},
		Contacts: []routine.Contact{
			{ID: "k1", Name: "Ada", Tier: routine.Tier1, LastContact: at(t, 2026, 12, 16, 10, 0)}, // due 16 Jan
			{ID: "k2", Name: "Bob", Tier: routine.Tier1, LastContact: at(t, 2026, 12, 20, 10, 0)}, // due 20 Jan
		},
	}
	r := WeeklyReview(in, mustCatalogue(t).Reflection)
	if !r.WeekStart.Equal(at(t, 2027, 1, 11, 0, 0)) {
		t.Fatalf("week start %v", r.WeekStart)
	}
	if r.Done != 1 || r.Skipped != 1 || r.Missed != 1 || r.Snoozed != 0 || len(r.Routines) != 1 || r.Routines[0] != "weekly-coffee" {
		t.Fatalf("routines %+v", r)
	}
	if len(r.CommitmentsDue) != 2 || r.CommitmentsDue[0].ID != "d" || r.CommitmentsDue[1].ID != "a" {
		t.Fatalf("commitments %+v", r.CommitmentsDue)
	}
	if len(r.RetroActions) != 1 || r.RetroActions[0].ID != "r1" {
		t.Fatalf("retro actions %+v", r.RetroActions)
	}
	if len(r.ContactsDue) != 1 || r.ContactsDue[0].ID != "k1" {
		t.Fatalf("contacts %+v", r.ContactsDue)
	}
	if r.Prompt.ID == "" {
		t.Fatal("no prompt")
	}
}
