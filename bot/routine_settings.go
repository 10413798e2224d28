package bot

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
)

// parseSettings reads a submitted settings modal into base (whose pause
// and per-routine times are kept) and returns the errors to show, by
// block id; lang is only for the error texts.
func parseSettings(lang string, values map[string]map[string]slack.BlockAction, cat *routine.Catalogue, base routine.Settings) (routine.Settings, map[string]string) {
	s := base
	errs := map[string]string{}
	s.Subscribed = nil
	for _, cad := range routineCadences {
		for _, o := range values[rsBlockRoutines+string(cad)][rsPick].SelectedOptions {
			if rt, ok := cat.ByID(o.Value); ok && rt.Cadence == cad && !s.IsSubscribed(rt.ID) {
				s.Subscribed = append(s.Subscribed, rt.ID)
			}
		}
	}
	s.Hour, s.Minute = nil, nil
	switch v := values[rsBlockHour][rsPick].SelectedOption.Value; v {
	case "", rsHourDefault:
	default:
		t, err := time.Parse("15:04", v)
		if err != nil {
			errs[rsBlockHour] = T(lang, "settings.err_hour")
			break
		}
		h, m := t.Hour(), t.Minute()
		s.Hour, s.Minute = &h, &m
	}
	s.Times = maps.Clone(s.Times)
	for _, rt := range cat.All() {
		block, ok := values[rsBlockTime+rt.ID]
		if !ok {
			continue // not in this modal: keep its time
		}
		switch v := block[rsPick].SelectedOption.Value; v {
		case "", rsHourDefault:
			delete(s.Times, rt.ID)
		default:
			t, err := time.Parse("15:04", v)
			if err != nil {
				errs[rsBlockTime+rt.ID] = T(lang, "settings.err_hour")
				continue
			}
			if s.Times == nil {
				s.Times = map[string]string{}
			}
			s.Times[rt.ID] = t.Format("15:04")
		}
	}
	if len(s.Times) == 0 {
		s.Times = nil
	}
	s.WorkingDays = nil
	for _, o := range values[rsBlockDays][rsPick].SelectedOptions {
		d, err := strconv.Atoi(o.Value)
		if err != nil || d < 0 || d > 6 {
			errs[rsBlockDays] = T(lang, "settings.err_days")
			continue
		}
		if !slices.Contains(s.WorkingDays, time.Weekday(d)) {
			s.WorkingDays = append(s.WorkingDays, time.Weekday(d))
		}
	}
	slices.Sort(s.WorkingDays)
	if len(s.WorkingDays) == 0 {
		errs[rsBlockDays] = T(lang, "settings.err_days")
	}
	s.TZ = strings.TrimSpace(values[rsBlockTZ][rsText].Value)
	if !validZoneName(s.TZ) {
		errs[rsBlockTZ] = T(lang, "settings.err_tz", Escape(Truncate(s.TZ, rsMaxTZLen)))
	}
	s.QuietStart = values[rsBlockQuietStart][rsPick].SelectedTime
	s.QuietEnd = values[rsBlockQuietEnd][rsPick].SelectedTime
	for block, v := range map[string]string{rsBlockQuietStart: s.QuietStart, rsBlockQuietEnd: s.QuietEnd} {
		if _, err := time.Parse("15:04", v); v != "" && err != nil {
			errs[block] = T(lang, "settings.err_time")
		}
	}
	if len(errs) > 0 {
		return s, errs
	}
	if s.Hour != nil && inQuietHours(s, *s.Hour, *s.Minute) {
		errs[rsBlockHour] = T(lang, "settings.err_quiet")
	}
	for id, hm := range s.Times {
		if _, shown := values[rsBlockTime+id]; !shown {
			continue
		}
		if t, err := time.Parse("15:04", hm); err == nil && inQuietHours(s, t.Hour(), t.Minute()) {
			errs[rsBlockTime+id] = T(lang, "settings.err_quiet")
		}
	}
	if err := s.Validate(); err != nil && len(errs) == 0 {
		errs[rsBlockTZ] = T(lang, "settings.err_invalid")
	}
	return s, errs
}

