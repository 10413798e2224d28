package coaching

import (
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// Values of the row menus: "<answer>|<commitment>" on an open commitment
// (answered from the list, follow-up seq 0), "edit|<note>|<commitment>"
// and "delete|<note>|<commitment>" on a note.
const (
	ActionRow = "coaching.row"
	rowNote   = "note"
	noteEdit  = "edit"
	noteDel   = "delete"
)

// maxRows is how many open commitments a list shows (the rest is counted).
const maxRows = 10

// Overview renders /cto commitments and the App Home section: the open
// commitments with their next follow-up and a menu to answer, the
// kept-rate over 12 weeks, the last notes with a menu to edit or delete
// them. prefix keeps block ids distinct where it is embedded.
func Overview(lang string, o coaching.Overview, loc *time.Location, prefix string) []slack.Block {
	blocks := []slack.Block{}
	if len(o.Open) == 0 {
		blocks = append(blocks, md(prefix+"open", tr(lang, "list.none")))
	} else {
		blocks = append(blocks, md(prefix+"open", trn(lang, "list.open", len(o.Open), len(o.Open))))
	}
	for i, c := range o.Open {
		if i == maxRows {
			blocks = append(blocks, note(prefix+"more", tr(lang, "list.more", len(o.Open)-maxRows)))
			break
		}
		text := quote(c.Action, 300) + "\n_" + tr(lang, "list.due", when(lang, c.Due, loc)) + "_"
		s := md(prefix+"c:"+c.ID, text)
		s.Accessory = slack.NewAccessory(rowMenu(lang, c.ID))
		blocks = append(blocks, s)
	}
	blocks = append(blocks, md(prefix+"kept", keptLine(lang, o.Kept)))
	if len(o.Notes) > 0 {
		blocks = append(blocks, md(prefix+"notes", tr(lang, "list.notes")))
		for _, n := range o.Notes {
			s := md(prefix+"n:"+n.ID, noteLine(lang, n, loc))
			s.Accessory = slack.NewAccessory(slack.NewOverflowBlockElement(ActionNoteRow,
				slack.NewOptionBlockObject(noteEdit+"|"+n.ID+"|"+n.Commitment, plain(tr(lang, "note.edit"), maxButton), nil),
				slack.NewOptionBlockObject(noteDel+"|"+n.ID+"|"+n.Commitment, plain(tr(lang, "note.delete"), maxButton), nil)))
			blocks = append(blocks, s)
		}
	}
	return blocks
}

// rowMenu is the overflow of an open commitment: the four answers and
// Add a note (five options, the overflow's maximum).
func rowMenu(lang, id string) *slack.OverflowBlockElement {
	opt := func(v, key string) *slack.OptionBlockObject {
		return slack.NewOptionBlockObject(v+"|"+id, plain(tr(lang, key), maxButton), nil)
	}
	return slack.NewOverflowBlockElement(ActionRow,
		opt(string(coaching.AnswerDone), "answer.done"),
		opt(string(coaching.AnswerPartly), "answer.partly"),
		opt(string(coaching.AnswerNotYet), "answer.not_yet"),
		opt(string(coaching.AnswerDrop), "answer.drop"),
		opt(rowNote, "answer.add_note"))
}

// ParseRow reads a commitment row's option value: the answer (or "note")
// and the commitment.
func ParseRow(v string) (what, commitment string, ok bool) {
	what, commitment, ok = strings.Cut(v, "|")
	return what, commitment, ok && commitment != "" && (what == rowNote || coaching.Answer(what).Valid())
}

// ParseNoteRow reads a note row's option value: "edit" or "delete", the
// note and its commitment.
func ParseNoteRow(v string) (op, noteID, commitment string, ok bool) {
	parts := strings.SplitN(v, "|", 3)
	if len(parts) != 3 || (parts[0] != noteEdit && parts[0] != noteDel) || parts[1] == "" {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// keptLine is the kept-rate over 12 weeks, with its breakdown.
func keptLine(lang string, k coaching.Kept) string {
	if k.Closed == 0 {
		return tr(lang, "list.kept_none")
	}
	return trn(lang, "list.kept", k.Closed, percent(lang, k.Rate), k.Closed, k.Done, k.Partly, k.Dropped, k.Expired)
}

// CommitmentsReply is the answer to /cto commitments.
func CommitmentsReply(lang string, o coaching.Overview, loc *time.Location) Message {
	blocks := append([]slack.Block{md("title", tr(lang, "list.title"))}, Overview(lang, o, loc, "")...)
	return Message{Text: tr(lang, "list.title") + " " + trn(lang, "list.open", len(o.Open), len(o.Open)), Blocks: blocks}
}

// homeJournal is how many journal entries App Home lists.
const homeJournal = 3

// HomeSection is the coaching section of App Home: a header, the
// overview, the latest journal entries and "Write in my journal".
func HomeSection(lang string, o coaching.Overview, journal []coaching.JournalEntry, loc *time.Location) []slack.Block {
	blocks := []slack.Block{slack.NewHeaderBlock(plain(tr(lang, "home.header"), 150), slack.HeaderBlockOptionBlockID("coaching-header"))}
	blocks = append(blocks, Overview(lang, o, loc, "home-")...)
	text := tr(lang, "journal.header")
	if len(journal) == 0 {
		text += "\n" + tr(lang, "journal.none")
	}
	for i, e := range journal {
		if i == homeJournal {
			break
		}
		text += "\n*" + e.Date + "*\n" + quote(e.Text, 300)
	}
	return append(blocks, md("home-journal", text),
		slack.NewActionBlock("home-journal-write", button(ActionJournal, "", tr(lang, "review.write"))))
}
