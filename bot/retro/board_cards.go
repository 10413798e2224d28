package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// maxMineShown bounds the cards listed by "My cards" (two blocks each).
const maxMineShown = 20

// addCardButton opens the add-card modal.
func (b *feature) addCardButton(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	if !rb.Phase.AcceptsCards() {
		return bot.Refuse("retro.no_cards_phase", phaseArg(rb.Phase))
	}
	b.openModal(ctx, r, addCardModal(r.Lang, rb, "", ""))
	return nil
}

// addToRetroShortcut turns a message into a card of the channel's open
// board: the modal opens with the message's text, to pick a zone.
func (b *feature) addToRetroShortcut(ctx context.Context, r *bot.Request) error {
	rb, err := b.Store.OpenBoard(ctx, r.TeamID, r.ChannelID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return bot.Refuse("retro.no_board")
	case err != nil:
		return bot.Unavailable("verb.retro_read", fmt.Errorf("open board of %s: %w", r.ChannelID, err))
	case !rb.Phase.AcceptsCards():
		return bot.Refuse("retro.no_cards_phase", phaseArg(rb.Phase))
	}
	text := strings.TrimSpace(r.Callback.Message.Text)
	if text == "" {
		return bot.Refuse("retro.shortcut_empty")
	}
	b.openModal(ctx, r, addCardModal(r.Lang, rb, "", text))
	return nil
}

// cardText checks a submitted text before any I/O, for the modal's errors.
func cardTextError(lang, text string, max int) string {
	t := strings.TrimSpace(text)
	if t == "" {
		return bot.T(lang, "retro.err.empty")
	}
	if n := utf8.RuneCountInString(t); n > max {
		return bot.T(lang, "retro.err.too_long", n, max)
	}
	return ""
}

// addCardSubmit stores a card. The view id de-duplicates a modal submitted
// twice. For an anonymous card the user id is passed nowhere and logged
// nowhere: the store receives no author at all.
func (b *feature) addCardSubmit(ctx context.Context, r *bot.Request) error {
	if r.Callback.Type != slack.InteractionTypeViewSubmission {
		return nil
	}
	m := viewMeta(r)
	lang := m.Lang
	if lang == "" {
		lang = b.langFor(r)
	}
	r.Lang = lang
	if r.WithoutState(ctx, lang) {
		return nil
	}
	v := viewValues(r)
	zone := v[blockZone][blockZone].SelectedOption.Value
	text := submittedCardText(v)
	anonymous := slices.ContainsFunc(v[blockAnon][blockAnon].SelectedOptions, func(o slack.OptionBlockObject) bool { return o.Value == optAnonymous })
	errs := map[string]string{}
	if zone == "" {
		errs[blockZone] = bot.T(lang, "retro.err.zone")
	}
	if msg := cardTextError(lang, text, retro.MaxCardLen); msg != "" {
		errs[blockText] = msg
	}
	if len(errs) > 0 {
		r.Ack(slack.NewErrorsViewSubmissionResponse(errs))
		return nil
	}
	in := retro.CardInput{Zone: zone, Text: text, Anonymous: anonymous}
	if !anonymous {
		in.Author = r.UserID
	}
	_, err := b.Store.AddCard(ctx, r.TeamID, m.Board, in, cardOnce(r.Callback.View.ID, m.N), b.Now())
	if err != nil && !errors.Is(err, store.ErrDuplicate) {
		// The card's author is in no error text and no log line (an
		// anonymous card names nobody).
		b.submitFailed(ctx, r, blockText, m.Board, fmt.Errorf("add a card to %s: %w", m.Board, err))
		return nil
	}
	b.ackCardAdded(ctx, r, m, lang, zone, anonymous, wantsAnother(v))
	if err == nil {
		b.changed(ctx, r.TeamID, m.Board)
	}
	return nil
}

// submitFailed answers a failed submission on the modal's block (the
// field the user is typing in), with the text of retroError (the board is
// read for the facilitator and phase a refusal names).
func (b *feature) submitFailed(ctx context.Context, r *bot.Request, block, boardID string, err error) {
	var rb store.RetroBoard
	if boardID != "" && isRuleError(err) {
		rb, _ = b.Store.Board(ctx, r.TeamID, boardID)
	}
	b.ackFieldError(r, block, retroError(err, failure{board: rb.Board}))
}

// ackFieldError shows err, as bot.ErrorText renders it, on the modal's
// block; what is not a refusal is logged.
func (b *feature) ackFieldError(r *bot.Request, block string, err error) {
	if !bot.IsRefusal(err) {
		b.Log.Warn("retro submission not saved", "err", err)
	}
	r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{block: bot.ErrorText(r.Lang, err)}))
}

