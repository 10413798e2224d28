package bot

import (
	"context"
	"errors"
)

// legacy adapts a handler of the bot core that answers for itself and
// returns nothing (the routine and retro surfaces, not moved to their
// feature packages yet; docs/architecture.md).
func legacy(f func(context.Context, *Request)) HandlerFunc {
	return func(ctx context.Context, r *Request) error { f(ctx, r); return nil }
}

// unavailableError says that Redis could not be reached while doing what
// verbKey names ("verb.save_feedback": "record your feedback").
type unavailableError struct {
	verbKey string
	err     error
}

func (e *unavailableError) Error() string { return e.verbKey + ": " + e.err.Error() }
func (e *unavailableError) Unwrap() error { return e.err }

// Unavailable is the error a handler returns when the store failed: the
// user is told that the bot's memory is unreachable and what could not be
// done (verbKey, a text key such as "verb.save_phase"); advice still works.
func Unavailable(verbKey string, err error) error {
	return &unavailableError{verbKey: verbKey, err: err}
}

// fail tells the user, once and in their language, that the handler failed,
// and logs why. It is the one place that turns handler errors into text.
func (b *Bot) fail(ctx context.Context, r *Request, err error) {
	if ue, ok := errors.AsType[*unavailableError](err); ok {
		b.unavailable(ctx, r, ue.verbKey, ue.err)
		return
	}
	b.log.Error("handler failed", "type", r.Type, "detail", describe(r), "err", err)
	b.apologise(ctx, r)
}
