package routine

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// Horizon is how far Next looks ahead before giving up.
const Horizon = 400 * 24 * time.Hour

// lookback is how far before `after` Next starts reading the cron
// schedule: an occurrence moved out of quiet hours and over non-working
// days can land up to a week later than its cron time, and must still be
// found when `after` falls between the two.
const lookback = 8 * 24 * time.Hour

// schedules caches parsed cron specs by spec text.
var schedules sync.Map // string -> cron.Schedule

// specParser parses the standard 5-field spec with descriptors.
var specParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// schedule parses a 5-field spec once. Specs are evaluated on floating
// wall-clock time in UTC (see wall), so the user's zone is not part of the
// spec: robfig/cron, run in a zone with daylight saving, skips a local time
// that does not exist and fires twice in a repeated hour; Next maps wall
// times to instants itself instead, and caches zones in loadLocation.
func schedule(spec string) (cron.Schedule, error) {
	if s, ok := schedules.Load(spec); ok {
		return s.(cron.Schedule), nil
	}
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		return nil, fmt.Errorf("routine: cron %q: the zone comes from the user's settings", spec)
	}
	s, err := specParser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("routine: parse cron %q: %w", spec, err)
	}
	schedules.Store(spec, s)
	return s, nil
}

// specAt returns the routine's cron spec with its minute and hour fields
// replaced by c.
func (r Routine) specAt(c clock) string {
	f := strings.Fields(r.Cron)
	if len(f) != 5 {
		return r.Cron
	}
	f[0], f[1] = strconv.Itoa(c.minute()), strconv.Itoa(c.hour())
	return strings.Join(f, " ")
}

// inPeriod reports whether wall time w is in the routine's week of the
// month (days 1-7, 8-14, 15-21, 22-28) and month of the quarter.
func (r Routine) inPeriod(w time.Time) bool {
	if r.WeekOfMonth != 0 && (w.Day()-1)/7+1 != r.WeekOfMonth {
		return false
	}
	if r.MonthOfQuarter != 0 && (int(w.Month())-1)%3+1 != r.MonthOfQuarter {
		return false
	}
	return true
}

// Next returns routine r's next occurrence for a user strictly after
// `after`, or false when there is none within Horizon (or the settings are
// invalid). The rules, all in the user's zone:
//
//   - the time of day is the user's override for r, else the user's
//     Hour/Minute, else the routine default; the cron spec picks the days;
//   - monthly and quarterly routines keep only their week of the month
//     (the n-th week is days 1-7, 8-14, 15-21, 22-28, on the cron weekday)
//     and, for quarterly, their month of the quarter;
//   - an occurrence on a non-working day is skipped: the next one is the
//     routine's next valid occurrence, not the next working day;
//   - an occurrence inside quiet hours moves to the end of quiet hours,
//     on the next working day if that day is not one;
//   - while paused nothing occurs: an occurrence whose cron day or moved
//     day is on or before PausedUntil is dropped, so the first one after
//     the pause is the routine's first occurrence after it (no burst);
//   - daylight saving: a local time that does not exist (02:30 on the
//     spring-forward day) happens at the first valid instant (the change);
//     an ambiguous one (autumn) happens once, at the earlier instant.
func Next(r Routine, s Settings, after time.Time) (time.Time, bool) {
	p, err := s.policy()
	if err != nil {
		return time.Time{}, false
	}
	at, err := s.timeFor(r)
	if err != nil {
		return time.Time{}, false
	}
	sched, err := schedule(r.specAt(at))
	if err != nil {
		return time.Time{}, false
	}
	afterWall := wall(after.In(p.loc))
	limit := afterWall.Add(Horizon)
	cursor := afterWall.Add(-lookback)
	for {
		raw := sched.Next(cursor)
		if raw.IsZero() || raw.After(limit) {
			return time.Time{}, false
		}
		cursor = raw
		if !r.inPeriod(raw) {
			if r.WeekOfMonth != 0 && raw.Day() > 7*r.WeekOfMonth {
				// Past this month's week: jump to the next month.
				cursor = time.Date(raw.Year(), raw.Month()+1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Second)
			}
			continue
		}
		if !p.working(raw.Weekday()) || p.paused(raw) {
			continue
		}
		moved, err := p.settle(raw)
		if err != nil {
			return time.Time{}, false
		}
		if p.paused(moved) {
			continue
		}
		if t := instant(moved, p.loc); t.After(after) {
			return t, true
		}
	}
}
