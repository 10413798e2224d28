package knowledge

// Evidence constants: what a matched term proves about a card. They feed
// the confidence (confidence.go); they no longer gate on their own.
const (
	// strongDFRatio: a matched term counts as strong evidence only if at
	// most this share of the cards contain it ("cto" is in nearly all).
	strongDFRatio = 0.25
	// minStrongDF keeps small corpora (a team's few cards) from having no
	// strong terms at all.
	minStrongDF = 3
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
