package knowledge

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// MustIndex loads a fixture folder and indexes it.
func MustIndex(tb testing.TB, dir string) *Index {
	tb.Helper()
	return NewIndex(MustLoadDir(tb, dir))
}

// hitIDs returns the card ids of hits.
func hitIDs(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Card.ID)
	}
	return out
}

func TestSearchFinds(t *testing.T) {
	ix := MustIndex(t, "testdata/cards/good")
	cases := []struct {
		lang Lang
		q    string
		want string // expected first hit
	}{
		{LangFR, "Comment déléguer ?", "delegate-step-by-step"},
		{LangFR, "comment deleguer", "delegate-step-by-step"},
		{LangEN, "how do I delegate?", "delegate-step-by-step"},
		{LangEN, "comment déléguer", "delegate-step-by-step"},  // French from an English user
		{LangFR, "how to delegate", "delegate-step-by-step"},   // English from a French user
		{LangEN, "delegatoin", "delegate-step-by-step"},        // typo
		{LangFR, "délagation étapes", "delegate-step-by-step"}, // typo + exact word
		{LangFR, "je suis épuisée", "burnout-signals"},
		{LangEN, "burn-out", "burnout-signals"},
		{LangEN, "I am burned out", "burnout-signals"}, // phrase -> concept
		// (In this 5-card fixture most words are unknown, which the
		// confidence, calibrated on the shipped corpus, reads as off-topic:
		// the queries here use the fixture's words.)
		{LangFR, "tête à tête", "one-on-ones"},
		{LangEN, "a 1:1 with my reports", "one-on-ones"},
		{LangFR, "rétro du voilier", "sailboat-retro"},
		{LangEN, "sailbaot retrospective", "sailboat-retro"},
		{LangFR, "je n'ai plus le temps de coder", "product-owner-frees-time"},
		{LangEN, "product owner", "product-owner-frees-time"},
	}
	for _, c := range cases {
		got := ix.Search(Query{Text: c.q, Lang: c.lang}).Hits
		if len(got) == 0 || got[0].Card.ID != c.want {
			t.Errorf("Search(%s %q) = %q, want %q first", c.lang, c.q, hitIDs(got), c.want)
		}
		for _, h := range got {
			if h.Score < relativeCut*got[0].Score {
				t.Errorf("Search(%s %q): %s scores %.2f, under %.0f %% of the best %.2f", c.lang, c.q, h.Card.ID, h.Score, 100*relativeCut, got[0].Score)
			}
		}
	}
}

func TestSearchNothingRelevant(t *testing.T) {
	ix := MustIndex(t, "testdata/cards/good")
	for _, c := range []struct {
		lang Lang
		q    string
	}{
		{LangFR, "recette de tarte"},
		{LangEN, "capital of peru"},
		{LangEN, "what is the weather in paris"},
		{LangFR, ""},
		{LangFR, "comment est-ce que je peux faire ?"},
		{LangEN, "how can I do it"},
		{LangEN, "zzzzzzzzzz"},
	} {
		if got := ix.Search(Query{Text: c.q, Lang: c.lang}).Hits; len(got) != 0 {
			t.Errorf("Search(%s %q) = %q, want nothing", c.lang, c.q, hitIDs(got))
		}
	}
}

// twinFS holds two cards with the same text and different phases, and a
// third that mentions the query word only in its body.
func twinFS() fstest.MapFS {
	card := func(id, phases, title string) string {
		return strings.NewReplacer("ID", id, "PHASES", phases, "TITLE", title).Replace(`
  - id: ID
    phases: PHASES
    tags: [hiring]
    source: {seed: s.txt, article: "A"}
    en: {title: "TITLE", body: "Interview loops, scorecards and references.", try: "Write a scorecard.", questions: ["how to recruit engineers", "first hires", "hiring process"]}
    fr: {title: "TITLE", body: "Entretiens, grilles et références.", try: "Écrivez une grille.", questions: ["comment recruter des développeurs", "premiers recrutements", "processus de recrutement"]}
`)
	}
	body := `
  - id: body-only
    phases: [all]
    tags: [architecture]
    source: {seed: s.txt, article: "A"}
    en: {title: "Plan the architecture", body: "Our kubernetes cluster and the monolith.", try: "Draw the system.", questions: ["how to plan architecture", "monolith or services", "system design"]}
    fr: {title: "Penser l'architecture", body: "Notre cluster kubernetes et le monolithe.", try: "Dessinez le système.", questions: ["comment penser l'architecture", "monolithe ou services", "conception du système"]}
`
	return fstest.MapFS{
		"cards/t.yaml": {Data: []byte("topic: t\ncards:" + card("hire-early", "[0-6]", "Hire your first engineers") + card("hire-late", "[18+]", "Hire your first engineers") + body)},
	}
}

