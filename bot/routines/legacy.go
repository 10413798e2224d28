package routines

import (
	"context"

	"ctocoach/bot"
)

// legacy adapts a handler that answers for itself and returns nothing.
func legacy(f func(context.Context, *bot.Request)) bot.HandlerFunc {
	return func(ctx context.Context, r *bot.Request) error { f(ctx, r); return nil }
}

// user returns the requesting user: resolved by the middleware, else (a
// view submission) from the profile cache, fetched on a miss.
func (b *Feature) user(ctx context.Context, r *bot.Request) bot.User {
	if r.Lang == "" {
		r.User = b.Profiles.Get(ctx, r.TeamID, r.UserID)
		r.Lang = r.User.Lang
	}
	return r.User
}

// unavailable answers that Redis is down, naming what could not be done.
func (b *Feature) unavailable(ctx context.Context, r *bot.Request, verbKey string, err error) {
	b.log.Error("redis unavailable", "err", err)
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "error.unavailable", bot.T(r.Lang, verbKey))})
}

// routineUnavailable is unavailable for requests that may have no place
// to answer but a DM.
func (b *Feature) routineUnavailable(ctx context.Context, r *bot.Request, verbKey string, err error) {
	b.log.Error("redis unavailable", "err", err)
	r.Notify(ctx, bot.Reply{Text: bot.T(r.Lang, "error.unavailable", bot.T(r.Lang, verbKey))})
}
