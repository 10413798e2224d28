package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
)

// Block and element ids of the routine settings modal.
const (
	rsBlockRoutines   = "rt_" // + cadence
	rsBlockHour       = "hour"
	rsBlockDays       = "days"
	rsBlockTZ         = "tz"
	rsBlockQuietStart = "quiet_start"
	rsBlockQuietEnd   = "quiet_end"
	rsPick            = "pick"
	rsText            = "text"
	rsHourDefault     = "default"
	rsMaxTZLen        = 64
)

var routineCadences = []routine.Cadence{routine.Weekly, routine.Monthly, routine.Quarterly}

// openSettingsAction opens the settings modal from the App Home button.
func (b *Bot) openSettingsAction(ctx context.Context, r *Request) {
	u := b.user(ctx, r)
	b.openSettings(ctx, r, u)
}

// openSettings opens the routine settings modal showing the current values.
func (b *Bot) openSettings(ctx context.Context, r *Request, u userInfo) {
	s, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		b.unavailable(ctx, r, "verb.load_routines", err)
		return
	}
	if s.TZ == "" {
		s.TZ = u.TZ
	}
	view := settingsView(r.Lang, b.f.Routines.Catalogue, s, b.now())
	if _, err := b.api.OpenViewContext(ctx, r.TriggerID, view); err != nil {
		b.log.Warn("cannot open the routine settings modal", "user", r.UserID, "err", err)
		b.answer(ctx, r, reply{Text: tr(r.Lang, "routines.modal_failed")})
	}
}

// settingsView builds the modal: routines by cadence, hour, working days,
// zone and quiet hours, pre-filled with s.
func settingsView(lang string, cat *routine.Catalogue, s routine.Settings, now time.Time) slack.ModalViewRequest {
	blocks := []slack.Block{markdown("intro", tr(lang, "settings.intro"))}
	for _, cad := range routineCadences {
		rts := cat.ByCadence(cad)
		if len(rts) == 0 {
			continue
		}
		var opts, initial []*slack.OptionBlockObject
		for _, rt := range rts {
			o := slack.NewOptionBlockObject(rt.ID, plainText(truncate(rt.In(lang).Title, 75)), plainText(truncate(routineWhen(lang, rt), 75)))
			opts = append(opts, o)
			if s.IsSubscribed(rt.ID) {
				initial = append(initial, o)
			}
		}
		el := slack.NewCheckboxGroupsBlockElement(rsPick, opts...)
		el.InitialOptions = initial
		in := slack.NewInputBlock(rsBlockRoutines+string(cad), plainText(tr(lang, "settings.cadence."+string(cad))), nil, el)
		in.Optional = true
		blocks = append(blocks, in)
	}
	blocks = append(blocks, rsHourInput(lang, s), rsDaysInput(lang, s))

	tz := slack.NewPlainTextInputBlockElement(plainText("Europe/Paris"), rsText)
	tz.InitialValue = s.TZ
	tz.MaxLength = rsMaxTZLen
	blocks = append(blocks, slack.NewInputBlock(rsBlockTZ, plainText(tr(lang, "settings.tz")), plainText(tr(lang, "settings.tz_hint")), tz))

	qs := slack.NewTimePickerBlockElement(rsPick)
	qs.InitialTime = clockOrDefault(s.QuietStart, routine.DefaultQuietStart)
	qe := slack.NewTimePickerBlockElement(rsPick)
	qe.InitialTime = clockOrDefault(s.QuietEnd, routine.DefaultQuietEnd)
	blocks = append(blocks,
		slack.NewInputBlock(rsBlockQuietStart, plainText(tr(lang, "settings.quiet_start")), plainText(tr(lang, "settings.quiet_hint")), qs),
		slack.NewInputBlock(rsBlockQuietEnd, plainText(tr(lang, "settings.quiet_end")), nil, qe))
	if s.PausedUntil != "" {
		if d, err := time.Parse(time.DateOnly, s.PausedUntil); err == nil {
			blocks = append(blocks, routineNote("paused", tr(lang, "settings.paused", formatDay(lang, d, now))))
		}
	}
	return slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewRoutineSettings, PrivateMetadata: lang,
		Title:  plainText(tr(lang, "settings.title")),
		Submit: plainText(tr(lang, "settings.submit")),
		Close:  plainText(tr(lang, "settings.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}
}

func rsHourInput(lang string, s routine.Settings) *slack.InputBlock {
	def := slack.NewOptionBlockObject(rsHourDefault, plainText(tr(lang, "settings.hour_default")), nil)
	opts := []*slack.OptionBlockObject{def}
	initial := def
	cur := ""
	if s.Hour != nil {
		m := 0
		if s.Minute != nil {
			m = *s.Minute
		}
		cur = fmt.Sprintf("%02d:%02d", *s.Hour, m)
	}
	for h := 6; h <= 21; h++ {
		for _, m := range []int{0, 30} {
			v := fmt.Sprintf("%02d:%02d", h, m)
			opts = append(opts, slack.NewOptionBlockObject(v, plainText(v), nil))
		}
	}
	if cur != "" {
		i := slices.IndexFunc(opts, func(o *slack.OptionBlockObject) bool { return o.Value == cur })
		if i < 0 {
			opts = append(opts, slack.NewOptionBlockObject(cur, plainText(cur), nil))
			i = len(opts) - 1
		}
		initial = opts[i]
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(tr(lang, "settings.hour")), rsPick, opts...)
	sel.InitialOption = initial
	return slack.NewInputBlock(rsBlockHour, plainText(tr(lang, "settings.hour")), plainText(tr(lang, "settings.hour_hint")), sel)
}

func rsDaysInput(lang string, s routine.Settings) *slack.InputBlock {
	days := s.WorkingDays
	if len(days) == 0 {
		days = routine.DefaultWorkingDays
	}
	var opts, initial []*slack.OptionBlockObject
	for i := range 7 {
		d := time.Weekday((i + 1) % 7) // Monday first
		o := slack.NewOptionBlockObject(strconv.Itoa(int(d)), plainText(tr(lang, "day."+strconv.Itoa(int(d)))), nil)
		opts = append(opts, o)
		if slices.Contains(days, d) {
			initial = append(initial, o)
		}
	}
	el := slack.NewCheckboxGroupsBlockElement(rsPick, opts...)
	el.InitialOptions = initial
	return slack.NewInputBlock(rsBlockDays, plainText(tr(lang, "settings.days")), nil, el)
}

// routineWhen describes when a routine comes by default: "Mon · 09:30",
// "Tue, week 2 · 10:00".
func routineWhen(lang string, rt routine.Routine) string {
	all := routine.Settings{TZ: "UTC", QuietStart: "00:00", QuietEnd: "00:00",
		WorkingDays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}
	at, ok := routine.Next(rt, all, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if !ok {
		return fmt.Sprintf("%02d:%02d", rt.Hour, rt.Minute)
	}
	day := weekdayName(lang, at.Weekday())
	switch rt.Cadence {
	case routine.Monthly:
		day = tr(lang, "settings.when_monthly", day, rt.WeekOfMonth)
	case routine.Quarterly:
		day = tr(lang, "settings.when_quarterly", day, rt.WeekOfMonth, rt.MonthOfQuarter)
	}
	return day + " · " + at.Format("15:04")
}

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
			errs[rsBlockHour] = tr(lang, "settings.err_hour")
			break
		}
		h, m := t.Hour(), t.Minute()
		s.Hour, s.Minute = &h, &m
	}
	s.WorkingDays = nil
	for _, o := range values[rsBlockDays][rsPick].SelectedOptions {
		d, err := strconv.Atoi(o.Value)
		if err != nil || d < 0 || d > 6 {
			errs[rsBlockDays] = tr(lang, "settings.err_days")
			continue
		}
		if !slices.Contains(s.WorkingDays, time.Weekday(d)) {
			s.WorkingDays = append(s.WorkingDays, time.Weekday(d))
		}
	}
	slices.Sort(s.WorkingDays)
	if len(s.WorkingDays) == 0 {
		errs[rsBlockDays] = tr(lang, "settings.err_days")
	}
	s.TZ = strings.TrimSpace(values[rsBlockTZ][rsText].Value)
	if !validZoneName(s.TZ) {
		errs[rsBlockTZ] = tr(lang, "settings.err_tz", Escape(truncate(s.TZ, rsMaxTZLen)))
	}
	s.QuietStart = values[rsBlockQuietStart][rsPick].SelectedTime
	s.QuietEnd = values[rsBlockQuietEnd][rsPick].SelectedTime
	for block, v := range map[string]string{rsBlockQuietStart: s.QuietStart, rsBlockQuietEnd: s.QuietEnd} {
		if _, err := time.Parse("15:04", v); v != "" && err != nil {
			errs[block] = tr(lang, "settings.err_time")
		}
	}
	if len(errs) > 0 {
		return s, errs
	}
	if s.Hour != nil && inQuietHours(s, *s.Hour, *s.Minute) {
		errs[rsBlockHour] = tr(lang, "settings.err_quiet")
	}
	if err := s.Validate(); err != nil && len(errs) == 0 {
		errs[rsBlockTZ] = tr(lang, "settings.err_invalid")
	}
	return s, errs
}

