package bot_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"ctocoach/bot"
	// The feature packages register their sentences in init.
	_ "ctocoach/bot/advice"
	_ "ctocoach/bot/home"
)

// countedNoun finds "%d <word>" and "%[2]d <word>" in a sentence.
// ("#%d" is a number, not a count).
var countedNoun = regexp.MustCompile(`(?:^|[^#])%(?:\[\d+\])?d\s+(\p{L}+)`)

// notNouns follow a count without being counted: "%d sur %d ces 4 semaines".
var notNouns = map[string]bool{"is": true, "ces": true}

// boundedCounts are sentences whose count can never be 1 (or 0 in
// French): fixed limits of many characters, a cap of 150 people, more
// than 20 members.
var boundedCounts = map[string]bool{
	"error.too_long": true, "retro.err.too_long": true, "contacts.over_cap": true,
	"contacts.full": true, "retro.export_cut": true, "team.reading": true,
	"contacts.err_name": true, "contacts.err_note": true, "retro.bad_columns": true,
	"retro.err.std_long": true, "retro.err.title": true, "retro.field.text_hint": true,
}

// Every sentence (the core's and the features') that puts a noun after a count has singular and plural
// forms (key.one / key.other), in both languages: no "1 routines", no
// "1 people", no "1 rituels".
func TestTextsHavePluralForms(t *testing.T) {
	for _, k := range []string{"advice.intro", "home.header"} {
		if _, ok := bot.Texts[k]; !ok {
			t.Fatalf("no %s: the features' sentences are not registered", k)
		}
	}
	keys := make([]string, 0, len(bot.Texts))
	for k := range bot.Texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.HasSuffix(k, ".one") || strings.HasSuffix(k, ".other") || boundedCounts[k] {
			continue
		}
		for i, s := range bot.Texts[k] {
			for _, m := range countedNoun.FindAllStringSubmatch(s, -1) {
				w := strings.ToLower(m[1])
				if !notNouns[w] && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")) {
					t.Errorf("%s [%s]: %q counts %q without singular and plural forms", k, []string{"en", "fr"}[i], s, m[0])
				}
			}
		}
	}
	for _, k := range keys {
		if base, ok := strings.CutSuffix(k, ".one"); ok {
			if _, ok := bot.Texts[base+".other"]; !ok {
				t.Errorf("%s has no %s.other", k, base)
			}
		}
	}
}
