package coaching

import (
	"errors"

	"github.com/slack-go/slack"

	"ctocoach/coaching"
)

// NoteModal is the "Add a note" modal of commitment m.ID, or the edit of
// note n when n is not nil (m.Note is set to it). The text goes in as
// typed (modal inputs are not escaped by Slack).
func NoteModal(m Meta, n *coaching.Note) slack.ModalViewRequest {
	lang := m.Lang
	in := slack.NewPlainTextInputBlockElement(plain(tr(lang, "note.placeholder"), 150), inputText)
	in.Multiline = true
	in.MaxLength = coaching.MaxNoteText
	m.Note = ""
	if n != nil {
		in.InitialValue = n.Text
		m.Note = n.ID
	}
	block := slack.NewInputBlock(inputNote, plain(tr(lang, "note.label"), 2000), nil, in)
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      ViewNote,
		Title:           plain(tr(lang, "note.title"), maxModalTitle),
		Submit:          plain(tr(lang, "note.save"), maxModalTitle),
		Close:           plain(tr(lang, "note.cancel"), maxModalTitle),
		PrivateMetadata: m.String(),
		Blocks:          slack.Blocks{BlockSet: []slack.Block{block}},
	}
}

// NoteText reads the note modal's text from a submitted view state.
func NoteText(st *slack.ViewState) string { return inputValue(st, inputNote) }

// inputValue is the value of a plain-text input block.
func inputValue(st *slack.ViewState, block string) string {
	if st == nil {
		return ""
	}
	if v, ok := st.Values[block][inputText]; ok {
		return v.Value
	}
	return ""
}

// NoteError is the inline error of a refused note (empty or too long),
// and false for another error.
func NoteError(lang string, err error) (map[string]string, bool) {
	switch {
	case errors.Is(err, coaching.ErrEmpty):
		return map[string]string{inputNote: tr(lang, "note.empty")}, true
	case errors.Is(err, coaching.ErrTooLong):
		return map[string]string{inputNote: tr(lang, "note.too_long", coaching.MaxNoteText, coaching.MaxNoteLines)}, true
	}
	return nil, false
}
