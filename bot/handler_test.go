package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func init() {
	AddTexts(map[string][2]string{
		"test.refuse":     {"only %s can %s", "seul %s peut %s"},
		"test.verb":       {"close it", "la fermer"},
		"test.left.one":   {"%d vote left", "%d vote restant"},
		"test.left.other": {"%d votes left", "%d votes restants"},
	})
}

// A handler's error is told to the user once, by the core, in their
// language: Unavailable names what could not be done; any other error gets
// the apology.
func TestHandlerErrorsAreToldInTheUsersLanguage(t *testing.T) {
	boom := errors.New("dial tcp: connection refused")
	tb := mustStartBot(t, func(b *Bot) {
		b.router.Subcommand("down", func(context.Context, *Request) error { return Unavailable("verb.save_lang", boom) })
		b.router.Subcommand("broken", func(context.Context, *Request) error { return boom })
		b.router.Subcommand("refused", func(context.Context, *Request) error { return Refuse("test.refuse", "<@U2>", Key("test.verb")) })
	})
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	tb.Profiles.get(ctx, "T0001", "U1") // cached: the answer rides in the ack
	for _, tc := range []struct{ sub, want string }{
		{"down", T(LangFR, "error.unavailable", T(LangFR, "verb.save_lang"))},
		{"broken", T(LangFR, "error.apology")},
		{"refused", "seul <@U2> peut la fermer"},
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

// A refusal is rendered in the user's language, its Key arguments
// translated too; ErrorText gives the same sentences for a modal's field
// errors, and anything else reads as the apology.
func TestRefusalTextIsTranslatedAtRenderTime(t *testing.T) {
	boom := errors.New("dial tcp: connection refused")
	for _, tc := range []struct {
		lang string
		err  error
		want string
	}{
		{LangEN, Refuse("test.refuse", "<@U2>", Key("test.verb")), "only <@U2> can close it"},
		{LangFR, Refuse("test.refuse", "<@U2>", Key("test.verb")), "seul <@U2> peut la fermer"},
		{LangFR, fmt.Errorf("board b1: %w", Refuse("test.refuse", "x", Key("test.verb"))), "seul x peut la fermer"},
		{LangEN, RefuseN("test.left", 1, 1), "1 vote left"},
		{LangEN, RefuseN("test.left", 0, 0), "0 votes left"},
		{LangFR, RefuseN("test.left", 0, 0), "0 vote restant"},
		{LangEN, Unavailable("verb.save_lang", boom), T(LangEN, "error.unavailable", T(LangEN, "verb.save_lang"))},
		{LangFR, boom, T(LangFR, "error.apology")},
	} {
		if got := ErrorText(tc.lang, tc.err); got != tc.want {
			t.Errorf("ErrorText(%s, %v) = %q, want %q", tc.lang, tc.err, got, tc.want)
		}
	}
	if !IsRefusal(fmt.Errorf("x: %w", Refuse("test.verb"))) || IsRefusal(Unavailable("verb.save_lang", boom)) || IsRefusal(boom) {
		t.Error("IsRefusal does not tell refusals from other errors")
	}
}

// A refused view submission keeps its modal open with the refusal on the
// form's first input (not a silent close, not the apology).
func TestRefusedSubmissionIsToldInTheModal(t *testing.T) {
	tb := mustStartBot(t, func(b *Bot) {
		b.router.View("refused", func(context.Context, *Request) error { return Refuse("test.refuse", "<@U2>", Key("test.verb")) })
	})
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	tb.Profiles.get(ctx, "T0001", "U1") // cached: a submission reads the cache only
	ack, err := tb.emu.Send(ctx, mustOpenSlowModal(t, tb, "refused"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ResponseAction string            `json:"response_action"`
		Errors         map[string]string `json:"errors"`
	}
	_ = json.Unmarshal(ack.Payload, &got)
	if got.ResponseAction != "errors" || !strings.Contains(got.Errors["text"], "seul <@U2> peut la fermer") {
		t.Errorf("ack of a refused submission = %s, want errors with the refusal in French", ack.Payload)
	}
}
