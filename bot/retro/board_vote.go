package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/retro"
)

// voteButton casts (retro.vote:<card>) or takes back (retro.unvote:<card>)
// one of the user's votes. The budget is enforced by the store in one Lua
// script; the answer is private, and nobody else learns who voted.
func (b *feature) voteButton(ctx context.Context, r *bot.Request) error {
	boardID, cardID := r.Action.Value, actionSuffix(r)
	unvote := strings.HasPrefix(r.Action.ActionID, "retro.unvote")
	vote := b.Store.Vote
	if unvote {
		vote = b.Store.Unvote
	}
	res, err := vote(ctx, r.TeamID, boardID, cardID, r.UserID)
	if err != nil {
		var phase retro.Phase
		if errors.Is(err, retro.ErrWrongPhase) || errors.Is(err, retro.ErrClosed) {
			rb, _ := b.Store.Board(ctx, r.TeamID, boardID)
			phase = rb.Phase
		}
		return voteError(fmt.Errorf("vote on %s of %s: %w", cardID, boardID, err), res.Used, phase)
	}
	b.changed(ctx, r.TeamID, boardID)
	if unvote {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.unvoted", res.Left, res.Used+res.Left)})
		return nil
	}
	text := bot.T(r.Lang, "retro.voted", res.Left, res.Used+res.Left)
	back := slack.NewButtonBlockElement("retro.unvote:"+cardID, boardID, bot.PlainText(bot.T(r.Lang, "retro.btn.unvote")))
	r.Answer(ctx, bot.Reply{Text: text, Blocks: []slack.Block{
		slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(back), slack.SectionBlockOptionBlockID("voted")),
	}})
	return nil
}
