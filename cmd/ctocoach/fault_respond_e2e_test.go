package main

import (
	"strings"
	"testing"
	"time"

	"ctocoach/bot"
	"ctocoach/slackemu"
)

// response_url: 👍 on an advice card is answered through the button's
// response_url ("Thanks …"). A transient 429 or 503 is retried to success
// (bot.respond); when the response_url keeps failing the answer goes by DM.
func TestE2ESlackFaultsResponseURL(t *testing.T) {
	// Parallel: its own emulator and store; its time is spent waiting out
	// Retry-After and backoff, not on the CPU.
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UALICE", "burnout signs")
	_, values := blockActions(t, a.Blocks)
	if len(values) == 0 {
		t.Fatalf("no buttons in %s", a.all())
	}
	msg := &slackemu.Message{Channel: "CTEAM", Text: a.Text, Blocks: a.Blocks}
	thanks := bot.T(bot.LangEN, "advice.thanks_up")
	vote := []string{"advice.up", "advice.down"}
	runSlackFaults(t, emu, slackemu.ResponseURLMethod, func(t *testing.T, i int) outcome {
		// Alternate the vote, so that every press changes something.
		action := vote[i%2]
		want := thanks
		if action == "advice.down" {
			want = bot.T(bot.LangEN, "advice.thanks_down")
		}
		dms := dmsContaining(emu, "UALICE", want)
		start := time.Now()
		env := emu.BlockAction("UALICE", "CTEAM", msg, action, values[0])
		MustSend(t, emu, env)
		var o outcome
		answered := func(s *slackemu.Server) int {
			n := 0
			for _, r := range s.Responses(env.ResponseID) {
				if r.Status == 200 && strings.Contains(r.Text, want) {
					n++
				}
			}
			return n
		}
		faultAwait(emu, func(s *slackemu.Server) bool {
			o.delivered = answered(s) > 0
			o.told = dmsContaining(s, "UALICE", want) > dms
			return o.delivered || o.told
		})
		o.took = time.Since(start)
		o.dup = answered(emu)+dmsContaining(emu, "UALICE", want)-dms > 1
		return o
	})
}
