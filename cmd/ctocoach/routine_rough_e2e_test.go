package main

import (
	"strings"
	"testing"
	"time"

	"ctocoach/slackemu"
)

// A routine that can never arrive (Monday coffee, Thursday the only working
// day) is refused in the modal with an error on the days field naming it;
// a valid save then says "1 routine", not "1 routines", in both languages.
func TestE2ERoutineThatNeverArrivesIsRefusedAndCountsArePlural(t *testing.T) {
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))
	tests := []struct {
		user, tz, never, saved, home string
	}{
		{"UALICE", "America/New_York",
			"“Monday coffee with a teammate” only comes on Monday, which is not one of your working days: tick Monday",
			"✅ Saved: 1 routine. Next:", "*Your routines* — 1 subscribed"},
		{"UBRUNO", "Europe/Paris",
			"« Le café du lundi avec un membre de l'équipe » n'arrive que le lundi, qui ne fait pas partie de vos jours travaillés : cochez lundi",
			"✅ C'est enregistré : 1 rituel. Prochain envoi :", "*Vos rituels* — 1 choisi\""},
	}
	for _, tt := range tests {
		MustSend(t, emu, emu.SlashCommand(tt.user, "CTEAM", "/cto", "routines"))
		waitRoutine(t, emu, "the settings modal", func(s *slackemu.Server) bool { return len(s.Views(tt.user)) == 1 })
		thursday := routineSettingsValues(tt.tz, "weekly-coffee")
		thursday["days"] = map[string]slackemu.Value{"pick": slackemu.CheckboxesValue("4")}
		ack := MustSend(t, emu, emu.ViewSubmission(tt.user, "routine.settings", "", thursday))
		if got := plainJSON(ack.Payload); !strings.Contains(got, `"response_action":"errors"`) || !strings.Contains(got, `"days":"`+tt.never) {
			t.Errorf("%s: Thursday-only coffee ack = %s, want an error on days: %q", tt.user, got, tt.never)
		}
		if len(emu.Views(tt.user)) != 1 {
			t.Errorf("%s: the modal closed after a refused submission", tt.user)
		}
		if n := len(emu.Messages(tt.user)); n != 0 {
			t.Errorf("%s: %d DMs after a refused submission, want none (nothing saved)", tt.user, n)
		}

		ack = MustSend(t, emu, emu.ViewSubmission(tt.user, "routine.settings", "", routineSettingsValues(tt.tz, "weekly-coffee")))
		if strings.Contains(string(ack.Payload), "errors") {
			t.Fatalf("%s: valid settings refused: %s", tt.user, ack.Payload)
		}
		waitRoutine(t, emu, "the confirmation", func(s *slackemu.Server) bool { return len(s.Messages(tt.user)) > 0 })
		if got := emu.Messages(tt.user)[0].Text; !strings.Contains(got, tt.saved) {
			t.Errorf("%s: confirmation = %q, want %q", tt.user, got, tt.saved)
		}
		waitRoutine(t, emu, "App Home", func(s *slackemu.Server) bool {
			v, ok := s.HomeView(tt.user)
			return ok && strings.Contains(plainJSON(v.Blocks), tt.home)
		})
	}
}
