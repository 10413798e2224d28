package routine

import (
	"fmt"
	"time"
)

// Snooze choices offered on a nudge.
const (
	// SnoozeTomorrow brings the nudge back on the next working day.
	SnoozeTomorrow = "tomorrow"
	// SnoozeNextWeek brings the nudge back on the first working day of
	// next week (weeks start on Monday).
	SnoozeNextWeek = "next-week"
)

// SnoozeUntil returns when a snoozed nudge of routine r comes back: on the
// next working day ("tomorrow") or the first working day of next week
// ("next-week"), at the routine's time for this user, moved out of quiet
// hours and past a pause, in the user's zone.
func SnoozeUntil(choice string, r Routine, now time.Time, s Settings) (time.Time, error) {
	p, err := s.policy()
	if err != nil {
		return time.Time{}, fmt.Errorf("routine: snooze %s: %w", r.ID, err)
	}
	at, err := s.timeFor(r)
	if err != nil {
		return time.Time{}, fmt.Errorf("routine: snooze %s: %w", r.ID, err)
	}
	today := atClock(wall(now.In(p.loc)), at)
	var day time.Time
	switch choice {
	case SnoozeTomorrow:
		day = today.AddDate(0, 0, 1)
	case SnoozeNextWeek:
		day = today.AddDate(0, 0, 7-(int(today.Weekday())+6)%7)
	default:
		return time.Time{}, fmt.Errorf("routine: snooze %s: unknown choice %q", r.ID, choice)
	}
	if !p.pausedBefore.IsZero() && day.Before(p.pausedBefore) {
		day = atClock(p.pausedBefore, at)
	}
	for range 8 {
		if p.working(day.Weekday()) {
			break
		}
		day = day.AddDate(0, 0, 1)
	}
	w, err := p.settle(day)
	if err != nil {
		return time.Time{}, fmt.Errorf("routine: snooze %s: %w", r.ID, err)
	}
	return instant(w, p.loc), nil
}
