package knowledge

import (
	"slices"
	"testing"
)

// terms returns the index terms of text in l.
func terms(l Lang, text string) []string {
	var out []string
	for _, t := range analyzers[l].analyze(text) {
		out = append(out, t.term)
	}
	return out
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Déléguer":        "deleguer",
		"ÉQUIPE":          "equipe",
		"cœur":            "coeur",
		"l’équipe":        "l'equipe",
		"tête‑à‑tête":     "tete-a-tete",
		"plain ascii CTO": "plain ascii cto",
		"Ça façonne":      "ca faconne",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokenize(t *testing.T) {
	got := tokenize("l'équipe, tête-à-tête; 1:1 et 20 % - fin 24/7 a:b")
	want := []rawToken{"l'équipe", "tête-à-tête", "1:1", "et", "20", "fin", "24/7", "a", "b"}
	if !slices.Equal(got, want) {
		t.Errorf("tokenize = %q, want %q", got, want)
	}
}

// TestAnalyzeSameTerm checks that each group of spellings analyses to the
// same terms: accents, case, elisions, inflections, hyphens, conflation.
func TestAnalyzeSameTerm(t *testing.T) {
	cases := []struct {
		lang  Lang
		forms []string
	}{
		{LangFR, []string{"déléguer", "deleguer", "DÉLÉGUER", "délégation", "délègue", "délégations"}},
		{LangEN, []string{"delegate", "delegation", "delegating", "delegated"}},
		{LangFR, []string{"réunion", "réunions", "reunion"}},
		{LangFR, []string{"burnout", "burn-out", "burn out", "épuisement", "épuisée", "Burn-Out"}},
		{LangEN, []string{"burnout", "burn-out", "burn out", "burned out", "exhaustion"}},
		{LangEN, []string{"one-on-one", "one on one", "1:1", "1-on-1", "one-to-one"}},
		{LangFR, []string{"tête-à-tête", "tete a tete", "1:1", "one-on-one"}},
		{LangFR, []string{"l'équipe", "équipe", "équipes", "d'équipe"}},
		{LangFR, []string{"qu'isolement", "isolement", "isolé", "isolée"}},
		{LangEN, []string{"network", "networking", "networks"}},
		{LangFR, []string{"réseau", "réseaux", "réseautage"}},
		{LangEN, []string{"the CTO's team", "cto team"}},
		{LangFR, []string{"feuille de route", "roadmap"}},
		{LangEN, []string{"skip-level", "skip level"}},
		{LangFR, []string{"efficacité", "efficacite", "efficace"}}, // -ité restored after folding
		{LangFR, []string{"responsabilité", "responsable"}},
		{LangEN, []string{"45 min", "45 minutes"}},
		{LangFR, []string{"lâcher prise", "lacher-prise", "let go"}},
		{LangFR, []string{"développeurs", "devs", "dev"}},
	}
	for _, c := range cases {
		want := terms(c.lang, c.forms[0])
		if len(want) == 0 {
			t.Errorf("%s: %q analyses to nothing", c.lang, c.forms[0])
			continue
		}
		for _, f := range c.forms[1:] {
			if got := terms(c.lang, f); !slices.Equal(got, want) {
				t.Errorf("%s: terms(%q) = %q, want %q (as %q)", c.lang, f, got, want, c.forms[0])
			}
		}
	}
}

// TestAnalyzeDistinct guards against over-conflation.
func TestAnalyzeDistinct(t *testing.T) {
	pairs := []struct {
		lang Lang
		a, b string
	}{
		{LangFR, "formation", "réseau"},
		{LangEN, "burnout", "network"},
		{LangFR, "délégation", "recrutement"},
		{LangEN, "meeting", "hiring"},
	}
	for _, p := range pairs {
		if a, b := terms(p.lang, p.a), terms(p.lang, p.b); slices.Equal(a, b) {
			t.Errorf("%s: %q and %q both analyse to %q", p.lang, p.a, p.b, a)
		}
	}
}

func TestAnalyzeStopWordsElisionsDigits(t *testing.T) {
	cases := []struct {
		lang Lang
		in   string
		want []string
	}{
		{LangFR, "Comment est-ce que je peux le faire ?", nil},
		{LangEN, "How do I do it?", nil},
		{LangFR, "l'architecture d'aujourd'hui", []string{"architectur"}},
		{LangFR, "jusqu'où", nil},
		{LangFR, "150 personnes, 20 %", []string{"150", "person", "20"}},
		{LangEN, "the 150 rule", []string{"150", "rule"}},
		{LangEN, "the CTO's job", []string{"cto", "job"}},
		{LangEN, "e-mail", []string{"email", "mail"}},
		{LangFR, "l’IA générative", []string{"_ai", "gener"}},
		{LangEN, "AI tools", []string{"_ai", "tool"}},
		{LangFR, "j'ai", nil},
	}
	for _, c := range cases {
		if got := terms(c.lang, c.in); !slices.Equal(got, c.want) {
			t.Errorf("%s: terms(%q) = %q, want %q", c.lang, c.in, got, c.want)
		}
	}
}

func TestElide(t *testing.T) {
	for in, want := range map[string]string{
		"l'equipe":    "equipe",
		"qu'il":       "il",
		"jusqu'ici":   "ici",
		"aujourd'hui": "aujourdhui",
		"s'est":       "est",
	} {
		if got := elideFR(in); got != want {
			t.Errorf("elideFR(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"cto's":    "cto",
		"don't":    "dont",
		"l'equipe": "equipe",
	} {
		if got := elideEN(in); got != want {
			t.Errorf("elideEN(%q) = %q, want %q", in, got, want)
		}
	}
}
