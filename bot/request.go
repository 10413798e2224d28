package bot

import (
	"context"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// Request is one Socket Mode envelope being handled: who sent it, where, and
// how to answer it. Exactly one ack is sent per envelope.
type Request struct {
	// Type is the envelope type: slash_commands, interactive or events_api.
	Type string
	// EnvelopeID identifies the Socket Mode envelope.
	EnvelopeID string
	// TeamID, UserID and ChannelID say who and where (ChannelID may be empty).
	TeamID, UserID, ChannelID string
	// Command is set for slash commands.
	Command *slack.SlashCommand
	// Callback is set for interactive payloads (actions, views, shortcuts).
	Callback *slack.InteractionCallback
	// Action is the block action being handled, for block_actions.
	Action *slack.BlockAction
	// Event is set for Events API envelopes.
	Event *slackevents.EventsAPIEvent
	// ResponseURL answers a slash command or an interaction ("" if none).
	ResponseURL string
	// TriggerID opens a modal ("" if none).
	TriggerID string
	// Lang is the language to answer in ("en" or "fr").
	Lang string
	// Args is the text of a /cto subcommand after its name, as the user
	// typed it (Slack's escaping undone: escape it before echoing it).
	Args string
	// Raw is a slash command's text as Slack sent it: &, < and > escaped,
	// Slack's own markup (<#C…|name>, <@U…>) real. Parse markup from Raw
	// only, so that a typed "<#C123>" is never taken for a channel mention.
	Raw string
	// DM is set for a message typed in the bot's DM: answers are posted
	// there (chat.postMessage), not as ephemeral messages.
	DM bool
	// User is the requesting user, resolved once before the handler runs
	// (for every request but view submissions, which must ack at once and
	// use the profile cache only).
	User User

	out Responder

	// received is when the envelope arrived (the trigger's life counts from it).
	received time.Time

	ackMu sync.Mutex
	acked bool
	ackFn func(payload any)
	// late, when set, receives the first answer given after the watchdog
	// acked a view submission for the handler (see submission.go).
	late     func(payload any)
	lateDone bool
}

// Ack acknowledges the envelope, with an optional response payload (a
// message for a slash command, a response_action for a view submission).
// Later calls do nothing.
func (r *Request) Ack(payload any) { r.tryAck(payload) }

// tryAck acks with payload unless an ack was already sent, and reports
// whether this call sent it.
func (r *Request) tryAck(payload any) bool {
	r.ackMu.Lock()
	if !r.acked {
		r.acked = true
		r.ackMu.Unlock()
		r.ackFn(payload)
		return true
	}
	late := r.late
	if late != nil && !r.lateDone {
		r.lateDone = true
	} else {
		late = nil
	}
	r.ackMu.Unlock()
	if late != nil {
		late(payload)
	}
	return false
}

// ackForHandler acks with payload on the handler's behalf unless it acked
// already; the handler's own answer then goes to late. It reports whether
// this call sent the ack.
func (r *Request) ackForHandler(payload any, late func(payload any)) bool {
	r.ackMu.Lock()
	if r.acked {
		r.ackMu.Unlock()
		return false
	}
	r.acked, r.late = true, late
	r.ackMu.Unlock()
	r.ackFn(payload)
	return true
}

// wasAcked reports whether an ack was sent.
func (r *Request) wasAcked() bool {
	r.ackMu.Lock()
	defer r.ackMu.Unlock()
	return r.acked
}

// HandlerFunc handles one request. It runs on its own tracked goroutine; ctx
// is cancelled only when the shutdown grace period runs out. An error it
// returns is told to the user once, in their language (see Unavailable).
type HandlerFunc func(ctx context.Context, r *Request) error
