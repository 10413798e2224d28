package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// maxStandardsShown bounds the standards listed in one answer (two blocks
// each, under Slack's 50 blocks per message).
const maxStandardsShown = 15

// standardTextChars bounds a standard's text in the list.
const standardTextChars = 600

// promoteButton opens the promotion modal: from a card's button (the card
// preselected) or from the actions list (pick a card or an action).
func (b *feature) promoteButton(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	source := ""
	if strings.HasPrefix(r.Action.ActionID, "retro.promote_card:") {
		source = "card:" + actionSuffix(r)
	}
	return b.openPromote(ctx, r, rb, source)
}

// openPromote checks that the user may promote (the facilitator, the
// creator or an admin), then opens the modal.
func (b *feature) openPromote(ctx context.Context, r *bot.Request, rb store.RetroBoard, source string) error {
	u := r.User
	if !retro.CanManage(rb.Board, r.UserID, u.Profile.IsAdmin) {
		return retroError(retro.ErrNotFacilitator, failure{board: rb.Board, do: "retro.do.promote"})
	}
	if rb.Phase.HidesCards() && len(rb.Actions) == 0 {
		return retroError(retro.ErrWrongPhase, failure{board: rb.Board})
	}
	b.openModal(ctx, r, promoteModal(r.Lang, rb, source))
	return nil
}

// promoteSubmit adds the chosen card or action to the book of standards,
// once per source, and says so in the board's thread.
func (b *feature) promoteSubmit(ctx context.Context, r *bot.Request) error {
	m, u, v, ok := b.retroSubmission(ctx, r)
	if !ok || r.WithoutState(ctx, r.Lang) {
		return nil
	}
	source := v[blockSource][blockSource].SelectedOption.Value
	title := v[blockTitle][blockTitle].Value
	fail := func(block string, err error, rb store.RetroBoard) {
		b.ackFieldError(r, block, retroError(err, failure{board: rb.Board, do: "retro.do.promote"}))
	}
	if source == "" {
		b.ackFieldError(r, blockTitle, bot.Refuse("retro.err.card_gone"))
		return nil
	}
	rb, err := b.Store.Board(ctx, r.TeamID, m.Board)
	if err != nil {
		b.submitFailed(ctx, r, blockSource, m.Board, fmt.Errorf("load board %s: %w", m.Board, err))
		return nil
	}
	if !retro.CanManage(rb.Board, r.UserID, u.Profile.IsAdmin) {
		fail(blockSource, retro.ErrNotFacilitator, rb)
		return nil
	}
	id, err := b.Store.NextStandardID(ctx, r.TeamID)
	if err != nil {
		b.submitFailed(ctx, r, blockSource, m.Board, fmt.Errorf("next standard id: %w", err))
		return nil
	}
	std, err := b.standardFrom(rb, source, id, r.UserID, title)
	if err != nil {
		block := blockSource
		if errors.Is(err, retro.ErrEmptyTitle) || errors.Is(err, retro.ErrTitleTooLong) {
			block = blockTitle
		}
		fail(block, err, rb)
		return nil
	}
	if err := b.Store.Promote(ctx, r.TeamID, rb.ID, source, std); err != nil {
		b.submitFailed(ctx, r, blockSource, m.Board, fmt.Errorf("promote %s of %s: %w", source, rb.ID, err))
		return nil
	}
	r.Ack(nil)
	note := bot.T(rb.Lang, "retro.promoted_note", r.UserID, bot.Escape(std.Title))
	if _, _, err := b.API.PostMessageContext(ctx, rb.ChannelID, slack.MsgOptionText(note, false), slack.MsgOptionTS(rb.MessageTS)); err != nil {
		b.Log.Warn("cannot announce a new standard", "standard", std.ID, "err", err)
	}
	return nil
}

// standardFrom builds the standard promoted from source ("card:<id>" or
// "action:<id>").
func (b *feature) standardFrom(rb store.RetroBoard, source, id, user, title string) (retro.Standard, error) {
	kind, ref, _ := strings.Cut(source, ":")
	now := b.Now()
	if kind == "card" {
		return rb.Promote(ref, id, user, title, now)
	}
	for _, a := range rb.Actions {
		if a.ID != ref {
			continue
		}
		if strings.TrimSpace(title) == "" {
			title = cutChars(oneLine(a.Text), retro.MaxStandardTitleLen)
		}
		return retro.NewStandard(retro.StandardInput{ID: id, TeamID: rb.TeamID, Title: title, Text: a.Text, CreatedBy: user, FromBoard: rb.ID}, now)
	}
	return retro.Standard{}, retro.ErrActionNotFound
}

