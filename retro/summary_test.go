package retro

import (
	"strings"
	"testing"
	"time"
)

// richBoard is a closed sailboat with votes, actions, a carried-over
// action and a promoted standard.
func richBoard(tb testing.TB) Board {
	tb.Helper()
	b := MustBoard(tb, PhaseCollect)
	b.PreviousActions = []Action{{ID: "p1", Text: "Fix flaky CI", Owner: "U9", Due: "2026-05-01", Status: ActionDone}}
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	MustAddCard(tb, &b, "w1", "wind", "Daily deploys", "U1", at(1))
	MustAddCard(tb, &b, "w2", "wind", "Pairing", "U2", at(2))
	MustAddCard(tb, &b, "w3", "wind", "New PO", "U1", at(3))
	MustAddCard(tb, &b, "w4", "wind", "Short stand-up", "", at(4))
	if _, err := b.AddCard(CardInput{ID: "a1", Zone: "anchor", Text: "Interruptions\nfrom sales", Author: "U3", Anonymous: true}, at(5)); err != nil {
		tb.Fatalf("AddCard: %v", err)
	}
	b.Phase = PhaseVote
	MustVote(tb, &b, "w3", 3)
	MustVote(tb, &b, "w2", 1)
	MustVote(tb, &b, "w4", 1)
	MustVote(tb, &b, "a1", 2)
	if _, err := b.AddAction(ActionInput{ID: "x1", Text: "Shield the team: one entry point for requests", Owner: "U4", Due: "2026-05-21", FromCard: "a1"}, t0); err != nil {
		tb.Fatalf("AddAction: %v", err)
	}
	if _, err := b.AddAction(ActionInput{ID: "x2", Text: "Keep the Monday coffee", Owner: "U5"}, t0); err != nil {
		tb.Fatalf("AddAction: %v", err)
	}
	if _, err := b.Promote("w1", "S1", "U1", "", t0); err != nil {
		tb.Fatalf("Promote: %v", err)
	}
	if err := b.Advance("UFAC", false, PhaseClosed, t0.Add(time.Hour)); err != nil {
		tb.Fatalf("Advance: %v", err)
	}
	return b
}

func TestSummarize(t *testing.T) {
	s := Summarize(richBoard(t), "fr-FR")
	if s.Lang != LangFR || s.FormatName != "Voilier" || s.Number != 7 || s.Facilitator != "UFAC" {
		t.Errorf("header = %q %q #%d %q, want fr Voilier #7 UFAC", s.Lang, s.FormatName, s.Number, s.Facilitator)
	}
	if len(s.Zones) != 4 || s.Zones[0].Name != "Vent" {
		t.Fatalf("zones = %+v, want 4 starting with Vent", s.Zones)
	}
	wind := s.Zones[0]
	var top []string
	for _, c := range wind.Top {
		top = append(top, c.ID)
	}
	// w3 (3 votes), then w2 and w4 with 1 vote each, the earlier first; w1 (0) left out.
	if got := strings.Join(top, ","); got != "w3,w2,w4" {
		t.Errorf("wind top = %s, want w3,w2,w4", got)
	}
	if wind.Cards != 4 || wind.Votes != 5 || wind.Top[0].Votes != 3 {
		t.Errorf("wind cards %d votes %d top votes %d, want 4 5 3", wind.Cards, wind.Votes, wind.Top[0].Votes)
	}
	if len(s.Zones[2].Top) != 0 || s.Zones[2].Top == nil {
		t.Errorf("empty zone top = %#v, want an empty, non-nil list", s.Zones[2].Top)
	}
	want := Counts{Cards: 5, Anonymous: 2, Authors: 2, Votes: 7, Actions: 2, PreviousDone: 1, Standards: 1}
	if s.Counts != want {
		t.Errorf("counts = %+v, want %+v", s.Counts, want)
	}
	if len(s.Actions) != 2 || s.Actions[0].Owner != "U4" || s.Actions[0].Due != "2026-05-21" {
		t.Errorf("actions = %+v, want x1 (U4, 2026-05-21) then x2", s.Actions)
	}
}

func TestSummarizeHidesDuringCollect(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	MustAddCard(t, &b, "c1", "wind", "secret idea", "U1", t0)
	s := Summarize(b, "en")
	if got := s.Zones[0].Top[0].Text; got != HiddenText {
		t.Fatalf("collect summary shows %q, want %q", got, HiddenText)
	}
}

func TestMarkdown(t *testing.T) {
	md := Markdown(richBoard(t), "en", nil)
	for _, want := range []string{
		"# Retro #7 — Sailboat\n",
		"- Date: 2026-05-07\n",
		"- Closed: 2026-05-07\n",
		"- Facilitator: UFAC\n",
		"- Votes per person: 3\n",
		"- Totals: 5 cards, 7 votes, 2 actions\n",
		"## Open actions from the last retro\n\n- [x] Fix flaky CI — owner: U9 — due: 2026-05-01\n",
		"## 🌬️ Wind\n\n_What pushes us forward?_\n\n- New PO (3 votes)\n- Pairing (1 vote)\n- Short stand-up (1 vote)\n- Daily deploys (0 votes)\n",
		"- Interruptions\n  from sales (2 votes)\n",
		"## 🪨 Rocks\n\n_Which risks lie ahead?_\n\nNo cards.\n",
		"## Actions\n\n- [ ] Shield the team: one entry point for requests — owner: U4 — due: 2026-05-21\n- [ ] Keep the Monday coffee — owner: U5\n",
		"## Promoted to the book of standards\n\n- **Daily deploys**\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q\n--- got ---\n%s", want, md)
		}
	}
	if strings.Contains(md, "U3") {
		t.Errorf("Markdown names the anonymous author U3:\n%s", md)
	}
	if i, j := strings.Index(md, "## 🌬️ Wind"), strings.Index(md, "## ⚓ Anchor"); i < 0 || j < i {
		t.Errorf("zones out of format order (wind at %d, anchor at %d)", i, j)
	}
}

func TestMarkdownFrenchAndNames(t *testing.T) {
	md := Markdown(richBoard(t), "fr", func(id string) string { return "@" + strings.ToLower(id) })
	for _, want := range []string{"# Rétro #7 — Voilier", "- Animation: @ufac", "responsable: @u4", "échéance: 2026-05-21", "(0 vote)", "## ⚓ Ancre"} {
		if !strings.Contains(md, want) {
			t.Errorf("French Markdown lacks %q\n%s", want, md)
		}
	}
}

func TestMarkdownHidesDuringCollect(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	MustAddCard(t, &b, "c1", "wind", "secret idea", "U1", t0)
	md := Markdown(b, "en", nil)
	if strings.Contains(md, "secret idea") || !strings.Contains(md, HiddenText) {
		t.Fatalf("collect export should hide the text:\n%s", md)
	}
	if strings.Contains(md, "Closed:") {
		t.Errorf("an open board's export has a Closed line:\n%s", md)
	}
}
