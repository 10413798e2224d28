package knowledge

import (
	"cmp"
	"math"
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
	// minStrongTypoLen: a word reached through a typo is evidence enough
	// on its own only if the query word has at least this many letters,
	// and only if the card then covers minTypoCoverage of the query
	// ("recette" is one letter from "récente").
	minStrongTypoLen = 6
	minTypoCoverage  = 0.5
	// maxTypoCandidates bounds the vocabulary words a misspelt word maps to.
	maxTypoCandidates = 3
	// phaseBoost multiplies the score of cards that fit the user's phase.
	phaseBoost = 1.15
	// minScore is the least BM25 score a card needs to be returned.
	minScore = 1.0
	// minCoverage is the least share of the query's weight (terms weighted
	// by idf, unknown words counting as rare terms) a card must match:
	// one shared generic word in a long off-topic question is not enough.
	minCoverage = 0.3
	// strongDFRatio: a matched term counts as strong evidence only if at
	// most this share of the cards contain it ("cto" is in nearly all).
	strongDFRatio = 0.3
	// minStrongDF keeps small corpora (a team's few cards) from having no
	// strong terms at all.
	minStrongDF = 3
	// relativeCut drops hits scoring under this share of the best hit.
	relativeCut = 0.35
)

// queryTerm is an analysed query term found in one language's index.
type queryTerm struct {
	id     int32
	weight float64  // 1, or less when reached through a typo
	ev     evidence // what a match in a high-weight field proves
}

// evidence grades how well a matched term shows a card is relevant.
type evidence uint8

// Evidence grades, weakest first.
const (
	evNone  evidence = iota // common term, or typo in a short word
	evTypo                  // a long word reached through a typo
	evExact                 // an exact, discriminating term
)

// queryTerms is a query analysed against one language's index.
type queryTerms struct {
	terms []queryTerm
	total float64 // idf mass of the whole query, for coverage
}

// pass is the result of matching the query against one language's index.
type pass struct {
	score    []float64
	evidence []evidence // best evidence in a high-weight field
	coverage []float64
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
		// Each card keeps the best of the two passes on every measure.
		score := max(own.score[d], otherLangWeight*other.score[d])
		ev := max(own.evidence[d], other.evidence[d])
		cov := max(own.coverage[d], other.coverage[d])
		if !relevant(score, ev, cov) {
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

// relevant is the relevance gate: a card needs a discriminating term in
// its title, questions or tags, enough of the query covered, and a score
// above the floor.
func relevant(score float64, ev evidence, coverage float64) bool {
	switch {
	case score < minScore || coverage < minCoverage:
		return false
	case ev == evExact:
		return true
	case ev == evTypo:
		return coverage >= minTypoCoverage
	}
	return false
}

// match scores every card against text analysed in this index's language.
func (li *langIndex) match(text string, ndocs int) pass {
	p := pass{score: make([]float64, ndocs), evidence: make([]evidence, ndocs), coverage: make([]float64, ndocs)}
	qt := li.terms(text)
	if qt.total == 0 {
		return p
	}
	strongDF := max(int32(math.Round(strongDFRatio*float64(ndocs))), minStrongDF)
	for _, t := range qt.terms {
		idf := li.idf[t.id]
		ev := t.ev
		if li.df[t.id] > strongDF {
			ev = evNone
		}
		for _, ps := range li.postings[t.id] {
			tf := float64(ps.tf)
			p.score[ps.doc] += t.weight * idf * tf * (bm25K1 + 1) / (tf + bm25K1)
			p.coverage[ps.doc] += t.weight * idf / qt.total
			if ps.fields&highFields != 0 {
				p.evidence[ps.doc] = max(p.evidence[ps.doc], ev)
			}
		}
	}
	return p
}

// terms analyses text and maps its words to index terms: exact terms at
// full weight, and for a word whose term is not in the index, the terms of
// the closest vocabulary words at reduced weight. It also sums the idf of
// every distinct word, unknown ones counting as terms found in one card.
func (li *langIndex) terms(text string) queryTerms {
	var q queryTerms
	add := func(t queryTerm) {
		for i := range q.terms {
			if q.terms[i].id == t.id {
				q.terms[i].weight = max(q.terms[i].weight, t.weight)
				q.terms[i].ev = max(q.terms[i].ev, t.ev)
				return
			}
		}
		q.terms = append(q.terms, t)
	}
	n := float64(li.ndocs)
	rareIDF := math.Log(1 + (n-0.5)/1.5)
	seen := map[string]bool{}
	for _, tok := range li.an.analyze(text) {
		if seen[tok.term] {
			continue
		}
		seen[tok.term] = true
		if id, ok := li.termID[tok.term]; ok {
			add(queryTerm{id: id, weight: 1, ev: evExact})
			q.total += li.idf[id]
			continue
		}
		var ids []int32
		var d int
		if tok.surface != "" && !isDigits(tok.surface) {
			ids, d = li.fuzzy.lookup(tok.surface)
		}
		if len(ids) == 0 {
			q.total += rareIDF
			continue
		}
		w := typoWeight1
		if d > 1 {
			w = typoWeight2
		}
		ev := evNone
		if len([]rune(tok.surface)) >= minStrongTypoLen {
			ev = evTypo
		}
		best := 0.0 // the word weighs what its best candidate is worth
		for i, id := range ids {
			if i == maxTypoCandidates {
				break
			}
			tid := li.surfTerm[id]
			add(queryTerm{id: tid, weight: w, ev: ev})
			best = max(best, w*li.idf[tid])
		}
		q.total += best
	}
	return q
}
