package coaching

import (
	"context"
	"errors"
	"strings"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/coaching"
)

// commit handles the Commit button of a card: the presser commits to its
// "try this week" line, in their language.
func (f *feature) commit(ctx context.Context, r *bot.Request) error {
	card := strings.TrimSpace(r.Action.Value)
	try, ok := "", false
	if f.Try != nil && card != "" {
		try, ok = f.Try(card, r.Lang)
	}
	if !ok || strings.TrimSpace(try) == "" {
		say(ctx, r, tr(r.Lang, "commit.no_action"))
		return nil
	}
	c, created, err := f.Service.Commit(ctx, r.TeamID, r.UserID, card, try, r.Lang)
	switch {
	case errors.Is(err, coaching.ErrInvalid):
		say(ctx, r, tr(r.Lang, "commit.cannot"))
		return nil
	case errors.Is(err, coaching.ErrEmpty), errors.Is(err, coaching.ErrTooLong):
		say(ctx, r, tr(r.Lang, "commit.no_action"))
		return nil
	case err != nil:
		return unavailable("commit", err)
	}
	r.Answer(ctx, reply(CommitReply(r.Lang, c, created, f.loc(ctx, r.TeamID, r.UserID)), false))
	f.publishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// answers maps the follow-up buttons to answers.
var answers = map[string]coaching.Answer{
	ActionDone: coaching.AnswerDone, ActionPartly: coaching.AnswerPartly,
	ActionNotYet: coaching.AnswerNotYet, ActionDrop: coaching.AnswerDrop,
}

// answer handles Done / Partly / Not yet / Drop on a follow-up DM: the
// answer is recorded and the DM edited in place; App Home follows.
func (f *feature) answer(ctx context.Context, r *bot.Request) error {
	id, seq, ok := ParseRef(r.Action.Value)
	a, known := answers[r.Action.ActionID]
	if !ok || !known {
		return errMalformed("follow-up answer", r.Action.Value)
	}
	return f.record(ctx, r, id, a, seq)
}

// record applies an answer and shows its result where it was given: the
// DM edited in place, or the list (or App Home) refreshed.
func (f *feature) record(ctx context.Context, r *bot.Request, id string, a coaching.Answer, seq int) error {
	_, _, err := f.Service.Answer(ctx, r.TeamID, r.UserID, id, a, seq)
	if errors.Is(err, coaching.ErrClosed) {
		if c, gerr := f.Service.Repo.Commitment(ctx, r.TeamID, r.UserID, id); gerr == nil {
			return f.tellClosed(ctx, r, c, seq)
		}
	}
	if err != nil {
		return fail(ctx, r, "answer", err)
	}
	switch {
	case fromHome(r):
	case seq > 0:
		if err := f.editFollowUp(ctx, r, id, seq); err != nil {
			return err
		}
	default:
		if err := f.showList(ctx, r, true); err != nil {
			return err
		}
	}
	f.publishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// tellClosed tells the user that the commitment they answered is already
// closed, and when, where they pressed: App Home has no place to answer
// in, so by DM (and App Home is refreshed: it was stale); a follow-up DM
// is edited in place to its closed state with the line under it; a list
// gets the line.
func (f *feature) tellClosed(ctx context.Context, r *bot.Request, c coaching.Commitment, seq int) error {
	text := ClosedOn(r.Lang, c, f.loc(ctx, r.TeamID, r.UserID))
	switch {
	case fromHome(r):
		r.Notify(ctx, bot.Reply{Text: text, Blocks: []slack.Block{md("say", text)}})
		f.publishHome(ctx, r.TeamID, r.UserID)
	case seq > 0:
		m, err := f.answeredMessage(ctx, r.TeamID, r.UserID, r.Lang, c.ID, seq)
		if err != nil {
			return fail(ctx, r, "answer", err)
		}
		m.Blocks = append(m.Blocks, note("fu-closed", text))
		r.Answer(ctx, reply(m, true))
	default:
		say(ctx, r, text)
	}
	return nil
}

// answeredMessage renders a commitment's DM once answered.
func (f *feature) answeredMessage(ctx context.Context, team, user, lang, id string, seq int) (Message, error) {
	c, err := f.Service.Repo.Commitment(ctx, team, user, id)
	if err != nil {
		return Message{}, err
	}
	notes, err := f.Service.Repo.Notes(ctx, team, user, id)
	if err != nil {
		return Message{}, err
	}
	o, err := f.Service.Overview(ctx, team, user)
	if err != nil {
		return Message{}, err
	}
	if c.Open() && len(c.Answers) == 0 {
		// Not answered yet (a note added first): the question stays.
		return FollowUp(lang, coaching.FollowUpMessage{Send: true, User: user, Seq: seq, Commitment: c, Notes: notes}, f.loc(ctx, team, user)), nil
	}
	return Answered(lang, c, notes, o.Kept, seq, f.loc(ctx, team, user)), nil
}

// editFollowUp replaces the follow-up DM the user pressed in.
func (f *feature) editFollowUp(ctx context.Context, r *bot.Request, id string, seq int) error {
	m, err := f.answeredMessage(ctx, r.TeamID, r.UserID, r.Lang, id, seq)
	if err != nil {
		return fail(ctx, r, "answer", err)
	}
	r.Answer(ctx, reply(m, true))
	return nil
}

// noteButton opens the note modal on a follow-up's "Add a note".
func (f *feature) noteButton(ctx context.Context, r *bot.Request) error {
	id, seq, ok := ParseRef(r.Action.Value)
	if !ok {
		return errMalformed("note button", r.Action.Value)
	}
	ch, ts := origin(r)
	_ = r.OpenView(ctx, NoteModal(Meta{Lang: r.Lang, ID: id, Seq: seq, Channel: ch, TS: ts}, nil))
	return nil
}

// noteSubmit saves a new or edited note; a refused text is shown under
// the input. The DM it came from is edited to show it.
func (f *feature) noteSubmit(ctx context.Context, r *bot.Request) error {
	m, err := ParseMeta(r.Callback.View.PrivateMetadata)
	if err != nil || m.ID == "" {
		return errMalformed("note modal", r.Callback.View.PrivateMetadata)
	}
	r.Lang = m.Lang
	if r.WithoutState(ctx, m.Lang) {
		return nil
	}
	text := NoteText(r.Callback.View.State)
	if m.Note == "" {
		_, err = f.Service.AddNote(ctx, r.TeamID, r.UserID, m.ID, text)
	} else {
		_, err = f.Service.EditNote(ctx, r.TeamID, r.UserID, m.Note, text)
	}
	if errs, ok := NoteError(m.Lang, err); ok {
		r.Ack(slack.NewErrorsViewSubmissionResponse(errs))
		return nil
	}
	if err != nil {
		if text := domainText(m.Lang, err); text != "" {
			r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputNote: text}))
			return nil
		}
		return unavailable("note", err)
	}
	r.Ack(nil)
	if m.Channel != "" && m.TS != "" {
		if msg, err := f.answeredMessage(ctx, r.TeamID, r.UserID, m.Lang, m.ID, m.Seq); err == nil {
			if _, _, _, err := f.Slack.UpdateMessageContext(ctx, m.Channel, m.TS, slack.MsgOptionText(msg.Text, false), slack.MsgOptionBlocks(msg.Blocks...)); err != nil {
				f.Log.Warn("cannot show a saved note in its follow-up DM", "err", err)
			}
		}
	}
	f.publishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// row handles the menu of an open commitment (list or App Home): an
