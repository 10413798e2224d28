package retro

import (
	"fmt"
	"time"
)

// Standard is one entry of a team's book of standards: a lasting solution
// the team agreed on so a solved problem does not come back, and that
// newcomers inherit.
type Standard struct {
	ID        string    `json:"id"`
	TeamID    string    `json:"team_id"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
	// CreatedBy is the user who promoted or wrote the standard.
	CreatedBy string `json:"created_by"`
	FromBoard string `json:"from_board,omitempty"`
	FromCard  string `json:"from_card,omitempty"`
	// Retired standards are kept for history but no longer listed.
	Retired bool `json:"retired,omitempty"`
}

// StandardInput is what a person submits to write a standard.
type StandardInput struct {
	ID        string
	TeamID    string
	Title     string
	Text      string
	CreatedBy string
	FromBoard string
	FromCard  string
}

// NewStandard validates in: a title of 1 to MaxStandardTitleLen characters
// and a text of at most MaxStandardTextLen characters (it may be empty),
// both trimmed.
func NewStandard(in StandardInput, now time.Time) (Standard, error) {
	if in.ID == "" || in.CreatedBy == "" {
		return Standard{}, fmt.Errorf("retro: new standard: id and author are required: %w", ErrBadBoard)
	}
	title, text, err := standardTexts(in.Title, in.Text)
	if err != nil {
		return Standard{}, fmt.Errorf("retro: new standard %s: %w", in.ID, err)
	}
	return Standard{
		ID: in.ID, TeamID: in.TeamID, Title: title, Text: text, CreatedAt: now,
		CreatedBy: in.CreatedBy, FromBoard: in.FromBoard, FromCard: in.FromCard,
	}, nil
}

// Promote turns card cardID into a standard written by userID and records
// it on the board (Promoted). The title defaults to the card's text cut to
// MaxStandardTitleLen characters; the text is the card's text. Cards can be
// promoted once revealed, including after the board is closed, once each.
func (b *Board) Promote(cardID, stdID, userID, title string, now time.Time) (Standard, error) {
	if b.Phase.HidesCards() {
		return Standard{}, fmt.Errorf("retro: promote card %s: %w", cardID, ErrWrongPhase)
	}
	c, i := b.Card(cardID)
	if i < 0 {
		return Standard{}, fmt.Errorf("retro: promote card %s: %w", cardID, ErrCardNotFound)
	}
	for _, s := range b.Promoted {
		if s.FromCard == cardID {
			return Standard{}, fmt.Errorf("retro: promote card %s: already standard %s: %w", cardID, s.ID, ErrDuplicateID)
		}
	}
	if clean(title) == "" {
		title = truncateChars(firstLine(c.Text), MaxStandardTitleLen)
	}
	s, err := NewStandard(StandardInput{
		ID: stdID, TeamID: b.TeamID, Title: title, Text: c.Text, CreatedBy: userID,
		FromBoard: b.ID, FromCard: cardID,
	}, now)
	if err != nil {
		return Standard{}, fmt.Errorf("retro: promote card %s: %w", cardID, err)
	}
	b.Promoted = append(b.Promoted, s)
	return s, nil
}

// CanEditStandard reports whether userID may edit or retire std: the person
// who promoted it, or an admin.
func CanEditStandard(std Standard, userID string, isAdmin bool) bool {
	return isAdmin || (userID != "" && userID == std.CreatedBy)
}

// EditStandard returns std with a new title and text, validated as in
// NewStandard, if userID may edit it.
func EditStandard(std Standard, userID string, isAdmin bool, title, text string) (Standard, error) {
	if !CanEditStandard(std, userID, isAdmin) {
		return Standard{}, fmt.Errorf("retro: edit standard %s by %s: %w", std.ID, userID, ErrNotPromoter)
	}
	t, x, err := standardTexts(title, text)
	if err != nil {
		return Standard{}, fmt.Errorf("retro: edit standard %s: %w", std.ID, err)
	}
	std.Title, std.Text = t, x
	return std, nil
}

// RetireStandard returns std marked retired (or back in use when retired
// is false), if userID may edit it.
func RetireStandard(std Standard, userID string, isAdmin bool, retired bool) (Standard, error) {
	if !CanEditStandard(std, userID, isAdmin) {
		return Standard{}, fmt.Errorf("retro: retire standard %s by %s: %w", std.ID, userID, ErrNotPromoter)
	}
	std.Retired = retired
	return std, nil
}

// standardTexts trims and checks a standard's title and text.
func standardTexts(title, text string) (string, string, error) {
	title, text = clean(title), clean(text)
	switch {
	case title == "":
		return "", "", ErrEmptyTitle
	case charLen(title) > MaxStandardTitleLen:
		return "", "", fmt.Errorf("title of %d characters, at most %d: %w", charLen(title), MaxStandardTitleLen, ErrTitleTooLong)
	case charLen(text) > MaxStandardTextLen:
		return "", "", fmt.Errorf("text of %d characters, at most %d: %w", charLen(text), MaxStandardTextLen, ErrStandardTooLong)
	}
	return title, text, nil
}

// firstLine is s up to its first line break.
func firstLine(s string) string {
	for i, r := range s {
		if r == '\n' {
			return s[:i]
		}
	}
	return s
}
