package bot

import (
	"strconv"
	"strings"
	"time"

	"ctocoach/routine"
)

func init() {
	AddTexts(map[string][2]string{
		"settings.err_never": {"“%s” only comes on %s, which is not one of your working days: tick %[2]s, or untick this routine.", "« %s » n'arrive que le %s, qui ne fait pas partie de vos jours travaillés : cochez %[2]s, ou décochez ce rituel."},
	})
}

// neverArrives explains, for the days field, the subscribed routines that
// could never arrive with s (their day is not a working day: a routine on
// a day off is skipped, not moved), or returns "". The settings modal
// refuses such a save rather than saving a routine that never comes.
func neverArrives(lang string, cat *routine.Catalogue, s routine.Settings, now time.Time) string {
	s.PausedUntil = "" // a pause ends; what matters is whether the days allow it at all
	var msgs []string
	for _, rt := range cat.All() {
		if !s.IsSubscribed(rt.ID) {
			continue
		}
		if _, ok := routine.Next(rt, s, now); ok {
			continue
		}
		day := "?"
		if d, ok := routineWeekday(rt); ok {
			day = T(lang, "day."+strconv.Itoa(int(d)))
			if lang == LangFR {
				day = strings.ToLower(day)
			}
		}
		msgs = append(msgs, T(lang, "settings.err_never", rt.In(lang).Title, day))
	}
	return strings.Join(msgs, " ")
}

// routineWeekday is the day of the week a routine's cron picks.
func routineWeekday(rt routine.Routine) (time.Weekday, bool) {
	all := routine.Settings{TZ: "UTC", QuietStart: "00:00", QuietEnd: "00:00",
		WorkingDays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}
	at, ok := routine.Next(rt, all, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	return at.Weekday(), ok
}
