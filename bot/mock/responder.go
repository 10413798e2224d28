// Package mock has function-field fakes and recorders of the interfaces the
// bot core defines (benbjohnson/wtf style), shared by every feature's unit
// tests: a handler runs on a bot.Request built with bot.NewRequest(&mock.Responder{}, …)
// and the test reads what it answered, opened or failed.
package mock

import (
	"context"

	"github.com/slack-go/slack"

	"ctocoach/bot"
)

var _ bot.Responder = (*Responder)(nil)

// Responder records what a handler answers (a bot.Responder).
type Responder struct {
	// Answers holds every Answer, Respond and Notify, in order.
	Answers []bot.Reply
	// Failed holds the texts of FailSubmission calls.
	Failed []string
	// Views holds the modals opened (OpenView, PushView).
	Views []slack.ModalViewRequest
	// Updated holds the modals updated (UpdateView).
	Updated []slack.ModalViewRequest
	// OpenViewErr is returned by OpenView; UpdateViewErr by UpdateView.
	OpenViewErr, UpdateViewErr error
}

// Answer records rp.
func (o *Responder) Answer(_ context.Context, _ *bot.Request, rp bot.Reply) {
	o.Answers = append(o.Answers, rp)
}

// Respond records rp.
func (o *Responder) Respond(_ context.Context, _ *bot.Request, rp bot.Reply) error {
	o.Answers = append(o.Answers, rp)
	return nil
}

// Notify records rp.
func (o *Responder) Notify(_ context.Context, _ *bot.Request, rp bot.Reply) {
	o.Answers = append(o.Answers, rp)
}

// FailSubmission records text.
func (o *Responder) FailSubmission(_ context.Context, _ *bot.Request, text string) {
	o.Failed = append(o.Failed, text)
}

// OpenView records view.
func (o *Responder) OpenView(_ context.Context, _ *bot.Request, view slack.ModalViewRequest) error {
	o.Views = append(o.Views, view)
	return o.OpenViewErr
}

// UpdateView records view.
func (o *Responder) UpdateView(_ context.Context, _ *bot.Request, view slack.ModalViewRequest, _, _ string) error {
	o.Updated = append(o.Updated, view)
	return o.UpdateViewErr
}
