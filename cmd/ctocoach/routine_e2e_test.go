package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ctocoach/bot"
	"ctocoach/slackemu"
	"ctocoach/store/storetest"
)

// e2eRoutineClock is Main's injected clock: tests move it so that the
// scheduler (which polls in real time but decides on this clock) fires.
type e2eRoutineClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *e2eRoutineClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *e2eRoutineClock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// mustRunRoutineMain runs Main on emu with the clock at start.
func mustRunRoutineMain(tb testing.TB, emu *slackemu.Server, start time.Time) (*Main, *e2eRoutineClock) {
	tb.Helper()
	clock := &e2eRoutineClock{t: start}
	m := MustRunMain(tb, emu, func(m *Main) { m.Now = clock.Now })
	return m, clock
}

// routineSettingsValues is the state of a submitted routine settings modal.
func routineSettingsValues(tz string, weekly ...string) map[string]map[string]slackemu.Value {
	return map[string]map[string]slackemu.Value{
		"rt_weekly":   {"pick": slackemu.CheckboxesValue(weekly...)},
		"hour":        {"pick": slackemu.SelectValue("default")},
		"days":        {"pick": slackemu.CheckboxesValue("1", "2", "3", "4", "5")},
		"tz":          {"text": slackemu.TextValue(tz)},
		"quiet_start": {"pick": slackemu.TimeValue("18:00")},
		"quiet_end":   {"pick": slackemu.TimeValue("09:00")},
	}
}

// waitRoutine waits for cond on emu, failing with what after testTimeout.
func waitRoutine(tb testing.TB, emu *slackemu.Server, what string, cond func(*slackemu.Server) bool) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := emu.Wait(ctx, cond); err != nil {
		tb.Fatalf("waiting for %s: %v", what, err)
	}
}

