package knowledge

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// relevanceCase is one entry of testdata/relevance.yaml: a question in a
// language and the card ids that would be a right answer (any of them in
// the top 3 is a hit). An empty want means nothing should be returned.
type relevanceCase struct {
	Lang Lang     `yaml:"lang"`
	Q    string   `yaml:"q"`
	Want []string `yaml:"want"`
}

// loadRelevance reads testdata/relevance.yaml, skipping the test when the
// file does not exist yet.
func loadRelevance(tb testing.TB) []relevanceCase {
	tb.Helper()
	data, err := os.ReadFile("testdata/relevance.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		tb.Skip("testdata/relevance.yaml does not exist yet")
	}
	if err != nil {
		tb.Fatalf("read relevance.yaml: %v", err)
	}
	var cases []relevanceCase
	if err := yaml.Unmarshal(data, &cases); err != nil {
		tb.Fatalf("parse relevance.yaml: %v", err)
	}
	return cases
}

// TestRelevance measures hit@3 per language over testdata/relevance.yaml
// and fails under 90 %, or when a query that wants nothing gets a hit.
func TestRelevance(t *testing.T) {
	cases := loadRelevance(t)
	c := MustEmbedded(t)
	ix := NewIndex(c)
	type tally struct{ hits, total int }
	per := map[Lang]*tally{LangEN: {}, LangFR: {}}
	for _, rc := range cases {
		for _, id := range rc.Want {
			if _, ok := c.Card(id); !ok {
				t.Errorf("relevance.yaml: %q wants unknown card %q", rc.Q, id)
			}
		}
		got := ix.Search(Query{Text: rc.Q, Lang: rc.Lang, Limit: 3})
		gotIDs := make([]string, len(got))
		for i, h := range got {
			gotIDs[i] = h.Card.ID
		}
		if len(rc.Want) == 0 {
			if len(got) > 0 {
				t.Errorf("off-topic %s %q: got %q, want nothing", rc.Lang, rc.Q, gotIDs)
			}
			continue
		}
		tl := per[rc.Lang]
		if tl == nil {
			t.Errorf("relevance.yaml: %q has unknown lang %q", rc.Q, rc.Lang)
			continue
		}
		tl.total++
		hit := slices.ContainsFunc(gotIDs, func(id string) bool { return slices.Contains(rc.Want, id) })
		if hit {
			tl.hits++
		} else {
			t.Logf("miss %s %q: want any of %q, got %q", rc.Lang, rc.Q, rc.Want, gotIDs)
		}
	}
	for _, l := range []Lang{LangEN, LangFR} {
		tl := per[l]
		if tl.total == 0 {
			continue
		}
		rate := float64(tl.hits) / float64(tl.total)
		t.Logf("hit@3 %s: %d/%d = %.1f %%", l, tl.hits, tl.total, 100*rate)
		if rate < 0.9 {
			t.Errorf("hit@3 %s = %.1f %%, want >= 90 %%", l, 100*rate)
		}
	}
}
