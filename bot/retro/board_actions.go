package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// addActionButton opens the action modal.
func (b *feature) addActionButton(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	return b.openActionModal(ctx, r, rb, "")
}

func (b *feature) openActionModal(ctx context.Context, r *bot.Request, rb store.RetroBoard, fromCard string) error {
	if !rb.Phase.AcceptsActions() {
		return bot.Refuse("retro.no_actions_phase", phaseArg(rb.Phase))
	}
	b.openModal(ctx, r, actionModal(r.Lang, rb, fromCard))
	return nil
}

// cardMenu is a card's overflow menu while agreeing actions: promote the
// card, or write an action from it.
func (b *feature) cardMenu(ctx context.Context, r *bot.Request) error {
	what, boardID, _ := strings.Cut(r.Action.SelectedOption.Value, "|")
	rb, err := b.actionBoard(ctx, r, boardID)
	if err != nil {
		return err
	}
	cardID := actionSuffix(r)
	if what == "action" {
		return b.openActionModal(ctx, r, rb, cardID)
	}
	return b.openPromote(ctx, r, rb, "card:"+cardID)
}

// addActionSubmit stores an action (due dates are checked against today in
// the submitter's time zone) and tells its owner by DM.
func (b *feature) addActionSubmit(ctx context.Context, r *bot.Request) error {
	m, u, v, ok := b.retroSubmission(ctx, r)
	if !ok {
		return nil
	}
	in := retro.ActionInput{
		Text: v[blockText][blockText].Value, Owner: v[blockOwner][blockOwner].SelectedUser,
		Due: v[blockDue][blockDue].SelectedDate, FromCard: m.Card,
	}
	errs := map[string]string{}
	if msg := cardTextError(r.Lang, in.Text, retro.MaxActionLen); msg != "" {
		errs[blockText] = msg
	}
	if in.Owner == "" {
		errs[blockOwner] = bot.T(r.Lang, "retro.err.no_owner")
	}
	if len(errs) > 0 {
		r.Ack(slack.NewErrorsViewSubmissionResponse(errs))
		return nil
	}
	loc, err := time.LoadLocation(u.TZ)
	if err != nil {
		loc = time.UTC
	}
	a, err := b.Store.AddAction(ctx, r.TeamID, m.Board, in, r.Callback.View.ID, b.Now().In(loc))
	switch {
	case errors.Is(err, store.ErrDuplicate):
		r.Ack(nil)
		return nil
	case err != nil:
		block := blockText
		if errors.Is(err, retro.ErrBadDue) || errors.Is(err, retro.ErrDueInPast) {
			block = blockDue
		}
		b.submitFailed(ctx, r, block, m.Board, fmt.Errorf("add an action to %s: %w", m.Board, err))
		return nil
	}
	r.Ack(nil)
	b.changed(ctx, r.TeamID, m.Board)
	b.tellOwner(ctx, r.TeamID, r.UserID, boardChannel(m.Board), a)
	return nil
}

// tellOwner DMs an action's owner, in their language.
func (b *feature) tellOwner(ctx context.Context, team, by, channel string, a retro.Action) {
	lang := b.Profiles.Get(ctx, team, a.Owner).Lang
	due := ""
	if a.Due != "" {
		due = bot.T(lang, "retro.action_dm_due", a.Due)
	}
	text := bot.T(lang, "retro.action_dm", by, channel, bot.Escape(a.Text), due)
	if _, _, err := b.API.PostMessageContext(ctx, a.Owner, slack.MsgOptionText(text, false)); err != nil {
		b.Log.Warn("cannot tell an action's owner", "action", a.ID, "err", err)
	}
}

// boardChannel is the channel of a board id ("<channel>-<n>", see
// store.NextBoardID).
func boardChannel(boardID string) string {
	if i := strings.LastIndexByte(boardID, '-'); i > 0 {
		return boardID[:i]
	}
	return boardID
}

// prevButton opens the review of the actions carried over.
func (b *feature) prevButton(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	b.openModal(ctx, r, prevModal(r.Lang, rb))
	return nil
}

// prevStatusButton marks a carried-over action done or still open (its
// owner or a board manager may) and refreshes the modal and the board.
func (b *feature) prevStatusButton(ctx context.Context, r *bot.Request) error {
	u := r.User
	boardID := r.Action.Value
	r.ChannelID = boardChannel(boardID) // modal actions answer in the board's channel
	status := retro.ActionOpen
	if strings.HasPrefix(r.Action.ActionID, "retro.prev_done") {
		status = retro.ActionDone
	}
	if _, err := b.Store.SetActionStatus(ctx, r.TeamID, boardID, actionSuffix(r), status, r.UserID, u.Profile.IsAdmin, b.Now()); err != nil {
		rb, _ := b.Store.Board(ctx, r.TeamID, boardID)
		return retroError(fmt.Errorf("set action status on %s: %w", boardID, err), failure{board: rb.Board})
	}
	b.changed(ctx, r.TeamID, boardID)
	rb, err := b.Store.Board(ctx, r.TeamID, boardID)
	if err != nil {
		b.Log.Warn("cannot reload a board after an action change", "board", boardID, "err", err)
		return nil
	}
	view := r.Callback.View
	// The user is told by the core when Slack refuses.
	_ = r.UpdateView(ctx, prevModal(r.Lang, rb), view.Hash, view.ID)
	return nil
}

// viewAllButton opens the paged modal of a zone's cards.
func (b *feature) viewAllButton(ctx context.Context, r *bot.Request) error {
	rb, err := b.actionBoard(ctx, r, r.Action.Value)
	if err != nil {
		return err
	}
	b.openModal(ctx, r, allCardsModal(r.Lang, rb, actionSuffix(r), 0))
	return nil
}

// pageButton turns a page of the "View all" modal.
func (b *feature) pageButton(ctx context.Context, r *bot.Request) error {
	m := viewMeta(r)
	if m.Lang != "" {
		r.Lang = m.Lang
	}
	r.ChannelID = boardChannel(m.Board)
	rb, err := b.actionBoard(ctx, r, m.Board)
	if err != nil {
		return err
	}
	page, err := strconv.Atoi(r.Action.Value)
	if err != nil {
		page = m.Page
	}
	view := r.Callback.View
	// The user is told by the core when Slack refuses.
	_ = r.UpdateView(ctx, allCardsModal(r.Lang, rb, m.Zone, page), view.Hash, view.ID)
	return nil
}
