package bot

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

// A handler's error is told to the user once, by the core, in their
// language: Unavailable names what could not be done; any other error gets
// the apology.
func TestHandlerErrorsAreToldInTheUsersLanguage(t *testing.T) {
	boom := errors.New("dial tcp: connection refused")
	tb := mustStartBot(t, func(b *Bot) {
		b.router.Subcommand("down", func(context.Context, *Request) error { return Unavailable("verb.save_lang", boom) })
		b.router.Subcommand("broken", func(context.Context, *Request) error { return boom })
	})
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	tb.Profiles.get(ctx, "T0001", "U1") // cached: the answer rides in the ack
	for _, tc := range []struct{ sub, want string }{
		{"down", T(LangFR, "error.unavailable", T(LangFR, "verb.save_lang"))},
		{"broken", T(LangFR, "error.apology")},
	} {
		ack, err := tb.emu.Send(ctx, tb.emu.SlashCommand("U1", "C1", "/cto", tc.sub))
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Text string }
		_ = json.Unmarshal(ack.Payload, &got)
		if got.Text != tc.want {
			t.Errorf("/cto %s: ack = %s, want %q", tc.sub, ack.Payload, tc.want)
		}
	}
}
