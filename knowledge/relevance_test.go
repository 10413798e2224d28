package knowledge

import (
	"os"
	"testing"
)

// loadEvalCases reads a relevance set from testdata.
func loadEvalCases(tb testing.TB, name string) []EvalCase {
	tb.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		tb.Fatalf("read %s: %v", name, err)
	}
	cases, err := ParseEvalCases(data)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return cases
}

// checkWanted fails on a wanted card id that is not in the corpus.
func checkWanted(t *testing.T, c *Corpus, name string, cases []EvalCase) {
	t.Helper()
	for _, rc := range cases {
		for _, id := range rc.Want {
			if _, ok := c.Card(id); !ok {
				t.Errorf("%s: %q wants unknown card %q", name, rc.Q, id)
			}
		}
	}
}

// TestRelevanceDev reports the figures on the dev set (the set the
// constants are tuned on) and keeps them from regressing.
func TestRelevanceDev(t *testing.T) {
	c := MustEmbedded(t)
	cases := loadEvalCases(t, "dev.yaml")
	checkWanted(t, c, "dev.yaml", cases)
	r := Evaluate(NewIndex(c), cases)
	for _, m := range r.Misses {
		t.Logf("miss %s %q: want %q, got %q (%s)", m.Case.Lang, m.Case.Q, m.Case.Want, m.Got, m.Tier)
	}
	for _, l := range []Lang{LangEN, LangFR} {
		s := r.Lang[l]
		t.Logf("dev %s: hit@1 %.1f %%, hit@3 %.1f %%, MRR %.3f, nothing %.1f %%, off-topic no card %.1f %% (%d)",
			l, 100*s.HitAt1(), 100*s.HitAt3(), s.MRR(), 100*s.NothingRate(), 100*s.OffTopicRate(), s.OffTopic)
		if s.HitAt3() < 0.9 {
			t.Errorf("dev hit@3 %s = %.1f %%, want >= 90 %%", l, 100*s.HitAt3())
		}
		if s.OffTopicRate() < 0.9 {
			t.Errorf("dev off-topic with no card %s = %.1f %%, want >= 90 %%", l, 100*s.OffTopicRate())
		}
	}
}