// answer given outside a follow-up, or Add a note.
func (f *feature) row(ctx context.Context, r *bot.Request) error {
	what, id, ok := ParseRow(r.Action.SelectedOption.Value)
	if !ok {
		return errMalformed("commitment menu", r.Action.SelectedOption.Value)
	}
	if what == rowNote {
		_ = r.OpenView(ctx, NoteModal(Meta{Lang: r.Lang, ID: id}, nil))
		return nil
	}
	return f.record(ctx, r, id, coaching.Answer(what), 0)
}

// noteRow handles a note's menu: edit (the modal, filled in) or delete.
func (f *feature) noteRow(ctx context.Context, r *bot.Request) error {
	op, noteID, commitment, ok := ParseNoteRow(r.Action.SelectedOption.Value)
	if !ok {
		return errMalformed("note menu", r.Action.SelectedOption.Value)
	}
	if op == noteEdit {
		ns, err := f.Service.Repo.Notes(ctx, r.TeamID, r.UserID, commitment)
		if err != nil {
			return unavailable("note", err)
		}
		for _, n := range ns {
			if n.ID == noteID {
				_ = r.OpenView(ctx, NoteModal(Meta{Lang: r.Lang, ID: commitment}, &n))
				return nil
			}
		}
		say(ctx, r, tr(r.Lang, "gone"))
		return nil
	}
	if err := f.Service.DeleteNote(ctx, r.TeamID, r.UserID, noteID); err != nil {
		return fail(ctx, r, "note", err)
	}
	if !fromHome(r) {
		if err := f.showList(ctx, r, true); err != nil {
			return err
		}
	}
	f.publishHome(ctx, r.TeamID, r.UserID)
	return nil
}

// commitments answers /cto commitments.
func (f *feature) commitments(ctx context.Context, r *bot.Request) error {
	return f.showList(ctx, r, false)
}

func (f *feature) showList(ctx context.Context, r *bot.Request, replace bool) error {
	o, err := f.Service.Overview(ctx, r.TeamID, r.UserID)
	if err != nil {
		return unavailable("list", err)
	}
	r.Answer(ctx, reply(CommitmentsReply(r.Lang, o, f.loc(ctx, r.TeamID, r.UserID)), replace))
	return nil
}

// home renders the App Home section.
func (f *feature) home(ctx context.Context, team, user, lang string) ([]slack.Block, error) {
	o, err := f.Service.Overview(ctx, team, user)
	if err != nil {
		return nil, err
	}
	js, err := f.Service.Journal(ctx, team, user, homeJournal)
	if err != nil {
		return nil, err
	}
	return HomeSection(lang, o, js, f.loc(ctx, team, user)), nil
}
