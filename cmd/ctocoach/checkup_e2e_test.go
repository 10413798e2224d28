package main

import (
	"context"
	"strings"
	"testing"

	"ctocoach/slackemu"
)

func TestE2ECheckup(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UBRUNO", "checkup")
	ids, values := blockActions(t, a.Blocks)
	if len(ids) != 3 || strings.Join(values, ",") != "stagnation,isolation,burnout" {
		t.Fatalf("/cto checkup buttons = %v %v, want the three checklists", ids, values)
	}
	if a := MustAnswer(t, emu, "UBRUNO", "checkup astrology"); !strings.Contains(a.Text, "Usage") {
		t.Errorf("/cto checkup astrology = %q, want usage", a.Text)
	}
	MustSend(t, emu, emu.SlashCommand("UBRUNO", "CTEAM", "/cto", "checkup burnout")) // opens the modal
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if _, err := emu.WaitCalls(ctx, "views.open", 1); err != nil {
		t.Fatal(err)
	}
	views := emu.Views("UBRUNO")
	if len(views) == 0 || !strings.Contains(plainJSON(views[len(views)-1].Blocks), "Je me réveille la nuit") {
		t.Fatalf("checkup modal not open in French: %+v", views)
	}
	submit := func(ticks map[string][]string) string {
		values := map[string]map[string]slackemu.Value{}
		for group, opts := range ticks {
			values[group] = map[string]slackemu.Value{"ticks": slackemu.CheckboxesValue(opts...)}
		}
		ack := MustSend(t, emu, emu.ViewSubmission("UBRUNO", "checkup", "fr:burnout", values))
		return plainJSON(ack.Payload)
	}
	res := submit(map[string][]string{
		"physical":    {"physical.wakes-3am", "physical.tired"},
		"behavioural": {"behavioural.checks-slack", "behavioural.withdraws", "behavioural.small-decisions", "behavioural.postpones-life"},
	})
	if !strings.Contains(res, `"response_action":"update"`) || !strings.Contains(res, "6 signaux sur 12") || !strings.Contains(res, "médecin") {
		t.Errorf("burnout result = %s, want 6/12 and the high-level advice", res)
	}
	h, err := m.Store.CheckupHistory(ctx, emu.TeamID(), "UBRUNO", 10)
	if err != nil || len(h) != 1 {
		t.Fatalf("checkup history = %+v, %v; want one result", h, err)
	}
	if h[0].Score != 6 || h[0].Level != "high" {
		t.Errorf("stored result = %+v, want score 6 high", h[0])
	}

	// App Home shows the score.
	MustSend(t, emu, emu.AppHomeOpened("UBRUNO"))
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool {
		v, ok := s.HomeView("UBRUNO")
		return ok && strings.Contains(plainJSON(v.Blocks), "6/12")
	}); err != nil {
		v, _ := emu.HomeView("UBRUNO")
		t.Errorf("App Home lacks the self-check score: %s", plainJSON(v.Blocks))
	}
}
