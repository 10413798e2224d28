package retrobot

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// RetroDeps are what the retro surfaces need: the updater that keeps board
// messages in step (nil turns the retro surfaces off), the planner of
// recurring retros (nil turns /retro schedule off) and the Block Kit
// limits boards are laid out in (Slack's when zero).
type RetroDeps struct {
	Updates *BoardUpdater
	Planner RetroPlanner
	Limits  retro.Limits
}

// Callback ids and block ids of the retro modals and shortcut.
const (
	viewAddCard     = "retro.add_card"
	viewEditCard    = "retro.edit_card"
	viewAddAction   = "retro.add_action"
	viewPromote     = "retro.promote"
	viewAllCards    = "retro.all"
	viewPrevActions = "retro.prev"
	viewStandard    = "retro.std_edit"
	shortcutAddCard = "add_to_retro"
	blockZone       = "zone"
	blockText       = "text"
	blockAnon       = "anon"
	blockOwner      = "owner"
	blockDue        = "due"
	blockSource     = "source"
	blockTitle      = "title"
	optAnonymous    = "anonymous"
)

func (b *feature) retroOn() bool { return b.Updates != nil }

func (b *feature) registerRetro(r *bot.Router) {
	r.Command("/retro", legacy(b.retroCommand))
	r.HomeSection(20, "retro-actions", func(ctx context.Context, team, user, lang string) ([]slack.Block, error) {
		return b.actionsHomeBlocks(ctx, team, user, lang), nil
	})
	r.Subcommand("standards", legacy(b.standardsCommand))
	r.Action("retro."+string(retro.ButtonAddCard), legacy(b.addCardButton))
	r.Action("retro."+string(retro.ButtonReveal), legacy(b.phaseButton))
	r.Action("retro."+string(retro.ButtonStartVote), legacy(b.phaseButton))
	r.Action("retro."+string(retro.ButtonStartActions), legacy(b.phaseButton))
	r.Action("retro."+string(retro.ButtonClose), legacy(b.phaseButton))
	r.Action("retro."+string(retro.ButtonAddAction), legacy(b.addActionButton))
	r.Action("retro."+string(retro.ButtonExport), legacy(b.exportButton))
	r.Action("retro.mine", legacy(b.myCards))
	r.Action("retro.my_edit", legacy(b.myCardEdit))
	r.Action("retro.my_del", legacy(b.myCardDelete))
	r.Action("retro.vote", legacy(b.voteButton))
	r.Action("retro.unvote", legacy(b.voteButton))
	r.Action("retro.all", legacy(b.viewAllButton))
	r.Action("retro.page", legacy(b.pageButton))
	r.Action("retro.prev", legacy(b.prevButton))
	r.Action("retro.prev_done", legacy(b.prevStatusButton))
	r.Action("retro.prev_open", legacy(b.prevStatusButton))
	r.Action("retro.promote", legacy(b.promoteButton))
	r.Action("retro.promote_card", legacy(b.promoteButton))
	r.Action("retro.card", legacy(b.cardMenu))
	r.Action("retro.std", legacy(b.standardMenu))
	r.View(viewAddCard, legacy(b.addCardSubmit))
	r.View(viewEditCard, legacy(b.editCardSubmit))
	r.View(viewAddAction, legacy(b.addActionSubmit))
	r.View(viewPromote, legacy(b.promoteSubmit))
	r.View(viewStandard, legacy(b.standardSubmit))
	r.Shortcut(shortcutAddCard, legacy(b.addToRetroShortcut))
}

// retroCommand routes "/retro <subcommand> …".
func (b *feature) retroCommand(ctx context.Context, r *bot.Request) {
	text := r.Command.Text
	if n := utf8.RuneCountInString(text); n > bot.MaxCommandText {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "error.too_long", n, bot.MaxCommandText)})
		return
	}
	name, rest := bot.SplitSubcommand(text)
	r.Args = rest
	switch name {
	case "start", "new", "open", "nouvelle", "ouvrir", "lancer", "démarrer", "demarrer":
		b.retroStart(ctx, r)
	case "formats", "format":
		b.retroFormats(ctx, r)
	case "standards", "standard":
		b.standardsCommand(ctx, r)
	case "schedule", "planning", "planifier", "recurring":
		b.retroSchedule(ctx, r)
	default:
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.help")})
	}
}

