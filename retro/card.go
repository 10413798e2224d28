package retro

import (
	"fmt"
	"time"
)

// HiddenText replaces a card's text while the board is collecting.
const HiddenText = "••••••"

// Card is one note on a board. Author is "" for an anonymous card: its
// author is never recorded, here or anywhere else, so an anonymous card
// cannot be edited or deleted by anyone.
type Card struct {
	ID        string    `json:"id"`
	Zone      string    `json:"zone"`
	Text      string    `json:"text"`
	Author    string    `json:"author,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// Votes mirrors Board.Votes[ID] (see Board).
	Votes int `json:"votes"`
}

// Anonymous reports whether the card has no recorded author.
func (c Card) Anonymous() bool { return c.Author == "" }

// CardInput is what a person submits to add a card.
type CardInput struct {
	ID   string
	Zone string
	Text string
	// Author is the submitter's user ID; it is dropped when Anonymous.
	Author    string
	Anonymous bool
}

// NewCard validates in against board b and returns the card to store,
// without changing b. The store may call it before an atomic append; the
// board's own AddCard calls it too.
func NewCard(b Board, in CardInput, now time.Time) (Card, error) {
	if err := checkCardPhase(b); err != nil {
		return Card{}, fmt.Errorf("retro: add card %s: %w", in.ID, err)
	}
	if _, ok := b.Format.Zone(in.Zone); !ok {
		return Card{}, fmt.Errorf("retro: add card %s to zone %q: %w", in.ID, in.Zone, ErrUnknownZone)
	}
	text, err := cardText(in.Text)
	if err != nil {
		return Card{}, fmt.Errorf("retro: add card %s: %w", in.ID, err)
	}
	author := in.Author
	if in.Anonymous {
		author = ""
	}
	return Card{ID: in.ID, Zone: in.Zone, Text: text, Author: author, CreatedAt: now}, nil
}

// AddCard validates in and appends the card to the board.
func (b *Board) AddCard(in CardInput, now time.Time) (Card, error) {
	if in.ID == "" {
		return Card{}, fmt.Errorf("retro: add card: empty id: %w", ErrBadBoard)
	}
	if _, i := b.Card(in.ID); i >= 0 {
		return Card{}, fmt.Errorf("retro: add card %s: %w", in.ID, ErrDuplicateID)
	}
	c, err := NewCard(*b, in, now)
	if err != nil {
		return Card{}, err
	}
	b.Cards = append(b.Cards, c)
	return c, nil
}

// EditCard replaces the text of userID's own named card. Only possible
// while the board is collecting, before texts are revealed.
func (b *Board) EditCard(cardID, userID, text string) error {
	i, err := b.ownCard(cardID, userID)
	if err != nil {
		return fmt.Errorf("retro: edit card %s: %w", cardID, err)
	}
	t, err := cardText(text)
	if err != nil {
		return fmt.Errorf("retro: edit card %s: %w", cardID, err)
	}
	b.Cards[i].Text = t
	return nil
}

// DeleteCard removes userID's own named card. Only possible while the
// board is collecting (there are no votes on it yet).
func (b *Board) DeleteCard(cardID, userID string) error {
	i, err := b.ownCard(cardID, userID)
	if err != nil {
		return fmt.Errorf("retro: delete card %s: %w", cardID, err)
	}
	b.Cards = append(b.Cards[:i], b.Cards[i+1:]...)
	delete(b.Votes, cardID)
	return nil
}

// CanChangeCard reports whether userID may edit or delete the card now.
func CanChangeCard(b Board, c Card, userID string) bool {
	return b.Phase.AcceptsCardChanges() && !c.Anonymous() && c.Author == userID
}

// ownCard finds a card userID may change, or says why not.
func (b *Board) ownCard(cardID, userID string) (int, error) {
	if b.Phase == PhaseClosed {
		return -1, ErrClosed
	}
	c, i := b.Card(cardID)
	if i < 0 {
		return -1, ErrCardNotFound
	}
	if c.Anonymous() || userID == "" || c.Author != userID {
		return -1, ErrNotAuthor
	}
	if !b.Phase.AcceptsCardChanges() {
		return -1, ErrWrongPhase
	}
	return i, nil
}

// VisibleText is the text everyone may see for card c: HiddenText while the
// board is collecting, the card's text afterwards.
func VisibleText(b Board, c Card) string {
	if b.Phase.HidesCards() {
		return HiddenText
	}
	return c.Text
}

// checkCardPhase says whether cards may be added to b now.
func checkCardPhase(b Board) error {
	if b.Phase == PhaseClosed {
		return ErrClosed
	}
	if !b.Phase.AcceptsCards() {
		return ErrWrongPhase
	}
	return nil
}

// cardText trims and checks a card text.
func cardText(s string) (string, error) {
	t := clean(s)
	switch {
	case t == "":
		return "", ErrEmptyCard
	case charLen(t) > MaxCardLen:
		return "", fmt.Errorf("%d characters, at most %d: %w", charLen(t), MaxCardLen, ErrCardTooLong)
	}
	return t, nil
}
