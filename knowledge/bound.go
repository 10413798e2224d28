package knowledge

import "unicode/utf8"

// Bounds on the work one query may cost (issue 8: one 2,000-letter word
// used to take 10 s of CPU, because every two-deletion variant of it was
// hashed). The questions people type are 10–40 words; these bounds are far
// above that and keep the worst input in the milliseconds.
const (
	// maxQueryBytes: a longer text is cut (at a rune boundary) before
	// analysis. The gist of a question is in its first lines (the
	// questions people type are under 300 bytes).
	maxQueryBytes = 1000
	// maxQueryWords bounds the distinct analysed words of a query.
	maxQueryWords = 80
	// maxWordRunes: a longer word is not stemmed or typo-matched; it
	// counts as an unknown word (no card has words over 20 letters).
	maxWordRunes = 32
	// maxFuzzyRunes: only words up to this length are typo-matched; the
	// deletion neighbourhood of a word of n letters has about n²/2
	// variants.
	maxFuzzyRunes = 24
	// maxFuzzyLookups bounds the typo lookups of one query pass.
	maxFuzzyLookups = 16
)

// clip cuts s to at most n bytes without splitting a rune.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
