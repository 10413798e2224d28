package coaching

import (
	"maps"
	"time"

	"ctocoach/routine"
)

// slotRoutineID names the synthetic daily routine through which coaching
// messages take routine's time rules; a user can give it its own time with
// routine.Settings.Times["coaching"].
const slotRoutineID = "coaching"

// DefaultHour is the local hour of coaching messages for a user who set no
// routine hour (the routines' usual morning slot).
const DefaultHour = 9

// daily is a routine that occurs every day at DefaultHour: routine.Next on
// it applies the user's hour, working days, quiet hours and pause.
var daily = routine.Routine{ID: slotRoutineID, Cron: "0 9 * * *", Hour: DefaultHour}

// Slot returns when a coaching message planned for the local day of `day`
// reaches the user: that day (or the first later allowed one) at the user's
// routine hour (Settings.Times["coaching"], else Settings.Hour/Minute, else
// 09:00), in their zone. It is routine.Next on a daily routine, so the
// rules are routine's, not rewritten: a non-working day moves to the next
// working day, a time in quiet hours moves to their end (on a working
// day), a paused day moves to the first day after the pause, and daylight
// saving is handled as for nudges. It returns false when the settings are
// invalid or no day is allowed within routine.Horizon.
func Slot(s routine.Settings, day time.Time) (time.Time, bool) {
	loc, err := s.Location()
	if err != nil {
		return time.Time{}, false
	}
	d := day.In(loc)
	midnight := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
	return routine.Next(daily, s, midnight.Add(-time.Nanosecond))
}

// SlotAt returns the first allowed moment at or after t keeping t's local
// time of day: t itself when the user may be messaged then, else the same
// time on the next allowed day, moved out of quiet hours (routine's rules,
// as in Slot). It serves messages tied to an instant rather than to the
// user's hour (the follow-up 48 hours after an event).
func SlotAt(s routine.Settings, t time.Time) (time.Time, bool) {
	loc, err := s.Location()
	if err != nil {
		return time.Time{}, false
	}
	local := t.In(loc)
	s.Times = maps.Clone(s.Times)
	if s.Times == nil {
		s.Times = map[string]string{}
	}
	s.Times[slotRoutineID] = local.Format("15:04")
	at, ok := routine.Next(daily, s, t.Truncate(time.Minute).Add(-time.Nanosecond))
	if ok && at.Before(t) {
		// t had seconds: the minute slot started just before it.
		return t, true
	}
	return at, ok
}
