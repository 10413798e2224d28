package bot

import (
	"context"
	"errors"
	"fmt"
)

// legacy adapts a handler that answers for itself and returns nothing (the
// core's tests use it for handlers that ack by hand).
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

// Key is an argument of Refuse that is itself a text key: it is translated
// in the user's language when the refusal is rendered ("only the
// facilitator (%s) can %s" with Key("retro.do.close")).
type Key string

// refusalError is a rule that refused what the user asked.
type refusalError struct {
	key  string
	n    int
	tn   bool
	args []any
}

func (e *refusalError) Error() string {
	if len(e.args) == 0 {
		return "refused: " + e.key
	}
	return fmt.Sprintf("refused: %s %v", e.key, e.args)
}

// text renders the refusal in lang, translating the Key arguments.
func (e *refusalError) text(lang string) string {
	args := make([]any, len(e.args))
	for i, a := range e.args {
		if k, ok := a.(Key); ok {
			a = T(lang, string(k))
		}
		args[i] = a
	}
	if e.tn {
		return Tn(lang, e.key, e.n, args...)
	}
	return T(lang, e.key, args...)
}

// Refuse is the error a handler returns when a rule refused what the user
// asked (not the facilitator, wrong phase, too long…): the user reads
// T(lang, key, args...) in their language, where an argument of type Key
// is translated too. A refusal is logged at Info: nothing failed.
func Refuse(key string, args ...any) error {
	return &refusalError{key: key, args: args}
}

// RefuseN is Refuse for a sentence that counts n: the user reads
// Tn(lang, key, n, args...).
func RefuseN(key string, n int, args ...any) error {
	return &refusalError{key: key, n: n, tn: true, args: args}
}

// ErrorText is what the user reads for err in lang: a refusal's sentence,
// "memory unreachable, could not <verb>" for Unavailable, else the
// apology. It is for the answers that cannot go through the core, such as
// the field errors of a modal (slack.NewErrorsViewSubmissionResponse);
// handlers otherwise return the error.
func ErrorText(lang string, err error) string {
	if re, ok := errors.AsType[*refusalError](err); ok {
		return re.text(lang)
	}
	if ue, ok := errors.AsType[*unavailableError](err); ok {
		return T(lang, "error.unavailable", T(lang, ue.verbKey))
	}
	return T(lang, "error.apology")
}

// IsRefusal reports whether err is (or wraps) a refusal made by Refuse.
func IsRefusal(err error) bool {
	_, ok := errors.AsType[*refusalError](err)
	return ok
}

// fail tells the user, once and in their language, that the handler failed,
// and logs why. It is the one place that turns handler errors into text.
func (b *Bot) fail(ctx context.Context, r *Request, err error) {
	if re, ok := errors.AsType[*refusalError](err); ok {
		text := re.text(b.langFor(r))
		if isSubmission(r) {
			// In the modal while it is open (an errors ack), else by DM.
			b.log.Info("view submission refused", "detail", describe(r), "refusal", re.key, "err", err)
			b.failedSubmission(ctx, r, text)
			return
		}
		b.log.Info("request refused", "type", r.Type, "detail", describe(r), "refusal", re.key, "err", err)
		r.Answer(ctx, Reply{Text: text})
		return
	}
	if ue, ok := errors.AsType[*unavailableError](err); ok {
		// Notify: a modal submission or an App Home button has no place to
		// answer in but the user's DM.
		b.log.Error("redis unavailable", "detail", describe(r), "err", ue.err)
		b.notify(ctx, r, Reply{Text: T(r.Lang, "error.unavailable", T(r.Lang, ue.verbKey))})
		return
	}
	b.log.Error("handler failed", "type", r.Type, "detail", describe(r), "err", err)
	b.apologise(ctx, r)
}
