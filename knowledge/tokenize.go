package knowledge

import (
	"strings"
	"unicode"
)

// rawToken is a run of letters and digits from folded text, possibly
// joined by inner connectors: hyphens and apostrophes between word characters, ':'
// and '/' between digits ("tête-à-tête", "l'équipe", "1:1").
type rawToken string

// tokenize splits folded text into raw tokens.
func tokenize(s string) []rawToken {
	var out []rawToken
	rs := []rune(s)
	start := -1
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i+1 < len(rs) && isConnector(rs[i-1], r, rs[i+1]) {
			continue
		}
		if start >= 0 {
			out = append(out, rawToken(rs[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, rawToken(rs[start:]))
	}
	return out
}

// isWordRune reports whether r belongs to a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isConnector reports whether c, between prev and next, joins them into
// one raw token.
func isConnector(prev, c, next rune) bool {
	switch c {
	case '-', '\'':
		return isWordRune(prev) && isWordRune(next)
	case ':', '/':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

// isDigits reports whether s is made of ASCII digits only.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isLetters reports whether s is made of letters only.
func isLetters(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// splitCompound splits a raw token on its hyphen, colon and slash
// connectors.
func splitCompound(t string) []string {
	return strings.FieldsFunc(t, func(r rune) bool { return r == '-' || r == ':' || r == '/' })
}
