package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ctocoach/slackemu"
)

// The Slack fault suite: the emulator answers 429 and 503 for one method
// the bot uses at a time, while a user does what calls it; the bot runs its
// production configuration (MustRunMain: bot.DefaultLimits, bot.RetryConfig)
// over real HTTP. Each case counts what the user got: delivered, told
// (Slack refused and the user was told so), lost (neither) and duplicated
// (the effect happened twice), with the p99 from the gesture to the outcome.
// The promise asserted: nothing lost, nothing twice; a transient fault is
// retried to success; a method that keeps failing ends with the user told.
// `go test -run TestE2ESlackFaults -v ./cmd/ctocoach/` prints the figures
// kept in docs/reliability.md.

// slackFault is one fault pattern: n answers of status, or every answer
// until cleared when n < 0.
type slackFault struct {
	name   string
	status int
	n      int
}

var slackFaults = []slackFault{
	{"429 ×2", 429, 2},
	{"503 ×2", 503, 2},
	{"429 always", 429, -1},
	{"503 always", 503, -1},
}

// faultTrials is how many gestures each case runs.
const faultTrials = 2

// faultWait bounds a gesture's outcome: five retries after 429s with
// Retry-After 1 s (plus slack-go's jitter) take up to ten seconds.
const faultWait = 20 * time.Second

// outcome is one gesture's result.
type outcome struct {
	delivered, told, dup bool
	took                 time.Duration
}

// faultTally sums a case's outcomes.
type faultTally struct {
	delivered, told, lost, dup int
	took                       []time.Duration
}

func (t *faultTally) add(o outcome) {
	switch {
	case o.delivered:
		t.delivered++
	case o.told:
		t.told++
	default:
		t.lost++
	}
	if o.dup {
		t.dup++
	}
	t.took = append(t.took, o.took)
}

// runSlackFaults runs every fault pattern on method, faultTrials gestures
// each, and checks the promise. mayBeTold lists the transient patterns where
// telling the user (rather than delivering) is right: a trigger-bound call
// whose retry would come after the trigger's life.
func runSlackFaults(t *testing.T, emu *slackemu.Server, method string, gesture func(t *testing.T, i int) outcome, mayBeTold ...string) {
	t.Helper()
	runSlackFaultPatterns(t, emu, method, slackFaults, gesture, mayBeTold...)
}

// runSlackFaultPatterns is runSlackFaults on some of the patterns only.
func runSlackFaultPatterns(t *testing.T, emu *slackemu.Server, method string, patterns []slackFault, gesture func(t *testing.T, i int) outcome, mayBeTold ...string) {
	t.Helper()
	for _, f := range patterns {
		var tally faultTally
		for i := range faultTrials {
			if f.n < 0 {
				emu.FailAll(method, f.status)
			} else {
				emu.FailNext(method, f.status, f.n)
			}
			o := gesture(t, i)
			emu.ClearFaults(method)
			tally.add(o)
		}
		t.Logf("| %s | %s | %d | %d | %d | %d | %v |", method, f.name, tally.delivered, tally.told, tally.lost, tally.dup, percentile(tally.took, 99).Round(time.Millisecond))
		if tally.lost > 0 || tally.dup > 0 {
			t.Errorf("%s %s: %d lost, %d duplicated of %d", method, f.name, tally.lost, tally.dup, faultTrials)
		}
		switch {
		case f.n < 0 && tally.told != faultTrials:
			t.Errorf("%s %s: told %d of %d, want every user told", method, f.name, tally.told, faultTrials)
		case f.n > 0 && tally.delivered != faultTrials && !contains(mayBeTold, f.name):
			t.Errorf("%s %s: delivered %d of %d, want a transient fault retried to success", method, f.name, tally.delivered, faultTrials)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// faultAwait waits up to faultWait for cond.
func faultAwait(emu *slackemu.Server, cond func(*slackemu.Server) bool) bool {
	ctx, cancel := context.WithTimeout(context.Background(), faultWait)
	defer cancel()
	return emu.Wait(ctx, cond) == nil
}

// okCalls counts the calls of method Slack answered ok, optionally only
// those whose params match.
func okCalls(emu *slackemu.Server, method string, match func(map[string]string) bool) int {
	n := 0
	for _, c := range emu.Calls(method) {
		if c.Status == 200 && c.Error == "" && (match == nil || match(c.Params)) {
			n++
		}
	}
	return n
}

// views.open: pressing "Add a card" opens the modal, or the user is told at
// once that Slack is busy (the trigger dies in 3 s: a retry past it is
// worthless, so 429 ×2 may end with the user told).
func TestE2ESlackFaultsViewsOpen(t *testing.T) {
	// Parallel: its own emulator, store and Redis process; its time is
	// spent waiting out Retry-After and backoff, not on the CPU.
	t.Parallel()
	waitBound(t)
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	retroCommand(t, emu, "UALICE", "start")
	retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return retroCardCount(s) == 0 })
	cards := 0
	runSlackFaults(t, emu, "views.open", func(t *testing.T, i int) outcome {
		before := okCalls(emu, "views.open", nil)
		start := time.Now()
		got, took := pressAddCard(t, emu, "UBRUNO")
		o := outcome{delivered: got == pressModal, told: got == pressTold, took: took}
		o.dup = okCalls(emu, "views.open", nil)-before > 1
		if o.delivered {
			MustSend(t, emu, emu.ViewSubmission("UBRUNO", "retro.add_card", "", retroCardValues("wind", fmt.Sprintf("fault card %d at %v", cards, start.UnixNano()), false)))
			cards++
		}
		return o
	}, "429 ×2")
	rb, err := m.Store.OpenBoard(context.Background(), emu.TeamID(), "CTEAM")
	if err != nil || len(rb.Cards) != cards {
		t.Errorf("cards stored = %d (%v), want the %d whose modal opened", len(rb.Cards), err, cards)
	}
}

// views.publish: opening App Home publishes it, or the user is told by DM
// that it could not be refreshed.
func TestE2ESlackFaultsViewsPublish(t *testing.T) {
	// Parallel: its own emulator, store and Redis process; its time is
	// spent waiting out Retry-After and backoff, not on the CPU.
	t.Parallel()
	waitBound(t)
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	const user = "UALICE"
	isUser := func(p map[string]string) bool { return p["user_id"] == user }
	runSlackFaults(t, emu, "views.publish", func(t *testing.T, i int) outcome {
		published, toldDM := okCalls(emu, "views.publish", isUser), homeBusyDMs(emu, user)
		start := time.Now()
		MustSend(t, emu, emu.AppHomeOpened(user))
		var o outcome
		faultAwait(emu, func(s *slackemu.Server) bool {
			o.delivered = okCalls(s, "views.publish", isUser) > published
			o.told = homeBusyDMs(s, user) > toldDM
			return o.delivered || o.told
		})
		o.took = time.Since(start)
		o.dup = okCalls(emu, "views.publish", isUser)-published > 1 || homeBusyDMs(emu, user)-toldDM > 1
		return o
	})
}

func homeBusyDMs(emu *slackemu.Server, user string) int {
	n := 0
	for _, m := range emu.Messages(user) {
		if strings.Contains(m.Text, "App Home could not be refreshed") {
			n++
		}
	}
	return n
}

// chat.postMessage: "/cto routines test" DMs a sample nudge and says so, or
// says Slack refused it.
func TestE2ESlackFaultsChatPostMessage(t *testing.T) {
	// Parallel: its own emulator, store and Redis process; its time is
	// spent waiting out Retry-After and backoff, not on the CPU.
	t.Parallel()
	waitBound(t)
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))
	mustSubscribeRoutines(t, emu, "UALICE", "America/New_York", "weekly-coffee")
	runSlackFaults(t, emu, "chat.postMessage", func(t *testing.T, i int) outcome {
		nudges := len(routineNudgesTo(emu, "UALICE"))
		start := time.Now()
		env := emu.SlashCommand("UALICE", "CTEAM", "/cto", "routines test")
		ack := MustSend(t, emu, env)
		var o outcome
		faultAwait(emu, func(s *slackemu.Server) bool {
			text := string(ack.Payload)
			for _, r := range s.Responses(env.ResponseID) {
				text += r.Text
			}
			o.delivered = strings.Contains(text, "Sent") && len(routineNudgesTo(s, "UALICE")) > nudges
			o.told = strings.Contains(text, "could not send")
			return o.delivered || o.told
		})
		o.took = time.Since(start)
		o.dup = len(routineNudgesTo(emu, "UALICE"))-nudges > 1
		return o
	})
}

