package retro

import (
	"fmt"
	"time"
)

// Cadence is how often a scheduled retro happens.
type Cadence string

// Cadences.
const (
	CadenceWeekly   Cadence = "weekly"
	CadenceBiweekly Cadence = "biweekly"
)

// Schedule is a channel's recurring retro.
type Schedule struct {
	ChannelID string       `json:"channel_id"`
	Cadence   Cadence      `json:"cadence"`
	Weekday   time.Weekday `json:"weekday"`
	Hour      int          `json:"hour"`
	Minute    int          `json:"minute"`
	// TZ is an IANA time zone name; the retro happens at Hour:Minute wall
	// clock time there, whatever the DST offset.
	TZ string `json:"tz"`
	// Formats is the rotation of format IDs (see NextFormat).
	Formats []string `json:"formats,omitempty"`
	// Participants are the user IDs facilitation rotates over.
	Participants []string `json:"participants,omitempty"`
	// Anchor is when the schedule was created: biweekly retros happen in
	// the week (Monday to Sunday, in TZ) that holds Anchor and every second
	// week from it. Zero anchors on the week of Monday 1970-01-05.
	Anchor time.Time `json:"anchor,omitzero"`
}

// Validate checks the schedule's fields and time zone.
func (s Schedule) Validate() error {
	switch {
	case s.Cadence != CadenceWeekly && s.Cadence != CadenceBiweekly:
		return fmt.Errorf("retro: schedule cadence %q: %w", s.Cadence, ErrBadSchedule)
	case s.Weekday < time.Sunday || s.Weekday > time.Saturday:
		return fmt.Errorf("retro: schedule weekday %d: %w", s.Weekday, ErrBadSchedule)
	case s.Hour < 0 || s.Hour > 23 || s.Minute < 0 || s.Minute > 59:
		return fmt.Errorf("retro: schedule time %02d:%02d: %w", s.Hour, s.Minute, ErrBadSchedule)
	}
	if _, err := time.LoadLocation(s.TZ); err != nil {
		return fmt.Errorf("retro: schedule time zone %q: %v: %w", s.TZ, err, ErrBadSchedule)
	}
	return nil
}

// location is the schedule's time zone, UTC when it cannot be loaded.
func (s Schedule) location() *time.Location {
	loc, err := time.LoadLocation(s.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Next is the first retro strictly after `after`. Dates are computed on the
// calendar in the schedule's zone with time.Date, so a 16:00 retro stays at
// 16:00 local across DST changes. A time that does not exist on a
// spring-forward day is moved forward by the gap (02:30 → 03:30), as
// time.Date does.
func (s Schedule) Next(after time.Time) time.Time {
	loc := s.location()
	y, m, d := after.In(loc).Date()
	for i := 0; i <= 21; i++ {
		day := time.Date(y, m, d+i, 0, 0, 0, 0, time.UTC) // a calendar day
		if day.Weekday() != s.Weekday || (s.Cadence == CadenceBiweekly && !s.onWeek(day)) {
			continue
		}
		at := time.Date(day.Year(), day.Month(), day.Day(), s.Hour, s.Minute, 0, 0, loc)
		if at.After(after) {
			return at
		}
	}
	// Unreachable for a valid schedule: some matching day lies within 21 days.
	return time.Time{}
}

// onWeek reports whether calendar day (UTC midnight) falls in a biweekly
// retro week: an even number of weeks from the anchor's week.
func (s Schedule) onWeek(day time.Time) bool {
	anchor := time.Date(1970, 1, 5, 0, 0, 0, 0, time.UTC)
	if !s.Anchor.IsZero() {
		y, m, d := s.Anchor.In(s.location()).Date()
		anchor = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	diff := weekIndex(day) - weekIndex(anchor)
	return diff%2 == 0
}

// weekIndex numbers Monday-to-Sunday weeks of calendar days (UTC midnights).
func weekIndex(day time.Time) int64 {
	days := day.Unix() / 86400 // 0 is Thursday 1970-01-01
	monday := days - int64((int(day.Weekday())+6)%7)
	return floorDiv(monday-4, 7) // 4 is Monday 1970-01-05
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// Milestones are the moments around one scheduled retro.
type Milestones struct {
	// Open: the board opens and the channel is nudged to add cards, at the
	// retro's wall-clock time on the previous working day (Monday to
	// Friday), so a Monday retro opens on Friday, not on Sunday.
	Open time.Time `json:"open"`
	// Reminder: one hour before the start, people who have not added a
	// card yet are reminded.
	Reminder time.Time `json:"reminder"`
	// Start: the retro itself.
	Start time.Time `json:"start"`
}

// Milestones returns the open, reminder and start times of the retro at `at`
// (normally a result of Next).
func (s Schedule) Milestones(at time.Time) Milestones {
	loc := s.location()
	local := at.In(loc)
	y, m, d := local.Date()
	back := 1
	for {
		wd := time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC).Weekday()
		if wd != time.Saturday && wd != time.Sunday {
			break
		}
		back++
	}
	open := time.Date(y, m, d-back, local.Hour(), local.Minute(), 0, 0, loc)
	return Milestones{Open: open, Reminder: at.Add(-time.Hour), Start: at}
}
