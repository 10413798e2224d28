package main

import (
	"strings"
	"testing"

	"ctocoach/slackemu"
)

// "Add and write another": one modal, several cards. Each submission with
// the box ticked answers response_action update with a fresh form (empty
// text, a line confirming the card); the same form submitted twice adds one
// card; unticked, the modal closes.
func TestE2ERetroAddAndWriteAnother(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	retroCommand(t, emu, "UALICE", "start")
	board := retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return retroCardCount(s) == 0 })
	first := retroOpenModal(t, emu, "UALICE", board, "retro.add_card", "retro.add_card")
	if !strings.Contains(string(first.Blocks), "Add and write another") {
		t.Fatalf("the add-card modal has no 'Add and write another': %s", first.Blocks)
	}
	another := func(text string) map[string]map[string]slackemu.Value {
		v := retroCardValues("wind", text, true)
		v["more"] = map[string]slackemu.Value{"more": slackemu.CheckboxesValue("more")}
		return v
	}
	ack := MustSend(t, emu, emu.ViewSubmission("UALICE", "retro.add_card", "", another("first card")))
	if !strings.Contains(string(ack.Payload), `"response_action":"update"`) || !strings.Contains(string(ack.Payload), "Card added") {
		t.Fatalf("ack with 'another' ticked = %s, want response_action update with a confirmation", ack.Payload)
	}
	views := emu.Views("UALICE")
	if len(views) != 1 || views[0].ID != first.ID {
		t.Fatalf("open modals after 'another' = %+v, want the same modal updated", views)
	}
	if s := string(views[0].Blocks); strings.Contains(s, "first card") || !strings.Contains(s, "Card added") {
		t.Errorf("the next form must be empty and confirm the card: %s", s)
	}
	// The second form, submitted twice (a double click): one card.
	second := emu.ViewSubmission("UALICE", "retro.add_card", "", another("second card"))
	MustSend(t, emu, second)
	MustSend(t, emu, second)
	MustSend(t, emu, emu.ViewSubmission("UALICE", "retro.add_card", "", retroCardValues("rocks", "third card", false)))
	if v := emu.Views("UALICE"); len(v) != 0 {
		t.Errorf("the modal is still open after a submission without 'another'")
	}
	got := storedCardTexts(t, emu, m)
	if len(got) != 3 || got["first card"] != 1 || got["second card"] != 1 || got["third card"] != 1 {
		t.Errorf("cards stored = %v, want first, second and third once each", got)
	}
	if n := len(emu.Calls("views.open")); n != 1 {
		t.Errorf("views.open calls = %d for three cards, want 1", n)
	}
}
