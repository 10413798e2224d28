package retro

import (
	"errors"
	"testing"
	"time"
)

// t0 is the fixed "now" of the tests: Thursday 2026-05-07 10:00 UTC.
var t0 = time.Date(2026, 5, 7, 10, 0, 0, 0, time.UTC)

// MustFormat returns the built-in format id or fails the test.
func MustFormat(tb testing.TB, id string) Format {
	tb.Helper()
	f, ok := FormatByID(id)
	if !ok {
		tb.Fatalf("FormatByID(%q): not found", id)
	}
	return f
}

// MustBoard returns a sailboat board created by "UCREATOR", facilitated by
// "UFAC", moved to phase.
func MustBoard(tb testing.TB, phase Phase) Board {
	tb.Helper()
	b, err := NewBoard(BoardParams{
		ID: "B1", TeamID: "T1", ChannelID: "C1", Format: MustFormat(tb, FormatSailboat),
		CreatedBy: "UCREATOR", Facilitator: "UFAC", Number: 7,
	}, t0)
	if err != nil {
		tb.Fatalf("NewBoard: %v", err)
	}
	b.Phase = phase
	return b
}

// MustAddCard adds a card in collect (whatever the board's phase), then
// restores the phase.
func MustAddCard(tb testing.TB, b *Board, id, zone, text, author string, at time.Time) Card {
	tb.Helper()
	phase := b.Phase
	b.Phase = PhaseCollect
	c, err := b.AddCard(CardInput{ID: id, Zone: zone, Text: text, Author: author}, at)
	b.Phase = phase
	if err != nil {
		tb.Fatalf("AddCard(%s): %v", id, err)
	}
	return c
}

// MustVote puts n votes on card id, bypassing the phase rule.
func MustVote(tb testing.TB, b *Board, id string, n int) {
	tb.Helper()
	for range n {
		if err := b.ApplyVote(id, +1); err != nil {
			tb.Fatalf("ApplyVote(%s): %v", id, err)
		}
	}
}

// checkErr fails unless err matches want (nil meaning no error).
func checkErr(tb testing.TB, err, want error) {
	tb.Helper()
	switch {
	case want == nil && err != nil:
		tb.Fatalf("got error %v, want none", err)
	case want != nil && !errors.Is(err, want):
		tb.Fatalf("got error %v, want %v", err, want)
	}
}
