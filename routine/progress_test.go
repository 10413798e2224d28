package routine

import (
	"math"
	"testing"
	"time"
)

func TestDoneRate(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	daysAgo := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	outcomes := []Outcome{
		{Routine: "weekly-coffee", OccurrenceAt: daysAgo(1), Result: Done, At: daysAgo(1)},
		{Routine: "weekly-review", OccurrenceAt: daysAgo(3), Result: Skipped, At: daysAgo(3)},
		// Snoozed, then done: counts once, as done.
		{Routine: "weekly-peer-lunch", OccurrenceAt: daysAgo(5), Result: Snoozed, At: daysAgo(5)},
		{Routine: "weekly-peer-lunch", OccurrenceAt: daysAgo(5), Result: Done, At: daysAgo(4)},
		// Still snoozed: open, not counted.
		{Routine: "weekly-leadership-checkin", OccurrenceAt: daysAgo(2), Result: Snoozed, At: daysAgo(2)},
		{Routine: "monthly-skip-level", OccurrenceAt: daysAgo(20), Result: Missed, At: daysAgo(19)},
		// Outside a 4-week window.
		{Routine: "weekly-coffee", OccurrenceAt: daysAgo(29), Result: Done, At: daysAgo(29)},
		// In the future.
		{Routine: "weekly-coffee", OccurrenceAt: now.Add(time.Hour), Result: Done, At: now},
	}
	tests := []struct {
		name              string
		outcomes          []Outcome
		weeks             int
		wantDone, wantTot int
		wantRate          float64
	}{
		{"four weeks", outcomes, 4, 2, 4, 0.5},
		{"one week", outcomes, 1, 2, 3, 2.0 / 3},
		{"five weeks", outcomes, 5, 3, 5, 0.6},
		{"nothing", nil, 4, 0, 0, 0},
		{"zero weeks", outcomes, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done, total, rate := DoneRate(tt.outcomes, now, tt.weeks)
			if done != tt.wantDone || total != tt.wantTot || math.Abs(rate-tt.wantRate) > 1e-9 {
				t.Errorf("DoneRate(%d weeks): got %d/%d (%.3f), want %d/%d (%.3f)", tt.weeks, done, total, rate, tt.wantDone, tt.wantTot, tt.wantRate)
			}
		})
	}
}

func TestStreak(t *testing.T) {
	paris := MustLoc(t, "Europe/Paris")
	// Wednesday 4 March 2026; its week starts on Monday 2 March.
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, paris)
	week := func(back int, day time.Weekday) time.Time {
		monday := time.Date(2026, 3, 2, 9, 30, 0, 0, paris)
		return monday.AddDate(0, 0, -7*back+(int(day)+6)%7)
	}
	done := func(id string, at time.Time) Outcome {
		return Outcome{Routine: id, OccurrenceAt: at, Result: Done, At: at}
	}
	tests := []struct {
		name     string
		outcomes []Outcome
		want     int
	}{
		{"none", nil, 0},
		{"current week only", []Outcome{done("weekly-coffee", week(0, time.Monday))}, 1},
		{"current week not yet, three before", []Outcome{
			done("weekly-coffee", week(1, time.Monday)),
			done("weekly-review", week(2, time.Friday)),
			done("weekly-peer-lunch", week(3, time.Wednesday)),
		}, 3},
		{"current and two before", []Outcome{
			done("weekly-coffee", week(0, time.Monday)),
			done("weekly-coffee", week(1, time.Monday)),
			done("weekly-review", week(1, time.Friday)),
			done("weekly-coffee", week(2, time.Monday)),
		}, 3},
		{"a gap breaks it", []Outcome{
			done("weekly-coffee", week(0, time.Monday)),
			done("weekly-coffee", week(2, time.Monday)),
		}, 1},
		{"last week missing breaks it", []Outcome{
			done("weekly-coffee", week(2, time.Monday)),
			done("weekly-coffee", week(3, time.Monday)),
		}, 0},
		{"monthly routines do not count", []Outcome{
			done("weekly-coffee", week(0, time.Monday)),
			done("monthly-skip-level", week(1, time.Tuesday)),
		}, 1},
		{"skipped does not count", []Outcome{
			done("weekly-coffee", week(0, time.Monday)),
			{Routine: "weekly-coffee", OccurrenceAt: week(1, time.Monday), Result: Skipped, At: week(1, time.Monday)},
		}, 1},
		{"Sunday belongs to the week before", []Outcome{
			done("weekly-coffee", week(0, time.Monday)),
			done("weekly-coffee", week(0, time.Monday).AddDate(0, 0, -1)),
		}, 2},
		{"done later still counts for its occurrence week", []Outcome{
			{Routine: "weekly-review", OccurrenceAt: week(1, time.Friday), Result: Done, At: week(0, time.Tuesday)},
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Streak(tt.outcomes, now); got != tt.want {
				t.Errorf("Streak: got %d, want %d", got, tt.want)
			}
		})
	}
}
