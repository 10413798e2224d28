package routine

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// MaxZoneName is the longest zone name a settings form may name.
const MaxZoneName = 64

// SettingsForm is a user's answer to the settings form as a surface read
// it (the Slack modal in production), not checked yet: SettingsService
// checks it and merges it into the saved settings.
type SettingsForm struct {
	// Subscribed are the routines ticked (unknown ids and repeats are dropped).
	Subscribed []string
	// Time is the time of every routine, "HH:MM"; "" keeps each routine's
	// default time.
	Time string
	// Times are the own times of the routines the form shows: id -> "HH:MM",
	// "" meaning "same as Time". A routine the form does not show keeps its
	// saved time.
	Times map[string]string
	// WorkingDays are the days ticked.
	WorkingDays []time.Weekday
	// TZ is the zone as typed (spaces around it are ignored).
	TZ string
	// QuietStart and QuietEnd are "HH:MM"; "" is the default.
	QuietStart, QuietEnd string
	// Lang is the language the form was filled in (saved as Settings.Lang).
	Lang string
}

// SettingsField is the field of the settings form a refusal points at.
type SettingsField string

// The fields of the settings form.
const (
	FieldTime        SettingsField = "time"         // SettingsForm.Time
	FieldRoutineTime SettingsField = "routine_time" // SettingsForm.Times[FieldError.Routine.ID]
	FieldWorkingDays SettingsField = "working_days"
	FieldZone        SettingsField = "tz"
	FieldQuietStart  SettingsField = "quiet_start"
	FieldQuietEnd    SettingsField = "quiet_end"
)

// The rules of the settings form, each a FieldError's Err.
var (
	// ErrNotAClock: a time that is not "HH:MM".
	ErrNotAClock = errors.New("routine: settings: want a time of day HH:MM")
	// ErrNoWorkingDay: no working day ticked.
	ErrNoWorkingDay = errors.New("routine: settings: no working day")
	// ErrBadWorkingDay: a working day outside Sunday (0) .. Saturday (6).
	ErrBadWorkingDay = errors.New("routine: settings: working day out of 0..6")
	// ErrUnknownZone: a zone name the zone database does not know (or
	// empty, "Local", longer than MaxZoneName).
	ErrUnknownZone = errors.New("routine: settings: unknown time zone")
	// ErrInQuietHours: a time inside the quiet hours (nothing would arrive).
	ErrInQuietHours = errors.New("routine: settings: time inside quiet hours")
	// ErrInconsistent: the settings do not pass Settings.Validate.
	ErrInconsistent = errors.New("routine: settings: fields do not fit together")
	// ErrNeverArrives: a subscribed routine comes only on a day that is not
	// a working day (it is skipped, not moved), so it would never arrive.
	ErrNeverArrives = errors.New("routine: settings: a routine can never arrive")
)

// FieldError is one refused field of the settings form.
type FieldError struct {
	// Field is where the surface shows the refusal.
	Field SettingsField
	// Err is the rule (ErrNotAClock, ErrNeverArrives…).
	Err error
	// Routine is the routine concerned: the one whose time is refused
	// (FieldRoutineTime), or that never arrives (ErrNeverArrives).
	Routine Routine
	// Value is the value refused, for ErrUnknownZone (trimmed, as typed).
	Value string
	// Day, when DayKnown, is the one weekday the routine comes on
	// (ErrNeverArrives): the day to tick.
	Day      time.Weekday
	DayKnown bool
}

func (e FieldError) Error() string {
	if e.Routine.ID != "" {
		return fmt.Sprintf("%s (%s): %v", e.Field, e.Routine.ID, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Field, e.Err)
}

// Unwrap returns the rule.
func (e FieldError) Unwrap() error { return e.Err }

// SettingsError is a refused settings form: every refused field, the form's
// fields in order (routines in catalogue order). Nothing was saved.
type SettingsError struct {
	Fields []FieldError
}

func (e *SettingsError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = f.Error()
	}
	return "routine: settings refused: " + strings.Join(msgs, "; ")
}

// Unwrap returns the field errors (errors.Is(err, ErrNeverArrives) works).
func (e *SettingsError) Unwrap() []error {
	out := make([]error, len(e.Fields))
	for i, f := range e.Fields {
		out[i] = f
	}
	return out
}

// checkForm applies the rules to f, in three stages as the form reads:
// the formats (times, days, zone) first; then, on well-formed values, the
// times that fall in quiet hours and the settings' own validation; last,
// the routines that could never arrive. Each stage runs only when the one
// before refused nothing, so the user fixes one kind of mistake at a time.
func checkForm(cat *Catalogue, f SettingsForm, now time.Time) error {
	if errs := checkFormats(cat, f); len(errs) > 0 {
		return &SettingsError{Fields: errs}
	}
	s := applyForm(cat, Settings{}, f)
	if errs := checkQuiet(cat, s, f); len(errs) > 0 {
		return &SettingsError{Fields: errs}
	}
	if err := s.Validate(); err != nil {
		return &SettingsError{Fields: []FieldError{{Field: FieldZone, Err: fmt.Errorf("%w: %w", ErrInconsistent, err)}}}
	}
	if errs := neverArrives(cat, s, now); len(errs) > 0 {
		return &SettingsError{Fields: errs}
	}
	return nil
}

