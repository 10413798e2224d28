package routine

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Validate checks one routine: id prefixed by its cadence, a parseable cron
// spec whose minute and hour fields are the default Minute and Hour, the
// week/month fields its cadence needs, a known Who, at least one card, and
// a complete wording in both languages. It also checks that the routine
// occurs under default settings (Mon-Fri, 09:00-18:00).
func (r Routine) Validate() error {
	if r.ID == "" {
		return errors.New("routine: empty id")
	}
	if err := r.validateSchedule(); err != nil {
		return fmt.Errorf("routine %s: %w", r.ID, err)
	}
	switch r.Who {
	case WhoNone, WhoRosterOne, WhoRosterSkipLevel, WhoContactOverdue:
	default:
		return fmt.Errorf("routine %s: unknown who %q", r.ID, r.Who)
	}
	if len(r.Cards) == 0 {
		return fmt.Errorf("routine %s: no cards", r.ID)
	}
	for _, c := range r.Cards {
		if strings.TrimSpace(c) == "" {
			return fmt.Errorf("routine %s: empty card id", r.ID)
		}
	}
	for lang, w := range map[string]Wording{"en": r.EN, "fr": r.FR} {
		if strings.TrimSpace(w.Title) == "" || strings.TrimSpace(w.Text) == "" || strings.TrimSpace(w.DonePrompt) == "" {
			return fmt.Errorf("routine %s: %s title, text and done_prompt are all required", r.ID, lang)
		}
	}
	// Sunday noon UTC, so that the first working day follows.
	from := time.Date(2026, time.January, 4, 12, 0, 0, 0, time.UTC)
	if _, ok := Next(r, Settings{TZ: "UTC"}, from); !ok {
		return fmt.Errorf("routine %s: never occurs under default settings", r.ID)
	}
	return nil
}

// validateSchedule checks the cadence, cron spec and week/month fields.
func (r Routine) validateSchedule() error {
	if !strings.HasPrefix(r.ID, string(r.Cadence)+"-") {
		return fmt.Errorf("id must start with %q", string(r.Cadence)+"-")
	}
	fields := strings.Fields(r.Cron)
	if len(fields) != 5 {
		return fmt.Errorf("cron %q: want 5 fields (minute hour dom month dow), got %d", r.Cron, len(fields))
	}
	if _, err := schedule(r.Cron); err != nil {
		return err
	}
	if m, err := strconv.Atoi(fields[0]); err != nil || m != r.Minute {
		return fmt.Errorf("cron %q: minute field must be the default minute %d", r.Cron, r.Minute)
	}
	if h, err := strconv.Atoi(fields[1]); err != nil || h != r.Hour {
		return fmt.Errorf("cron %q: hour field must be the default hour %d", r.Cron, r.Hour)
	}
	switch r.Cadence {
	case Weekly:
		if r.WeekOfMonth != 0 || r.MonthOfQuarter != 0 {
			return errors.New("weekly routines take no week_of_month or month_of_quarter")
		}
	case Monthly:
		if r.WeekOfMonth < 1 || r.WeekOfMonth > 4 {
			return fmt.Errorf("week_of_month %d: want 1..4", r.WeekOfMonth)
		}
		if r.MonthOfQuarter != 0 {
			return errors.New("monthly routines take no month_of_quarter")
		}
	case Quarterly:
		if r.WeekOfMonth < 1 || r.WeekOfMonth > 4 {
			return fmt.Errorf("week_of_month %d: want 1..4", r.WeekOfMonth)
		}
		if r.MonthOfQuarter < 1 || r.MonthOfQuarter > 3 {
			return fmt.Errorf("month_of_quarter %d: want 1..3", r.MonthOfQuarter)
		}
	default:
		return fmt.Errorf("unknown cadence %q", r.Cadence)
	}
	if r.WeekOfMonth != 0 && fields[2] != "*" {
		return fmt.Errorf("cron %q: day-of-month must be * when week_of_month is set", r.Cron)
	}
	return nil
}
