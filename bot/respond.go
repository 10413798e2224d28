package bot

import (
	"context"

	"github.com/slack-go/slack"
)

// Responder writes every answer to a request: in the ack, by response_url,
// as an ephemeral message, or as a modal. The bot is the one in production;
// a feature's unit tests pass a recorder (NewRequest).
type Responder interface {
	// Answer sends rp the fastest way still open; failures are logged.
	Answer(ctx context.Context, r *Request, rp Reply)
	// Respond posts rp to the request's response_url.
	Respond(ctx context.Context, r *Request, rp Reply) error
	// Notify answers like Answer, or by DM when the request has no place to
	// answer in (an event).
	Notify(ctx context.Context, r *Request, rp Reply)
	// FailSubmission tells the user a view submission was not saved, and
	// why (text): in the ack while it is open, else by DM.
	FailSubmission(ctx context.Context, r *Request, text string)
	// OpenView opens a modal on the request's trigger; when Slack refuses,
	// the user has been told (busy: press again; otherwise the apology).
	OpenView(ctx context.Context, r *Request, view slack.ModalViewRequest) error
	// UpdateView replaces the open modal viewID (hash: "" skips the stale
	// check); when Slack refuses, the user has been told.
	UpdateView(ctx context.Context, r *Request, view slack.ModalViewRequest, hash, viewID string) error
}

// NewRequest returns a request answered by out, whose ack goes to ack (for
// a feature's unit tests; the bot builds its own from each envelope).
func NewRequest(out Responder, ack func(payload any)) *Request {
	return &Request{out: out, ackFn: ack}
}

// Answer sends rp to the requesting user the fastest way still open: in the
// ack of a slash command, else through response_url, else as an ephemeral
// message in the channel. Failures are logged: the user cannot be told.
func (r *Request) Answer(ctx context.Context, rp Reply) { r.out.Answer(ctx, r, rp) }

// Respond posts rp to the request's response_url.
func (r *Request) Respond(ctx context.Context, rp Reply) error { return r.out.Respond(ctx, r, rp) }

// Notify answers like Answer, or by DM when the request has no place to
// answer in (an event).
func (r *Request) Notify(ctx context.Context, rp Reply) { r.out.Notify(ctx, r, rp) }

// OpenView opens a modal on the request's trigger; when Slack refuses, the
// user has been told (busy: press again; otherwise the apology).
func (r *Request) OpenView(ctx context.Context, view slack.ModalViewRequest) error {
	return r.out.OpenView(ctx, r, view)
}

// UpdateView replaces the modal viewID with view (hash guards against a
// stale modal; "" skips the check). When Slack still refuses after the
// transport's retries, the user has been told that the window could not be
// refreshed and to open it again (a modal that moved on meanwhile, a
// hash_conflict, tells nobody).
func (r *Request) UpdateView(ctx context.Context, view slack.ModalViewRequest, hash, viewID string) error {
	return r.out.UpdateView(ctx, r, view, hash, viewID)
}

// WithoutState answers a view submission that came without view.state (a
// malformed or truncated payload) with a clear error in lang, and reports
// whether it did: the handler then stops.
func (r *Request) WithoutState(ctx context.Context, lang string) bool {
	if r.Callback.View.State != nil {
		return false
	}
	r.out.FailSubmission(ctx, r, T(lang, "submit.no_state"))
	return true
}

// responder is the bot's Responder.
type responder struct{ b *Bot }

func (o responder) Answer(ctx context.Context, r *Request, rp Reply) { o.b.answer(ctx, r, rp) }

func (o responder) Respond(ctx context.Context, r *Request, rp Reply) error {
	return o.b.respond(ctx, r, rp)
}

func (o responder) Notify(ctx context.Context, r *Request, rp Reply) { o.b.notify(ctx, r, rp) }

func (o responder) FailSubmission(ctx context.Context, r *Request, text string) {
	o.b.log.Warn("view submission not saved", "detail", describe(r), "why", text)
	o.b.failedSubmission(ctx, r, text)
}

func (o responder) OpenView(ctx context.Context, r *Request, view slack.ModalViewRequest) error {
	return o.b.openView(ctx, r, view, false)
}

func (o responder) UpdateView(ctx context.Context, r *Request, view slack.ModalViewRequest, hash, viewID string) error {
	return o.b.updateView(ctx, r, view, hash, viewID)
}

// viewPusher is a Responder that can push a modal on top of the open one
// (the bot's; a test recorder may not).
type viewPusher interface {
	PushView(ctx context.Context, r *Request, view slack.ModalViewRequest) error
}

func (o responder) PushView(ctx context.Context, r *Request, view slack.ModalViewRequest) error {
	return o.b.openView(ctx, r, view, true)
}

// PushView pushes a modal on top of the open one (views.push); a Responder
// that cannot push opens it instead. When Slack refuses, the user has been
// told, as with OpenView.
func (r *Request) PushView(ctx context.Context, view slack.ModalViewRequest) error {
	if p, ok := r.out.(viewPusher); ok {
		return p.PushView(ctx, r, view)
	}
	return r.out.OpenView(ctx, r, view)
}
