package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ctocoach/bot"
	"ctocoach/slackemu"
	"ctocoach/store/storetest"
)

// TestE2EThreeReplicasDeliverEachNudgeOnce runs three Mains on one store and
// one emulator (Slack spreads envelopes over their sockets), subscribes 1,000
// users through the settings modal, moves the shared clock past the Monday
// coffee, stops one replica while the nudges are going out, and checks that
// every user got exactly one nudge.
func TestE2EThreeReplicasDeliverEachNudgeOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 users through three replicas")
	}
	const users = 1000
	emu := MustNewEmulator(t)
	for i := range users {
		emu.AddUser(slackemu.User{ID: fmt.Sprintf("UR%04d", i), Name: fmt.Sprintf("cto%d", i), Locale: "en-US", TZ: "UTC"})
	}
	st := storetest.MustOpen(t)
	clock := &e2eRoutineClock{t: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)} // Monday 08:00 UTC
	var mains []*Main
	for range 3 {
		mains = append(mains, MustRunMain(t, emu, func(m *Main) {
			m.Store = st
			m.Now = clock.Now
			m.Log = discardLogger()
			m.SlackLimits = map[string]bot.MethodLimit{} // the emulator enforces nothing here; exactly-once is under test
		}))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := emu.WaitConnections(ctx, 3); err != nil {
		t.Fatal(err)
	}

	results := make([]<-chan slackemu.AckResult, 0, users)
	for i := range users {
		u := fmt.Sprintf("UR%04d", i)
		results = append(results, emu.SendAsync(emu.ViewSubmission(u, "routine.settings", "", routineSettingsValues("UTC", "weekly-coffee"))))
	}
	for _, r := range results {
		if res := <-r; res.Err != nil || strings.Contains(string(res.Ack.Payload), "errors") {
			t.Fatalf("subscription: %v %s", res.Err, res.Ack.Payload)
		}
	}
	// Every subscription is confirmed by DM once it is saved and planned.
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return len(s.Calls("chat.postMessage")) >= users }); err != nil {
		t.Fatalf("confirmations: %v", err)
	}

	nudged := func(s *slackemu.Server) int {
		n := 0
		for i := range users {
			if len(routineNudgesTo(s, fmt.Sprintf("UR%04d", i))) > 0 {
				n++
			}
		}
		return n
	}
	clock.Set(time.Date(2026, 1, 5, 9, 31, 0, 0, time.UTC)) // the coffee (09:30) is due for everyone
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return len(s.Calls("chat.postMessage")) >= users+users/5 }); err != nil {
		t.Fatalf("nudges did not start: %v", err)
	}
	if err := mains[1].Close(); err != nil { // a replica goes away mid-run
		t.Fatalf("closing replica 2: %v", err)
	}
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return nudged(s) == users }); err != nil {
		t.Fatalf("only %d of %d users nudged: %v", nudged(emu), users, err)
	}
	for _, i := range []int{0, 2} {
		if err := mains[i].Close(); err != nil {
			t.Fatal(err)
		}
	}
	twice := 0
	for i := range users {
		if n := len(routineNudgesTo(emu, fmt.Sprintf("UR%04d", i))); n != 1 {
			twice++
			if twice < 5 {
				t.Errorf("user UR%04d got %d nudges, want 1", i, n)
			}
		}
	}
	if twice > 0 {
		t.Errorf("%d of %d users did not get exactly one nudge", twice, users)
	}
}