// retroFormats lists the formats with their zones.
func (b *feature) retroFormats(ctx context.Context, r *bot.Request) {
	lines := []string{bot.T(r.Lang, "retro.formats_title")}
	for _, f := range retro.Formats() {
		var zones []string
		for _, z := range f.Zones {
			zones = append(zones, z.Emoji+" "+z.Label(r.Lang))
		}
		lines = append(lines, fmt.Sprintf("• *%s* (`%s`) — %s", f.Title(r.Lang), f.ID, strings.Join(zones, " · ")))
	}
	lines = append(lines, bot.T(r.Lang, "retro.formats_custom"))
	r.Answer(ctx, bot.Reply{Text: strings.Join(lines, "\n")})
}

var (
	votesArgRe  = regexp.MustCompile(`(?i)\bvotes?\s*[=:]\s*(\S+)`)
	quotedArgRe = regexp.MustCompile(`"([^"]*)"|“([^”]*)”|«([^»]*)»`)
)

// parseStartArgs reads "/retro start [format] [votes=N]", custom columns
// written as quoted names ("custom \"A\" \"B\"") or as retro.ParseFormat
// reads them.
func parseStartArgs(lang, args string) (retro.Format, int, string) {
	votes := 0
	if m := votesArgRe.FindStringSubmatch(args); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n < retro.MinVoteBudget || n > retro.MaxVoteBudget {
			return retro.Format{}, 0, bot.T(lang, "retro.bad_votes", retro.MinVoteBudget, retro.MaxVoteBudget)
		}
		votes = n
		args = strings.Replace(args, m[0], " ", 1)
	}
	args = strings.TrimSpace(args)
	if quoted := quotedArgRe.FindAllStringSubmatch(args, -1); len(quoted) > 0 {
		var names []string
		for _, q := range quoted {
			names = append(names, q[1]+q[2]+q[3])
		}
		f, err := retro.CustomFormat(names)
		if err != nil {
			return retro.Format{}, 0, bot.T(lang, "retro.bad_columns", retro.MaxColumnLen)
		}
		return f, votes, ""
	}
	if args == "" {
		f, _ := retro.FormatByID(retro.DefaultFormatID)
		return f, votes, ""
	}
	f, err := retro.ParseFormat(args)
	switch {
	case errors.Is(err, retro.ErrCustomColumns) || errors.Is(err, retro.ErrColumnName):
		return retro.Format{}, 0, bot.T(lang, "retro.bad_columns", retro.MaxColumnLen)
	case err != nil:
		return retro.Format{}, 0, bot.T(lang, "retro.bad_format", bot.Escape(cutChars(args, 60)))
	}
	return f, votes, ""
}

// retroStart answers "/retro start …": one open board per channel.
func (b *feature) retroStart(ctx context.Context, r *bot.Request) {
	u := r.User
	if r.ChannelID == "" || strings.HasPrefix(r.ChannelID, "D") {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.no_channel")})
		return
	}
	f, votes, problem := parseStartArgs(r.Lang, r.Args)
	if problem != "" {
		r.Answer(ctx, bot.Reply{Text: problem})
		return
	}
	r.Ack(nil)
	rb, err := b.openBoard(ctx, r.TeamID, r.ChannelID, r.UserID, "", f, votes, u.Lang)
	var posted *postError
	switch {
	case errors.As(err, &posted):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.post_failed", posted.code)})
	case errors.Is(err, store.ErrBoardOpen):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.already_open", rb.Number)})
	case err != nil && store.IsUnavailable(err):
		b.unavailable(ctx, r, "verb.retro_start", err)
	case err != nil:
		b.Log.Error("cannot start a retro", "channel", r.ChannelID, "err", err)
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "error.apology")})
	default:
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.started", rb.Number)})
	}
}

// postError is a board that could not be posted in its channel.
type postError struct {
	code string
	err  error
}

func (e *postError) Error() string { return "post board: " + e.err.Error() }
func (e *postError) Unwrap() error { return e.err }