// validZoneName accepts IANA zone names the zone database knows.
func validZoneName(name string) bool {
	if name == "" || name == "Local" || len(name) > rsMaxTZLen {
		return false
	}
	_, err := routine.Settings{TZ: name}.Location() // cached after the first load
	return err == nil
}

// inQuietHours reports whether hh:mm falls inside s's quiet hours.
func inQuietHours(s routine.Settings, hh, mm int) bool {
	qs, _ := time.Parse("15:04", clockOrDefault(s.QuietStart, routine.DefaultQuietStart))
	qe, _ := time.Parse("15:04", clockOrDefault(s.QuietEnd, routine.DefaultQuietEnd))
	start, end, c := qs.Hour()*60+qs.Minute(), qe.Hour()*60+qe.Minute(), hh*60+mm
	switch {
	case start == end:
		return false
	case start < end:
		return c >= start && c < end
	default:
		return c >= start || c < end
	}
}

// settingsSubmit validates the modal in memory and acks (errors keep the
// modal open), then saves the settings, re-plans the nudges, confirms by
// DM and refreshes App Home.
func (b *Bot) settingsSubmit(ctx context.Context, r *Request) {
	if r.Callback.Type != slack.InteractionTypeViewSubmission {
		return
	}
	lang := b.routineViewLang(r)
	r.Lang = lang
	var values map[string]map[string]slack.BlockAction
	if r.Callback.View.State != nil {
		values = r.Callback.View.State.Values
	}
	parsed, errs := parseSettings(lang, values, b.f.Routines.Catalogue, routine.Settings{})
	if len(errs) == 0 {
		if msg := neverArrives(lang, b.f.Routines.Catalogue, parsed, b.now()); msg != "" {
			errs = map[string]string{rsBlockDays: Truncate(msg, 1000)}
		}
	}
	if len(errs) > 0 {
		r.Ack(slack.NewErrorsViewSubmissionResponse(errs))
		return
	}
	r.Ack(nil)
	cur, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		b.routineUnavailable(ctx, r, "verb.save_routines", err)
		return
	}
	s, _ := parseSettings(lang, values, b.f.Routines.Catalogue, cur)
	s.Lang = lang
	if err := b.store.SaveRoutineSettings(ctx, r.TeamID, r.UserID, s); err != nil {
		b.routineUnavailable(ctx, r, "verb.save_routines", err)
		return
	}
	plan, err := b.replan(ctx, r.TeamID, r.UserID, s, b.now())
	if err != nil {
		b.log.Error("cannot plan nudges after saving settings", "user", r.UserID, "err", err)
		b.notify(ctx, r, Reply{Text: T(lang, "settings.saved_unplanned")})
		return
	}
	b.notify(ctx, r, Reply{Text: b.planSummary(lang, s, plan)})
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
}

// routineViewLang is the language a modal was opened in (its private metadata),
// else the user's cached language.
func (b *Bot) routineViewLang(r *Request) string {
	meta := r.Callback.View.PrivateMetadata
	if i := strings.IndexByte(meta, '|'); i >= 0 {
		meta = meta[:i]
	}
	if meta == LangFR || meta == LangEN {
		return meta
	}
	return b.langFor(r)
}

// planSummary says what was saved and when the next nudges come.
func (b *Bot) planSummary(lang string, s routine.Settings, plan []plannedNudge) string {
	if len(s.Subscribed) == 0 {
		return T(lang, "settings.saved_none")
	}
	loc, _ := s.Location()
	now := b.now()
	lines := []string{Tn(lang, "settings.saved", len(s.Subscribed), len(s.Subscribed))}
	for i, p := range plan {
		if i == 5 {
			break
		}
		lines = append(lines, "• "+formatWhen(lang, p.At, now, loc)+" — "+Escape(p.Routine.In(lang).Title))
	}
	if s.PausedUntil != "" {
		lines = append(lines, T(lang, "settings.still_paused", s.PausedUntil))
	}
	return strings.Join(lines, "\n")
}
