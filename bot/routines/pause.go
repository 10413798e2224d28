package routines

import (
	"context"
	"ctocoach/bot"
	"errors"

	"ctocoach/routine"
)

// pause answers "/cto pause until YYYY-MM-DD" (routine.Pauses decides):
// nothing is sent until that day ends, and afterwards each routine comes
// back at its first occurrence after the pause (no burst of missed nudges).
func (b *Feature) pause(ctx context.Context, r *bot.Request) error {
	r.Ack(nil)
	res, err := b.pauses.Pause(ctx, r.TeamID, r.UserID, r.Args)
	if key, bad := pauseRefusal(err); bad {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, key)})
		return nil
	}
	if err != nil {
		return bot.Unavailable("verb.save_pause", err)
	}
	if res.Unplanned != nil {
		b.log.Error("cannot re-plan nudges after a pause", "user", r.UserID, "err", res.Unplanned)
	}
	local := res.Now.In(res.Loc)
	text := bot.T(r.Lang, "pause.set", formatDay(r.Lang, res.Until, local))
	if len(res.Plan) > 0 {
		text += "\n" + bot.T(r.Lang, "pause.next", formatWhen(r.Lang, res.Plan[0].At, res.Now, res.Loc), bot.Escape(res.Plan[0].Routine.In(r.Lang).Title))
	}
	r.Answer(ctx, bot.Reply{Text: text})
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// pauseRefusal is the text key answering a pause the user got wrong.
func pauseRefusal(err error) (string, bool) {
	switch {
	case errors.Is(err, routine.ErrPauseSyntax):
		return "pause.usage", true
	case errors.Is(err, routine.ErrPausePast):
		return "pause.past", true
	case errors.Is(err, routine.ErrPauseFar):
		return "pause.far", true
	}
	return "", false
}

// resume answers "/cto resume": the pause ends now and every routine is
// re-planned from now.
func (b *Feature) resume(ctx context.Context, r *bot.Request) error {
	r.Ack(nil)
	res, err := b.pauses.Resume(ctx, r.TeamID, r.UserID)
	if errors.Is(err, routine.ErrNotPaused) {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "resume.not_paused")})
		return nil
	}
	if err != nil {
		return bot.Unavailable("verb.save_pause", err)
	}
	if res.Unplanned != nil {
		b.log.Error("cannot re-plan nudges after resuming", "user", r.UserID, "err", res.Unplanned)
	}
	text := bot.T(r.Lang, "resume.done")
	if len(res.Plan) > 0 {
		text += "\n" + bot.T(r.Lang, "pause.next", formatWhen(r.Lang, res.Plan[0].At, res.Now, res.Loc), bot.Escape(res.Plan[0].Routine.In(r.Lang).Title))
	}
	r.Answer(ctx, bot.Reply{Text: text})
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// userSettings is the routine.SettingsRepository of the feature (for
// routine.Pauses and routine.SettingsService): the
// store's settings, or the profile's defaults for a user who saved none.
type userSettings struct{ b *Feature }

// Settings returns the user's settings or the defaults (routineSettings).
func (u userSettings) Settings(ctx context.Context, team, user string) (routine.Settings, error) {
	return u.b.routineSettings(ctx, team, user)
}

// SaveSettings stores the user's settings.
func (u userSettings) SaveSettings(ctx context.Context, team, user string, s routine.Settings) error {
	return u.b.store.SaveRoutineSettings(ctx, team, user, s)
}
