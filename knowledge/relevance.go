package knowledge

// Relevance gate constants, tuned on testdata/relevance.yaml and on
// off-topic questions.
const (
	// minScore is the least BM25 score a card needs to be returned.
	minScore = 1.0
	// minCoverage is the least share of the query's weight (terms weighted
	// by idf, unknown words counting as rare terms) a card must match:
	// one shared generic word in a long off-topic question is not enough.
	minCoverage = 0.3
	// strongDFRatio: a matched term counts as strong evidence only if at
	// most this share of the cards contain it ("cto" is in nearly all).
	strongDFRatio = 0.25
	// minStrongDF keeps small corpora (a team's few cards) from having no
	// strong terms at all.
	minStrongDF = 3
	// minTypoCoverage: a word reached through a typo is evidence enough
	// only if the card then covers this much of the query ("recette" is
	// one letter from "récente").
	minTypoCoverage = 0.5
	// minSingleCoverage: a card sharing a single term with the query must
	// cover at least this much of it, unless the term is in two of its
	// title, questions and tags (the card is about it): "tell me a joke"
	// shares "tell" with one example question only, "lonely at the top"
	// shares "lonely" with the title and tags of the isolation cards.
	minSingleCoverage = 0.5
	// minBodyCoverage: a card whose discriminating matches are all in its
	// body or try needs three terms and this much of the query.
	minBodyCoverage = 0.4
)

// evidence grades how well a matched term shows a card is relevant.
type evidence uint8

// Evidence grades, weakest first.
const (
	evNone  evidence = iota // nothing, or only common terms
	evBody                  // an exact, discriminating term, only in body or try
	evTypo                  // a long word reached through a typo
	evExact                 // an exact, discriminating term
)

// relevant is the relevance gate: a card needs a discriminating term in
// its title, questions or tags, enough of the query covered, and a score
// above the floor.
func relevant(score float64, ev evidence, coverage float64, matched uint8, focus bool) bool {
	switch {
	case score < minScore || coverage < minCoverage:
		return false
	case matched < 2 && !focus && coverage < minSingleCoverage:
		return false
	case ev == evExact:
		return true
	case ev == evTypo:
		return coverage >= minTypoCoverage
	case ev == evBody:
		return matched >= 3 && coverage >= minBodyCoverage
	}
	return false
}