// validZoneName accepts IANA zone names the zone database knows.
func validZoneName(name string) bool {
	if name == "" || name == "Local" || len(name) > rsMaxTZLen {
		return false
	}
	_, err := time.LoadLocation(name)
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
	_, errs := parseSettings(lang, values, b.f.Routines.Catalogue, routine.Settings{})
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
		b.notify(ctx, r, reply{Text: tr(lang, "settings.saved_unplanned")})
		return
	}
	b.notify(ctx, r, reply{Text: b.planSummary(lang, s, plan)})
	b.publishHome(ctx, r.TeamID, r.UserID)
}

// routineViewLang is the language a modal was opened in (its private metadata),
// else the user's cached language.
func (b *Bot) routineViewLang(r *Request) string {
	meta := r.Callback.View.PrivateMetadata
	if i := strings.IndexByte(meta, '|'); i >= 0 {
		meta = meta[:i]
	}
	if meta == langFR || meta == langEN {
		return meta
	}
	return b.langFor(r)
}

// planSummary says what was saved and when the next nudges come.
func (b *Bot) planSummary(lang string, s routine.Settings, plan []plannedNudge) string {
	if len(s.Subscribed) == 0 {
		return tr(lang, "settings.saved_none")
	}
	loc, _ := s.Location()
	now := b.now()
	lines := []string{tr(lang, "settings.saved", len(s.Subscribed))}
	for i, p := range plan {
		if i == 5 {
			break
		}
		lines = append(lines, "• "+formatWhen(lang, p.At, now, loc)+" — "+Escape(p.Routine.In(lang).Title))
	}
	if s.PausedUntil != "" {
		lines = append(lines, tr(lang, "settings.still_paused", s.PausedUntil))
	}
	return strings.Join(lines, "\n")
}

func clockOrDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func routineNote(blockID, text string) *slack.ContextBlock {
	return slack.NewContextBlock(blockID, slack.NewTextBlockObject(slack.MarkdownType, truncate(text, 3000), false, false))
}
