package knowledge

import (
	"cmp"
	"slices"
)

// Query is a search request.
type Query struct {
	Text  string
	Lang  Lang  // the user's language; English when empty or unknown
	Phase Phase // the user's phase; cards fitting it rank a little higher
	Limit int   // maximum number of hits; 3 when zero or negative
}

// Hit is a card found by Search and its score (higher is better; scores
// only compare within one result list).
type Hit struct {
	Card  *Card
	Score float64
}

// Ranking constants.
const (
	// defaultLimit is the number of hits when Query.Limit is not set.
	defaultLimit = 3
	// otherLangWeight scales the score of the pass in the other language.
	otherLangWeight = 0.8
	// phaseBoost multiplies the score of cards that fit the user's phase.
	phaseBoost = 1.15
	// relativeCut drops hits scoring under this share of the best hit.
	relativeCut = 0.35
)

// Search returns the cards most relevant to q, best first (score, then
// id), at most q.Limit of them. It returns nothing when no card is
// relevant enough.
func (ix *Index) Search(q Query) []Hit {
	if len(ix.cards) == 0 {
		return nil
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	l := q.Lang
	if l != LangFR {
		l = LangEN
	}
	own := ix.lang(l).match(q.Text, len(ix.cards))
	other := ix.lang(l.other()).match(q.Text, len(ix.cards))

	var hits []Hit
	for d, card := range ix.cards {
		// Each card keeps the best of the two passes on every measure.
		score := max(own.score[d], otherLangWeight*other.score[d])
		ev := max(own.evidence[d], other.evidence[d])
		cov := max(own.coverage[d], other.coverage[d])
		matched := max(own.matched[d], other.matched[d])
		focus := own.focus[d] || other.focus[d]
		if !relevant(score, ev, cov, matched, focus) {
			continue
		}
		if q.Phase != "" && q.Phase != PhaseAll && card.HasPhase(q.Phase) {
			score *= phaseBoost
		}
		hits = append(hits, Hit{Card: card, Score: score})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Card.ID, b.Card.ID)
	})
	for i, h := range hits {
		if i >= limit || h.Score < relativeCut*hits[0].Score {
			return hits[:i]
		}
	}
	return hits
}
