package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// voteButton casts (retro.vote:<card>) or takes back (retro.unvote:<card>)
// one of the user's votes. The budget is enforced by the store in one Lua
// script; the answer is private, and nobody else learns who voted.
func (b *feature) voteButton(ctx context.Context, r *bot.Request) {
	boardID, cardID := r.Action.Value, actionSuffix(r)
	unvote := strings.HasPrefix(r.Action.ActionID, "retro.unvote")
	vote := b.Store.Vote
	if unvote {
		vote = b.Store.Unvote
	}
	res, err := vote(ctx, r.TeamID, boardID, cardID, r.UserID)
	switch {
	case err == nil:
		b.changed(ctx, r.TeamID, boardID)
		if unvote {
			r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.unvoted", res.Left, res.Used+res.Left)})
			return
		}
		text := bot.T(r.Lang, "retro.voted", res.Left, res.Used+res.Left)
		back := slack.NewButtonBlockElement("retro.unvote:"+cardID, boardID, bot.PlainText(bot.T(r.Lang, "retro.btn.unvote")))
		r.Answer(ctx, bot.Reply{Text: text, Blocks: []slack.Block{
			slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(back), slack.SectionBlockOptionBlockID("voted")),
		}})
	case errors.Is(err, retro.ErrVoteBudget):
		r.Answer(ctx, bot.Reply{Text: bot.Tn(r.Lang, "retro.no_votes_left", res.Used, res.Used)})
	case errors.Is(err, retro.ErrNoVote):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.no_vote_here")})
	case errors.Is(err, retro.ErrWrongPhase), errors.Is(err, retro.ErrClosed):
		rb, _ := b.Store.Board(ctx, r.TeamID, boardID)
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.vote_closed", phaseLabel(r.Lang, rb.Phase))})
	case isRuleError(err):
		r.Answer(ctx, bot.Reply{Text: b.retroErrText(r.Lang, store.RetroBoard{}, "", err)})
	default:
		b.unavailable(ctx, r, "verb.retro_vote", err)
	}
}