// mustBrunoFirstCoffee moves the clock to Monday 12 January 2026, 09:30 in
// Paris, when the scheduler (on the injected clock) fires the weekly coffee
// of UBRUNO subscribed in Europe/Paris, and returns that first nudge.
func mustBrunoFirstCoffee(tb testing.TB, emu *slackemu.Server, clock *e2eRoutineClock) slackemu.Message {
	tb.Helper()
	clock.Set(time.Date(2026, 1, 12, 8, 30, 1, 0, time.UTC))
	waitRoutine(tb, emu, "the first coffee nudge", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UBRUNO")) == 1 })
	return routineNudgesTo(emu, "UBRUNO")[0]
}

// routineNudgesTo returns the bot's DMs to user that are routine nudges (they
// have the "nudge" block).
func routineNudgesTo(emu *slackemu.Server, user string) []slackemu.Message {
	var out []slackemu.Message
	for _, m := range emu.Messages(user) {
		if strings.Contains(string(m.Blocks), `"block_id":"nudge"`) {
			out = append(out, m)
		}
	}
	return out
}

// routineButtonValue returns the value of the button actionID in blocks ("" if none).
func routineButtonValue(tb testing.TB, blocks json.RawMessage, actionID string) string {
	tb.Helper()
	ids, values := blockActions(tb, blocks)
	for i, id := range ids {
		if id == actionID {
			return values[i]
		}
	}
	return ""
}

// mustSubscribeRoutines opens /cto routines for user and submits it with weekly
// routines in zone tz, then waits for the confirmation DM.
func mustSubscribeRoutines(tb testing.TB, emu *slackemu.Server, user, tz string, weekly ...string) {
	tb.Helper()
	before := len(emu.Messages(user))
	MustSend(tb, emu, emu.SlashCommand(user, "CTEAM", "/cto", "routines"))
	waitRoutine(tb, emu, "the settings modal", func(s *slackemu.Server) bool {
		for _, v := range s.Views(user) {
			if v.CallbackID == "routine.settings" {
				return true
			}
		}
		return false
	})
	ack := MustSend(tb, emu, emu.ViewSubmission(user, "routine.settings", "", routineSettingsValues(tz, weekly...)))
	if strings.Contains(string(ack.Payload), "errors") {
		tb.Fatalf("settings submission refused: %s", ack.Payload)
	}
	waitRoutine(tb, emu, "the settings confirmation DM", func(s *slackemu.Server) bool { return len(s.Messages(user)) > before })
}

func TestE2ERoutinesSubscribeTestDoneAndHome(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC)) // Monday, 10:00 in New York

	// The roster: #team minus Alice herself.
	a := MustAnswer(t, emu, "UALICE", "team <#CTEAM|team>")
	if !strings.Contains(a.Text, "(2 in all)") {
		t.Fatalf("/cto team = %q, want a roster of 2", a.Text)
	}

	// The modal opens pre-filled with the profile's zone; a bad zone is refused in the ack.
	MustSend(t, emu, emu.SlashCommand("UALICE", "CTEAM", "/cto", "routines"))
	waitRoutine(t, emu, "the settings modal", func(s *slackemu.Server) bool { return len(s.Views("UALICE")) == 1 })
	if v := emu.Views("UALICE")[0]; !strings.Contains(string(v.Blocks), `"initial_value":"America/New_York"`) {
		t.Errorf("settings modal does not default to the profile's zone: %s", v.Blocks)
	}
	ack := MustSend(t, emu, emu.ViewSubmission("UALICE", "routine.settings", "", routineSettingsValues("Mars/Olympus_Mons", "weekly-coffee")))
	if !strings.Contains(string(ack.Payload), `"response_action":"errors"`) || !strings.Contains(string(ack.Payload), `"tz"`) {
		t.Fatalf("bad zone ack = %s, want response_action errors on tz", ack.Payload)
	}
	if len(emu.Views("UALICE")) != 1 {
		t.Errorf("modal closed after a refused submission")
	}
	before := len(emu.Messages("UALICE"))
	ack = MustSend(t, emu, emu.ViewSubmission("UALICE", "routine.settings", "", routineSettingsValues("America/New_York", "weekly-coffee")))
	if strings.Contains(string(ack.Payload), "errors") {
		t.Fatalf("valid submission refused: %s", ack.Payload)
	}
	waitRoutine(t, emu, "the confirmation DM", func(s *slackemu.Server) bool { return len(s.Messages("UALICE")) > before })
	if got := emu.Messages("UALICE")[before].Text; !strings.Contains(got, "Saved") || !strings.Contains(got, "Mon 12 Jan 09:30") {
		t.Errorf("confirmation = %q, want it saved with next Monday 09:30 New York time", got)
	}

	// The same modal submitted again plans nothing twice.
	before = len(emu.Messages("UALICE"))
	MustSend(t, emu, emu.ViewSubmission("UALICE", "routine.settings", "", routineSettingsValues("America/New_York", "weekly-coffee")))
	waitRoutine(t, emu, "the second confirmation DM", func(s *slackemu.Server) bool { return len(s.Messages("UALICE")) > before })

	// A sample nudge now, naming a member of #team.
	if a := MustAnswer(t, emu, "UALICE", "routines test"); !strings.Contains(a.Text, "Sent") {
		t.Errorf("/cto routines test = %q, want a confirmation", a.Text)
	}
	waitRoutine(t, emu, "the sample nudge", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UALICE")) == 1 })
	nudge := routineNudgesTo(emu, "UALICE")[0]
	body := plainJSON(nudge.Blocks)
	if !strings.Contains(body, "<@UBRUNO>") && !strings.Contains(body, "<@UCLARA>") {
		t.Errorf("coffee nudge names nobody from #team: %s", body)
	}
	if strings.Contains(body, "<@UALICE>") {
		t.Errorf("coffee nudge names Alice herself: %s", body)
	}
	done := routineButtonValue(t, nudge.Blocks, "routine.done")
	if done == "" {
		t.Fatalf("nudge has no Done button: %s", nudge.Blocks)
	}

	// Done: the DM is updated in place and App Home counts it.
	MustSend(t, emu, emu.BlockAction("UALICE", "", &nudge, "routine.done", done))
	waitRoutine(t, emu, "the nudge updated in place", func(s *slackemu.Server) bool {
		m, ok := s.Message(nudge.Channel, nudge.TS)
		return ok && m.Edited
	})
	updated, _ := emu.Message(nudge.Channel, nudge.TS)
	if !strings.Contains(updated.Text+plainJSON(updated.Blocks), "Done") || routineButtonValue(t, updated.Blocks, "routine.done") != "" {
		t.Errorf("nudge after Done = %s, want it marked done without buttons", updated.Blocks)
	}
	MustSend(t, emu, emu.AppHomeOpened("UALICE"))
	waitRoutine(t, emu, "App Home with the done count", func(s *slackemu.Server) bool {
		v, ok := s.HomeView("UALICE")
		return ok && strings.Contains(string(v.Blocks), "done 1 of 1")
	})
	home, _ := emu.HomeView("UALICE")
	if n := strings.Count(string(home.Blocks), "Mon 12 Jan 09:30"); n != 1 {
		t.Errorf("App Home shows the next coffee (Mon 12 Jan 09:30 New York time) %d times, want once: %s", n, home.Blocks)
	}
}

