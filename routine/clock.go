package routine

import (
	"fmt"
	"time"
)

// clock is a local time of day in minutes after midnight.
type clock int

// hour returns the hour of the clock.
func (c clock) hour() int { return int(c) / 60 }

// minute returns the minute of the clock.
func (c clock) minute() int { return int(c) % 60 }

// String formats the clock as "HH:MM".
func (c clock) String() string { return fmt.Sprintf("%02d:%02d", c.hour(), c.minute()) }

// parseClock parses "HH:MM" (24 h).
func parseClock(s string) (clock, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("time of day %q: want HH:MM", s)
	}
	return clock(t.Hour()*60 + t.Minute()), nil
}

// clockOf returns the time of day of t, to the minute.
func clockOf(t time.Time) clock { return clock(t.Hour()*60 + t.Minute()) }

// atClock returns t's day at time of day c.
func atClock(t time.Time, c clock) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), c.hour(), c.minute(), 0, 0, t.Location())
}

// wall returns t's local wall-clock reading as a UTC time ("floating"
// time): every wall time exists exactly once there, which keeps the rules
// free of daylight-saving gaps and repeats until instant() maps back.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// instant maps wall time w (floating, see wall) to a real instant in loc.
// A wall time that does not exist (skipped by a spring-forward change)
// becomes the first valid instant, the moment of the change; one that
// exists twice (autumn) becomes the earlier of the two.
func instant(w time.Time, loc *time.Location) time.Time {
	t := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc)
	got := wall(t)
	switch {
	case got.After(w): // gap, resolved with the offset before the change
		start, _ := t.ZoneBounds()
		return start
	case got.Before(w): // gap, resolved with the offset after the change
		_, end := t.ZoneBounds()
		return end
	}
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return t
	}
	_, prevOff := start.Add(-time.Second).Zone()
	_, off := t.Zone()
	if prevOff <= off {
		return t
	}
	// Clocks went back at start: the same wall time also existed under the
	// previous offset, earlier.
	if earlier := t.Add(-time.Duration(prevOff-off) * time.Second); earlier.Before(start) {
		return earlier
	}
	return t
}
