package main

import (
	"context"
	"fmt"
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
	t.Parallel()
	if testing.Short() {
		t.Skip("1,000 users through three replicas")
	}
	const users = 1000
	emu := MustNewEmulator(t)
	ids := addBurstUsers(emu, "UR%04d", users)
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
	subscribeToCoffee(ctx, t, emu, ids)

	nudged := func(s *slackemu.Server) int { return usersNudged(s, ids) }
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
	assertOneNudgeEach(t, emu, ids)
}

// BenchmarkNudgeDeliveryUnderSlackLimit: b.N users subscribed to the Monday
// coffee (through one Main with pacing off), then three replicas with the
// production pacing (bot.DefaultLimits: chat.postMessage 600/min burst 10 per
// process, and the scheduler's shared Redis rate) deliver every nudge while
// the emulator enforces 600/min (burst 10) on chat.postMessage for the
// workspace. Reports delivered/s against what the emulator allows, and 429s.
//
//	go test -run '^$' -bench NudgeDeliveryUnderSlackLimit -benchtime 300x ./cmd/ctocoach/
func BenchmarkNudgeDeliveryUnderSlackLimit(b *testing.B) {
	users := b.N
	emu := MustNewEmulator(b)
	for i := range users {
		emu.AddUser(slackemu.User{ID: fmt.Sprintf("UB%05d", i), Name: fmt.Sprintf("cto%d", i), Locale: "en-US", TZ: "UTC"})
	}
	st := storetest.MustOpen(b)
	clock := &e2eRoutineClock{t: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)}
	setup := MustRunMain(b, emu, func(m *Main) {
		m.Store, m.Now, m.Log, m.SlackLimits = st, clock.Now, discardLogger(), map[string]bot.MethodLimit{}
	})
	results := make([]<-chan slackemu.AckResult, 0, users)
	for i := range users {
		results = append(results, emu.SendAsync(emu.ViewSubmission(fmt.Sprintf("UB%05d", i), "routine.settings", "", routineSettingsValues("UTC", "weekly-coffee"))))
	}
	for _, r := range results {
		if res := <-r; res.Err != nil {
			b.Fatal(res.Err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(users)*time.Second/2+30*time.Second)
	defer cancel()
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return len(s.Calls("chat.postMessage")) >= users }); err != nil {
		b.Fatal(err)
	}
	if err := setup.Close(); err != nil {
		b.Fatal(err)
	}
	before := len(emu.Calls("chat.postMessage"))

	emu.SetRateLimit("chat.postMessage", 600, 10)
	// From here the clock runs in real time from 09:31 (the coffee is due):
	// the scheduler's shared rate refills on it.
	due, start := time.Date(2026, 1, 5, 9, 31, 0, 0, time.UTC), time.Now()
	running := func() time.Time { return due.Add(time.Since(start)) }
	b.ResetTimer()
	var replicas []*Main
	for range 3 {
		replicas = append(replicas, MustRunMain(b, emu, func(m *Main) { m.Store, m.Now = st, running }))
	}
	okCalls := func(s *slackemu.Server) int {
		n := 0
		for _, c := range s.Calls("chat.postMessage")[before:] {
			if c.Status == 200 {
				n++
			}
		}
		return n
	}
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return okCalls(s) >= users }); err != nil {
		statuses := map[int]int{}
		for _, c := range emu.Calls("chat.postMessage")[before:] {
			statuses[c.Status]++
		}
		b.Logf("replica 0 logs:\n%.6000s", replicas[0].logs.String())
		b.Fatalf("%d of %d nudges delivered (statuses %v): %v", okCalls(emu), users, statuses, err)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	allowed := (10 + 10*elapsed.Seconds()) / elapsed.Seconds()
	delivered := float64(users) / elapsed.Seconds()
	b.ReportMetric(delivered, "delivered/s")
	b.ReportMetric(allowed, "allowed/s")
	b.ReportMetric(delivered/allowed*100, "%-of-allowed")
	b.ReportMetric(float64(emu.RateLimited("chat.postMessage")), "429s")
}
