package main

import (
	"encoding/json"
	"strings"
	"testing"

	"ctocoach/slackemu"
)

// withoutState removes view.state from a view_submission envelope, as a
// malformed or truncated payload would arrive.
func withoutState(tb testing.TB, env slackemu.Envelope) slackemu.Envelope {
	tb.Helper()
	var p map[string]any
	if err := json.Unmarshal(env.Payload, &p); err != nil {
		tb.Fatal(err)
	}
	delete(p["view"].(map[string]any), "state")
	raw, err := json.Marshal(p)
	if err != nil {
		tb.Fatal(err)
	}
	env.Payload = raw
	return env
}

// The ask and checkup modals submitted without state answer a clear error
// (they panicked, and the modal just closed).
func TestE2ESubmissionWithoutStateIsAnsweredClearly(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	for _, tc := range []struct{ name, callback, meta string }{
		{"ask", "ask_coach", "fr"},
		{"checkup", "checkup", "fr:burnout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := withoutState(t, emu.ViewSubmission("UBRUNO", tc.callback, tc.meta, nil))
			ack := MustSend(t, emu, env)
			// In the modal when it has an input to show it on, else by DM.
			MustEventually(t, testTimeout, tc.name+" without state: a clear error in the ack or a DM", func() bool {
				told := strings.Contains(string(ack.Payload), "sans son contenu")
				for _, msg := range emu.Messages("UBRUNO") {
					told = told || strings.Contains(msg.Text, "sans son contenu")
				}
				return told
			})
			if strings.Contains(m.logs.String(), "handler panic") {
				t.Errorf("%s submitted without state panicked", tc.name)
			}
		})
	}
}
