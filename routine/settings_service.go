package routine

import (
	"context"
	"fmt"
	"time"
)

// SettingsService saves a user's settings form: it checks the form (every
// rule of SettingsForm, refused as a *SettingsError naming the fields),
// merges it into the saved settings, saves them and re-plans the nudges
// (Planner).
type SettingsService struct {
	Catalogue *Catalogue
	Settings  SettingsRepository
	Planner   *Planner
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// SettingsResult is what a save did.
type SettingsResult struct {
	// Settings are the settings as saved.
	Settings Settings
	// Now is the time the save was decided at.
	Now time.Time
	// Loc is the user's zone.
	Loc *time.Location
	// Plan is the regular nudges now planned, soonest first.
	Plan []Planned
	// Unplanned, when set, says the re-planning failed after the settings
	// were saved.
	Unplanned error
}

// Check refuses a form that Save would refuse (*SettingsError) and
// returns nil otherwise. It reads and writes nothing, so a surface with a
// deadline (a modal's ack) can answer with it before Save.
func (s *SettingsService) Check(f SettingsForm) error {
	return checkForm(s.Catalogue, f, s.now())
}

// Save checks f (a refusal is a *SettingsError and saves nothing), merges
// it into the user's settings (the pause and the own times of routines the
// form does not show are kept), saves them and re-plans. Saving the same
// form twice (a surface delivering it again) plans nothing twice: the
// Planner's ids are occurrence ids. Any other error is the repository's.
func (s *SettingsService) Save(ctx context.Context, team, user string, f SettingsForm) (SettingsResult, error) {
	now := s.now()
	if err := checkForm(s.Catalogue, f, now); err != nil {
		return SettingsResult{}, err
	}
	cur, err := s.Settings.Settings(ctx, team, user)
	if err != nil {
		return SettingsResult{}, fmt.Errorf("routine: save the settings of %s: %w", user, err)
	}
	saved := applyForm(s.Catalogue, cur, f)
	if err := s.Settings.SaveSettings(ctx, team, user, saved); err != nil {
		return SettingsResult{}, fmt.Errorf("routine: save the settings of %s: %w", user, err)
	}
	res := SettingsResult{Settings: saved, Now: now, Loc: zoneOf(saved)}
	res.Plan, res.Unplanned = s.Planner.Replan(ctx, team, user, saved, now)
	return res, nil
}

func (s *SettingsService) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}