func TestE2ERoutinePauseSendsNothingAndNoBurst(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)) // Monday 13:00 in Paris
	mustSubscribeRoutines(t, emu, "UBRUNO", "Europe/Paris", "weekly-coffee")

	mustBrunoFirstCoffee(t, emu, clock)

	// Pause over the next Monday; bad dates get a clear answer.
	if a := MustAnswer(t, emu, "UBRUNO", "pause until yesterday"); !strings.Contains(a.Text, "pause until 2026-08-23") {
		t.Errorf("/cto pause until yesterday = %q, want the usage", a.Text)
	}
	if a := MustAnswer(t, emu, "UBRUNO", "pause until 2026-01-02"); !strings.Contains(a.Text, "passée") {
		t.Errorf("/cto pause with a past date = %q, want 'date passée'", a.Text)
	}
	a := MustAnswer(t, emu, "UBRUNO", "pause until 2026-01-20")
	if !strings.Contains(a.Text, "En pause jusqu'au mar. 20 janv.") || !strings.Contains(a.Text, "lun. 26 janv. 09:30") {
		t.Fatalf("/cto pause = %q, want paused until Tue 20 Jan, next on Mon 26 Jan 09:30", a.Text)
	}

	// Alice (not paused) is the sentinel: her coffee is due at the same
	// instant as Bruno's would be on 19 January, so the engine claims both
	// in the same poll (or Bruno's first); Close below waits for both.
	clock.Set(time.Date(2026, 1, 13, 12, 0, 0, 0, time.UTC))
	mustSubscribeRoutines(t, emu, "UALICE", "Europe/Paris", "weekly-coffee")
	clock.Set(time.Date(2026, 1, 19, 8, 30, 1, 0, time.UTC))
	waitRoutine(t, emu, "Alice's coffee on 19 January", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UALICE")) == 1 })

	// After the pause: exactly one nudge, the routine's first occurrence.
	clock.Set(time.Date(2026, 1, 26, 8, 30, 1, 0, time.UTC))
	waitRoutine(t, emu, "Bruno's coffee after the pause", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UBRUNO")) >= 2 })

	// Stop Main (it waits for running handlers) so that every nudge that
	// was going to be sent has been, then count.
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	got := routineNudgesTo(emu, "UBRUNO")
	if len(got) != 2 {
		t.Fatalf("nudges to Bruno = %d, want 2 (12 and 26 January, nothing during the pause, no burst)", len(got))
	}
	for i, want := range []time.Time{time.Date(2026, 1, 12, 8, 30, 0, 0, time.UTC), time.Date(2026, 1, 26, 8, 30, 0, 0, time.UTC)} {
		v := routineButtonValue(t, got[i].Blocks, "routine.done")
		if !strings.Contains(v, "|"+strconv.FormatInt(want.Unix(), 10)+"|") {
			t.Errorf("nudge %d is for occurrence %q, want %v", i+1, v, want)
		}
	}
}

// contactItemAction finds the action id of a contact's menu in blocks.
var contactItemAction = regexp.MustCompile(`"action_id":"(contacts\.item:[0-9a-f]+)"`)

func TestE2EContactsAddTouchAndPeerLunch(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))

	MustAnswer(t, emu, "UALICE", "contacts")
	eph := emu.Ephemerals("UALICE")
	if len(eph) == 0 || !strings.Contains(plainJSON(eph[len(eph)-1].Blocks), "network list is empty") {
		t.Fatalf("/cto contacts for a new user = %v, want the empty list", eph)
	}
	list := eph[len(eph)-1]
	MustSend(t, emu, emu.BlockAction("UALICE", "", &list, "contacts.add", "add"))
	waitRoutine(t, emu, "the add-contact modal", func(s *slackemu.Server) bool {
		vs := s.Views("UALICE")
		return len(vs) == 1 && vs[0].CallbackID == "contacts.add"
	})
	ack := MustSend(t, emu, emu.ViewSubmission("UALICE", "contacts.add", "", map[string]map[string]slackemu.Value{
		"c_tier": {"pick": slackemu.SelectValue("1")},
	}))
	if !strings.Contains(string(ack.Payload), `"c_name"`) {
		t.Fatalf("contact with no name and nobody picked: ack = %s, want an error on c_name", ack.Payload)
	}
	before := len(emu.ResponsesForUser("UALICE"))
	MustSend(t, emu, emu.ViewSubmission("UALICE", "contacts.add", "", map[string]map[string]slackemu.Value{
		"c_name": {"text": slackemu.TextValue("Camille <!here>")},
		"c_tier": {"pick": slackemu.SelectValue("1")},
		"c_note": {"text": slackemu.TextValue("CTO at Acme")},
		"c_last": {"pick": slackemu.DateValue("2025-11-01")},
	}))
	waitRoutine(t, emu, "the list refreshed with the new contact", func(s *slackemu.Server) bool {
		rs := s.ResponsesForUser("UALICE")
		return len(rs) > before && strings.Contains(string(rs[len(rs)-1].Blocks), "Camille")
	})
	rs := emu.ResponsesForUser("UALICE")
	refreshed := rs[len(rs)-1]
	body := plainJSON(refreshed.Blocks)
	if !refreshed.ReplaceOriginal || !strings.Contains(body, "Camille &lt;!here&gt;") || strings.Contains(body, "<!here>") || !strings.Contains(body, "overdue since") {
		t.Fatalf("refreshed list = replace %v, %s; want the list replaced, the name escaped, the contact overdue (tier 1, last seen 1 Nov)", refreshed.ReplaceOriginal, body)
	}

	// The peer lunch names the most overdue contact.
	mustSubscribeRoutines(t, emu, "UALICE", "America/New_York", "weekly-peer-lunch")
	MustAnswer(t, emu, "UALICE", "routines test weekly-peer-lunch")
	waitRoutine(t, emu, "the peer-lunch nudge", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UALICE")) == 1 })
	if lunch := plainJSON(routineNudgesTo(emu, "UALICE")[0].Blocks); !strings.Contains(lunch, "Camille &lt;!here&gt;") {
		t.Errorf("peer-lunch nudge does not name the overdue contact: %s", lunch)
	}

	// Contacted today: no longer overdue.
	MustAnswer(t, emu, "UALICE", "contacts")
	eph = emu.Ephemerals("UALICE")
	list = eph[len(eph)-1]
	m := contactItemAction.FindStringSubmatch(string(list.Blocks))
	if m == nil {
		t.Fatalf("no contact menu in %s", list.Blocks)
	}
	before = len(emu.ResponsesForUser("UALICE"))
	MustSend(t, emu, emu.BlockAction("UALICE", "", &list, m[1], "touch"))
	waitRoutine(t, emu, "the list after Contacted today", func(s *slackemu.Server) bool { return len(s.ResponsesForUser("UALICE")) > before })
	rs = emu.ResponsesForUser("UALICE")
	if after := plainJSON(rs[len(rs)-1].Blocks); strings.Contains(after, "overdue since") || !strings.Contains(after, "next: Thu 5 Feb") {
		t.Errorf("list after Contacted today = %s, want Camille due again in a month (Thu 5 Feb)", after)
	}
}

