package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"ctocoach/bot/routines"
)

// A nudge task handed again to a replica after its first claim died (the
// first replica was killed after Slack took the message, before the done
// marker) is found in the DM by its metadata and not sent twice.
func TestE2EReclaimedNudgeIsNotSentTwice(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC))
	mustSubscribeRoutines(t, emu, "UBRUNO", "Europe/Paris", "weekly-coffee")
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	pending, err := m.sharedScheduler().Pending(ctx, emu.TeamID(), "")
	if err != nil || len(pending) == 0 {
		t.Fatalf("pending nudges = %v, %v", pending, err)
	}
	task := pending[0]
	nudge := mustBrunoFirstCoffee(t, emu, clock)
	var meta struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
	if err := json.Unmarshal(nudge.Metadata, &meta); err != nil || meta.EventType != "ctocoach_nudge" || meta.EventPayload["task"] != task.ID {
		t.Errorf("nudge metadata = %s, want event_type ctocoach_nudge naming task %s", nudge.Metadata, task.ID)
	}

	// The same task again, as the scheduler hands it over after a dead claim.
	err = m.Routines.DeliverNudge(ctx, routines.Task{ID: task.ID, Team: task.Team, Due: task.Due, Payload: task.Payload, Reclaimed: 1})
	if err != nil {
		t.Fatalf("re-delivery: %v", err)
	}
	if n := len(routineNudgesTo(emu, "UBRUNO")); n != 1 {
		t.Errorf("after the re-claimed delivery the user has %d nudges, want 1", n)
	}
	if !strings.Contains(m.logs.String(), "already in the DM") {
		t.Errorf("no log line for the avoided duplicate")
	}
}
