package knowledge

import (
	"strings"
	"testing"
)

func TestLexiconParses(t *testing.T) {
	rules, err := parseLexicon(lexiconYAML)
	if err != nil {
		t.Fatalf("embedded lexicon: %v", err)
	}
	if len(rules) < 50 {
		t.Errorf("lexicon has %d phrasings, want the shipped list", len(rules))
	}
	for _, bad := range []string{"- phrases: []\n  adds: x\n", "- phrases: [\"a b\"]\n  adds: \"\"\n", "- phrases: [\"!!\"]\n  adds: x\n", "- phrase: [x]\n"} {
		if _, err := parseLexicon([]byte(bad)); err == nil {
			t.Errorf("parseLexicon(%q) = nil error, want one", bad)
		}
	}
}

func TestExpandLexicon(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Je passe mes journées à éteindre des incendies", "urgence"},
		{"my calendar looks like SWISS CHEESE", "blocking"},
		{"I snap at my team", "irritability"},
	} {
		if got := expandLexicon(c.in); !strings.HasPrefix(got, c.in) || !strings.Contains(got, c.want) {
			t.Errorf("expandLexicon(%q) = %q, want it followed by %q", c.in, got, c.want)
		}
	}
	// Whole words only: "snapshot" is not "snap at".
	for _, in := range []string{"take a snapshot at noon", "recette de tarte"} {
		if got := expandLexicon(in); got != in {
			t.Errorf("expandLexicon(%q) = %q, want it unchanged", in, got)
		}
	}
}

// TestLexiconFindsTheConcept: the three examples of issue 9.
func TestLexiconFindsTheConcept(t *testing.T) {
	ix := NewIndex(MustEmbedded(t))
	for _, c := range []struct {
		q    Query
		want []string
	}{
		{Query{Text: "je passe mes journees a eteindre des incendies", Lang: LangFR}, []string{"growth-first-six-months"}},
		{Query{Text: "mon agenda c'est un gruyere", Lang: LangFR}, []string{"time-blocking"}},
		{Query{Text: "i snap at my team", Lang: LangEN}, []string{"burnout-emotional-signals", "burnout-behavioural-signals"}},
	} {
		r := ix.Search(c.q)
		found := false
		for _, h := range r.Hits {
			for _, w := range c.want {
				found = found || h.Card.ID == w
			}
		}
		if !found {
			t.Errorf("%q: %q (%s), want one of %q", c.q.Text, hitIDs(r.Hits), r.Tier, c.want)
		}
	}
}
