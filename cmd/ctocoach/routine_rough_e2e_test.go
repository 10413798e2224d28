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

// With Monday the only working day, "Tomorrow" on Monday's coffee lands on
// next Monday's regular nudge: the snooze merges into it, App Home lists
// it once, and one DM comes, in both languages.
func TestE2ESnoozeReachingTheNextNudgeReplacesIt(t *testing.T) {
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 20, 0, 0, 0, time.UTC)) // Monday evening in both zones
	// Paris first: each nudge is sent when the clock reaches it (a nudge
	// hours late is dropped as downtime), 09:30 in Paris then in New York.
	users := []struct {
		user, tz, next, merged, snoozedMark string
		utcHour                             int
	}{
		{"UBRUNO", "Europe/Paris", "lun. 19 janv. 09:30", "revient avec votre prochain rappel habituel", "(reporté)", 8},
		{"UALICE", "America/New_York", "Mon 19 Jan 09:30", "comes back with your next regular nudge", "(snoozed)", 14},
	}
	for _, u := range users {
		MustSend(t, emu, emu.SlashCommand(u.user, "CTEAM", "/cto", "routines"))
		waitRoutine(t, emu, "the settings modal", func(s *slackemu.Server) bool { return len(s.Views(u.user)) == 1 })
		monday := routineSettingsValues(u.tz, "weekly-coffee")
		monday["days"] = map[string]slackemu.Value{"pick": slackemu.CheckboxesValue("1")}
		if ack := MustSend(t, emu, emu.ViewSubmission(u.user, "routine.settings", "", monday)); strings.Contains(string(ack.Payload), "errors") {
			t.Fatalf("%s: Monday-only settings refused: %s", u.user, ack.Payload)
		}
		waitRoutine(t, emu, "the confirmation", func(s *slackemu.Server) bool { return len(s.Messages(u.user)) == 1 })
	}
	for _, u := range users {
		clock.Set(time.Date(2026, 1, 12, u.utcHour, 30, 1, 0, time.UTC))
		waitRoutine(t, emu, u.user+"'s first coffee", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, u.user)) == 1 })
		nudge := routineNudgesTo(emu, u.user)[0]
		value := routineButtonValue(t, nudge.Blocks, "routine.snooze:tomorrow")
		if value == "" {
			t.Fatalf("%s: no Tomorrow button in %s", u.user, nudge.Blocks)
		}
		MustSend(t, emu, emu.BlockAction(u.user, "", &nudge, "routine.snooze:tomorrow", value))
		waitRoutine(t, emu, "the nudge marked snoozed", func(s *slackemu.Server) bool {
			m, ok := s.Message(nudge.Channel, nudge.TS)
			return ok && m.Edited
		})
		updated, _ := emu.Message(nudge.Channel, nudge.TS)
		if got := plainJSON(updated.Blocks); !strings.Contains(got, u.merged) || !strings.Contains(got, u.next) {
			t.Errorf("%s: snoozed nudge = %s, want %q at %s", u.user, got, u.merged, u.next)
		}
		MustSend(t, emu, emu.AppHomeOpened(u.user))
		var home string
		waitRoutine(t, emu, "App Home after the snooze", func(s *slackemu.Server) bool {
			v, ok := s.HomeView(u.user)
			home = plainJSON(v.Blocks)
			return ok && strings.Contains(home, u.next)
		})
		if n := strings.Count(home, u.next); n != 1 || strings.Contains(home, u.snoozedMark) {
			t.Errorf("%s: App Home lists %s %d times (snoozed mark: %v), want once: %s", u.user, u.next, n, strings.Contains(home, u.snoozedMark), home)
		}
	}
	for _, u := range users {
		clock.Set(time.Date(2026, 1, 19, u.utcHour, 30, 1, 0, time.UTC))
		waitRoutine(t, emu, u.user+"'s second coffee", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, u.user)) >= 2 })
	}
	if err := m.Close(); err != nil { // waits for every nudge being sent
		t.Fatal(err)
	}
	for _, u := range users {
		if n := len(routineNudgesTo(emu, u.user)); n != 2 {
			t.Errorf("%s: %d nudges, want 2 (12 January, then one on 19 January for the snooze and the regular one)", u.user, n)
		}
	}
}
