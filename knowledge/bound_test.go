package knowledge

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	s := strings.Repeat("é", 10) // 2 bytes each
	for n := 0; n <= 21; n++ {
		got := clip(s, n)
		if !utf8.ValidString(got) || len(got) > n || len(got) < n-1 {
			t.Errorf("clip(%d) = %q (%d bytes), want a valid string of %d or %d bytes", n, got, len(got), n-1, n)
		}
	}
}

// TestQueryWorkIsBounded: the work of one query no longer grows with the
// input (issue 8: one 2,000-letter word took 10 s). Speed itself is in
// BenchmarkSearchWorst; this checks the bounds that keep it there.
func TestQueryWorkIsBounded(t *testing.T) {
	ix := NewIndex(MustEmbedded(t))
	li := ix.lang(LangEN)
	long := strings.Repeat("abcdefghij", 200)
	if ids, _ := li.fuzzy.lookup(long); ids != nil {
		t.Errorf("lookup of a 2,000-letter word = %v, want no typo lookup", ids)
	}
	if ids, _ := li.fuzzy.lookup("delegatoin"); len(ids) == 0 {
		t.Errorf("lookup(delegatoin) = nothing, want the typo still corrected")
	}
	var b strings.Builder
	for i := 0; b.Len() < 40<<10; i++ {
		b.WriteString("word")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + " ")
	}
	qt := li.terms(b.String())
	if qt.words > maxQueryWords {
		t.Errorf("a 40 KB text analysed %d words, want at most %d", qt.words, maxQueryWords)
	}
	toks := li.an.analyze(long)
	if len(toks) != 1 || toks[0].term != long {
		t.Errorf("a 2,000-letter word analysed as %d tokens, want itself, unstemmed", len(toks))
	}
	for name, q := range worstQueries() {
		if r := ix.Search(q); name == "word2000" && len(r.Hits) != 0 {
			t.Errorf("%s: %q, want nothing", name, hitIDs(r.Hits))
		}
	}
}
