package routine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// MaxPause is how far ahead a pause may end.
const MaxPause = 366 * 24 * time.Hour

// Errors of ParsePauseUntil and Pauses, each with its own answer.
var (
	// ErrPauseSyntax: the argument is not "until YYYY-MM-DD" (or a variant).
	ErrPauseSyntax = errors.New("routine: pause: want until YYYY-MM-DD")
	// ErrPausePast: the last day of the pause is before today.
	ErrPausePast = errors.New("routine: pause: date in the past")
	// ErrPauseFar: the last day of the pause is more than MaxPause ahead.
	ErrPauseFar = errors.New("routine: pause: date more than a year ahead")
	// ErrNotPaused: a resume of a user who is not paused.
	ErrNotPaused = errors.New("routine: resume: not paused")
)

// ParsePauseUntil reads the argument of a pause: "until 2026-08-23",
// "2026-08-23", "jusqu'au 2026-08-23", "au 23/08/2026". The date is the
// last day of the pause, inclusive; it may not be before today (the
// user's local day) nor more than MaxPause ahead.
func ParsePauseUntil(args string, today time.Time) (time.Time, error) {
	f := strings.Fields(strings.ToLower(args))
	if len(f) == 2 {
		switch strings.NewReplacer("’", "'").Replace(f[0]) {
		case "until", "till", "to", "jusqu'au", "jusquau", "au":
			f = f[1:]
		}
	}
	if len(f) != 1 {
		return time.Time{}, ErrPauseSyntax
	}
	var d time.Time
	var err error
	for _, layout := range []string{time.DateOnly, "02/01/2006"} {
		if d, err = time.Parse(layout, f[0]); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, ErrPauseSyntax
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case d.Before(day):
		return time.Time{}, ErrPausePast
	case d.Sub(day) > MaxPause:
		return time.Time{}, ErrPauseFar
	}
	return d, nil
}

// SettingsRepository reads and saves a user's routine settings.
type SettingsRepository interface {
	// Settings returns the user's settings, or the defaults for a user who
	// never saved any (not an error).
	Settings(ctx context.Context, team, user string) (Settings, error)
	// SaveSettings stores s as the user's settings.
	SaveSettings(ctx context.Context, team, user string, s Settings) error
}

// Pauses pauses and resumes a user's routines: it saves the pause and
// re-plans the nudges (Planner), so that nothing is sent during the pause
// and, afterwards, each routine comes back at its first occurrence after
// it, with no burst of the nudges missed meanwhile.
type Pauses struct {
	Settings SettingsRepository
	Planner  *Planner
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// PauseResult is what a pause or a resume did.
type PauseResult struct {
	// Settings are the settings as saved.
	Settings Settings
	// Until is the last day of the pause (a date at midnight UTC; zero for
	// a resume).
	Until time.Time
	// Now is the time the pause or resume was decided at.
	Now time.Time
	// Loc is the user's zone (UTC when the settings name none valid).
	Loc *time.Location
	// Plan is the regular nudges now planned, soonest first.
	Plan []Planned
	// Unplanned, when set, says the re-planning failed after the settings
	// were saved (the pause holds: DecideDelivery drops a nudge that falls
	// in it).
	Unplanned error
}

// Pause reads args (ParsePauseUntil, in the user's local day), saves the
// pause and re-plans. A bad argument is ErrPauseSyntax, ErrPausePast or
// ErrPauseFar and saves nothing; any other error is the repository's.
func (p *Pauses) Pause(ctx context.Context, team, user, args string) (PauseResult, error) {
	s, err := p.Settings.Settings(ctx, team, user)
	if err != nil {
		return PauseResult{}, fmt.Errorf("routine: pause %s: %w", user, err)
	}
	now := p.now()
	loc := zoneOf(s)
	d, err := ParsePauseUntil(args, now.In(loc))
	if err != nil {
		return PauseResult{}, err
	}
	s.PausedUntil = d.Format(time.DateOnly)
	res, err := p.save(ctx, team, user, s, now, loc)
	res.Until = d
	return res, err
}

// Resume ends the user's pause now and re-plans every routine from now
// (only the next occurrence of each: what the pause skipped is not sent).
// A user with no pause set gets ErrNotPaused and nothing is saved.
func (p *Pauses) Resume(ctx context.Context, team, user string) (PauseResult, error) {
	s, err := p.Settings.Settings(ctx, team, user)
	if err != nil {
		return PauseResult{}, fmt.Errorf("routine: resume %s: %w", user, err)
	}
	if s.PausedUntil == "" {
		return PauseResult{}, ErrNotPaused
	}
	s.PausedUntil = ""
	return p.save(ctx, team, user, s, p.now(), zoneOf(s))
}

// save stores s, then re-plans; a failed re-plan is reported in Unplanned.
func (p *Pauses) save(ctx context.Context, team, user string, s Settings, now time.Time, loc *time.Location) (PauseResult, error) {
	if err := p.Settings.SaveSettings(ctx, team, user, s); err != nil {
		return PauseResult{}, fmt.Errorf("routine: save the pause of %s: %w", user, err)
	}
	res := PauseResult{Settings: s, Now: now, Loc: loc}
	res.Plan, res.Unplanned = p.Planner.Replan(ctx, team, user, s, now)
	return res, nil
}

func (p *Pauses) now() time.Time {
	if p.Now == nil {
		return time.Now()
	}
	return p.Now()
}

// zoneOf is the settings' zone, UTC when it names none valid.
func zoneOf(s Settings) *time.Location {
	loc, err := s.Location()
	if err != nil || loc == nil {
		return time.UTC
	}
	return loc
}