// checkFormats refuses the values that are not of their field's format.
func checkFormats(cat *Catalogue, f SettingsForm) []FieldError {
	var errs []FieldError
	if f.Time != "" {
		if _, err := parseClock(f.Time); err != nil {
			errs = append(errs, FieldError{Field: FieldTime, Err: ErrNotAClock})
		}
	}
	for _, rt := range cat.All() {
		if v := f.Times[rt.ID]; v != "" {
			if _, err := parseClock(v); err != nil {
				errs = append(errs, FieldError{Field: FieldRoutineTime, Err: ErrNotAClock, Routine: rt})
			}
		}
	}
	switch {
	case slices.ContainsFunc(f.WorkingDays, func(d time.Weekday) bool { return d < time.Sunday || d > time.Saturday }):
		errs = append(errs, FieldError{Field: FieldWorkingDays, Err: ErrBadWorkingDay})
	case len(f.WorkingDays) == 0:
		errs = append(errs, FieldError{Field: FieldWorkingDays, Err: ErrNoWorkingDay})
	}
	if tz := strings.TrimSpace(f.TZ); !knownZone(tz) {
		errs = append(errs, FieldError{Field: FieldZone, Err: ErrUnknownZone, Value: tz})
	}
	for field, v := range map[SettingsField]string{FieldQuietStart: f.QuietStart, FieldQuietEnd: f.QuietEnd} {
		if _, err := parseClock(v); v != "" && err != nil {
			errs = append(errs, FieldError{Field: field, Err: ErrNotAClock})
		}
	}
	slices.SortStableFunc(errs, func(a, b FieldError) int { return fieldOrder(a.Field) - fieldOrder(b.Field) })
	return errs
}

// fieldOrder is the rank of a field in the form.
func fieldOrder(f SettingsField) int {
	return slices.Index([]SettingsField{FieldTime, FieldRoutineTime, FieldWorkingDays, FieldZone, FieldQuietStart, FieldQuietEnd}, f)
}

// knownZone accepts the IANA zone names the zone database knows.
func knownZone(name string) bool {
	if name == "" || name == "Local" || len(name) > MaxZoneName {
		return false
	}
	_, err := loadLocation(name) // cached after the first load
	return err == nil
}

// checkQuiet refuses the times the form sets that fall in s's quiet hours.
func checkQuiet(cat *Catalogue, s Settings, f SettingsForm) []FieldError {
	p, err := s.policy()
	if err != nil {
		return nil // Validate says so
	}
	var errs []FieldError
	if f.Time != "" {
		if c, err := parseClock(f.Time); err == nil && p.quiet(c) {
			errs = append(errs, FieldError{Field: FieldTime, Err: ErrInQuietHours})
		}
	}
	for _, rt := range cat.All() {
		if c, err := parseClock(f.Times[rt.ID]); err == nil && p.quiet(c) {
			errs = append(errs, FieldError{Field: FieldRoutineTime, Err: ErrInQuietHours, Routine: rt})
		}
	}
	return errs
}

// neverArrives refuses the subscribed routines that could never arrive
// with s: their day is not a working day.
func neverArrives(cat *Catalogue, s Settings, now time.Time) []FieldError {
	s.PausedUntil = "" // a pause ends; what matters is whether the days allow it at all
	var errs []FieldError
	for _, rt := range cat.All() {
		if !s.IsSubscribed(rt.ID) {
			continue
		}
		if _, ok := Next(rt, s, now); ok {
			continue
		}
		d, ok := rt.Weekday()
		errs = append(errs, FieldError{Field: FieldWorkingDays, Err: ErrNeverArrives, Routine: rt, Day: d, DayKnown: ok})
	}
	return errs
}

// Weekday is the day of the week r's schedule picks (any working day,
// no quiet hours).
func (r Routine) Weekday() (time.Weekday, bool) {
	at, ok := r.DefaultAt()
	return at.Weekday(), ok
}

// DefaultAt is r's first occurrence in 2026 (UTC) when every day is a
// working day and there are no quiet hours: its day and default time, for
// the surfaces that describe when it comes.
func (r Routine) DefaultAt() (time.Time, bool) {
	all := Settings{TZ: "UTC", QuietStart: "00:00", QuietEnd: "00:00",
		WorkingDays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}
	return Next(r, all, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
}

// applyForm merges f into base: f's fields replace base's, except that
// base keeps its pause and the own times of the routines f does not show.
// Subscribed keeps catalogue ids once each; days are sorted, once each;
// times are normalised to "HH:MM". f must have passed checkFormats.
func applyForm(cat *Catalogue, base Settings, f SettingsForm) Settings {
	s := base
	s.Subscribed = nil
	for _, id := range f.Subscribed {
		if _, ok := cat.ByID(id); ok && !s.IsSubscribed(id) {
			s.Subscribed = append(s.Subscribed, id)
		}
	}
	s.Hour, s.Minute = nil, nil
	if c, err := parseClock(f.Time); f.Time != "" && err == nil {
		h, m := c.hour(), c.minute()
		s.Hour, s.Minute = &h, &m
	}
	s.Times = maps.Clone(base.Times)
	for _, rt := range cat.All() {
		v, shown := f.Times[rt.ID]
		if !shown {
			continue // not in this form: keep its time
		}
		c, err := parseClock(v)
		if v == "" || err != nil {
			delete(s.Times, rt.ID)
			continue
		}
		if s.Times == nil {
			s.Times = map[string]string{}
		}
		s.Times[rt.ID] = c.String()
	}
	if len(s.Times) == 0 {
		s.Times = nil
	}
	s.WorkingDays = nil
	for _, d := range f.WorkingDays {
		if !slices.Contains(s.WorkingDays, d) {
			s.WorkingDays = append(s.WorkingDays, d)
		}
	}
	slices.Sort(s.WorkingDays)
	s.TZ = strings.TrimSpace(f.TZ)
	s.QuietStart, s.QuietEnd = f.QuietStart, f.QuietEnd
	s.Lang = f.Lang
	return s
}
