package coaching

import (
	"errors"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// maxReviewRows bounds each list of the weekly review.
const maxReviewRows = 8

// Review is the Friday weekly review DM: the week's routines done and
// skipped, commitments due, retro actions owned, contacts due, and the
// week's reflection prompt with "Write in my journal". routineName gives
// a routine's title in lang.
func Review(lang string, r coaching.Review, loc *time.Location, routineName func(id string) string) Message {
	title := tr(lang, "review.title", day(lang, r.WeekStart, loc))
	routines := tr(lang, "review.routines", r.Done, r.Skipped, r.Missed)
	if len(r.Routines) > 0 {
		names := make([]string, 0, len(r.Routines))
		for _, id := range r.Routines {
			names = append(names, escaped(routineName(id)))
		}
		routines += "\n✅ " + strings.Join(names, " · ")
	}
	blocks := []slack.Block{md("rv-title", title), md("rv-routines", routines)}

	commitments := make([]string, len(r.CommitmentsDue))
	for i, c := range r.CommitmentsDue {
		commitments[i] = escaped(cut(c.Action, 200)) + " — _" + tr(lang, "review.due_by", day(lang, c.Due, loc)) + "_"
	}
	actions := make([]string, len(r.RetroActions))
	for i, a := range r.RetroActions {
		actions[i] = escaped(cut(a.Text, 200))
		if a.Due != "" {
			actions[i] += " — _" + tr(lang, "review.due_by", a.Due) + "_"
		}
	}
	contacts := make([]string, len(r.ContactsDue))
	for i, c := range r.ContactsDue {
		contacts[i] = escaped(cut(c.Name, 80))
		if c.SlackUser != "" {
			contacts[i] = "<@" + c.SlackUser + ">"
		}
	}
	blocks = append(blocks,
		md("rv-commitments", reviewList(lang, "review.commit", commitments)),
		md("rv-actions", reviewList(lang, "review.actions", actions)),
		md("rv-contacts", reviewList(lang, "review.contacts", contacts)))

	prompt := r.Prompt.In(lang)
	blocks = append(blocks,
		md("rv-prompt", tr(lang, "review.prompt", escaped(prompt))),
		slack.NewActionBlock("rv-journal", primary(button(ActionJournal, r.Prompt.ID, tr(lang, "review.write")))))
	return Message{Text: title + " — " + prompt, Blocks: blocks}
}

func primary(b *slack.ButtonBlockElement) *slack.ButtonBlockElement {
	b.Style = slack.StylePrimary
	return b
}

// JournalModal is the journal entry modal: the prompt answered (its id in
// the metadata; none for free text) and a text area.
func JournalModal(m Meta, prompt coaching.ReflectionPrompt) slack.ModalViewRequest {
	lang := m.Lang
	m.Prompt = prompt.ID
	in := slack.NewPlainTextInputBlockElement(nil, inputText)
	in.Multiline, in.MaxLength = true, coaching.MaxJournalText
	label := tr(lang, "journal.free")
	var blocks []slack.Block
	if prompt.ID != "" {
		label = tr(lang, "journal.label")
		blocks = append(blocks, md("jr-prompt", "*"+escaped(prompt.In(lang))+"*"))
	}
	blocks = append(blocks, slack.NewInputBlock(inputJournal, plain(label, 2000), nil, in))
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      ViewJournal,
		Title:           plain(tr(lang, "journal.title"), maxModalTitle),
		Submit:          plain(tr(lang, "note.save"), maxModalTitle),
		Close:           plain(tr(lang, "note.cancel"), maxModalTitle),
		PrivateMetadata: m.String(),
		Blocks:          slack.Blocks{BlockSet: blocks},
	}
}

// JournalText reads the journal modal's text.
func JournalText(st *slack.ViewState) string { return inputValue(st, inputJournal) }

// JournalError is the inline error of a refused entry, false for another error.
func JournalError(lang string, err error) (map[string]string, bool) {
	switch {
	case errors.Is(err, coaching.ErrEmpty):
		return map[string]string{inputJournal: tr(lang, "journal.empty")}, true
	case errors.Is(err, coaching.ErrTooLong):
		return map[string]string{inputJournal: tr(lang, "journal.too_long", coaching.MaxJournalText)}, true
	}
	return nil, false
}

// maxJournalShown is how many entries /cto journal shows.
const maxJournalShown = 10

// Journal is /cto journal: the latest entries, newest first, each with
// its date and the prompt it answered, and "Write in my journal".
func Journal(lang string, es []coaching.JournalEntry, prompts []coaching.ReflectionPrompt) Message {
	blocks := []slack.Block{md("jr-title", tr(lang, "journal.header")+" · "+trn(lang, "journal.count", len(es), len(es)))}
	if len(es) == 0 {
		blocks = append(blocks, md("jr-none", tr(lang, "journal.none")))
	}
	byID := map[string]string{}
	for _, p := range prompts {
		byID[p.ID] = p.In(lang)
	}
	for i, e := range es {
		if i == maxJournalShown {
			blocks = append(blocks, note("jr-more", tr(lang, "list.more", len(es)-i)))
			break
		}
		text := "*" + e.Date + "*"
		if p := byID[e.Prompt]; p != "" {
			text += " — _" + escaped(p) + "_"
		}
		blocks = append(blocks, md("jr:"+e.ID, text+"\n"+quote(e.Text, 2500)))
	}
	blocks = append(blocks, slack.NewActionBlock("jr-write", primary(button(ActionJournal, "", tr(lang, "review.write")))))
	return Message{Text: tr(lang, "journal.header"), Blocks: blocks}
}

// reviewList is one part of the weekly review: its heading, then at most
// maxReviewRows bullet rows (already escaped) and "and N more", or "nothing
// due".
func reviewList(lang, headingKey string, rows []string) string {
	var b strings.Builder
	b.WriteString(tr(lang, headingKey))
	if len(rows) == 0 {
		b.WriteString("\n" + tr(lang, "review.none_due"))
	}
	for i, row := range rows {
		if i == maxReviewRows {
			b.WriteString("\n" + tr(lang, "list.more", len(rows)-i))
			break
		}
		b.WriteString("\n• " + row)
	}
	return b.String()
}
