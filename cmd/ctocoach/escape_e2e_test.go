package main

import (
	"strings"
	"testing"

	"ctocoach/slackemu"
)

// escapeCheck fails when shown (what Slack would render, JSON-unescaped)
// does not carry want exactly once-escaped, or carries a live mention.
func escapeCheck(t *testing.T, where, shown, want string) {
	t.Helper()
	if !strings.Contains(shown, want) {
		t.Errorf("%s: want %q in %s", where, want, shown)
	}
	for _, bad := range []string{"&amp;amp;", "&amp;lt;", "<!channel>", "<!here>"} {
		if strings.Contains(shown, bad) {
			t.Errorf("%s: %q (double escaping or a live mention) in %s", where, bad, shown)
		}
	}
}

// The words a user types come back as typed, in English and French, from a
// slash command (escaped by Slack), a modal (not escaped by Slack) and a
// message shortcut (escaped by Slack); a typed <!channel> stays text.
func TestE2EEscapingOnceInAndOut(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	retroCommand(t, emu, "UALICE", "start")

	tests := []struct {
		user, typed string
	}{
		{"UALICE", "R&D <!channel> delegation"},
		{"UBRUNO", "R&D <!channel> déléguer"},
	}
	for _, tt := range tests {
		// Slash command: Slack sends "R&amp;D &lt;!channel&gt; …".
		a := MustAnswer(t, emu, tt.user, slackemu.EscapeText(tt.typed))
		escapeCheck(t, tt.user+" /cto answer", a.all(), "R&amp;D &lt;!channel&gt;")

		// Topic-like single word with an ampersand: the unknown-subcommand echo.
		a = MustAnswer(t, emu, tt.user, slackemu.EscapeText("R&D"))
		escapeCheck(t, tt.user+" /cto R&D", a.all(), "R&amp;D")

		// Modal: the ask shortcut's text comes as typed.
		MustSend(t, emu, emu.GlobalShortcut(tt.user, "ask_coach"))
		lang := "en"
		if tt.user == "UBRUNO" {
			lang = "fr"
		}
		ack := MustSend(t, emu, emu.ViewSubmission(tt.user, "ask_coach", lang, map[string]map[string]slackemu.Value{
			"question": {"text": slackemu.TextValue(tt.typed)},
		}))
		escapeCheck(t, tt.user+" ask modal", plainJSON(ack.Payload), "R&amp;D &lt;!channel&gt;")

		// Message shortcut: the message text comes escaped; the add-card
		// modal shows it as typed (a plain text input), the board once escaped.
		post := emu.PostAsUser("UCLARA", "CTEAM", slackemu.EscapeText(tt.typed+" deploy"))
		MustSend(t, emu, emu.MessageShortcut(tt.user, "CTEAM", post, "add_to_retro"))
		var modal slackemu.View
		retroWait(t, emu, "the add-card modal", func(s *slackemu.Server) bool {
			v := s.Views(tt.user)
			if len(v) > 0 && v[len(v)-1].CallbackID == "retro.add_card" {
				modal = v[len(v)-1]
				return true
			}
			return false
		})
		if got := plainJSON(modal.Blocks); !strings.Contains(got, `"initial_value":"`+tt.typed+` deploy"`) {
			t.Errorf("%s add-card modal: want the text as typed (%q), got %s", tt.user, tt.typed, got)
		}
		MustSend(t, emu, emu.ViewSubmission(tt.user, "retro.add_card", "", retroCardValues("wind", tt.typed+" deploy", false)))
	}
	// A typed "<#CTEAM>" is text, not Slack's channel markup: no roster from it.
	if a := MustAnswer(t, emu, "UALICE", "team "+slackemu.EscapeText("<#CTEAM>")); strings.Contains(a.Text, "Your team") {
		t.Errorf("/cto team with a typed <#CTEAM> = %q, want the usage, not a roster", a.Text)
	}
	if a := MustAnswer(t, emu, "UBRUNO", "team <#CTEAM|team>"); !strings.Contains(a.Text, "Votre équipe") {
		t.Errorf("/cto team with Slack's channel markup = %q, want the roster", a.Text)
	}
	retroBoard(t, emu, "CTEAM", "two cards", func(s string) bool { return retroCardCount(s) == 2 })
	board, _ := retroBoardMessage(emu, "CTEAM")
	retroClick(t, emu, "UALICE", board, "retro.reveal")
	board = retroBoard(t, emu, "CTEAM", "the revealed cards", func(s string) bool { return strings.Contains(s, "deploy") })
	shown := plainJSON(board.Blocks)
	escapeCheck(t, "board", shown, "R&amp;D &lt;!channel&gt; delegation deploy")
	escapeCheck(t, "board", shown, "R&amp;D &lt;!channel&gt; déléguer deploy")
}
