package retro

import "strings"

// Languages the domain speaks. Any other language falls back to English.
const (
	LangEN = "en"
	LangFR = "fr"
)

// NormLang maps a Slack locale or language tag ("fr-FR", "FR", "en_US") to
// LangFR or LangEN; anything else gives LangEN.
func NormLang(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if l == LangFR || strings.HasPrefix(l, "fr-") || strings.HasPrefix(l, "fr_") {
		return LangFR
	}
	return LangEN
}

// pick returns the text of m in lang, falling back to English, then French.
func pick(m map[string]string, lang string) string {
	if s, ok := m[NormLang(lang)]; ok && s != "" {
		return s
	}
	if s, ok := m[LangEN]; ok && s != "" {
		return s
	}
	return m[LangFR]
}
