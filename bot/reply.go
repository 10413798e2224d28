package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slack-go/slack"
)

// maxAckPayload keeps an ack payload under Slack's 20 KB Socket Mode limit.
const maxAckPayload = 19 * 1024

// Reply is one answer to a user: ephemeral unless InChannel.
type Reply struct {
	Text      string
	Blocks    []slack.Block
	InChannel bool
	// Replace replaces the message the interaction came from.
	Replace bool
}

func (rp Reply) webhook() *slack.WebhookMessage {
	m := &slack.WebhookMessage{Text: rp.Text, ResponseType: slack.ResponseTypeEphemeral, ReplaceOriginal: rp.Replace}
	if rp.InChannel {
		m.ResponseType = slack.ResponseTypeInChannel
	}
	if len(rp.Blocks) > 0 {
		m.Blocks = &slack.Blocks{BlockSet: rp.Blocks}
	}
	return m
}

// answer sends rp the fastest way still open: in the ack of a slash command,
// else through response_url, else as an ephemeral message in the channel.
func (b *Bot) answer(ctx context.Context, r *Request, rp Reply) {
	if r.Command != nil {
		wh := rp.webhook()
		// Slack drops Socket Mode acks of 20 KB or more: send those through response_url.
		if body, err := json.Marshal(wh); err == nil && len(body) < maxAckPayload && r.tryAck(wh) {
			return
		}
		r.Ack(nil)
	}
	var err error
	switch {
	case r.DM:
		opts := []slack.MsgOption{slack.MsgOptionText(rp.Text, false)}
		if len(rp.Blocks) > 0 {
			opts = append(opts, slack.MsgOptionBlocks(rp.Blocks...))
		}
		_, _, err = b.api.PostMessageContext(ctx, r.ChannelID, opts...)
	case r.ResponseURL != "":
		err = b.respond(ctx, r, rp)
	case r.ChannelID != "" && r.UserID != "":
		opts := []slack.MsgOption{slack.MsgOptionText(rp.Text, false)}
		if len(rp.Blocks) > 0 {
			opts = append(opts, slack.MsgOptionBlocks(rp.Blocks...))
		}
		_, err = b.api.PostEphemeralContext(ctx, r.ChannelID, r.UserID, opts...)
	default:
		err = fmt.Errorf("no way to answer %s", describe(r))
	}
	if err != nil && !r.DM && r.UserID != "" {
		// The ephemeral or response_url answer failed after its retries
		// (or there was none: a button inside a modal): a DM goes through
		// another method with its own limit, so the user is still told.
		opts := []slack.MsgOption{slack.MsgOptionText(rp.Text, false)}
		if len(rp.Blocks) > 0 {
			opts = append(opts, slack.MsgOptionBlocks(rp.Blocks...))
		}
		_, _, dmErr := b.api.PostMessageContext(ctx, r.UserID, opts...)
		if dmErr == nil {
			b.log.Info("answered by DM instead", "user", r.UserID, "detail", describe(r), "err", err)
			return
		}
		err = errors.Join(err, dmErr)
	}
	if err != nil {
		b.log.Warn("cannot answer user", "user", r.UserID, "detail", describe(r), "err", err)
	}
}

// user resolves the requesting user. A cache miss means I/O, so a slash
// command is acked first (empty) and answered later through response_url.
func (b *Bot) user(ctx context.Context, r *Request) User {
	u, ok := b.Profiles.cached(r.TeamID, r.UserID)
	if !ok {
		if r.Command != nil {
			r.Ack(nil)
		}
		u = b.Profiles.get(ctx, r.TeamID, r.UserID)
	}
	r.Lang = u.Lang
	return u
}

// unavailable answers that Redis is down, naming what could not be done.
func (b *Bot) unavailable(ctx context.Context, r *Request, verbKey string, err error) {
	b.log.Error("redis unavailable", "detail", describe(r), "err", err)
	r.Answer(ctx, Reply{Text: T(r.Lang, "error.unavailable", T(r.Lang, verbKey))})
}
