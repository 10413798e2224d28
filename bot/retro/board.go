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
	r.Command("/retro", b.retroCommand)
	r.HomeSection(20, "retro-actions", func(ctx context.Context, team, user, lang string) ([]slack.Block, error) {
		return b.actionsHomeBlocks(ctx, team, user, lang), nil
	})
	r.Subcommand("standards", b.standardsCommand)
	r.Action("retro."+string(retro.ButtonAddCard), b.addCardButton)
	r.Action("retro."+string(retro.ButtonReveal), b.phaseButton)
	r.Action("retro."+string(retro.ButtonStartVote), b.phaseButton)
	r.Action("retro."+string(retro.ButtonStartActions), b.phaseButton)
	r.Action("retro."+string(retro.ButtonClose), b.phaseButton)
	r.Action("retro."+string(retro.ButtonAddAction), b.addActionButton)
	r.Action("retro."+string(retro.ButtonExport), b.exportButton)
	r.Action("retro.mine", b.myCards)
	r.Action("retro.my_edit", b.myCardEdit)
	r.Action("retro.my_del", b.myCardDelete)
	r.Action("retro.vote", b.voteButton)
	r.Action("retro.unvote", b.voteButton)
	r.Action("retro.all", b.viewAllButton)
	r.Action("retro.page", b.pageButton)
	r.Action("retro.prev", b.prevButton)
	r.Action("retro.prev_done", b.prevStatusButton)
	r.Action("retro.prev_open", b.prevStatusButton)
	r.Action("retro.promote", b.promoteButton)
	r.Action("retro.promote_card", b.promoteButton)
	r.Action("retro.card", b.cardMenu)
	r.Action("retro.std", b.standardMenu)
	r.View(viewAddCard, b.addCardSubmit)
	r.View(viewEditCard, b.editCardSubmit)
	r.View(viewAddAction, b.addActionSubmit)
	r.View(viewPromote, b.promoteSubmit)
	r.View(viewStandard, b.standardSubmit)
	r.Shortcut(shortcutAddCard, b.addToRetroShortcut)
}

// retroCommand routes "/retro <subcommand> …".
func (b *feature) retroCommand(ctx context.Context, r *bot.Request) error {
	text := r.Command.Text
	if n := utf8.RuneCountInString(text); n > bot.MaxCommandText {
		return bot.Refuse("error.too_long", n, bot.MaxCommandText)
	}
	name, rest := bot.SplitSubcommand(text)
	r.Args = rest
	switch name {
	case "start", "new", "open", "nouvelle", "ouvrir", "lancer", "démarrer", "demarrer":
		return b.retroStart(ctx, r)
	case "formats", "format":
		return b.retroFormats(ctx, r)
	case "standards", "standard":
		return b.standardsCommand(ctx, r)
	case "schedule", "planning", "planifier", "recurring":
		return b.retroSchedule(ctx, r)
	}
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.help")})
	return nil
}

// retroFormats lists the formats with their zones.
func (b *feature) retroFormats(ctx context.Context, r *bot.Request) error {
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
	return nil
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
func (b *feature) retroStart(ctx context.Context, r *bot.Request) error {
	u := r.User
	if r.ChannelID == "" || strings.HasPrefix(r.ChannelID, "D") {
		return bot.Refuse("retro.no_channel")
	}
	f, votes, problem := parseStartArgs(r.Lang, r.Args)
	if problem != "" {
		r.Answer(ctx, bot.Reply{Text: problem})
		return nil
	}
	r.Ack(nil)
	rb, err := b.openBoard(ctx, r.TeamID, r.ChannelID, r.UserID, "", f, votes, u.Lang)
	if err != nil {
		return retroError(fmt.Errorf("start a retro in %s: %w", r.ChannelID, err), failure{board: rb.Board, verb: "verb.retro_start"})
	}
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "retro.started", rb.Number)})
	return nil
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
	rb, post, err := b.boards.Open(ctx, retro.OpenParams{TeamID: team, ChannelID: channel, CreatedBy: creator,
		Facilitator: facilitator, Format: f, VoteBudget: votes, Lang: lang})
	if errors.Is(err, retro.ErrBoardOpen) {
		if post {
			err = errors.Join(err, b.postBoard(ctx, rb))
		}
		return rb, err
	}
	if err != nil {
		return rb, err
	}
	if err := b.postBoard(ctx, rb); err != nil {
		if cerr := b.boards.Abandon(ctx, rb); cerr != nil {
			b.Log.Warn("cannot close an unposted board", "board", rb.ID, "err", cerr)
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

// actionBoard loads the board named by a button's value; the error, when
// it cannot, is the one to return ("this board no longer exists", Redis
// down).
func (b *feature) actionBoard(ctx context.Context, r *bot.Request, id string) (store.RetroBoard, error) {
	rb, err := b.Store.Board(ctx, r.TeamID, id)
	if err != nil {
		return rb, retroError(fmt.Errorf("load board %s: %w", id, err), failure{verb: "verb.retro_read"})
	}
	return rb, nil
}

// actionSuffix is the part of an action id after "prefix:".
func actionSuffix(r *bot.Request) string {
	_, rest, _ := strings.Cut(r.Action.ActionID, ":")
	return rest
}
