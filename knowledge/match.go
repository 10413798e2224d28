package knowledge

import "math"

// Query analysis constants.
const (
	// typoWeight1 and typoWeight2 scale terms reached through one or two
	// typos.
	typoWeight1 = 0.6
	typoWeight2 = 0.4
	// maxTypoCandidates bounds the vocabulary words a misspelt word maps to.
	maxTypoCandidates = 3
)

// queryTerm is an analysed query term found in one language's index.
type queryTerm struct {
	id     int32
	weight float64  // 1, or less when reached through a typo
	ev     evidence // what a match in a high-weight field proves
}

// queryTerms is a query analysed against one language's index.
type queryTerms struct {
	terms []queryTerm
	total float64 // idf mass of the whole query, for coverage
	words int     // distinct analysed words
	known int     // ...found in the index, exactly or through a typo
}

// pass is the result of matching the query against one language's index.
type pass struct {
	score    []float64
	evidence []evidence // best evidence in a high-weight field
	coverage []float64
	strong   []float64 // coverage by discriminating terms only
	matched  []uint8   // distinct query terms found in the card (exact or through a typo)
	focus    []bool    // a discriminating term is in two high-weight fields
	known    float64   // share of the query's words the index knows
}

// match scores every card against text analysed in this index's language.
func (li *langIndex) match(text string, ndocs int) pass {
	p := pass{
		score:    make([]float64, ndocs),
		evidence: make([]evidence, ndocs),
		coverage: make([]float64, ndocs),
		strong:   make([]float64, ndocs),
		matched:  make([]uint8, ndocs),
		focus:    make([]bool, ndocs),
	}
	qt := li.terms(text)
	if qt.words > 0 {
		p.known = float64(qt.known) / float64(qt.words)
	}
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
			if ev != evNone && ps.fields&highFields != 0 {
				p.strong[ps.doc] += t.weight * idf / qt.total
			}
			if t.ev >= evTypo {
				p.matched[ps.doc] = min(p.matched[ps.doc]+1, 255)
			}
			if ev == evExact {
				p.evidence[ps.doc] = max(p.evidence[ps.doc], evBody)
			}
			if hf := ps.fields & highFields; hf != 0 {
				p.evidence[ps.doc] = max(p.evidence[ps.doc], ev)
				if ev == evExact && hf&(hf-1) != 0 { // two fields or more
					p.focus[ps.doc] = true
				}
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
	lookups := 0
	for _, tok := range li.an.analyze(clip(text, maxQueryBytes)) {
		if seen[tok.term] {
			continue
		}
		if len(seen) == maxQueryWords {
			break
		}
		seen[tok.term] = true
		q.words++
		if id, ok := li.termID[tok.term]; ok {
			q.known++
			add(queryTerm{id: id, weight: 1, ev: evExact})
			q.total += li.idf[id]
			continue
		}
		var ids []int32
		var d int
		if tok.surface != "" && !isDigits(tok.surface) && lookups < maxFuzzyLookups {
			lookups++
			ids, d = li.fuzzy.lookup(tok.surface)
		}
		if len(ids) == 0 {
			q.total += rareIDF
			continue
		}
		q.known++
		w := typoWeight1
		if d > 1 {
			w = typoWeight2
		}
		best := 0.0 // the word weighs what its best candidate is worth
		for i, id := range ids {
			if i == maxTypoCandidates {
				break
			}
			tid := li.surfTerm[id]
			add(queryTerm{id: tid, weight: w, ev: evTypo})
			best = max(best, w*li.idf[tid])
		}
		q.total += best
	}
	return q
}
