package knowledge

import "strings"

// Lang is a language the corpus is written in.
type Lang string

// The two languages every card carries.
const (
	LangEN Lang = "en"
	LangFR Lang = "fr"
)

// ParseLang reads a language code such as "fr", "FR", "fr-FR" or "en_US"
// (Slack locales look like "fr-FR"). It reports false for anything else.
func ParseLang(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "en", "english", "anglais":
		return LangEN, true
	case "fr", "french", "francais", "français":
		return LangFR, true
	}
	return "", false
}

// other returns the other corpus language.
func (l Lang) other() Lang {
	if l == LangFR {
		return LangEN
	}
	return LangFR
}
