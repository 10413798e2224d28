package routine

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Default quiet hours: nothing before 09:00 or from 18:00 on.
const (
	DefaultQuietStart = "18:00"
	DefaultQuietEnd   = "09:00"
)

// DefaultWorkingDays are used when Settings.WorkingDays is empty.
var DefaultWorkingDays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// dateLayout is the layout of Settings.PausedUntil.
const dateLayout = "2006-01-02"

// Settings are one user's routine preferences. The zero value is usable:
// UTC, Monday to Friday, 09:00-18:00, routine default times, not paused.
type Settings struct {
	// Subscribed are the ids of the routines the user receives.
	Subscribed []string `json:"subscribed,omitempty"`
	// Hour, when set, replaces every routine's default hour (minute 0
	// unless Minute is also set).
	Hour *int `json:"hour,omitempty"`
	// Minute, when set, replaces every routine's default minute.
	Minute *int `json:"minute,omitempty"`
	// Times overrides the time of single routines: routine id -> "HH:MM".
	// It wins over Hour and Minute.
	Times map[string]string `json:"times,omitempty"`
	// WorkingDays are the days nudges may arrive; empty means Monday to
	// Friday. A routine whose day is not a working day is skipped that
	// week (it does not move to another day).
	WorkingDays []time.Weekday `json:"working_days,omitempty"`
	// TZ is an IANA zone name ("Europe/Paris"); empty means UTC.
	TZ string `json:"tz,omitempty"`
	// QuietStart is when quiet hours start, "HH:MM"; empty means 18:00.
	QuietStart string `json:"quiet_start,omitempty"`
	// QuietEnd is when quiet hours end, "HH:MM"; empty means 09:00.
	// Equal QuietStart and QuietEnd disable quiet hours.
	QuietEnd string `json:"quiet_end,omitempty"`
	// PausedUntil is the last local day of a pause ("2026-08-23",
	// inclusive); empty means not paused.
	PausedUntil string `json:"paused_until,omitempty"`
	// Lang is "fr" or "en".
	Lang string `json:"lang,omitempty"`
}

// IsSubscribed reports whether the user receives routine id.
func (s Settings) IsSubscribed(id string) bool {
	return slices.Contains(s.Subscribed, id)
}

// QuietHours returns when quiet hours start and end, "HH:MM", the
// defaults (DefaultQuietStart, DefaultQuietEnd) for the fields left empty.
func (s Settings) QuietHours() (start, end string) {
	start, end = s.QuietStart, s.QuietEnd
	if start == "" {
		start = DefaultQuietStart
	}
	if end == "" {
		end = DefaultQuietEnd
	}
	return start, end
}

// Validate checks every field that the rules parse.
func (s Settings) Validate() error {
	if _, err := s.policy(); err != nil {
		return err
	}
	if s.Hour != nil && (*s.Hour < 0 || *s.Hour > 23) {
		return fmt.Errorf("routine: settings: hour %d: want 0..23", *s.Hour)
	}
	if s.Minute != nil && (*s.Minute < 0 || *s.Minute > 59) {
		return fmt.Errorf("routine: settings: minute %d: want 0..59", *s.Minute)
	}
	for id, hm := range s.Times {
		if _, err := parseClock(hm); err != nil {
			return fmt.Errorf("routine: settings: time of %s: %w", id, err)
		}
	}
	switch s.Lang {
	case "", "fr", "en":
	default:
		return fmt.Errorf("routine: settings: lang %q: want fr or en", s.Lang)
	}
	return nil
}

// Location loads the user's time zone (cached; loading reads the zone
// database).
func (s Settings) Location() (*time.Location, error) {
	return loadLocation(s.TZ)
}

// Paused reports whether the user's pause covers the local day of t.
func (s Settings) Paused(t time.Time) bool {
	p, err := s.policy()
	if err != nil {
		return false
	}
	return p.paused(wall(t.In(p.loc)))
}

// Allowed reports whether a nudge may arrive at t: a working day, outside
// quiet hours and not paused, all in the user's zone. Invalid settings
// allow nothing.
func (s Settings) Allowed(t time.Time) bool {
	p, err := s.policy()
	if err != nil {
		return false
	}
	w := wall(t.In(p.loc))
	return p.working(w.Weekday()) && !p.quiet(clockOf(w)) && !p.paused(w)
}

// timeFor returns the local time of day at which routine r is due for this
// user: a per-routine override, else the Hour/Minute override, else the
// routine default.
func (s Settings) timeFor(r Routine) (clock, error) {
	if hm, ok := s.Times[r.ID]; ok {
		return parseClock(hm)
	}
	c := clock(r.Hour*60 + r.Minute)
	if s.Hour != nil {
		if *s.Hour < 0 || *s.Hour > 23 {
			return 0, fmt.Errorf("hour %d: want 0..23", *s.Hour)
		}
		c = clock(*s.Hour * 60)
	}
	if s.Minute != nil {
		if *s.Minute < 0 || *s.Minute > 59 {
			return 0, fmt.Errorf("minute %d: want 0..59", *s.Minute)
		}
		c = clock(c.hour()*60 + *s.Minute)
	}
	return c, nil
}

// locations caches loaded zones by name.
var locations sync.Map // string -> *time.Location

// loadLocation loads an IANA zone once; "" is UTC.
func loadLocation(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location), nil
	}
	if name == "Local" {
		return nil, errors.New(`routine: load zone "Local": want an IANA name`)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("routine: load zone %q: %w", name, err)
	}
	locations.Store(name, l)
	return l, nil
}