// chat.update: Done on a nudge updates the DM in place; when chat.update
// keeps failing the button's response_url replaces it instead (the user
// sees the outcome either way, so both count as delivered; "told" is the
// message replaced through response_url).
func TestE2ESlackFaultsChatUpdate(t *testing.T) {
	// Parallel: its own emulator, store and Redis process; its time is
	// spent waiting out Retry-After and backoff, not on the CPU.
	t.Parallel()
	waitBound(t)
	emu := MustNewEmulator(t)
	mustRunRoutineMain(t, emu, time.Date(2026, 1, 5, 15, 0, 0, 0, time.UTC))
	mustSubscribeRoutines(t, emu, "UALICE", "America/New_York", "weekly-coffee")
	runSlackFaults(t, emu, "chat.update", func(t *testing.T, i int) outcome {
		n := len(routineNudgesTo(emu, "UALICE"))
		if a := MustAnswer(t, emu, "UALICE", "routines test"); !strings.Contains(a.Text, "Sent") {
			t.Fatalf("/cto routines test = %q", a.Text)
		}
		waitRoutine(t, emu, "the sample nudge", func(s *slackemu.Server) bool { return len(routineNudgesTo(s, "UALICE")) > n })
		nudge := routineNudgesTo(emu, "UALICE")[n]
		return pressDone(t, emu, nudge)
	})
}

// pressDone presses Done on nudge (the sample nudge goes out by
// chat.postMessage, so chat.update's fault is still whole).
func pressDone(t *testing.T, emu *slackemu.Server, nudge slackemu.Message) outcome {
	t.Helper()
	isNudge := func(p map[string]string) bool { return p["ts"] == nudge.TS }
	env := emu.BlockAction("UALICE", "", &nudge, "routine.done", routineButtonValue(t, nudge.Blocks, "routine.done"))
	start := time.Now()
	MustSend(t, emu, env)
	var o outcome
	replaced := func(s *slackemu.Server) int {
		k := 0
		for _, r := range s.Responses(env.ResponseID) {
			if r.ReplaceOriginal && strings.Contains(r.Text+string(r.Blocks), "Done") {
				k++
			}
		}
		return k
	}
	faultAwait(emu, func(s *slackemu.Server) bool {
		o.delivered = okCalls(s, "chat.update", isNudge) > 0
		o.told = replaced(s) > 0
		return o.delivered || o.told
	})
	o.took = time.Since(start)
	o.dup = okCalls(emu, "chat.update", isNudge)+replaced(emu) > 1
	return o
}
