package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	botcoaching "ctocoach/bot/coaching"
	"ctocoach/coaching"
	"ctocoach/slackemu"
)

// A coaching follow-up handed again to a replica after its first claim
// died (killed after Slack took the DM, before the done marker) is found
// in the DM by its metadata and not sent twice; the same task on a first
// claim carries the metadata naming it.
func TestE2EReclaimedCoachingFollowUpIsNotSentTwice(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC))
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	team := emu.TeamID()
	c, _, err := m.coaching.Service.Commit(ctx, team, "UALICE", "delegation-progressive", "Write down your week.", "en")
	if err != nil {
		t.Fatal(err)
	}
	pending, err := m.coaching.Service.Queue.Pending(ctx, team, coaching.UserPrefix(team, "UALICE"))
	if err != nil || len(pending) != 1 || pending[0].Kind != coaching.KindFollowUp {
		t.Fatalf("pending = %v, %v; want one follow-up", pending, err)
	}
	task := pending[0]
	clock.Set(task.Due.Add(time.Second))
	waitRoutine(t, emu, "the first follow-up", func(s *slackemu.Server) bool { return len(followUpsTo(s, "UALICE")) == 1 })
	fu := followUpsTo(emu, "UALICE")[0]
	var meta struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
	if err := json.Unmarshal(fu.Metadata, &meta); err != nil || meta.EventType != botcoaching.OnceEventType || meta.EventPayload["task"] != task.ID {
		t.Errorf("follow-up metadata = %s, want event_type %s naming task %s", fu.Metadata, botcoaching.OnceEventType, task.ID)
	}
	if task.ID != coaching.FollowUpTaskID(team, "UALICE", c.ID, 1) {
		t.Fatalf("task %s is not follow-up 1 of %s", task.ID, c.ID)
	}

	// The same task again, as the scheduler hands it over after a dead
	// claim, then after a failed attempt.
	deliver := botcoaching.Deliverer{Deps: m.coaching}
	for _, again := range []coaching.Task{
		{ID: task.ID, Kind: task.Kind, Team: task.Team, Due: task.Due, Payload: task.Payload, Reclaimed: 1},
		{ID: task.ID, Kind: task.Kind, Team: task.Team, Due: task.Due, Payload: task.Payload, Attempt: 1},
	} {
		if err := deliver.Deliver(ctx, again); err != nil {
			t.Fatalf("re-delivery: %v", err)
		}
	}
	if n := len(followUpsTo(emu, "UALICE")); n != 1 {
		t.Errorf("after the re-claimed deliveries the user has %d follow-ups, want 1", n)
	}
	if !strings.Contains(m.logs.String(), "already sent by an earlier claim") {
		t.Errorf("no log line for the avoided duplicate")
	}
}