// myCards lists the user's signed cards with Edit and Delete, while the
// board collects. Anonymous cards cannot be listed: nothing links them to
// anyone.
func (b *feature) myCards(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	r.Answer(ctx, myCardsReply(r.Lang, rb, r.UserID, false))
	return nil
}

func myCardsReply(lang string, rb store.RetroBoard, user string, replace bool) bot.Reply {
	if rb.Phase != retro.PhaseCollect {
		return bot.Reply{Text: bot.T(lang, "retro.mine_locked"), Replace: replace}
	}
	var mine []retro.Card
	for _, c := range rb.Cards {
		if retro.CanChangeCard(rb.Board, c, user) {
			mine = append(mine, c)
		}
	}
	if len(mine) == 0 {
		return bot.Reply{Text: bot.T(lang, "retro.mine_none"), Replace: replace}
	}
	title := bot.T(lang, "retro.mine_title", rb.Number)
	blocks := []slack.Block{bot.Markdown("mine", title)}
	for i, c := range mine {
		if i == maxMineShown {
			blocks = append(blocks, slack.NewContextBlock("more", mrkdwn(bot.T(lang, "retro.more", len(mine)-i))))
			break
		}
		z, _ := rb.Format.Zone(c.Zone)
		blocks = append(blocks, bot.Markdown("c:"+c.ID, z.Emoji+" "+escapeCut(c.Text, modalCardChars)))
		del := slack.NewButtonBlockElement("retro.my_del:"+c.ID, rb.ID, bot.PlainText(bot.T(lang, "retro.btn.delete")))
		del.Style = slack.StyleDanger
		blocks = append(blocks, slack.NewActionBlock("a:"+c.ID,
			slack.NewButtonBlockElement("retro.my_edit:"+c.ID, rb.ID, bot.PlainText(bot.T(lang, "retro.btn.edit"))), del))
	}
	return bot.Reply{Text: title, Blocks: blocks, Replace: replace}
}

// myCardEdit opens the edit modal of one of the user's cards.
func (b *feature) myCardEdit(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	c, i := rb.Card(actionSuffix(r))
	switch {
	case i < 0:
		return bot.Refuse("retro.err.card_gone")
	case rb.Phase != retro.PhaseCollect:
		return bot.Refuse("retro.mine_locked")
	case !retro.CanChangeCard(rb.Board, c, r.UserID):
		return bot.Refuse("retro.err.not_author")
	}
	b.openModal(ctx, r, editCardModal(r.Lang, rb, c))
	return nil
}

// editCardSubmit saves a card's new text (the store re-checks the author
// and the phase).
func (b *feature) editCardSubmit(ctx context.Context, r *bot.Request) error {
	if r.Callback.Type != slack.InteractionTypeViewSubmission {
		return nil
	}
	m := viewMeta(r)
	if r.Lang = m.Lang; r.Lang == "" {
		r.Lang = b.langFor(r)
	}
	if r.WithoutState(ctx, r.Lang) {
		return nil
	}
	text := viewValues(r)[blockText][blockText].Value
	if msg := cardTextError(r.Lang, text, retro.MaxCardLen); msg != "" {
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{blockText: msg}))
		return nil
	}
	if err := b.Store.EditCard(ctx, r.TeamID, m.Board, m.Card, r.UserID, text); err != nil {
		b.submitFailed(ctx, r, blockText, m.Board, fmt.Errorf("edit card %s of %s: %w", m.Card, m.Board, err))
		return nil
	}
	r.Ack(nil)
	return nil
}

// myCardDelete deletes one of the user's cards and refreshes the list.
func (b *feature) myCardDelete(ctx context.Context, r *bot.Request) error {
	boardID := r.Action.Value
	if err := b.Store.DeleteCard(ctx, r.TeamID, boardID, actionSuffix(r), r.UserID); err != nil {
		rb, _ := b.Store.Board(ctx, r.TeamID, boardID)
		return retroError(fmt.Errorf("delete a card of %s: %w", boardID, err), failure{board: rb.Board})
	}
	b.changed(ctx, r.TeamID, boardID)
	rb, err := b.actionBoard(ctx, r, boardID)
	if err != nil {
		return err
	}
	rp := myCardsReply(r.Lang, rb, r.UserID, true)
	if len(rp.Blocks) == 0 {
		rp.Text = bot.T(r.Lang, "retro.card_deleted") + " " + rp.Text
	}
	r.Answer(ctx, rp)
	return nil
}
