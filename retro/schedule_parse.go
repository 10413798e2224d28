package retro

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cadencePhrases are multi-word cadences, folded, longest first.
var cadencePhrases = []struct {
	phrase  string
	cadence Cadence
}{
	{"toutes les deux semaines", CadenceBiweekly},
	{"toutes les 2 semaines", CadenceBiweekly},
	{"une semaine sur deux", CadenceBiweekly},
	{"tous les quinze jours", CadenceBiweekly},
	{"tous les 15 jours", CadenceBiweekly},
	{"every other week", CadenceBiweekly},
	{"every two weeks", CadenceBiweekly},
	{"every 2 weeks", CadenceBiweekly},
	{"toutes les semaines", CadenceWeekly},
	{"chaque semaine", CadenceWeekly},
	{"every week", CadenceWeekly},
}

// cadenceWords are one-word cadences, folded.
var cadenceWords = map[string]Cadence{
	"weekly": CadenceWeekly, "hebdo": CadenceWeekly, "hebdomadaire": CadenceWeekly,
	"biweekly": CadenceBiweekly, "bi-weekly": CadenceBiweekly, "fortnightly": CadenceBiweekly,
	"2w": CadenceBiweekly, "quinzaine": CadenceBiweekly, "bihebdo": CadenceBiweekly,
}

// weekdayWords are English and French day names and abbreviations, folded.
var weekdayWords = map[string]time.Weekday{
	"mon": time.Monday, "monday": time.Monday, "lun": time.Monday, "lundi": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday, "mar": time.Tuesday, "mardi": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday, "mer": time.Wednesday, "mercredi": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"jeu": time.Thursday, "jeudi": time.Thursday,
	"fri": time.Friday, "friday": time.Friday, "ven": time.Friday, "vendredi": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday, "sam": time.Saturday, "samedi": time.Saturday,
	"sun": time.Sunday, "sunday": time.Sunday, "dim": time.Sunday, "dimanche": time.Sunday,
}

// fillerWords are ignored ("weekly on thursday at 16:00", "le jeudi à 16h").
var fillerWords = map[string]bool{
	"on": true, "at": true, "the": true, "every": true, "each": true,
	"le": true, "la": true, "les": true, "a": true, "chaque": true, "tous": true, "toutes": true,
}

var (
	clockRe = regexp.MustCompile(`^([0-9]{1,2})(?:(?::|h)([0-9]{2})?)?(am|pm)?$`)
	ampmRe  = regexp.MustCompile(`([0-9])\s+(am|pm)\b`)
)

// ParseSchedule reads a /retro schedule argument such as "weekly thu 16:00",
// "biweekly jeudi 16h30", "toutes les deux semaines le mardi à 9h",
// "every other week on fri 4:30pm sailboat 4ls". It needs a weekday and a
// time; the cadence defaults to weekly; format names or aliases add to the
// format rotation; an IANA zone name ("Europe/Paris") overrides tz, which
// is the zone otherwise used (empty means UTC). Anchor is left zero: set it
// to the creation time.
func ParseSchedule(args string, tz string) (Schedule, error) {
	s := Schedule{TZ: tz}
	if s.TZ == "" {
		s.TZ = "UTC"
	}
	text := fold(args)
	for _, p := range cadencePhrases {
		if strings.Contains(text, p.phrase) {
			s.Cadence = p.cadence
			text = strings.Replace(text, p.phrase, " ", 1)
			break
		}
	}
	text = ampmRe.ReplaceAllString(text, "$1$2")
	haveDay, haveTime := false, false
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' }) {
		kind := s.take(args, tok)
		if kind == tokUnknown && strings.HasSuffix(tok, "s") {
			kind = s.take(args, strings.TrimSuffix(tok, "s")) // "thursdays", "lundis"
		}
		switch kind {
		case tokUnknown:
			return Schedule{}, fmt.Errorf("retro: parse schedule %q: unknown word %q: %w", args, tok, ErrBadSchedule)
		case tokDay:
			haveDay = true
		case tokTime:
			haveTime = true
		}
	}
	switch {
	case !haveDay:
		return Schedule{}, fmt.Errorf("retro: parse schedule %q: no weekday: %w", args, ErrBadSchedule)
	case !haveTime:
		return Schedule{}, fmt.Errorf("retro: parse schedule %q: no time: %w", args, ErrBadSchedule)
	}
	if s.Cadence == "" {
		s.Cadence = CadenceWeekly
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, fmt.Errorf("retro: parse schedule %q: %w", args, err)
	}
	return s, nil
}

// Kinds of schedule tokens.
const (
	tokUnknown = iota
	tokOther
	tokDay
	tokTime
)

// take applies one folded token to s and says what it was.
func (s *Schedule) take(args, tok string) int {
	if c, ok := cadenceWords[tok]; ok {
		s.Cadence = c
		return tokOther
	}
	if fillerWords[tok] {
		return tokOther
	}
	if wd, ok := weekdayWords[tok]; ok {
		s.Weekday = wd
		return tokDay
	}
	if h, m, ok := parseClock(tok); ok {
		s.Hour, s.Minute = h, m
		return tokTime
	}
	if id, ok := formatAliases[compactKey(tok)]; ok {
		if !slices.Contains(s.Formats, id) {
			s.Formats = append(s.Formats, id)
		}
		return tokOther
	}
	if zone, ok := zoneToken(args, tok); ok {
		s.TZ = zone
		return tokOther
	}
	return tokUnknown
}

// parseClock reads "16:00", "16h30", "16h", "4pm", "4:30pm".
func parseClock(tok string) (int, int, bool) {
	m := clockRe.FindStringSubmatch(tok)
	if m == nil || (m[2] == "" && m[3] == "" && !strings.Contains(tok, "h") && !strings.Contains(tok, ":")) {
		return 0, 0, false // a bare number is not a time
	}
	h, _ := strconv.Atoi(m[1])
	mins := 0
	if m[2] != "" {
		mins, _ = strconv.Atoi(m[2])
	}
	switch m[3] {
	case "am", "pm":
		if h < 1 || h > 12 {
			return 0, 0, false
		}
		h %= 12
		if m[3] == "pm" {
			h += 12
		}
	}
	if h > 23 || mins > 59 {
		return 0, 0, false
	}
	return h, mins, true
}

// zoneToken finds, in the original args, the IANA zone name whose folded
// form is tok ("Europe/Paris" folds to "europe/paris").
func zoneToken(args, tok string) (string, bool) {
	if !strings.Contains(tok, "/") && tok != "utc" {
		return "", false
	}
	for _, w := range strings.Fields(args) {
		if strings.EqualFold(w, tok) || fold(w) == tok {
			if _, err := time.LoadLocation(w); err == nil {
				return w, true
			}
		}
	}
	return "", false
}
