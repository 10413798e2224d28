package bot

import (
	"fmt"
	"time"
)

var (
	weekdaysEN = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	weekdaysFR = [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
	monthsEN   = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	monthsFR   = [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
)

// weekdayName is the short name of d in lang.
func weekdayName(lang string, d time.Weekday) string {
	if lang == LangFR {
		return weekdaysFR[d]
	}
	return weekdaysEN[d]
}

// formatDay renders a date in lang: "Mon 5 Jan" / "lun. 5 janv.", with
// the year when it is not the year of now.
func formatDay(lang string, t, now time.Time) string {
	month := monthsEN[t.Month()-1]
	if lang == LangFR {
		month = monthsFR[t.Month()-1]
	}
	s := fmt.Sprintf("%s %d %s", weekdayName(lang, t.Weekday()), t.Day(), month)
	if t.Year() != now.Year() {
		s += fmt.Sprintf(" %d", t.Year())
	}
	return s
}

// formatWhen renders an instant in the user's zone: "Mon 5 Jan 09:30".
func formatWhen(lang string, t, now time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	t, now = t.In(loc), now.In(loc)
	return formatDay(lang, t, now) + " " + t.Format("15:04")
}

// percent renders a rate in [0, 1] as a whole percentage.
func percent(rate float64) string {
	return fmt.Sprintf("%d %%", int(rate*100+0.5))
}
