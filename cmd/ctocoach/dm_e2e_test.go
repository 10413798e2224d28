package main

import (
	"fmt"
	"strings"
	"testing"

	"ctocoach/slackemu"
)

// botDMs returns the bot's posts in its DM with user.
func botDMs(emu *slackemu.Server, user string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range emu.Messages(user) {
		if m.User == emu.BotUserID() {
			out = append(out, m)
		}
	}
	return out
}

// A message in the bot's Messages tab is answered like /cto <text>, in the
// DM, in the user's language; bot posts, edits and other subtypes are not.
func TestE2EDirectMessageIsAnsweredLikeCto(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	// The intro depends on the search's confidence ("Here is what I have
	// for" or "The closest I have for"); what matters here is the echo,
	// escaped once.
	tests := []struct{ user, typed, want string }{
		{"UALICE", "how do I delegate & not micromanage?", " for “how do I delegate &amp; not micromanage?”"},
		{"UBRUNO", "comment déléguer & ne pas tout contrôler ?", " pour « comment déléguer &amp; ne pas tout contrôler ? »"},
		{"UALICE", "help", "/cto topics"},
		{"UBRUNO", "aide", "/cto topics"},
	}
	for _, tt := range tests {
		before := len(botDMs(emu, tt.user))
		MustSend(t, emu, emu.DirectMessage(tt.user, tt.typed))
		waitRoutine(t, emu, "the DM answer to "+tt.typed, func(s *slackemu.Server) bool { return len(botDMs(s, tt.user)) > before })
		got := botDMs(emu, tt.user)[before]
		if shown := got.Text + plainJSON(got.Blocks); !strings.Contains(shown, tt.want) {
			t.Errorf("%s DM %q answered %.300s, want %q", tt.user, tt.typed, shown, tt.want)
		}
		if len(emu.Ephemerals(tt.user)) != 0 {
			t.Errorf("%s: a DM was answered with an ephemeral message", tt.user)
		}
	}

	// "routines" in a DM cannot open the modal (no trigger id): a button does.
	for _, u := range []struct{ user, want string }{{"UALICE", "Open my routine settings"}, {"UBRUNO", "Ouvrir mes réglages de rituels"}} {
		before := len(botDMs(emu, u.user))
		MustSend(t, emu, emu.DirectMessage(u.user, "routines"))
		waitRoutine(t, emu, "the routines button", func(s *slackemu.Server) bool { return len(botDMs(s, u.user)) > before })
		msg := botDMs(emu, u.user)[before]
		if !strings.Contains(string(msg.Blocks), `"routine.settings"`) || !strings.Contains(string(msg.Blocks), u.want) {
			t.Errorf("%s DM routines = %s, want a %q button", u.user, msg.Blocks, u.want)
		}
		MustSend(t, emu, emu.BlockAction(u.user, "D"+u.user, &msg, "routine.settings", "open"))
		waitRoutine(t, emu, "the settings modal from the DM button", func(s *slackemu.Server) bool {
			v := s.Views(u.user)
			return len(v) > 0 && v[len(v)-1].CallbackID == "routine.settings"
		})
	}

	// Ignored: the bot's own post, an edit, a thread broadcast, a channel message.
	before := len(botDMs(emu, "UALICE"))
	ignored := []map[string]any{
		{"user": emu.BotUserID(), "bot_id": "B1", "text": "burnout", "channel": "DUALICE", "channel_type": "im", "ts": "1.1"},
		{"subtype": "bot_message", "bot_id": "B2", "text": "burnout", "channel": "DUALICE", "channel_type": "im", "ts": "1.2"},
		{"subtype": "message_changed", "channel": "DUALICE", "channel_type": "im", "ts": "1.3",
			"message": map[string]any{"type": "message", "user": "UALICE", "text": "burnout", "ts": "1.0"}},
		{"user": "UALICE", "text": "burnout", "channel": "CTEAM", "channel_type": "channel", "ts": "1.4"},
	}
	for _, f := range ignored {
		MustSend(t, emu, emu.Event("message", f))
	}
	// The bot's logs are no emulator event: poll them until the condition holds.
	MustEventually(t, testTimeout, fmt.Sprintf("the %d ignored message events were not all handled", len(ignored)), func() bool {
		return strings.Count(m.logs.String(), "ignoring a message event") >= len(ignored)
	})
	if n := len(botDMs(emu, "UALICE")) - before; n != 0 {
		t.Errorf("bot answered %d of the ignored message events, want 0", n)
	}
}
