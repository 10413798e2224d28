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

// Ranking and relevance constants, tuned on testdata/relevance.yaml.
const (
	// defaultLimit is the number of hits when Query.Limit is not set.
	defaultLimit = 3
	// otherLangWeight scales the score of the pass in the other language.
	otherLangWeight = 0.8
	// typoWeight1 and typoWeight2 scale terms reached through one or two
	// typos.
	typoWeight1 = 0.6
	typoWeight2 = 0.4
	// maxTypoCandidates bounds the vocabulary words a misspelt word maps to.
	maxTypoCandidates = 3
	// phaseBoost multiplies the score of cards that fit the user's phase.
	phaseBoost = 1.15
	// minScore is the least score a card needs to be returned at all.
	minScore = 2.0
	// strongDFRatio: a matched term counts as strong evidence only if at
	// most this share of the cards contain it ("cto" is in nearly all).
	strongDFRatio = 0.3
	// relativeCut drops hits scoring under this share of the best hit.
	relativeCut = 0.35
)

// queryTerm is an analysed query term found in one language's index.
type queryTerm struct {
	id     int32
	weight float64
}

// pass is the result of matching the query against one language's index.
type pass struct {
	score  []float64
	strong []bool
}

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
		score, strong := own.score[d], own.strong[d]
		if o := otherLangWeight * other.score[d]; o > score {
			score, strong = o, other.strong[d]
		}
		if !strong || score < minScore {
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

// match scores every card against text analysed in this index's language.
func (li *langIndex) match(text string, ndocs int) pass {
	p := pass{score: make([]float64, ndocs), strong: make([]bool, ndocs)}
	strongDF := int32(strongDFRatio*float64(ndocs) + 0.5)
	for _, qt := range li.terms(text) {
		idf := li.idf[qt.id]
		strong := li.df[qt.id] <= max(strongDF, 1)
		for _, ps := range li.postings[qt.id] {
			tf := float64(ps.tf)
			p.score[ps.doc] += qt.weight * idf * tf * (bm25K1 + 1) / (tf + bm25K1)
			if strong && ps.fields&highFields != 0 {
				p.strong[ps.doc] = true
			}
		}
	}
	return p
}

// terms analyses text and maps its words to index terms: exact terms at
// full weight, and for a word whose term is not in the index, the terms of
// the closest vocabulary words at reduced weight.
func (li *langIndex) terms(text string) []queryTerm {
	var out []queryTerm
	add := func(id int32, w float64) {
		for i := range out {
			if out[i].id == id {
				out[i].weight = max(out[i].weight, w)
				return
			}
		}
		out = append(out, queryTerm{id: id, weight: w})
	}
	for _, tok := range li.an.analyze(text) {
		if id, ok := li.termID[tok.term]; ok {
			add(id, 1)
			continue
		}
		if tok.surface == "" || isDigits(tok.surface) {
			continue
		}
		ids, d := li.fuzzy.lookup(tok.surface)
		w := typoWeight1
		if d > 1 {
			w = typoWeight2
		}
		for i, id := range ids {
			if i == maxTypoCandidates {
				break
			}
			add(li.surfTerm[id], w)
		}
	}
	return out
}
