package coaching

import (
	"ctocoach/bot"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every key the code passes to tr or trn exists (trn: both forms), in
// both languages; every sentence is non-empty in each.
func TestTextsExistInBothLanguages(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	use := regexp.MustCompile(`\b(tr|trn|T)\([a-zA-Z.]+, "([a-z_.]+)"`)
	used := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range use.FindAllStringSubmatch(string(src), -1) {
			used++
			keys := []string{m[2]}
			if m[1] == "trn" {
				keys = []string{m[2] + ".one", m[2] + ".other"}
			}
			for _, k := range keys {
				if _, ok := texts[k]; !ok {
					t.Errorf("%s uses %q, which has no text", f, k)
				}
			}
		}
	}
	if used < 50 {
		t.Fatalf("found %d uses of tr/trn: the pattern is broken", used)
	}
	for k, v := range texts {
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("%s: empty in a language", k)
		}
		if strings.Count(v[0], "%") != strings.Count(v[1], "%") {
			t.Errorf("%s: the languages take different arguments: %q / %q", k, v[0], v[1])
		}
	}
}

// A count followed by a plural noun has .one and .other forms, and the
// French singular covers 0 ("0 entrée").
func TestTextsPlurals(t *testing.T) {
	counted := regexp.MustCompile(`%d\s+(\p{L}+)`)
	// Fixed limits, never 0 or 1: MaxNoteText, MaxNoteLines,
	// MaxJournalText, MaxLaterTimes.
	bounded := map[string]bool{"note.too_long": true, "journal.too_long": true, "step.later_max": true, "step.too_long": true}
	for k, v := range texts {
		if strings.HasSuffix(k, ".one") || strings.HasSuffix(k, ".other") || bounded[k] {
			continue
		}
		for _, s := range v {
			for _, m := range counted.FindAllStringSubmatch(s, -1) {
				if w := m[1]; strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") {
					t.Errorf("%s: %q counts %q without plural forms", k, s, m[0])
				}
			}
		}
	}
	for k := range texts {
		if base, ok := strings.CutSuffix(k, ".one"); ok {
			if _, ok := texts[base+".other"]; !ok {
				t.Errorf("%s without .other", k)
			}
		}
	}
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{langEN, 1, "1 item"}, {langEN, 0, "0 items"}, {langEN, 2, "2 items"},
		{langFR, 0, "0 élément"}, {langFR, 1, "1 élément"}, {langFR, 2, "2 éléments"},
	} {
		if got := trn(tc.lang, "export.items", tc.n, tc.n); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	if got := trn(langFR, "list.open", 2, 2); got != "*En cours* — 2 engagements" {
		t.Errorf("fr list.open 2: %q", got)
	}
}

// /cto help lists every new subcommand, with the French aliases in French.
func TestHelpNamesTheSubcommands(t *testing.T) {
	for _, w := range []string{"/cto commitments", "/cto journal", "/cto programs", "/cto mastermind #channel", "/cto export", "/cto forget"} {
		if !strings.Contains(bot.HelpReply(langEN).Text, w) {
			t.Errorf("en help lacks %s", w)
		}
	}
	for _, w := range []string{"/cto engagements", "/cto journal", "/cto programmes", "/cto mastermind #canal", "/cto exporter", "/cto oublier"} {
		if !strings.Contains(bot.HelpReply(langFR).Text, w) {
			t.Errorf("fr help lacks %s", w)
		}
	}
}
