package coaching

import (
	"strings"
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
			{ID: "b", Status: StatusOpen, Due: at(t, 2027, 1, 18, 9, 0)}, // before next Friday's review
			{ID: "c", Status: StatusDone, Due: at(t, 2027, 1, 13, 9, 0)},
			{ID: "d", Status: StatusOpen, Due: at(t, 2027, 1, 6, 9, 0)},                                    // overdue: still due
			{ID: "e", Status: StatusOpen, Due: at(t, 2027, 1, 22, 16, 0)},                                  // after next Friday's review
			{ID: "g", Status: StatusOpen, FellDue: at(t, 2027, 1, 4, 9, 0), Due: at(t, 2027, 1, 25, 9, 0)}, // fell due last week
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
	if ids := commitmentIDs(r.CommitmentsDue); ids != "d a b" {
		t.Fatalf("commitments due %q, want d a b", ids)
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

func commitmentIDs(cs []Commitment) string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return strings.Join(ids, " ")
}

// A follow-up that went out this week moves Due a week on: the review
// still counts the commitment (it fell due this week), the clock
// injected through the service, a whole week of follow-ups.
func TestWeeklyReviewKeepsACommitmentFollowedUpThisWeek(t *testing.T) {
	loc := paris(t)
	set := parisSettings()
	commitAt := at(t, 2027, 1, 4, 11, 0) // Monday
	c, err := NewCommitment("delegation-progressive", "List everything you do.", "en", commitAt, set)
	if err != nil {
		t.Fatal(err)
	}
	firstDue, before := c.Due, c
	if !WeekStart(firstDue, loc).Equal(at(t, 2027, 1, 11, 0, 0)) {
		t.Fatalf("first follow-up due %v, want in the week of 11 Jan", firstDue)
	}
	c, d := c.FollowUpDue(1, firstDue, set) // sent: Due moves to the week after
	if d != FollowUpSend || !c.FellDue.Equal(firstDue) || WeekStart(c.Due, loc).Equal(WeekStart(firstDue, loc)) {
		t.Fatalf("after the follow-up: %v, fell due %v, due %v", d, c.FellDue, c.Due)
	}
	friday := at(t, 2027, 1, 15, 16, 0)
	late := c
	late.Due = at(t, 2027, 2, 1, 9, 0) // a pause pushed the next one far: only FellDue keeps it
	for _, tc := range []struct {
		name string
		c    Commitment
		now  time.Time
		want int
	}{
		{"this week's review", c, friday, 1},
		{"this week's review, next one far", late, friday, 1},
		{"last week's review (due before this one)", before, at(t, 2027, 1, 8, 16, 0), 1},
		{"the review two weeks before", before, at(t, 2027, 1, 1, 16, 0), 0},
		{"next week's review, next one far", late, at(t, 2027, 1, 22, 16, 0), 0},
	} {
		r := WeeklyReview(ReviewInput{Now: tc.now, Loc: loc, User: "U1", Commitments: []Commitment{tc.c}}, nil)
		if len(r.CommitmentsDue) != tc.want {
			t.Errorf("%s: %d commitments due, want %d", tc.name, len(r.CommitmentsDue), tc.want)
		}
	}
}
