package bot

import (
	"context"
	"errors"
	"strings"
	"time"
)

// maxPause is how far ahead a pause may end.
const maxPause = 366 * 24 * time.Hour

// Errors of parsePauseUntil, each with its own answer.
var (
	errPauseSyntax = errors.New("bot: pause: want until YYYY-MM-DD")
	errPausePast   = errors.New("bot: pause: date in the past")
	errPauseFar    = errors.New("bot: pause: date more than a year ahead")
)

// parsePauseUntil reads the argument of "/cto pause": "until 2026-08-23",
// "2026-08-23", "jusqu'au 2026-08-23", "au 23/08/2026". The date is the
// last day of the pause, inclusive; it may not be before today (the
// user's local day) nor more than a year ahead.
func parsePauseUntil(args string, today time.Time) (time.Time, error) {
	f := strings.Fields(strings.ToLower(args))
	if len(f) == 2 {
		switch strings.NewReplacer("’", "'").Replace(f[0]) {
		case "until", "till", "to", "jusqu'au", "jusquau", "au":
			f = f[1:]
		}
	}
	if len(f) != 1 {
		return time.Time{}, errPauseSyntax
	}
	var d time.Time
	var err error
	for _, layout := range []string{time.DateOnly, "02/01/2006"} {
		if d, err = time.Parse(layout, f[0]); err == nil {
			break
		}
	}
	if err != nil {
		return time.Time{}, errPauseSyntax
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case d.Before(day):
		return time.Time{}, errPausePast
	case d.Sub(day) > maxPause:
		return time.Time{}, errPauseFar
	}
	return d, nil
}

// pause answers "/cto pause until YYYY-MM-DD": nothing is sent until that
// day ends, and afterwards each routine comes back at its first
// occurrence after the pause (no burst of missed nudges).
func (b *Bot) pause(ctx context.Context, r *Request) {
	r.Ack(nil)
	b.user(ctx, r)
	s, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		b.unavailable(ctx, r, "verb.save_pause", err)
		return
	}
	loc, err := s.Location()
	if err != nil {
		loc = time.UTC
	}
	now := b.now()
	d, err := parsePauseUntil(r.Args, now.In(loc))
	if err != nil {
		key := "pause.usage"
		switch {
		case errors.Is(err, errPausePast):
			key = "pause.past"
		case errors.Is(err, errPauseFar):
			key = "pause.far"
		}
		r.Answer(ctx, Reply{Text: T(r.Lang, key)})
		return
	}
	s.PausedUntil = d.Format(time.DateOnly)
	if err := b.store.SaveRoutineSettings(ctx, r.TeamID, r.UserID, s); err != nil {
		b.unavailable(ctx, r, "verb.save_pause", err)
		return
	}
	plan, err := b.replan(ctx, r.TeamID, r.UserID, s, now)
	if err != nil {
		b.log.Error("cannot re-plan nudges after a pause", "user", r.UserID, "err", err)
	}
	text := T(r.Lang, "pause.set", formatDay(r.Lang, d, now.In(loc)))
	if len(plan) > 0 {
		text += "\n" + T(r.Lang, "pause.next", formatWhen(r.Lang, plan[0].At, now, loc), Escape(plan[0].Routine.In(r.Lang).Title))
	}
	r.Answer(ctx, Reply{Text: text})
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
}

// resume answers "/cto resume": the pause ends now and every routine is
// re-planned from now.
func (b *Bot) resume(ctx context.Context, r *Request) {
	r.Ack(nil)
	b.user(ctx, r)
	s, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		b.unavailable(ctx, r, "verb.save_pause", err)
		return
	}
	if s.PausedUntil == "" {
		r.Answer(ctx, Reply{Text: T(r.Lang, "resume.not_paused")})
		return
	}
	s.PausedUntil = ""
	if err := b.store.SaveRoutineSettings(ctx, r.TeamID, r.UserID, s); err != nil {
		b.unavailable(ctx, r, "verb.save_pause", err)
		return
	}
	now := b.now()
	plan, err := b.replan(ctx, r.TeamID, r.UserID, s, now)
	if err != nil {
		b.log.Error("cannot re-plan nudges after resuming", "user", r.UserID, "err", err)
	}
	text := T(r.Lang, "resume.done")
	if len(plan) > 0 {
		loc, _ := s.Location()
		text += "\n" + T(r.Lang, "pause.next", formatWhen(r.Lang, plan[0].At, now, loc), Escape(plan[0].Routine.In(r.Lang).Title))
	}
	r.Answer(ctx, Reply{Text: text})
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
}
