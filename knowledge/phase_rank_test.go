package knowledge

import "testing"

// TestPhaseRanksFittingCardsFirst: for general questions, an 18+ month
// CTO gets a card that fits that phase first, not "Months 0–6" or the
// advice for a future CTO (issue 13, "Phase"); a new CTO asking the same
// gets a card fitting theirs.
func TestPhaseRanksFittingCardsFirst(t *testing.T) {
	ix := NewIndex(MustEmbedded(t))
	queries := []Query{
		{Text: "advice for a cto", Lang: LangEN},
		{Text: "conseils pour un cto", Lang: LangFR},
		{Text: "how to handle the urgent", Lang: LangEN},
		{Text: "gagner la confiance des equipes", Lang: LangFR},
	}
	for _, p := range []Phase{PhaseLate, PhaseEarly} {
		for _, q := range queries {
			q.Phase = p
			got := ix.Search(q).Hits
			if len(got) == 0 {
				t.Errorf("Search(%s %q, phase %s) = nothing, want cards", q.Lang, q.Text, p)
				continue
			}
			if !got[0].Card.HasPhase(p) {
				t.Errorf("Search(%s %q, phase %s) = %q: first card %s is for phases %q", q.Lang, q.Text, p, hitIDs(got), got[0].Card.ID, got[0].Card.Phases)
			}
			for i := 1; i < len(got); i++ {
				if got[i].Card.HasPhase(p) && !got[i-1].Card.HasPhase(p) {
					t.Errorf("Search(%s %q, phase %s) = %q: %s fits, yet ranks below %s", q.Lang, q.Text, p, hitIDs(got), got[i].Card.ID, got[i-1].Card.ID)
				}
			}
		}
	}
}