func TestE2ERoutinesWithRedisDown(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	s, mr := storetest.MiniServer(t)
	MustRunMain(t, emu, func(m *Main) { m.Store = s })
	mr.Close()
	for _, cmd := range []string{"routines", "contacts", "pause until 2030-01-01", "team <#CTEAM|team>"} {
		if a := MustAnswer(t, emu, "UBRUNO", cmd); !strings.Contains(a.Text, "Redis") {
			t.Errorf("/cto %s with Redis down = %q, want a clear 'memory unreachable' answer", cmd, a.Text)
		}
	}
	if a := MustAnswer(t, emu, "UALICE", "routines frobnicate"); !strings.Contains(a.Text, "Usage") {
		t.Errorf("/cto routines frobnicate = %q, want the usage", a.Text)
	}
}

// mustHome opens user's App Home and returns the view once its blocks
// contain want.
func mustHome(tb testing.TB, emu *slackemu.Server, user, want string) slackemu.View {
	tb.Helper()
	waitRoutine(tb, emu, "App Home containing "+want, func(s *slackemu.Server) bool {
		v, ok := s.HomeView(user)
		return ok && strings.Contains(plainJSON(v.Blocks), want)
	})
	v, _ := emu.HomeView(user)
	return v
}

// topView returns the topmost modal open for user with callbackID.
func topView(tb testing.TB, emu *slackemu.Server, user, callbackID string) slackemu.View {
	tb.Helper()
	waitRoutine(tb, emu, "the "+callbackID+" modal on top", func(s *slackemu.Server) bool {
		vs := s.Views(user)
		return len(vs) > 0 && vs[len(vs)-1].CallbackID == callbackID
	})
	vs := emu.Views(user)
	return vs[len(vs)-1]
}