// openBoard creates the channel's board (carrying over the open actions of
// the last one) and posts its message. When a board is open already it
// returns that board with store.ErrBoardOpen, re-posting its message if it
// never made it to the channel.
func (b *feature) openBoard(ctx context.Context, team, channel, creator, facilitator string, f retro.Format, votes int, lang string) (store.RetroBoard, error) {
	if open, err := b.Store.OpenBoard(ctx, team, channel); err == nil {
		if open.MessageTS == "" {
			err = b.postBoard(ctx, open)
		}
		return open, errors.Join(store.ErrBoardOpen, err)
	} else if !errors.Is(err, store.ErrNotFound) {
		return store.RetroBoard{}, err
	}
	var carried []retro.Action
	if last, err := b.Store.LastBoard(ctx, team, channel); err == nil {
		carried = retro.CarryOver(last.Board)
	} else if !errors.Is(err, store.ErrNotFound) {
		return store.RetroBoard{}, err
	}
	id, n, err := b.Store.NextBoardID(ctx, team, channel)
	if err != nil {
		return store.RetroBoard{}, err
	}
	board, err := retro.NewBoard(retro.BoardParams{ID: id, TeamID: team, ChannelID: channel, Format: f,
		CreatedBy: creator, Facilitator: facilitator, VoteBudget: votes, Number: n, PreviousActions: carried}, b.Now())
	if err != nil {
		return store.RetroBoard{}, err
	}
	rb := store.RetroBoard{Board: board, Lang: retro.NormLang(lang)}
	if openID, err := b.Store.CreateBoard(ctx, rb); errors.Is(err, store.ErrBoardOpen) {
		open, lerr := b.Store.Board(ctx, team, openID)
		return open, errors.Join(err, lerr)
	} else if err != nil {
		return store.RetroBoard{}, err
	}
	if err := b.postBoard(ctx, rb); err != nil {
		// Free the channel: a board nobody can see is of no use.
		if cerr := b.Store.SetPhase(ctx, team, id, retro.PhaseCollect, retro.PhaseClosed, b.Now()); cerr != nil {
			b.Log.Warn("cannot close an unposted board", "board", id, "err", cerr)
		}
		return rb, err
	}
	return rb, nil
}

// postBoard posts the board's message and records its timestamp.
func (b *feature) postBoard(ctx context.Context, rb store.RetroBoard) error {
	text, blocks := renderBoard(rb, b.Limits)
	_, ts, err := b.API.PostMessageContext(ctx, rb.ChannelID, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
	if err != nil {
		code := err.Error()
		var se slack.SlackErrorResponse
		if errors.As(err, &se) {
			code = se.Err
		}
		return &postError{code: code, err: err}
	}
	if err := b.Store.SetBoardMessage(ctx, rb.TeamID, rb.ID, ts); err != nil {
		return fmt.Errorf("bot: record board %s message: %w", rb.ID, err)
	}
	if err := b.Updates.ShowIfBehind(ctx, rb.TeamID, rb.ID); err != nil {
		b.Log.Warn("cannot check a new board for early changes", "board", rb.ID, "err", err)
	}
	return nil
}

// changed marks the board dirty so its message is updated soon.
func (b *feature) changed(ctx context.Context, team, boardID string) {
	if err := b.Updates.MarkDirty(ctx, team, boardID); err != nil {
		b.Log.Warn("cannot mark a board for update", "board", boardID, "err", err)
	}
}

// actionBoard loads the board named by a button's value (or, with
// fromPrefix, the part of the value before "|"), answering the user when it
// cannot.
func (b *feature) actionBoard(ctx context.Context, r *bot.Request, id string) (store.RetroBoard, bool) {
	rb, err := b.Store.Board(ctx, r.TeamID, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.board_gone")})
		return rb, false
	case err != nil && store.IsUnavailable(err):
		b.unavailable(ctx, r, "verb.retro_read", err)
		return rb, false
	case err != nil:
		b.Log.Error("cannot load a board", "board", id, "err", err)
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "error.apology")})
		return rb, false
	}
	return rb, true
}

// actionSuffix is the part of an action id after "prefix:".
func actionSuffix(r *bot.Request) string {
	_, rest, _ := strings.Cut(r.Action.ActionID, ":")
	return rest
}

// retroFail answers a failed retro operation: Redis down, or the rule that
// refused it, in the user's language.
func (b *feature) retroFail(ctx context.Context, r *bot.Request, rb store.RetroBoard, doKey string, err error) {
	if store.IsUnavailable(err) && !isRuleError(err) {
		b.unavailable(ctx, r, "verb.retro_change", err)
		return
	}
	r.Answer(ctx, bot.Reply{Text: b.retroErrText(r.Lang, rb, doKey, err)})
}

