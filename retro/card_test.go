package retro

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAddCard(t *testing.T) {
	tests := []struct {
		name  string
		phase Phase
		in    CardInput
		text  string
		err   error
	}{
		{"collect", PhaseCollect, CardInput{ID: "c", Zone: "wind", Text: "Daily deploys", Author: "U1"}, "Daily deploys", nil},
		{"late card in reveal", PhaseReveal, CardInput{ID: "c", Zone: "rocks", Text: "x", Author: "U1"}, "x", nil},
		{"trimmed", PhaseCollect, CardInput{ID: "c", Zone: "wind", Text: "  hi \r\n there \n"}, "hi \n there", nil},
		{"500 characters", PhaseCollect, CardInput{ID: "c", Zone: "wind", Text: strings.Repeat("é", 500)}, strings.Repeat("é", 500), nil},
		{"501 characters", PhaseCollect, CardInput{ID: "c", Zone: "wind", Text: strings.Repeat("a", 501)}, "", ErrCardTooLong},
		{"empty", PhaseCollect, CardInput{ID: "c", Zone: "wind", Text: " \n\t "}, "", ErrEmptyCard},
		{"unknown zone", PhaseCollect, CardInput{ID: "c", Zone: "mad", Text: "x"}, "", ErrUnknownZone},
		{"vote phase", PhaseVote, CardInput{ID: "c", Zone: "wind", Text: "x"}, "", ErrWrongPhase},
		{"actions phase", PhaseActions, CardInput{ID: "c", Zone: "wind", Text: "x"}, "", ErrWrongPhase},
		{"closed", PhaseClosed, CardInput{ID: "c", Zone: "wind", Text: "x"}, "", ErrClosed},
		{"no id", PhaseCollect, CardInput{Zone: "wind", Text: "x"}, "", ErrBadBoard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := MustBoard(t, tt.phase)
			c, err := b.AddCard(tt.in, t0)
			checkErr(t, err, tt.err)
			if tt.err != nil {
				if len(b.Cards) != 0 {
					t.Errorf("a rejected card was stored: %+v", b.Cards)
				}
				return
			}
			if c.Text != tt.text || c.Author != tt.in.Author || !c.CreatedAt.Equal(t0) || len(b.Cards) != 1 {
				t.Errorf("got %+v (%d cards), want text %q author %q", c, len(b.Cards), tt.text, tt.in.Author)
			}
		})
	}
}

func TestAddCardDuplicateID(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	MustAddCard(t, &b, "c1", "wind", "one", "U1", t0)
	_, err := b.AddCard(CardInput{ID: "c1", Zone: "wind", Text: "two"}, t0)
	checkErr(t, err, ErrDuplicateID)
}

func TestAnonymousCardNeverRecordsAuthor(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	c, err := b.AddCard(CardInput{ID: "c1", Zone: "anchor", Text: "Too many meetings", Author: "USECRET", Anonymous: true}, t0)
	if err != nil {
		t.Fatalf("AddCard: %v", err)
	}
	if c.Author != "" || !c.Anonymous() || b.Cards[0].Author != "" {
		t.Fatalf("anonymous card kept author: returned %q, stored %q", c.Author, b.Cards[0].Author)
	}
	raw, err := json.Marshal(b)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if strings.Contains(string(raw), "USECRET") {
		t.Fatalf("author found in serialised board: %s", raw)
	}
	// Nobody, not even the real author, can claim it.
	checkErr(t, b.EditCard("c1", "USECRET", "edited"), ErrNotAuthor)
	checkErr(t, b.DeleteCard("c1", "USECRET"), ErrNotAuthor)
	checkErr(t, b.DeleteCard("c1", ""), ErrNotAuthor)
}

func TestEditAndDeleteCard(t *testing.T) {
	tests := []struct {
		name  string
		phase Phase
		user  string
		card  string
		err   error
	}{
		{"author in collect", PhaseCollect, "U1", "c1", nil},
		{"someone else", PhaseCollect, "U2", "c1", ErrNotAuthor},
		{"facilitator is not the author", PhaseCollect, "UFAC", "c1", ErrNotAuthor},
		{"after reveal", PhaseReveal, "U1", "c1", ErrWrongPhase},
		{"closed", PhaseClosed, "U1", "c1", ErrClosed},
		{"missing card", PhaseCollect, "U1", "nope", ErrCardNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := MustBoard(t, tt.phase)
			MustAddCard(t, &b, "c1", "wind", "first", "U1", t0)
			err := b.EditCard(tt.card, tt.user, "  second ")
			checkErr(t, err, tt.err)
			wantText := "first"
			if tt.err == nil {
				wantText = "second"
			}
			if b.Cards[0].Text != wantText {
				t.Errorf("text = %q, want %q", b.Cards[0].Text, wantText)
			}
			checkErr(t, b.DeleteCard(tt.card, tt.user), tt.err)
			wantCards := 1
			if tt.err == nil {
				wantCards = 0
			}
			if len(b.Cards) != wantCards {
				t.Errorf("cards = %d, want %d", len(b.Cards), wantCards)
			}
		})
	}
	b := MustBoard(t, PhaseCollect)
	MustAddCard(t, &b, "c1", "wind", "first", "U1", t0)
	checkErr(t, b.EditCard("c1", "U1", "   "), ErrEmptyCard)
	checkErr(t, b.EditCard("c1", "U1", strings.Repeat("x", 501)), ErrCardTooLong)
	if b.Cards[0].Text != "first" {
		t.Errorf("a rejected edit changed the text to %q", b.Cards[0].Text)
	}
}

func TestCanChangeCard(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	named := MustAddCard(t, &b, "c1", "wind", "x", "U1", t0)
	anon := Card{ID: "c2", Zone: "wind", Text: "y"}
	if !CanChangeCard(b, named, "U1") || CanChangeCard(b, named, "U2") || CanChangeCard(b, anon, "") {
		t.Errorf("CanChangeCard: author %v (want true), other %v (want false), anonymous %v (want false)",
			CanChangeCard(b, named, "U1"), CanChangeCard(b, named, "U2"), CanChangeCard(b, anon, ""))
	}
	b.Phase = PhaseReveal
	if CanChangeCard(b, named, "U1") {
		t.Errorf("CanChangeCard after reveal = true, want false")
	}
}

func TestVisibleText(t *testing.T) {
	for _, tt := range []struct {
		phase Phase
		want  string
	}{
		{PhaseCollect, HiddenText},
		{PhaseReveal, "the text"},
		{PhaseVote, "the text"},
		{PhaseActions, "the text"},
		{PhaseClosed, "the text"},
	} {
		b := MustBoard(t, tt.phase)
		c := Card{ID: "c", Zone: "wind", Text: "the text"}
		if got := VisibleText(b, c); got != tt.want {
			t.Errorf("VisibleText in %s = %q, want %q", tt.phase, got, tt.want)
		}
	}
}
