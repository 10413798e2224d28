package bot

import (
	"context"

	"github.com/slack-go/slack"
)

// notify answers the request where it came from when that is possible (a
// slash command, a response_url, a channel), else by DM: modal submissions
// and App Home actions have none of those.
func (b *Bot) notify(ctx context.Context, r *Request, rp Reply) {
	if r.Command != nil || r.ResponseURL != "" || r.ChannelID != "" {
		r.Answer(ctx, rp)
		return
	}
	opts := []slack.MsgOption{slack.MsgOptionText(rp.Text, false)}
	if len(rp.Blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(rp.Blocks...))
	}
	if _, _, err := b.api.PostMessageContext(ctx, r.UserID, opts...); err != nil {
		b.log.Warn("cannot notify user by DM", "user", r.UserID, "detail", describe(r), "err", err)
	}
}

// routineUnavailable is b.unavailable for requests that may have no place
// to answer but a DM.
func (b *Bot) routineUnavailable(ctx context.Context, r *Request, verbKey string, err error) {
	b.log.Error("redis unavailable", "detail", describe(r), "err", err)
	b.notify(ctx, r, Reply{Text: T(r.Lang, "error.unavailable", T(r.Lang, verbKey))})
}
