package retrobot

import (
	"context"
	"ctocoach/bot"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// phaseOfButton maps the phase buttons to the phase they move to, with the
// verb used when someone else presses them.
var phaseOfButton = map[string]struct {
	to    retro.Phase
	doKey string
}{
	"retro." + string(retro.ButtonReveal):       {retro.PhaseReveal, "retro.do.reveal"},
	"retro." + string(retro.ButtonStartVote):    {retro.PhaseVote, "retro.do.phase"},
	"retro." + string(retro.ButtonStartActions): {retro.PhaseActions, "retro.do.phase"},
	"retro." + string(retro.ButtonClose):        {retro.PhaseClosed, "retro.do.close"},
}

// phaseButton moves the board on: reveal, vote, actions, close. Only the
// facilitator, the creator or a workspace admin may (retro.Board.Advance);
// others get a private refusal. Closing posts the summary and the Markdown
// export in the board's thread.
func (b *feature) phaseButton(ctx context.Context, r *bot.Request) error {
	u := r.User
	move, ok := phaseOfButton[r.Action.ActionID]
	if !ok {
		return nil
	}
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	if err := b.boards.Advance(ctx, &rb, r.UserID, u.Profile.IsAdmin, move.to); err != nil {
		return retroError(fmt.Errorf("move %s to %s: %w", rb.ID, move.to, err), failure{board: rb.Board, do: move.doKey})
	}
	b.changed(ctx, r.TeamID, rb.ID)
	if move.to != retro.PhaseClosed {
		return nil
	}
	closed, err := b.Store.Board(ctx, r.TeamID, rb.ID)
	if err != nil {
		b.Log.Error("cannot load a closed board for its summary", "board", rb.ID, "err", err)
		return nil
	}
	b.postSummary(ctx, closed)
	return nil
}

// postSummary posts the summary, then the Markdown export, in the board's
// thread.
func (b *feature) postSummary(ctx context.Context, rb store.RetroBoard) {
	text, blocks := summaryBlocks(rb)
	thread := slack.MsgOptionTS(rb.MessageTS)
	if _, _, err := b.API.PostMessageContext(ctx, rb.ChannelID, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...), thread); err != nil {
		b.Log.Error("cannot post a retro summary", "board", rb.ID, "err", err)
		return
	}
	b.postExport(ctx, rb, rb.ChannelID, thread)
}

// postExport posts the board's Markdown export to channel (a channel, or a
// user id for a DM) as code blocks, in as many messages as it takes.
func (b *feature) postExport(ctx context.Context, rb store.RetroBoard, channel string, opts ...slack.MsgOption) {
	msgs := exportMessages(rb.Lang, b.markdownExport(ctx, rb))
	for i, blocks := range msgs {
		title := bot.T(rb.Lang, "retro.export_title", i+1, len(msgs))
		all := append([]slack.MsgOption{slack.MsgOptionText(title, false), slack.MsgOptionBlocks(blocks...)}, opts...)
		if _, _, err := b.API.PostMessageContext(ctx, channel, all...); err != nil {
			b.Log.Error("cannot post a retro export", "board", rb.ID, "part", i+1, "err", err)
			return
		}
	}
}

// exportButton sends the closed board's Markdown export by DM.
func (b *feature) exportButton(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	b.postExport(ctx, rb, r.UserID)
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.export_sent")})
	return nil
}

// markdownExport is retro.Markdown with people's names.
func (b *feature) markdownExport(ctx context.Context, rb store.RetroBoard) string {
	names := map[string]string{}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		u := b.Profiles.Get(ctx, rb.TeamID, id)
		n := u.Profile.RealName
		if n == "" {
			n = u.Profile.Name
		}
		if n == "" {
			n = id
		}
		names[id] = "@" + n
		return names[id]
	}
	return retro.Markdown(rb.Board, rb.Lang, name)
}

// summaryCardChars bounds a card's text in the summary.
const summaryCardChars = 500

// summaryBlocks is the digest of a closed board: the top cards per zone,
// the actions with their owners, the standards promoted.
func summaryBlocks(rb store.RetroBoard) (string, []slack.Block) {
	lang := rb.Lang
	s := retro.Summarize(rb.Board, lang)
	title := bot.T(lang, "retro.summary_title", s.Number, s.FormatName)
	blocks := []slack.Block{
		slack.NewHeaderBlock(bot.PlainText(cutChars(title, 150)), slack.HeaderBlockOptionBlockID("head")),
		slack.NewContextBlock("counts", mrkdwn(bot.T(lang, "retro.summary_counts", s.Counts.Cards, s.Counts.Anonymous, s.Counts.Votes, s.Counts.Actions, s.Facilitator))),
	}
	for _, z := range s.Zones {
		var w strings.Builder
		w.WriteString(bot.T(lang, "retro.zone_votes", z.Emoji, bot.Escape(z.Name), z.Cards, z.Votes))
		if len(z.Top) == 0 {
			w.WriteString("\n" + bot.T(lang, "retro.summary_none"))
		}
		for i, c := range z.Top {
			fmt.Fprintf(&w, "\n%d. %s   %s", i+1, escapeCut(c.Text, summaryCardChars), bot.T(lang, "retro.card_votes", c.Votes))
		}
		blocks = append(blocks, bot.Markdown("zone:"+z.ZoneID, w.String()))
	}
	if len(s.Actions) == 0 {
		blocks = append(blocks, bot.Markdown("actions", bot.T(lang, "retro.actions_title")+"\n"+bot.T(lang, "retro.summary_no_action")))
	} else {
		plan := retro.Plan(rb.Board, lang, retro.Limits{}).Actions
		blocks = append(blocks, bot.Markdown("actions", listText(lang, "retro.actions_title", s.Actions, plan, false)))
	}
	if len(s.Promoted) > 0 {
		var lines []string
		for _, p := range s.Promoted {
			lines = append(lines, "• "+escapeCut(p.Title, retro.MaxStandardTitleLen*5))
		}
		blocks = append(blocks, bot.Markdown("standards", bot.T(lang, "retro.summary_standards")+"\n"+fitLines(lang, lines, retro.SlackMaxSectionChars-retro.SectionTitleChars)))
	}
	return title, blocks
}

// fitLines joins lines while they fit in max characters, then "…and N more".
func fitLines(lang string, lines []string, max int) string {
	var w strings.Builder
	n := 0
	for i, l := range lines {
		k := len([]rune(l)) + 1
		if n+k > max-retro.MoreLineChars {
			w.WriteString(bot.T(lang, "retro.more", len(lines)-i))
			break
		}
		w.WriteString(l + "\n")
		n += k
	}
	return strings.TrimSuffix(w.String(), "\n")
}
