package bot

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/slack-go/slack"

	"ctocoach/slackemu"
)

// mustOpenSlowModal opens a one-input modal with callbackID for U1 and
// returns the submission envelope of it.
func mustOpenSlowModal(t *testing.T, tb *testBot, callbackID string) slackemu.Envelope {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: callbackID, Title: PlainText("Add a card"), Submit: PlainText("Add"),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("text", PlainText("Text"), nil, slack.NewPlainTextInputBlockElement(nil, "v")),
		}},
	}
	if _, err := tb.api.OpenViewContext(ctx, tb.emu.IssueTrigger("U1"), view); err != nil {
		t.Fatal(err)
	}
	return tb.emu.ViewSubmission("U1", callbackID, "", map[string]map[string]slackemu.Value{"text": {"v": {Type: "plain_text_input", Value: "hello"}}})
}

// waitDM waits for a DM to U1 containing want.
func waitDM(t *testing.T, emu *slackemu.Server, want string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	err := emu.Wait(ctx, func(s *slackemu.Server) bool {
		for _, m := range s.Messages("U1") {
			if strings.Contains(m.Text, want) {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no DM containing %q: %v (DMs: %+v)", want, err, emu.Messages("U1"))
	}
}

// A submission whose handler is still writing at the ack deadline is not
// closed as if saved: the modal says it is still saving, and the handler's
// answer arrives by DM — "not saved" for an errors answer, "saved" for a
// closing one.
func TestSlowSubmissionIsNeverAckedAsSaved(t *testing.T) {
	for _, tc := range []struct {
		name string
		ack  any
		want string
	}{
		{"fails", slack.NewErrorsViewSubmissionResponse(map[string]string{"text": "My memory (Redis) is unreachable."}), "was *not* saved: My memory (Redis) is unreachable."},
		{"succeeds", nil, "Saved after all"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			var once sync.Once
			free := func() { once.Do(func() { close(release) }) }
			tb := mustStartBot(t, func(b *Bot) {
				b.router.View("slow", legacy(func(ctx context.Context, r *Request) {
					<-release // a write on a hung Redis
					r.Ack(tc.ack)
				}))
			})
			t.Cleanup(free) // before the bot's cleanup, which waits for the handler
			ctx, cancel := context.WithTimeout(context.Background(), waitFor)
			defer cancel()
			ack, err := tb.emu.Send(ctx, mustOpenSlowModal(t, tb, "slow"))
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				ResponseAction string            `json:"response_action"`
				Errors         map[string]string `json:"errors"`
			}
			_ = json.Unmarshal(ack.Payload, &got)
			if got.ResponseAction != "errors" || !strings.Contains(got.Errors["text"], "Still saving") && !strings.Contains(got.Errors["text"], "Enregistrement en cours") {
				t.Fatalf("ack of a submission still saving = %s, want errors saying it is still saving (an empty ack closes the modal as if saved)", ack.Payload)
			}
			free()
			waitDM(t, tb.emu, tc.want)
		})
	}
}

// A submission whose handler panics gets an error in the modal, not a
// silent close.
func TestPanickingSubmissionAnswersAnError(t *testing.T) {
	tb := mustStartBot(t, func(b *Bot) {
		b.router.View("boom", func(ctx context.Context, r *Request) error { panic("kaboom") })
	})
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	ack, err := tb.emu.Send(ctx, mustOpenSlowModal(t, tb, "boom"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ack.Payload), `"errors"`) || !strings.Contains(string(ack.Payload), "Sorry") && !strings.Contains(string(ack.Payload), "Désolé") {
		t.Errorf("ack after a panicking submission = %s, want an errors answer with an apology", ack.Payload)
	}
}
