package knowledge

import "math"

// Tier is what a search result's confidence allows.
type Tier uint8

// Confidence levels, lowest first.
const (
	// TierLow: nothing relevant (off-topic, or too unsure); no hits.
	TierLow Tier = iota
	// TierMedium: "the closest I have", one or two hits.
	TierMedium
	// TierHigh: the hits answer the question.
	TierHigh
)

// String returns "low", "medium" or "high".
func (l Tier) String() string {
	switch l {
	case TierHigh:
		return "high"
	case TierMedium:
		return "medium"
	}
	return "low"
}

// features are what the confidence is computed from, for the best card.
type features struct {
	ngram    float64  // example ranker: cosine to the card's nearest examples
	coverage float64  // BM25: share of the query's idf mass the card matches
	strong   float64  // BM25: the same, counting only discriminating terms in a high field
	evidence evidence // BM25: best evidence grade in a high-weight field
	matched  uint8    // BM25: distinct exact query terms in the card
	focus    bool     // BM25: a discriminating term in two high fields
	known    float64  // share of the query's words the corpus knows (any card)
	bm25Top  bool     // the card is BM25's first
	ngramTop bool     // the card is the example ranker's first
}

// vector returns the features as the inputs of the logistic model.
func (f features) vector() [numFeatures]float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	return [numFeatures]float64{
		f.ngram,
		f.coverage,
		f.strong,
		b(f.evidence == evExact),
		b(f.evidence == evTypo),
		float64(min(f.matched, 4)) / 4,
		b(f.focus),
		b(f.bm25Top && f.ngramTop),
		f.known,
		1, // bias
	}
}

// numFeatures is the length of features.vector.
const numFeatures = 10

// confidenceWeights is a logistic model of "a card shown answers the
// question", fitted on the dev set (testdata/dev.yaml, on-topic and
// off-topic) with TestCalibrate; see README.md. Never fitted on the
// held-out set.
var confidenceWeights = [numFeatures]float64{1.40, 0.42, 2.32, -1.13, -0.51, 5.10, 1.83, 0.04, 1.34, -5.12}

// Tier thresholds on the confidence, chosen on the dev set: under
// lowBelow the answer is "nothing relevant"; from highFrom the cards are
// shown as answers; in between they are "the closest I have".
const (
	lowBelow = 0.45
	highFrom = 0.7
)

// confidence is the calibrated probability that the card answers.
func (f features) confidence() float64 {
	x := f.vector()
	var z float64
	for i, w := range confidenceWeights {
		z += w * x[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// tierOf maps a confidence to its level.
func tierOf(c float64) Tier {
	switch {
	case c >= highFrom:
		return TierHigh
	case c >= lowBelow:
		return TierMedium
	}
	return TierLow
}
