package retro

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are the letters that decomposition does not split.
var ligatures = strings.NewReplacer("œ", "oe", "æ", "ae", "ß", "ss", "’", "'")

// fold lowercases s and removes accents ("Équipe" → "equipe"), for
// accent- and case-insensitive matching of user input in French and English.
func fold(s string) string {
	s = ligatures.Replace(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// words splits folded text into words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