// standardsCommand answers "/cto standards [words]" and "/retro standards
// [words]": the book of standards, searched.
func (b *feature) standardsCommand(ctx context.Context, r *bot.Request) error {
	list, err := b.Store.Standards(ctx, r.TeamID)
	if err != nil {
		return bot.Unavailable("verb.standards", fmt.Errorf("list standards: %w", err))
	}
	r.Answer(ctx, standardsReply(r.Lang, list, strings.TrimSpace(r.Args)))
	return nil
}

func standardsReply(lang string, list []retro.Standard, query string) bot.Reply {
	if len(retro.SearchStandards(list, "")) == 0 {
		return bot.Reply{Text: bot.T(lang, "std.empty")}
	}
	found := retro.SearchStandards(list, query)
	q := bot.Escape(cutChars(query, 60))
	if len(found) == 0 {
		return bot.Reply{Text: bot.T(lang, "std.none", q)}
	}
	title := bot.T(lang, "std.title", len(found))
	if query != "" {
		title = bot.T(lang, "std.title_q", len(found), q)
	}
	blocks := []slack.Block{bot.Markdown("title", title)}
	for i, s := range found {
		if i == maxStandardsShown {
			blocks = append(blocks, slack.NewContextBlock("more", mrkdwn(bot.T(lang, "std.more", len(found)-i))))
			break
		}
		text := "*" + escapeCut(s.Title, retro.MaxStandardTitleLen*5) + "*"
		if s.Text != "" && s.Text != s.Title {
			text += "\n" + escapeCut(s.Text, standardTextChars)
		}
		menu := slack.NewOverflowBlockElement("retro.std:"+s.ID,
			slack.NewOptionBlockObject("edit|"+s.ID, bot.PlainText(bot.T(lang, "retro.btn.edit")), nil),
			slack.NewOptionBlockObject("retire|"+s.ID, bot.PlainText(bot.T(lang, "retro.btn.retire")), nil))
		blocks = append(blocks,
			slack.NewSectionBlock(mrkdwn(text), nil, slack.NewAccessory(menu), slack.SectionBlockOptionBlockID("std:"+s.ID)),
			slack.NewContextBlock("o:"+s.ID, mrkdwn(standardOrigin(lang, s))))
	}
	return bot.Reply{Text: title, Blocks: blocks}
}

// standardOrigin says where a standard comes from, when and who promoted it.
func standardOrigin(lang string, s retro.Standard) string {
	date := s.CreatedAt.Format(retro.DateLayout)
	if s.FromBoard == "" {
		return bot.T(lang, "std.origin_bare", date, s.CreatedBy)
	}
	ch := boardChannel(s.FromBoard)
	n := strings.TrimPrefix(s.FromBoard, ch+"-")
	return bot.T(lang, "std.origin", n, ch, date, s.CreatedBy)
}

// standardMenu is a standard's overflow: edit (modal) or retire, for its
// promoter or an admin.
func (b *feature) standardMenu(ctx context.Context, r *bot.Request) error {
	u := r.User
	what, id, _ := strings.Cut(r.Action.SelectedOption.Value, "|")
	std, err := b.Store.Standard(ctx, r.TeamID, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return bot.Refuse("retro.err.card_gone")
	case err != nil:
		return bot.Unavailable("verb.standards", fmt.Errorf("load standard %s: %w", id, err))
	case !retro.CanEditStandard(std, r.UserID, u.Profile.IsAdmin):
		return retroError(retro.ErrNotPromoter, failure{})
	}
	if what == "edit" {
		b.openModal(ctx, r, standardModal(r.Lang, std))
		return nil
	}
	got, err := b.Store.UpdateStandard(ctx, r.TeamID, id, func(s retro.Standard) (retro.Standard, error) {
		return retro.RetireStandard(s, r.UserID, u.Profile.IsAdmin, true)
	})
	if err != nil {
		return retroError(fmt.Errorf("retire standard %s: %w", id, err), failure{})
	}
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "std.retired", bot.Escape(got.Title))})
	return nil
}

// standardSubmit saves an edited standard.
func (b *feature) standardSubmit(ctx context.Context, r *bot.Request) error {
	m, u, v, ok := b.retroSubmission(ctx, r)
	if !ok || r.WithoutState(ctx, r.Lang) {
		return nil
	}
	title, text := v[blockTitle][blockTitle].Value, v[blockText][blockText].Value
	_, err := b.Store.UpdateStandard(ctx, r.TeamID, m.Std, func(s retro.Standard) (retro.Standard, error) {
		return retro.EditStandard(s, r.UserID, u.Profile.IsAdmin, title, text)
	})
	if err != nil {
		block := blockTitle
		if errors.Is(err, retro.ErrStandardTooLong) {
			block = blockText
		}
		b.ackFieldError(r, block, retroError(fmt.Errorf("edit standard %s: %w", m.Std, err), failure{verb: "verb.standards"}))
		return nil
	}
	r.Ack(nil)
	return nil
}