func TestE2EAppHomeButtonsOpenSettingsAndNetworkList(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))

	MustSend(t, emu, emu.AppHomeOpened("UBRUNO"))
	home := mustHome(t, emu, "UBRUNO", "aucun pour l'instant")

	// Network list from App Home: a modal; Add pushes the form over it.
	MustSend(t, emu, emu.BlockActionInView("UBRUNO", home.ID, "contacts.open", "open"))
	list := topView(t, emu, "UBRUNO", "contacts.list")
	MustSend(t, emu, emu.BlockActionInView("UBRUNO", list.ID, "contacts.add", "add"))
	topView(t, emu, "UBRUNO", "contacts.add")
	if n := len(emu.Views("UBRUNO")); n != 2 {
		t.Fatalf("modal stack = %d, want the form pushed over the list (2)", n)
	}
	MustSend(t, emu, emu.ViewSubmission("UBRUNO", "contacts.add", "", map[string]map[string]slackemu.Value{
		"c_user": {"pick": slackemu.UserValue("UCLARA")},
		"c_tier": {"pick": slackemu.SelectValue("2")},
		"c_last": {"pick": slackemu.DateValue("2025-06-01")},
	}))
	waitRoutine(t, emu, "the list modal updated with Clara", func(s *slackemu.Server) bool {
		v, ok := s.View(list.ID)
		return ok && strings.Contains(plainJSON(v.Blocks), "<@UCLARA>")
	})
	mustHome(t, emu, "UBRUNO", "<@UCLARA>") // overdue since September: on the dashboard

	// Routine settings from App Home: the modal in French.
	MustSend(t, emu, emu.BlockActionInView("UBRUNO", home.ID, "routine.settings", "open"))
	if v := topView(t, emu, "UBRUNO", "routine.settings"); v.Title != "Vos rituels" || !strings.Contains(string(v.Blocks), "Europe/Paris") {
		t.Errorf("settings modal from App Home = %q, want the French modal with the profile's zone", v.Title)
	}
}

