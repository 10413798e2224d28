package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// addActionButton opens the action modal.
func (b *feature) addActionButton(ctx context.Context, r *bot.Request) {
	rb, ok := b.actionBoard(ctx, r, r.Action.Value)
	if !ok {
		return
	}
	b.openActionModal(ctx, r, rb, "")
}

func (b *feature) openActionModal(ctx context.Context, r *bot.Request, rb store.RetroBoard, fromCard string) {
	if !rb.Phase.AcceptsActions() {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.no_actions_phase", phaseLabel(r.Lang, rb.Phase))})
		return
	}
	b.openModal(ctx, r, actionModal(r.Lang, rb, fromCard))
}

// cardMenu is a card's overflow menu while agreeing actions: promote the
// card, or write an action from it.
func (b *feature) cardMenu(ctx context.Context, r *bot.Request) {
	what, boardID, _ := strings.Cut(r.Action.SelectedOption.Value, "|")
	rb, ok := b.actionBoard(ctx, r, boardID)
	if !ok {
		return
	}
	cardID := actionSuffix(r)
	if what == "action" {
		b.openActionModal(ctx, r, rb, cardID)
		return
	}
	b.openPromote(ctx, r, rb, "card:"+cardID)
}

// addActionSubmit stores an action (due dates are checked against today in
// the submitter's time zone) and tells its owner by DM.
func (b *feature) addActionSubmit(ctx context.Context, r *bot.Request) {
	m, u, v, ok := b.retroSubmission(ctx, r)
	if !ok {
		return
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
		return
	}
	loc, err := time.LoadLocation(u.TZ)
	if err != nil {
		loc = time.UTC
	}
	a, err := b.Store.AddAction(ctx, r.TeamID, m.Board, in, r.Callback.View.ID, b.Now().In(loc))
	switch {
	case errors.Is(err, store.ErrDuplicate):
		r.Ack(nil)
		return
	case errors.Is(err, retro.ErrBadDue), errors.Is(err, retro.ErrDueInPast):
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{blockDue: bot.T(r.Lang, "retro.err.due")}))
		return
	case err != nil:
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{blockText: b.submitErrText(ctx, r, m.Board, err)}))
		return
	}
	r.Ack(nil)
	b.changed(ctx, r.TeamID, m.Board)
	b.tellOwner(ctx, r.TeamID, r.UserID, boardChannel(m.Board), a)
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
func (b *feature) prevButton(ctx context.Context, r *bot.Request) {
	rb, ok := b.actionBoard(ctx, r, r.Action.Value)
	if !ok {
		return
	}
	b.openModal(ctx, r, prevModal(r.Lang, rb))
}

// prevStatusButton marks a carried-over action done or still open (its
// owner or a board manager may) and refreshes the modal and the board.
func (b *feature) prevStatusButton(ctx context.Context, r *bot.Request) {
	u := r.User
	boardID := r.Action.Value
	r.ChannelID = boardChannel(boardID) // modal actions answer in the board's channel
	status := retro.ActionOpen
	if strings.HasPrefix(r.Action.ActionID, "retro.prev_done") {
		status = retro.ActionDone
	}
	if _, err := b.Store.SetActionStatus(ctx, r.TeamID, boardID, actionSuffix(r), status, r.UserID, u.Profile.IsAdmin, b.Now()); err != nil {
		rb, _ := b.Store.Board(ctx, r.TeamID, boardID)
		b.retroFail(ctx, r, rb, "", err)
		return
	}
	b.changed(ctx, r.TeamID, boardID)
	rb, err := b.Store.Board(ctx, r.TeamID, boardID)
	if err != nil {
		b.Log.Warn("cannot reload a board after an action change", "board", boardID, "err", err)
		return
	}
	view := r.Callback.View
	// The user is told by the core when Slack refuses.
	_ = r.UpdateView(ctx, prevModal(r.Lang, rb), view.Hash, view.ID)
}

// viewAllButton opens the paged modal of a zone's cards.
func (b *feature) viewAllButton(ctx context.Context, r *bot.Request) {
	rb, ok := b.actionBoard(ctx, r, r.Action.Value)
	if !ok {
		return
	}
	b.openModal(ctx, r, allCardsModal(r.Lang, rb, actionSuffix(r), 0))
}

// pageButton turns a page of the "View all" modal.
func (b *feature) pageButton(ctx context.Context, r *bot.Request) {
	m := viewMeta(r)
	if m.Lang != "" {
		r.Lang = m.Lang
	}
	r.ChannelID = boardChannel(m.Board)
	rb, ok := b.actionBoard(ctx, r, m.Board)
	if !ok {
		return
	}
	page, err := strconv.Atoi(r.Action.Value)
	if err != nil {
		page = m.Page
	}
	view := r.Callback.View
	// The user is told by the core when Slack refuses.
	_ = r.UpdateView(ctx, allCardsModal(r.Lang, rb, m.Zone, page), view.Hash, view.ID)
}
