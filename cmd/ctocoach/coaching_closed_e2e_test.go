package main

import (
	"context"
	"strings"
	"testing"
	"time"

	botcoaching "ctocoach/bot/coaching"
	"ctocoach/coaching"
	"ctocoach/slackemu"
)

// An answer on a commitment already closed is told, with the day it
// closed: from a stale App Home by DM, from the follow-up DM by editing
// it in place. In English.
func TestE2ECoachingAnswerOnAClosedCommitmentIsTold(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m, clock := mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))
	mustCommit(t, emu, "UALICE", "burnout signs")
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	pending, err := m.coaching.Service.Queue.Pending(ctx, emu.TeamID(), coaching.UserPrefix(emu.TeamID(), "UALICE"))
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	clock.Set(pending[0].Due.Add(time.Second))
	waitRoutine(t, emu, "the follow-up", func(s *slackemu.Server) bool { return len(followUpsTo(s, "UALICE")) == 1 })
	fu := followUpsTo(emu, "UALICE")[0]
	closedOn := "already closed (partly) on " + pending[0].Due.Format("Mon 2 Jan")
	acts := kitActions(t, fu.Blocks)
	id, _, _ := strings.Cut(acts[botcoaching.ActionDrop], "|")
	// A second commitment keeps a menu on App Home once the first closes
	// (an App Home left open shows the first one's menu still).
	mustCommit(t, emu, "UALICE", "how to run a one-on-one")

	home := waitHome(t, emu, "UALICE", "*Open* — 2 commitments")
	rows := map[coaching.Answer]string{}
	for k := range kitActions(t, home.Blocks) {
		if v, ok := strings.CutPrefix(k, botcoaching.ActionRow+"="); ok && strings.HasSuffix(v, "|"+id) {
			a, _, _ := strings.Cut(v, "|")
			rows[coaching.Answer(a)] = v
		}
	}
	if rows[coaching.AnswerPartly] == "" || rows[coaching.AnswerDone] == "" {
		t.Fatalf("App Home has no answer menu: %s", home.Blocks)
	}
	MustSend(t, emu, emu.BlockActionInView("UALICE", home.ID, botcoaching.ActionRow, rows[coaching.AnswerPartly]))
	waitRoutine(t, emu, "App Home after Partly", func(s *slackemu.Server) bool {
		v, _ := s.HomeView("UALICE")
		return strings.Contains(plainJSON(v.Blocks), "50% over 1 closed commitment") && strings.Contains(plainJSON(v.Blocks), "*Open* — 1 commitment")
	})

	// The same (stale) App Home menu again: Done on the closed commitment.
	MustSend(t, emu, emu.BlockActionInView("UALICE", home.ID, botcoaching.ActionRow, rows[coaching.AnswerDone]))
	waitRoutine(t, emu, "a DM saying it is closed", func(s *slackemu.Server) bool {
		for _, msg := range s.Messages("UALICE") {
			if strings.Contains(msg.Text, closedOn) {
				return true
			}
		}
		return false
	})

	// Drop on the follow-up DM: the DM is edited to say so.
	MustSend(t, emu, emu.BlockAction("UALICE", "", &fu, botcoaching.ActionDrop, acts[botcoaching.ActionDrop]))
	waitRoutine(t, emu, "the follow-up edited to say it is closed", func(s *slackemu.Server) bool {
		msg, ok := s.Message(fu.Channel, fu.TS)
		return ok && msg.Edited && strings.Contains(plainJSON(msg.Blocks), closedOn)
	})
	if c, err := m.coaching.Service.Repo.Commitment(ctx, emu.TeamID(), "UALICE", id); err != nil || c.Status != coaching.StatusPartly {
		t.Errorf("the closed commitment became %v (%v), want still partly", c.Status, err)
	}
}
