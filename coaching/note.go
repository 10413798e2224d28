package coaching

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a note: a few lines, for the user alone.
const (
	MaxNoteText  = 1000 // characters
	MaxNoteLines = 10
)

// Note is a private note on a commitment, editable and deletable.
type Note struct {
	ID         string    `json:"id"`
	Commitment string    `json:"commitment"`
	Text       string    `json:"text"`
	CreatedAt  time.Time `json:"created_at"`
	EditedAt   time.Time `json:"edited_at,omitzero"`
}

// CleanNote trims a note's text and checks its limits: not blank, at most
// MaxNoteText characters and MaxNoteLines lines (ErrEmpty, ErrTooLong).
// The text is kept as typed otherwise: escaping is the Slack side's, once.
func CleanNote(text string) (string, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	switch {
	case text == "":
		return "", fmt.Errorf("coaching: note: %w", ErrEmpty)
	case utf8.RuneCountInString(text) > MaxNoteText:
		return "", fmt.Errorf("coaching: note over %d characters: %w", MaxNoteText, ErrTooLong)
	case strings.Count(text, "\n")+1 > MaxNoteLines:
		return "", fmt.Errorf("coaching: note over %d lines: %w", MaxNoteLines, ErrTooLong)
	}
	return text, nil
}

// MaxJournalText is the longest journal entry, in characters.
const MaxJournalText = 3000

// JournalEntry is a private answer to the weekly review's reflection prompt
// (or any private text the user writes down).
type JournalEntry struct {
	ID string `json:"id"`
	// Date is the user's local day, "2006-01-02".
	Date string `json:"date"`
	// Prompt is the reflection prompt answered (a ReflectionPrompt id), if any.
	Prompt    string    `json:"prompt,omitempty"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// NewJournalEntry checks the text (ErrEmpty, ErrTooLong over
// MaxJournalText) and dates the entry on the local day of now in loc.
func NewJournalEntry(id, prompt, text string, now time.Time, loc *time.Location) (JournalEntry, error) {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	switch {
	case text == "":
		return JournalEntry{}, fmt.Errorf("coaching: journal: %w", ErrEmpty)
	case utf8.RuneCountInString(text) > MaxJournalText:
		return JournalEntry{}, fmt.Errorf("coaching: journal over %d characters: %w", MaxJournalText, ErrTooLong)
	}
	if loc == nil {
		loc = time.UTC
	}
	return JournalEntry{ID: id, Date: now.In(loc).Format("2006-01-02"), Prompt: prompt, Text: text, CreatedAt: now}, nil
}
