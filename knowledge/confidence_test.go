package knowledge

import "testing"

func TestTierOf(t *testing.T) {
	for _, c := range []struct {
		conf float64
		want Tier
	}{
		{0, TierLow}, {lowBelow - 0.01, TierLow}, {lowBelow, TierMedium},
		{highFrom - 0.01, TierMedium}, {highFrom, TierHigh}, {1, TierHigh},
	} {
		if got := tierOf(c.conf); got != c.want {
			t.Errorf("tierOf(%.2f) = %s, want %s", c.conf, got, c.want)
		}
	}
}

// TestConfidenceGrowsWithEvidence: more of the query matched, a closer
// example, or both rankers agreeing never lowers the confidence.
func TestConfidenceGrowsWithEvidence(t *testing.T) {
	base := features{ngram: 0.3, coverage: 0.4, strong: 0.3, evidence: evExact, matched: 2, known: 0.8}
	c0 := base.confidence()
	for name, f := range map[string]features{
		"closer example":  {ngram: 0.6, coverage: 0.4, strong: 0.3, evidence: evExact, matched: 2, known: 0.8},
		"more covered":    {ngram: 0.3, coverage: 0.4, strong: 0.7, evidence: evExact, matched: 2, known: 0.8},
		"more terms":      {ngram: 0.3, coverage: 0.4, strong: 0.3, evidence: evExact, matched: 4, known: 0.8},
		"rankers agree":   {ngram: 0.3, coverage: 0.4, strong: 0.3, evidence: evExact, matched: 2, known: 0.8, bm25Top: true, ngramTop: true},
		"all words known": {ngram: 0.3, coverage: 0.4, strong: 0.3, evidence: evExact, matched: 2, known: 1},
	} {
		if c := f.confidence(); c <= c0 {
			t.Errorf("%s: confidence %.3f, want above %.3f", name, c, c0)
		}
	}
	if c := (features{}).confidence(); tierOf(c) != TierLow {
		t.Errorf("no evidence at all: confidence %.3f is %s, want low", c, tierOf(c))
	}
}

// TestSearchTiers checks the result shapes on the shipped corpus: a clear
// question is answered with high confidence, off-topic gets no card and a
// low tier, and a medium result never has more than two hits.
func TestSearchTiers(t *testing.T) {
	ix := NewIndex(MustEmbedded(t))
	if r := ix.Search(Query{Text: "sailboat retrospective", Lang: LangEN}); r.Tier != TierHigh || len(r.Hits) == 0 || r.Hits[0].Card.ID != "retro-sailboat" {
		t.Errorf("sailboat retrospective: %s %.2f %q, want high with retro-sailboat first", r.Tier, r.Confidence, hitIDs(r.Hits))
	}
	for _, q := range []Query{{Text: "what's the weather in lyon tomorrow", Lang: LangEN}, {Text: "recette de la tarte aux pommes", Lang: LangFR}, {Text: "", Lang: LangFR}} {
		if r := ix.Search(q); r.Tier != TierLow || len(r.Hits) != 0 || r.Confidence >= lowBelow {
			t.Errorf("%q: %s %.2f %q, want low and no card", q.Text, r.Tier, r.Confidence, hitIDs(r.Hits))
		}
	}
	for _, rc := range loadEvalCases(t, "dev.yaml") {
		r := ix.Search(Query{Text: rc.Q, Lang: rc.Lang, Limit: 5})
		if r.Tier == TierMedium && len(r.Hits) > mediumLimit {
			t.Errorf("%q: medium with %d hits, want at most %d", rc.Q, len(r.Hits), mediumLimit)
		}
		if r.Tier == TierHigh && len(r.Hits) == 0 {
			t.Errorf("%q: high with no hit", rc.Q)
		}
	}
}
