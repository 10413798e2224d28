package routines

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/routine"
)

// readSettingsForm reads a submitted settings modal (Slack's view state)
// into the form routine.SettingsService checks; lang is the modal's.
func readSettingsForm(lang string, values map[string]map[string]slack.BlockAction, cat *routine.Catalogue) routine.SettingsForm {
	f := routine.SettingsForm{Lang: lang}
	for _, cad := range routineCadences {
		for _, o := range values[rsBlockRoutines+string(cad)][rsPick].SelectedOptions {
			if rt, ok := cat.ByID(o.Value); ok && rt.Cadence == cad {
				f.Subscribed = append(f.Subscribed, rt.ID)
			}
		}
	}
	f.Time = selectedTime(values[rsBlockHour][rsPick].SelectedOption.Value)
	for _, rt := range cat.All() {
		block, ok := values[rsBlockTime+rt.ID]
		if !ok {
			continue // not in this modal: the use case keeps its time
		}
		if f.Times == nil {
			f.Times = map[string]string{}
		}
		f.Times[rt.ID] = selectedTime(block[rsPick].SelectedOption.Value)
	}
	for _, o := range values[rsBlockDays][rsPick].SelectedOptions {
		d, err := strconv.Atoi(o.Value)
		if err != nil {
			d = -1 // not a day: the use case refuses it (routine.ErrBadWorkingDay)
		}
		f.WorkingDays = append(f.WorkingDays, time.Weekday(d))
	}
	f.TZ = values[rsBlockTZ][rsText].Value
	f.QuietStart = values[rsBlockQuietStart][rsPick].SelectedTime
	f.QuietEnd = values[rsBlockQuietEnd][rsPick].SelectedTime
	return f
}

// selectedTime is a time select's value: "" for "same as above".
func selectedTime(v string) string {
	if v == rsHourDefault {
		return ""
	}
	return v
}

// settingsSubmit reads the modal and has routine.SettingsService check it
// in memory before the ack (a refusal keeps the modal open, its fields
// named: settingsRefusal), then save it and re-plan the nudges; it
// confirms by DM and refreshes App Home.
func (b *Feature) settingsSubmit(ctx context.Context, r *bot.Request) error {
	if r.Callback.Type != slack.InteractionTypeViewSubmission {
		return nil
	}
	lang := b.routineViewLang(r)
	r.Lang = lang
	var values map[string]map[string]slack.BlockAction
	if r.Callback.View.State != nil {
		values = r.Callback.View.State.Values
	}
	form := readSettingsForm(lang, values, b.d.Catalogue)
	if errs, refused := settingsRefusal(lang, b.settings.Check(form)); refused {
		r.Ack(slack.NewErrorsViewSubmissionResponse(errs))
		return nil
	}
	r.Ack(nil)
	res, err := b.settings.Save(ctx, r.TeamID, r.UserID, form)
	if _, refused := settingsRefusal(lang, err); refused {
		// Check accepted this same form before the ack; nothing was saved.
		return fmt.Errorf("settings refused after the ack: %w", err)
	}
	if err != nil {
		return bot.Unavailable("verb.save_routines", err)
	}
	if res.Unplanned != nil {
		b.log.Error("cannot plan nudges after saving settings", "user", r.UserID, "err", res.Unplanned)
		r.Notify(ctx, bot.Reply{Text: bot.T(lang, "settings.saved_unplanned")})
		return nil
	}
	r.Notify(ctx, bot.Reply{Text: planSummary(lang, res)})
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// routineViewLang is the language a modal was opened in (its private metadata),
// else the user's cached language.
func (b *Feature) routineViewLang(r *bot.Request) string {
	meta := r.Callback.View.PrivateMetadata
	if i := strings.IndexByte(meta, '|'); i >= 0 {
		meta = meta[:i]
	}
	if meta == bot.LangFR || meta == bot.LangEN {
		return meta
	}
	return b.Profiles.Lang(r.TeamID, r.UserID)
}

// planSummary says what was saved and when the next nudges come.
func planSummary(lang string, res routine.SettingsResult) string {
	s, plan, now, loc := res.Settings, res.Plan, res.Now, res.Loc
	if len(s.Subscribed) == 0 {
		return bot.T(lang, "settings.saved_none")
	}
	lines := []string{bot.Tn(lang, "settings.saved", len(s.Subscribed), len(s.Subscribed))}
	for i, p := range plan {
		if i == 5 {
			break
		}
		lines = append(lines, "• "+formatWhen(lang, p.At, now, loc)+" — "+bot.Escape(p.Routine.In(lang).Title))
	}
	if s.PausedUntil != "" {
		lines = append(lines, bot.T(lang, "settings.still_paused", s.PausedUntil))
	}
	return strings.Join(lines, "\n")
}