func TestSearchPhaseBoostAndOrder(t *testing.T) {
	c, err := LoadFS(twinFS())
	if err != nil {
		t.Fatalf("LoadFS(twins) error: %v", err)
	}
	ix := NewIndex(c)
	cases := []struct {
		phase Phase
		want  []string
	}{
		{"", []string{"hire-early", "hire-late"}}, // equal scores: by id
		{PhaseAll, []string{"hire-early", "hire-late"}},
		{PhaseEarly, []string{"hire-early", "hire-late"}},
		{PhaseLate, []string{"hire-late", "hire-early"}},
		{PhaseMiddle, []string{"hire-early", "hire-late"}}, // neither fits
	}
	for _, cs := range cases {
		got := ix.Search(Query{Text: "how to hire engineers", Lang: LangEN, Phase: cs.phase}).Hits
		if !slices.Equal(hitIDs(got), cs.want) {
			t.Errorf("Search(phase %q) = %q, want %q", cs.phase, hitIDs(got), cs.want)
			continue
		}
		boosted := cs.phase == PhaseEarly || cs.phase == PhaseLate
		if ratio := got[0].Score / got[1].Score; boosted != (ratio > 1.1) {
			t.Errorf("Search(phase %q): score ratio %.3f, boosted = %v", cs.phase, ratio, boosted)
		}
	}
	if got := ix.Search(Query{Text: "how to hire engineers", Lang: LangEN, Limit: 1}).Hits; len(got) != 1 {
		t.Errorf("Search(Limit 1) = %q, want one hit", hitIDs(got))
	}
}

func TestSearchNeedsStrongField(t *testing.T) {
	c, err := LoadFS(twinFS())
	if err != nil {
		t.Fatalf("LoadFS(twins) error: %v", err)
	}
	ix := NewIndex(c)
	// "kubernetes" is only in a body: not evidence enough on its own.
	if got := ix.Search(Query{Text: "kubernetes", Lang: LangEN}).Hits; len(got) != 0 {
		t.Errorf("Search(kubernetes) = %q, want nothing (body-only match)", hitIDs(got))
	}
	// With a title word, the same card is found.
	if got := ix.Search(Query{Text: "kubernetes monolith", Lang: LangEN}).Hits; len(got) == 0 || got[0].Card.ID != "body-only" {
		t.Errorf("Search(kubernetes monolith) = %q, want body-only first", hitIDs(got))
	}
}

func TestSearchEmptyIndex(t *testing.T) {
	ix := NewIndex(build(nil, nil))
	if got := ix.Search(Query{Text: "delegate"}).Hits; len(got) != 0 {
		t.Errorf("Search on empty index = %q, want nil", hitIDs(got))
	}
}

// TestEveryCardFindable checks that each shipped card comes up in the top
// 3 for at least one of its own example questions, in each language.
func TestEveryCardFindable(t *testing.T) {
	c := MustEmbedded(t)
	ix := NewIndex(c)
	for _, card := range c.Cards() {
		for _, l := range []Lang{LangEN, LangFR} {
			found := false
			for _, q := range card.Text(l).Questions {
				if slices.ContainsFunc(ix.Search(Query{Text: q, Lang: l}).Hits, func(h Hit) bool { return h.Card == card }) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("card %s: none of its %s questions %q finds it", card.ID, l, card.Text(l).Questions)
			}
		}
	}
}
