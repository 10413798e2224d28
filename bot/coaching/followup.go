package coaching

import (
	"time"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// maxNotesShown is how many of a commitment's notes a follow-up shows.
const maxNotesShown = 5

// CommitReply is the answer to a Commit press: what was committed to and
// when the follow-up comes (created false: it already existed).
func CommitReply(lang string, c coaching.Commitment, created bool, loc *time.Location) Message {
	text := tr(lang, "commit.done", escaped(cut(c.Action, maxQuote)), when(lang, c.Due, loc))
	if !created {
		text = tr(lang, "commit.already", when(lang, c.Due, loc))
	}
	return Message{Text: text, Blocks: []slack.Block{md("commit", text)}}
}

// FollowUp is the follow-up DM: the action, the notes so far, and the
// answers Done / Partly / Not yet / Drop / Add a note.
func FollowUp(lang string, m coaching.FollowUpMessage, loc *time.Location) Message {
	c := m.Commitment
	title := tr(lang, "followup.title")
	if len(c.Answers) > 0 {
		title = tr(lang, "followup.again")
	}
	blocks := []slack.Block{
		md("fu-title", title+"\n"+quote(c.Action, maxQuote)),
		note("fu-since", tr(lang, "followup.since", day(lang, c.CreatedAt, loc), escaped(c.Card))),
	}
	blocks = append(blocks, notesBlocks(lang, m.Notes, loc)...)
	v := ref(c.ID, m.Seq)
	done := button(ActionDone, v, tr(lang, "answer.done"))
	done.Style = slack.StylePrimary
	blocks = append(blocks,
		slack.NewActionBlock("fu-answers", done,
			button(ActionPartly, v, tr(lang, "answer.partly")),
			button(ActionNotYet, v, tr(lang, "answer.not_yet")),
			button(ActionDrop, v, tr(lang, "answer.drop")),
			button(ActionNote, v, tr(lang, "answer.add_note"))),
		note("fu-private", tr(lang, "followup.private")))
	return Message{Text: tr(lang, "followup.title") + " " + escaped(cut(c.Action, 200)), Blocks: blocks}
}

// Answered is the follow-up DM once answered, edited in place: the
// action, what the user said (and the next follow-up for "not yet", the
// kept-rate for a closing answer), the notes, and Add a note.
func Answered(lang string, c coaching.Commitment, notes []coaching.Note, kept coaching.Kept, seq int, loc *time.Location) Message {
	var line string
	switch c.Status {
	case coaching.StatusDone:
		line = tr(lang, "answered.done", percent(lang, kept.Rate))
	case coaching.StatusPartly:
		line = tr(lang, "answered.partly", percent(lang, kept.Rate))
	case coaching.StatusDropped:
		line = tr(lang, "answered.drop")
	case coaching.StatusExpired:
		line = tr(lang, "answered.expired")
	default:
		line = tr(lang, "answered.not_yet", when(lang, c.Due, loc))
	}
	blocks := []slack.Block{
		md("fu-title", quote(c.Action, maxQuote)),
		md("fu-answer", line),
	}
	blocks = append(blocks, notesBlocks(lang, notes, loc)...)
	blocks = append(blocks, slack.NewActionBlock("fu-note", button(ActionNote, ref(c.ID, seq), tr(lang, "answer.add_note"))),
		note("fu-private", tr(lang, "followup.private")))
	return Message{Text: line, Blocks: blocks}
}

// Closed is the answer to a press on a commitment already closed.
func Closed(lang string, c coaching.Commitment) string {
	return tr(lang, "answered.closed", StatusText(lang, c.Status))
}

// ClosedOn is Closed with the day it closed, in loc ("" ClosedAt: Closed).
func ClosedOn(lang string, c coaching.Commitment, loc *time.Location) string {
	if c.ClosedAt.IsZero() {
		return Closed(lang, c)
	}
	return tr(lang, "answered.closed_on", StatusText(lang, c.Status), day(lang, c.ClosedAt, loc))
}

// StatusText names a commitment's status.
func StatusText(lang string, s coaching.Status) string {
	switch s {
	case coaching.StatusDone:
		return tr(lang, "status.done")
	case coaching.StatusPartly:
		return tr(lang, "status.partly")
	case coaching.StatusDropped:
		return tr(lang, "status.dropped")
	case coaching.StatusExpired:
		return tr(lang, "status.expired")
	}
	return tr(lang, "status.open")
}

// notesBlocks lists the last maxNotesShown notes (oldest first as given,
// the latest kept), escaped once.
func notesBlocks(lang string, notes []coaching.Note, loc *time.Location) []slack.Block {
	if len(notes) == 0 {
		return nil
	}
	if len(notes) > maxNotesShown {
		notes = notes[len(notes)-maxNotesShown:]
	}
	text := tr(lang, "followup.notes")
	for _, n := range notes {
		text += "\n" + noteLine(lang, n, loc)
	}
	return []slack.Block{md("fu-notes", text)}
}

// noteLine is one note: its date and its text, quoted.
func noteLine(lang string, n coaching.Note, loc *time.Location) string {
	s := "_" + day(lang, n.CreatedAt, loc) + "_"
	if !n.EditedAt.IsZero() {
		s += tr(lang, "note.edited")
	}
	return s + "\n" + quote(n.Text, 400)
}
