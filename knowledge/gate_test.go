package knowledge

import "testing"

func TestRelevantGate(t *testing.T) {
	cases := []struct {
		name     string
		score    float64
		ev       evidence
		cov      float64
		matched  uint8
		focus    bool
		relevant bool
	}{
		{"two exact terms in title", 5, evExact, 0.6, 2, false, true},
		{"score under the floor", 0.5, evExact, 0.9, 2, true, false},
		{"little of the query covered", 5, evExact, 0.25, 3, true, false},
		{"only common terms", 5, evNone, 1, 3, false, false},
		{"single term, card about it", 5, evExact, 0.4, 1, true, true},
		{"single term in one example question", 5, evExact, 0.4, 1, false, false},
		{"single term, whole query", 5, evExact, 1, 1, false, true},
		{"typo, most of the query", 3, evTypo, 0.6, 0, false, true},
		{"typo, half the query unexplained", 3, evTypo, 0.35, 1, true, false},
		{"body only, three terms", 4, evBody, 0.45, 3, false, true},
		{"body only, two terms", 4, evBody, 0.9, 2, false, false},
		{"body only, three terms, little covered", 4, evBody, 0.35, 3, false, false},
	}
	for _, c := range cases {
		if got := relevant(c.score, c.ev, c.cov, c.matched, c.focus); got != c.relevant {
			t.Errorf("%s: relevant(%.1f, %d, %.2f, %d, %v) = %v, want %v", c.name, c.score, c.ev, c.cov, c.matched, c.focus, got, c.relevant)
		}
	}
}
