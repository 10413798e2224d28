package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"ctocoach/slackemu"
)

// A routine that can never arrive (Monday coffee, Thursday the only working
// day) is refused in the modal with an error on the days field naming it;
// a valid save then says "1 routine", not "1 routines", in both languages.
func TestE2ERoutineThatNeverArrivesIsRefusedAndCountsArePlural(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// initialOption returns the value of the initial option of the select in
// input block blockID of a view ("" if none, false if no such block).
func initialOption(tb testing.TB, blocks json.RawMessage, blockID string) (string, bool) {
	tb.Helper()
	var bs []struct {
		BlockID string `json:"block_id"`
		Element struct {
			InitialOption *struct {
				Value string `json:"value"`
			} `json:"initial_option"`
		} `json:"element"`
	}
	if err := json.Unmarshal(blocks, &bs); err != nil {
		tb.Fatalf("view blocks: %v", err)
	}
	for _, b := range bs {
		if b.BlockID == blockID {
			if b.Element.InitialOption == nil {
				return "", true
			}
			return b.Element.InitialOption.Value, true
		}
	}
	return "", false
}

// Each subscribed routine can have its own time in the settings modal
// (default: the time above), and "/cto routines test" takes a title in
// either language, or lists the ids.
func TestE2ERoutineOwnTimesAndTestByTitle(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 20, 0, 0, 0, time.UTC))
	tests := []struct {
		user, tz, coffeeAt, quiet string
	}{
		{"UALICE", "America/New_York", "Mon 12 Jan 10:30", "inside your quiet hours"},
		{"UBRUNO", "Europe/Paris", "lun. 12 janv. 10:30", "pendant vos heures de silence"},
	}
	openModal := func(user string) slackemu.View {
		t.Helper()
		n := len(emu.Calls("views.open"))
		MustSend(t, emu, emu.SlashCommand(user, "CTEAM", "/cto", "routines"))
		waitRoutine(t, emu, "the settings modal", func(s *slackemu.Server) bool { return len(s.Calls("views.open")) > n && len(s.Views(user)) > 0 })
		v := emu.Views(user)
		return v[len(v)-1]
	}
	for _, tt := range tests {
		mustSubscribeRoutines(t, emu, tt.user, tt.tz, "weekly-coffee", "weekly-peer-lunch")
		v := openModal(tt.user)
		for _, id := range []string{"weekly-coffee", "weekly-peer-lunch"} {
			if got, ok := initialOption(t, v.Blocks, "time_"+id); !ok || got != "default" {
				t.Errorf("%s: modal time of %s = %q (shown %v), want a select defaulting to the time above", tt.user, id, got, ok)
			}
		}
		if _, ok := initialOption(t, v.Blocks, "time_weekly-review"); ok {
			t.Errorf("%s: a time select for an unsubscribed routine", tt.user)
		}

		values := routineSettingsValues(tt.tz, "weekly-coffee", "weekly-peer-lunch")
		values["time_weekly-coffee"] = map[string]slackemu.Value{"pick": slackemu.SelectValue("07:00")}
		values["time_weekly-peer-lunch"] = map[string]slackemu.Value{"pick": slackemu.SelectValue("default")}
		ack := MustSend(t, emu, emu.ViewSubmission(tt.user, "routine.settings", "", values))
		if got := plainJSON(ack.Payload); !strings.Contains(got, `"time_weekly-coffee":"`) || !strings.Contains(got, tt.quiet) {
			t.Errorf("%s: a routine time in quiet hours: ack = %s, want an error on its field", tt.user, got)
		}

		before := len(emu.Messages(tt.user))
		values["time_weekly-coffee"] = map[string]slackemu.Value{"pick": slackemu.SelectValue("10:30")}
		if ack := MustSend(t, emu, emu.ViewSubmission(tt.user, "routine.settings", "", values)); strings.Contains(string(ack.Payload), "errors") {
			t.Fatalf("%s: own time refused: %s", tt.user, ack.Payload)
		}
		waitRoutine(t, emu, "the confirmation", func(s *slackemu.Server) bool { return len(s.Messages(tt.user)) > before })
		if got := emu.Messages(tt.user)[before].Text; !strings.Contains(got, tt.coffeeAt) {
			t.Errorf("%s: confirmation = %q, want the coffee at its own time %s", tt.user, got, tt.coffeeAt)
		}
		v = openModal(tt.user)
		if got, _ := initialOption(t, v.Blocks, "time_weekly-coffee"); got != "10:30" {
			t.Errorf("%s: reopened modal shows the coffee at %q, want 10:30", tt.user, got)
		}
	}

	for _, c := range []struct{ user, text, want string }{
		{"UALICE", "routines test monday coffee", "Sent: check your DMs for “Monday coffee with a teammate”"},
		{"UALICE", "routines test café du lundi", "Sent: check your DMs for “Monday coffee with a teammate”"},
		{"UBRUNO", "routines essai Le café du lundi avec un membre de l'équipe", "« Le café du lundi avec un membre de l'équipe »"},
		{"UBRUNO", "routines test weekly-coffee", "« Le café du lundi avec un membre de l'équipe »"},
		{"UALICE", "routines test nothing like it", "`weekly-coffee` — Monday coffee with a teammate"},
		{"UBRUNO", "routines test zzz", "`weekly-coffee` — Le café du lundi avec un membre de l'équipe"},
	} {
		if a := MustAnswer(t, emu, c.user, c.text); !strings.Contains(a.Text, c.want) {
			t.Errorf("%s /cto %s = %q, want %q", c.user, c.text, a.Text, c.want)
		}
	}
}
