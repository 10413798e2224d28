package routine

import (
	"strings"
	"time"
)

// Result is what became of one occurrence.
type Result string

// The results of an occurrence.
const (
	Done    Result = "done"
	Skipped Result = "skipped"
	Snoozed Result = "snoozed"
	Missed  Result = "missed"
)

// Outcome records a result for one occurrence of a routine.
type Outcome struct {
	// Routine is the routine id.
	Routine string `json:"routine"`
	// OccurrenceAt is when the occurrence was due.
	OccurrenceAt time.Time `json:"occurrence_at"`
	// Result is done, skipped, snoozed or missed.
	Result Result `json:"result"`
	// At is when the result was recorded.
	At time.Time `json:"at"`
}

// occurrenceKey identifies one occurrence among outcomes.
type occurrenceKey struct {
	routine string
	at      int64
}

// finalOutcomes keeps, per occurrence, the outcome recorded last (a snooze
// followed by done is done).
func finalOutcomes(outcomes []Outcome) map[occurrenceKey]Outcome {
	final := make(map[occurrenceKey]Outcome, len(outcomes))
	for _, o := range outcomes {
		k := occurrenceKey{o.Routine, o.OccurrenceAt.UnixNano()}
		if prev, ok := final[k]; !ok || !o.At.Before(prev.At) {
			final[k] = o
		}
	}
	return final
}

// DoneRate counts the occurrences due in the last `weeks` weeks (the
// window (now - weeks*7 days, now]) and how many of them were done. Each
// occurrence counts once with its latest result; one whose latest result
// is snoozed is still open and is not counted. rate is done/total, 0 when
// total is 0.
func DoneRate(outcomes []Outcome, now time.Time, weeks int) (done, total int, rate float64) {
	since := now.AddDate(0, 0, -7*weeks)
	for _, o := range finalOutcomes(outcomes) {
		if !o.OccurrenceAt.After(since) || o.OccurrenceAt.After(now) || o.Result == Snoozed {
			continue
		}
		total++
		if o.Result == Done {
			done++
		}
	}
	if total > 0 {
		rate = float64(done) / float64(total)
	}
	return done, total, rate
}

// Streak is the number of consecutive calendar weeks (Monday to Sunday, in
// now's location) in which at least one weekly routine (an id starting with
// "weekly-") was done, counting back from the current week. The week of an
// outcome is the week its occurrence was due. The current week counts when
// it already has one; when it has none yet it does not break the streak,
// which then counts back from the previous week.
func Streak(outcomes []Outcome, now time.Time) int {
	loc := now.Location()
	weeks := make(map[time.Time]bool)
	for _, o := range finalOutcomes(outcomes) {
		if o.Result == Done && strings.HasPrefix(o.Routine, string(Weekly)+"-") && !o.OccurrenceAt.After(now) {
			weeks[weekStart(o.OccurrenceAt.In(loc))] = true
		}
	}
	w := weekStart(now)
	if !weeks[w] {
		w = w.AddDate(0, 0, -7)
	}
	n := 0
	for weeks[w] {
		n++
		w = w.AddDate(0, 0, -7)
	}
	return n
}

// weekStart returns midnight (as a UTC date) of the Monday of t's week.
func weekStart(t time.Time) time.Time {
	back := (int(t.Weekday()) + 6) % 7
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, time.UTC)
}
