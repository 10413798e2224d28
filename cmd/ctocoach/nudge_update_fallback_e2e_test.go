package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"ctocoach/slackemu"
)

// When chat.update refuses to mark a nudge done, the nudge is still
// updated through the button's response_url (it was only logged).
func TestE2ENudgeUpdateFallsBackToResponseURL(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	_, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC))
	mustSubscribeRoutines(t, emu, "UBRUNO", "Europe/Paris", "weekly-coffee")
	nudge := mustBrunoFirstCoffee(t, emu, clock)
	done := routineButtonValue(t, nudge.Blocks, "routine.done")

	emu.FailNext("chat.update", http.StatusNotFound, 10) // not retried: a refusal
	env := emu.BlockAction("UBRUNO", "", &nudge, "routine.done", done)
	MustSend(t, emu, env)
	waitRoutine(t, emu, "the nudge replaced through response_url", func(s *slackemu.Server) bool {
		for _, r := range s.Responses(env.ResponseID) {
			if r.ReplaceOriginal && (strings.Contains(r.Text+plainJSON(r.Blocks), "Done") || strings.Contains(r.Text+plainJSON(r.Blocks), "Fait")) {
				return true
			}
		}
		return false
	})
}
