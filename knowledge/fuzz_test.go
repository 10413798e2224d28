package knowledge

import (
	"strings"
	"testing"
)

// FuzzSearch searches the embedded corpus with arbitrary text in both
// languages: no panic, at most the limit of hits, every hit a card of the
// corpus, best first (cards fitting the phase first), and the same answer twice. Run it with
// go test ./knowledge -run XXX -fuzz FuzzSearch -fuzztime 3m; what it finds
// is kept under testdata/fuzz/FuzzSearch and replayed by go test.
func FuzzSearch(f *testing.F) {
	for _, q := range benchQueries {
		f.Add(q.Text, q.Lang == LangFR)
	}
	f.Add(strings.Repeat("abcdefghij", 200), false)
	f.Add("l'''''-''-:/1:1 tête-à-tête e-mail ŒÆß’", true)
	f.Add("\xff\xfe invalid utf8 déléguer", true)
	c := MustEmbedded(f)
	ix := NewIndex(c)
	f.Fuzz(func(t *testing.T, text string, fr bool) {
		l := LangEN
		if fr {
			l = LangFR
		}
		q := Query{Text: text, Lang: l, Phase: PhaseLate}
		got := ix.Search(q)
		if len(got.Hits) > defaultLimit {
			t.Fatalf("%d hits, limit %d", len(got.Hits), defaultLimit)
		}
		for i, h := range got.Hits {
			if card, ok := c.Card(h.Card.ID); !ok || card != h.Card {
				t.Fatalf("hit %q is not a card of the index", h.Card.ID)
			}
			prev := got.Hits[max(i-1, 0)]
			if i > 0 && h.Card.HasPhase(q.Phase) == prev.Card.HasPhase(q.Phase) && h.Score > prev.Score {
				t.Fatalf("hits not best first: %v", hitIDs(got.Hits))
			}
		}
		if got.Confidence < 0 || got.Confidence > 1 {
			t.Fatalf("confidence %v outside [0, 1]", got.Confidence)
		}
		if (len(got.Hits) == 0) != (got.Tier == TierLow) {
			t.Fatalf("tier %v with %d hits", got.Tier, len(got.Hits))
		}
		again := ix.Search(q)
		if strings.Join(hitIDs(again.Hits), ",") != strings.Join(hitIDs(got.Hits), ",") {
			t.Fatalf("not deterministic: %v then %v", hitIDs(got.Hits), hitIDs(again.Hits))
		}
	})
}
