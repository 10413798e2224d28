package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ctocoach/slackemu"
)

// The replica tests (TestE2EThreeReplicasDeliverEachNudgeOnce,
// TestE2EFaultReplicaKilledMidBurst) share one scenario: many users
// subscribed to the Monday coffee through the settings modal, then a burst
// of nudges that must reach each of them exactly once.

// addBurstUsers adds n English, UTC users named by format (for example
// "UR%04d") to the emulator and returns their ids.
func addBurstUsers(emu *slackemu.Server, format string, n int) []string {
	ids := make([]string, n)
	for i := range n {
		ids[i] = fmt.Sprintf(format, i)
		emu.AddUser(slackemu.User{ID: ids[i], Name: fmt.Sprintf("cto%d", i), Locale: "en-US", TZ: "UTC"})
	}
	return ids
}

// subscribeToCoffee submits the routine settings modal (UTC, weekly coffee)
// for every user at once, fails on a transport error or an error ack, and
// waits for every subscription's confirmation DM.
func subscribeToCoffee(ctx context.Context, tb testing.TB, emu *slackemu.Server, ids []string) {
	tb.Helper()
	results := make([]<-chan slackemu.AckResult, 0, len(ids))
	for _, u := range ids {
		results = append(results, emu.SendAsync(emu.ViewSubmission(u, "routine.settings", "", routineSettingsValues("UTC", "weekly-coffee"))))
	}
	for _, r := range results {
		if res := <-r; res.Err != nil || strings.Contains(string(res.Ack.Payload), "errors") {
			tb.Fatalf("subscription: %v %s", res.Err, res.Ack.Payload)
		}
	}
	// Every subscription is confirmed by DM once it is saved and planned.
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return len(s.Calls("chat.postMessage")) >= len(ids) }); err != nil {
		tb.Fatalf("confirmations: %v", err)
	}
}

// usersNudged counts the users who got at least one routine nudge.
func usersNudged(s *slackemu.Server, ids []string) int {
	n := 0
	for _, u := range ids {
		if len(routineNudgesTo(s, u)) > 0 {
			n++
		}
	}
	return n
}

// assertOneNudgeEach fails unless every user got exactly one routine nudge
// (naming the first few who did not) and returns how many did not.
func assertOneNudgeEach(tb testing.TB, emu *slackemu.Server, ids []string) int {
	tb.Helper()
	twice := 0
	for _, u := range ids {
		if n := len(routineNudgesTo(emu, u)); n != 1 {
			twice++
			if twice < 5 {
				tb.Errorf("user %s got %d nudges, want 1", u, n)
			}
		}
	}
	if twice > 0 {
		tb.Errorf("%d of %d users did not get exactly one nudge", twice, len(ids))
	}
	return twice
}