func TestE2ETeamRosterFromChannel(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	emu.AddUser(slackemu.User{ID: "UHELPER", Name: "helper", IsBot: true})
	emu.AddChannel(slackemu.Channel{ID: "CMIX", Name: "mix", Members: []string{"UALICE", "UHELPER", emu.BotUserID(), "UBRUNO"}})
	big := []string{"UALICE"}
	for i := range 250 {
		big = append(big, fmt.Sprintf("UM%03d", i))
	}
	emu.AddChannel(slackemu.Channel{ID: "CBIG", Name: "big", Members: big})
	// No client-side pacing, because of time only: the 250-member channel
	// costs 200 users.info calls, 1.5 min at bot.DefaultLimits' users.info
	// rate (100/min after a burst of 50; arithmetic). What is under test is
	// who the roster keeps (no bots, not the asker, the 200 cap). The
	// production pacing is on for /cto team in
	// TestE2ESlackFaultsConversationsMembers.
	MustRunMain(t, emu, func(m *Main) { m.SlackLimits = map[string]bot.MethodLimit{} })

	if a := MustAnswer(t, emu, "UALICE", "team <#CMIX|mix>"); !strings.Contains(a.Text, "(1 in all)") || !strings.Contains(a.Text, "<@UBRUNO>") {
		t.Errorf("/cto team #mix = %q, want only Bruno (no bots, not Alice)", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "team #mix"); !strings.Contains(a.Text, "by name") {
		t.Errorf("/cto team #mix typed in #team = %q, want the 'cannot look up by name' answer", a.Text)
	}
	env := emu.SlashCommand("UALICE", "CMIX", "/cto", "team #mix") // typed inside #mix: found by name
	MustSend(t, emu, env)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	rs, err := emu.WaitResponses(ctx, env.ResponseID, 1)
	if err != nil || !strings.Contains(rs[0].Text, "<@UBRUNO>") {
		t.Errorf("/cto team #mix typed in #mix = %v, %v; want the roster set", rs, err)
	}
	a := MustAnswer(t, emu, "UALICE", "team <#CBIG|big>")
	if !strings.Contains(a.Text, "Reading the 200 members") {
		t.Errorf("/cto team on a big channel first says = %q, want it to announce reading 200 members", a.Text)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), testTimeout)
	defer cancel2()
	if err := emu.Wait(ctx2, func(s *slackemu.Server) bool {
		rs := s.ResponsesForUser("UALICE")
		return len(rs) > 0 && strings.Contains(rs[len(rs)-1].Text, "(199 in all)")
	}); err != nil {
		t.Errorf("roster of a 251-member channel: %v; want the first 200 members read over two pages, minus Alice = 199", err)
	}
	if calls := emu.Calls("conversations.members"); len(calls) < 3 {
		t.Errorf("conversations.members calls = %d, want the big channel read in pages", len(calls))
	}
	for _, bad := range []string{"team <@UBRUNO>", "team two words"} {
		if a := MustAnswer(t, emu, "UALICE", bad); !strings.Contains(a.Text, "Usage") {
			t.Errorf("/cto %s = %q, want the usage", bad, a.Text)
		}
	}
}
