package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"ctocoach/slackemu"
)

// blockActions returns the action ids and values of the buttons in blocks.
func blockActions(tb testing.TB, blocks json.RawMessage) (ids, values []string) {
	tb.Helper()
	var bs []struct {
		Type     string `json:"type"`
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(blocks, &bs); err != nil {
		tb.Fatalf("blocks %s: %v", blocks, err)
	}
	for _, b := range bs {
		if b.Type != "actions" {
			continue
		}
		for _, e := range b.Elements {
			ids = append(ids, e.ActionID)
			values = append(values, e.Value)
		}
	}
	return ids, values
}

func TestE2EAdviceAnswersWithCards(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	if a := MustAnswer(t, emu, "UBRUNO", "aide"); a.ViaAck {
		t.Errorf("first command of an unknown user answered in the ack, want response_url after the profile lookup")
	}
	a := MustAnswer(t, emu, "UBRUNO", "comment deleguer sans tout controler ?")
	if !a.ViaAck {
		t.Errorf("second command's answer did not come in the ack (profile cached)")
	}
	if !strings.Contains(a.all(), "À essayer cette semaine") || !strings.Contains(a.all(), "Source") {
		t.Errorf("French answer lacks the try line or the source: %s", a.all())
	}
	ids, values := blockActions(t, a.Blocks)
	cards := 0
	for i, id := range ids {
		if id == "advice.share" {
			cards++
			if !strings.HasPrefix(values[i], "delegation") {
				t.Errorf("card %d = %s, want a delegation card", cards, values[i])
			}
		}
	}
	if cards < 1 || cards > 3 {
		t.Errorf("answer has %d cards, want 1–3", cards)
	}
}

func TestE2EAdviceCrossLanguage(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	// An English-locale user asks in French: found, answered in English.
	a := MustAnswer(t, emu, "UALICE", "trop de reunions")
	if !strings.Contains(a.all(), "Try this week") {
		t.Errorf("answer = %s, want English cards", a.all())
	}
}

func TestE2EAdviceNothingRelevantEscapesTheQuestion(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UALICE", "<!channel> recipe for apple pie")
	if !strings.Contains(a.Text, "nothing relevant") {
		t.Fatalf("off-topic answer = %q, want 'nothing relevant'", a.Text)
	}
	if strings.Contains(a.all(), "<!channel>") || !strings.Contains(a.Text, "&lt;!channel&gt;") {
		t.Errorf("the question was echoed unescaped: %s", a.all())
	}
	if ids, _ := blockActions(t, a.Blocks); len(ids) != 1 || ids[0] != "advice.topics" {
		t.Errorf("nothing-relevant answer actions = %v, want the topic picker", ids)
	}
}

func TestE2EAdviceShareAndFeedback(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UALICE", "burnout signs")
	_, values := blockActions(t, a.Blocks)
	if len(values) == 0 {
		t.Fatalf("no buttons in %s", a.all())
	}
	card := values[0]
	msg := &slackemu.Message{Channel: "CTEAM", Text: a.Text, Blocks: a.Blocks}

	share := emu.BlockAction("UALICE", "CTEAM", msg, "advice.share", card)
	MustSend(t, emu, share)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	rs, err := emu.WaitResponses(ctx, share.ResponseID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].ResponseType != "in_channel" || !strings.Contains(plainJSON(rs[0].Blocks), "<@UALICE>") {
		t.Errorf("share = %s %s, want an in_channel card naming the sharer", rs[0].ResponseType, rs[0].Blocks)
	}
	if ids, _ := blockActions(t, rs[0].Blocks); len(ids) != 0 {
		t.Errorf("shared card carries buttons %v, want none", ids)
	}

	for _, u := range []string{"UALICE", "UBRUNO"} {
		up := emu.BlockAction(u, "CTEAM", msg, "advice.up", card)
		MustSend(t, emu, up)
		if _, err := emu.WaitResponses(ctx, up.ResponseID, 1); err != nil {
			t.Fatal(err)
		}
	}
	down := emu.BlockAction("UALICE", "CTEAM", msg, "advice.down", card)
	MustSend(t, emu, down)
	if _, err := emu.WaitResponses(ctx, down.ResponseID, 1); err != nil {
		t.Fatal(err)
	}
	f, err := m.Store.Feedback(ctx, emu.TeamID(), card)
	if err != nil || f.Up != 1 || f.Down != 1 {
		t.Errorf("feedback on %s = %+v, %v; want 1 up (Bruno) and 1 down (Alice changed her mind)", card, f, err)
	}
}

func TestE2ETopicsBrowser(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UALICE", "topics")
	if ids, _ := blockActions(t, a.Blocks); len(ids) != 1 || ids[0] != "advice.topics" {
		t.Fatalf("/cto topics actions = %v, want the topic picker", ids)
	}
	topic := m.Corpus.Topics()[0]
	msg := &slackemu.Message{Channel: "CTEAM", Text: a.Text, Blocks: a.Blocks}
	pick := emu.BlockAction("UALICE", "CTEAM", msg, "advice.topics", topic.ID)
	MustSend(t, emu, pick)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	rs, err := emu.WaitResponses(ctx, pick.ResponseID, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := len(m.Corpus.ByTopic(topic.ID))
	if want > 10 {
		want = 10
	}
	ids, _ := blockActions(t, rs[0].Blocks)
	shares := strings.Count(strings.Join(ids, " "), "advice.share")
	if shares != want || !rs[0].ReplaceOriginal {
		t.Errorf("topic %s shows %d cards (replace=%v), want %d replacing the picker", topic.ID, shares, rs[0].ReplaceOriginal, want)
	}
}

func TestE2EPhase(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	if a := MustAnswer(t, emu, "UALICE", "phase"); !strings.Contains(a.Text, "/cto phase 2025-03") {
		t.Errorf("/cto phase with nothing set = %q, want usage", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "phase 2099-01"); !strings.Contains(a.Text, "not in the future") {
		t.Errorf("/cto phase in the future = %q, want usage", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "phase 2000-01"); !strings.Contains(a.Text, "18+") {
		t.Errorf("/cto phase 2000-01 = %q, want the 18+ phase", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "phase"); !strings.Contains(a.Text, "2000-01") {
		t.Errorf("/cto phase after setting = %q, want it shown", a.Text)
	}
}

func TestE2EAskShortcut(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	MustSend(t, emu, emu.GlobalShortcut("UBRUNO", "ask_coach"))
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	calls, err := emu.WaitCalls(ctx, "views.open", 1)
	if err != nil || calls[0].Error != "" {
		t.Fatalf("views.open = %v, %v", calls, err)
	}
	views := emu.Views("UBRUNO")
	if len(views) == 0 {
		t.Fatal("no modal open")
	}
	sub := emu.ViewSubmission("UBRUNO", "ask_coach", "fr", map[string]map[string]slackemu.Value{
		"question": {"text": slackemu.TextValue("comment trouver un mentor")},
	})
	ack := MustSend(t, emu, sub)
	if !strings.Contains(string(ack.Payload), `"response_action":"update"`) || !strings.Contains(string(ack.Payload), "mentor") {
		t.Errorf("ask submission ack = %s, want an updated view with mentor cards", ack.Payload)
	}
	empty := emu.ViewSubmission("UBRUNO", "ask_coach", "fr", map[string]map[string]slackemu.Value{
		"question": {"text": slackemu.TextValue("   ")},
	})
	if ack := MustSend(t, emu, empty); !strings.Contains(string(ack.Payload), `"errors"`) {
		t.Errorf("empty ask ack = %s, want errors", ack.Payload)
	}
}

func TestE2EUnknownSubcommandGetsHelp(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UBRUNO", "frobnicate")
	if !strings.Contains(a.Text, "Je ne connais pas `frobnicate`") || !strings.Contains(a.all(), "ce que je sais faire") {
		t.Errorf("/cto frobnicate = %q, want short French help naming the unknown word", a.Text)
	}
	// A single word that is a topic still answers with advice.
	if a := MustAnswer(t, emu, "UBRUNO", "mentor"); !strings.Contains(a.all(), "À essayer cette semaine") {
		t.Errorf("/cto mentor = %q, want cards", a.Text)
	}
}
