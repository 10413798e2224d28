package routine

import (
	"errors"
	"fmt"
	"time"
)

// policy is Settings parsed once for a computation.
type policy struct {
	loc          *time.Location
	days         [7]bool
	quietStart   clock
	quietEnd     clock
	pausedBefore time.Time // wall time (UTC-floating) of the day after the pause; zero when not paused
}

// policy parses the settings.
func (s Settings) policy() (policy, error) {
	var p policy
	loc, err := loadLocation(s.TZ)
	if err != nil {
		return p, fmt.Errorf("routine: settings: %w", err)
	}
	p.loc = loc
	days := s.WorkingDays
	if len(days) == 0 {
		days = DefaultWorkingDays
	}
	for _, d := range days {
		if d < time.Sunday || d > time.Saturday {
			return p, fmt.Errorf("routine: settings: working day %d: want 0 (Sunday)..6 (Saturday)", d)
		}
		p.days[d] = true
	}
	qs, qe := s.QuietHours()
	if p.quietStart, err = parseClock(qs); err != nil {
		return p, fmt.Errorf("routine: settings: quiet start: %w", err)
	}
	if p.quietEnd, err = parseClock(qe); err != nil {
		return p, fmt.Errorf("routine: settings: quiet end: %w", err)
	}
	if s.PausedUntil != "" {
		d, err := time.ParseInLocation(dateLayout, s.PausedUntil, time.UTC)
		if err != nil {
			return p, fmt.Errorf("routine: settings: paused until %q: %w", s.PausedUntil, err)
		}
		p.pausedBefore = d.AddDate(0, 0, 1)
	}
	return p, nil
}

// working reports whether d is a working day.
func (p policy) working(d time.Weekday) bool { return p.days[d] }

// quiet reports whether time of day c falls in quiet hours
// [quietStart, quietEnd), which may wrap midnight.
func (p policy) quiet(c clock) bool {
	switch {
	case p.quietStart == p.quietEnd:
		return false
	case p.quietStart < p.quietEnd:
		return c >= p.quietStart && c < p.quietEnd
	default:
		return c >= p.quietStart || c < p.quietEnd
	}
}

// paused reports whether wall time w falls on or before the last day of
// the pause.
func (p policy) paused(w time.Time) bool {
	return !p.pausedBefore.IsZero() && w.Before(p.pausedBefore)
}

// settle moves wall time w forward to the first allowed moment: out of
// quiet hours (to their end) and onto a working day (at the end of quiet
// hours). It does not look at the pause.
func (p policy) settle(w time.Time) (time.Time, error) {
	for range 16 {
		switch {
		case !p.working(w.Weekday()):
			w = atClock(w.AddDate(0, 0, 1), p.quietEnd)
		case p.quiet(clockOf(w)):
			if p.quietStart > p.quietEnd && clockOf(w) >= p.quietStart {
				w = w.AddDate(0, 0, 1)
			}
			w = atClock(w, p.quietEnd)
		default:
			return w, nil
		}
	}
	return w, errors.New("routine: settings: no working day")
}