// isRuleError reports whether err is a refusal by a rule rather than I/O.
func isRuleError(err error) bool {
	for _, target := range ruleErrors {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

var ruleErrors = []error{
	store.ErrNotFound, store.ErrConflict, store.ErrDuplicate, store.ErrBoardOpen,
	retro.ErrNotFacilitator, retro.ErrWrongPhase, retro.ErrClosed, retro.ErrVoteBudget, retro.ErrNoVote,
	retro.ErrEmptyCard, retro.ErrCardTooLong, retro.ErrCardNotFound, retro.ErrDuplicateID, retro.ErrUnknownZone,
	retro.ErrNotAuthor, retro.ErrEmptyAction, retro.ErrActionTooLong, retro.ErrNoOwner, retro.ErrBadDue,
	retro.ErrDueInPast, retro.ErrActionNotFound, retro.ErrBadStatus, retro.ErrNotOwner, retro.ErrBadBoard,
	retro.ErrEmptyTitle, retro.ErrTitleTooLong, retro.ErrStandardTooLong, retro.ErrNotPromoter,
}

// retroErrText is the message for a refused operation.
func (b *feature) retroErrText(lang string, rb store.RetroBoard, doKey string, err error) string {
	switch {
	case errors.Is(err, retro.ErrNotFacilitator):
		if doKey == "" {
			doKey = "retro.do.phase"
		}
		return bot.T(lang, "retro.err.facilitator", rb.Facilitator, bot.T(lang, doKey))
	case errors.Is(err, retro.ErrClosed):
		return bot.T(lang, "retro.err.closed")
	case errors.Is(err, retro.ErrWrongPhase):
		return bot.T(lang, "retro.err.phase", phaseLabel(lang, rb.Phase))
	case errors.Is(err, retro.ErrNotAuthor):
		return bot.T(lang, "retro.err.not_author")
	case errors.Is(err, retro.ErrNotOwner):
		return bot.T(lang, "retro.err.not_owner")
	case errors.Is(err, retro.ErrNotPromoter):
		return bot.T(lang, "retro.err.not_promoter")
	case errors.Is(err, retro.ErrCardNotFound):
		return bot.T(lang, "retro.err.card_gone")
	case errors.Is(err, retro.ErrActionNotFound):
		return bot.T(lang, "retro.err.action_gone")
	case errors.Is(err, store.ErrDuplicate), errors.Is(err, retro.ErrDuplicateID):
		return bot.T(lang, "retro.err.already")
	case errors.Is(err, store.ErrConflict):
		return bot.T(lang, "retro.err.conflict")
	case errors.Is(err, retro.ErrEmptyCard), errors.Is(err, retro.ErrEmptyAction):
		return bot.T(lang, "retro.err.empty")
	case errors.Is(err, retro.ErrCardTooLong):
		return bot.T(lang, "retro.err.too_long", retro.MaxCardLen+1, retro.MaxCardLen)
	case errors.Is(err, retro.ErrActionTooLong):
		return bot.T(lang, "retro.err.too_long", retro.MaxActionLen+1, retro.MaxActionLen)
	case errors.Is(err, retro.ErrNoOwner):
		return bot.T(lang, "retro.err.no_owner")
	case errors.Is(err, retro.ErrBadDue), errors.Is(err, retro.ErrDueInPast):
		return bot.T(lang, "retro.err.due")
	case errors.Is(err, retro.ErrUnknownZone):
		return bot.T(lang, "retro.err.zone")
	case errors.Is(err, retro.ErrEmptyTitle), errors.Is(err, retro.ErrTitleTooLong):
		return bot.T(lang, "retro.err.title", retro.MaxStandardTitleLen)
	case errors.Is(err, retro.ErrStandardTooLong):
		return bot.T(lang, "retro.err.std_long", retro.MaxStandardTextLen)
	case errors.Is(err, store.ErrNotFound):
		return bot.T(lang, "retro.board_gone")
	}
	b.Log.Error("retro operation failed", "err", err)
	return bot.T(lang, "error.apology")
}
