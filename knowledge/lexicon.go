package knowledge

import (
	_ "embed"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The lexicon maps everyday phrasings to the words of the concept they
// point to ("eteindre des incendies" → urgence, "agenda gruyere" → time
// blocking, "snap at my team" → irritability): a query containing a phrase
// is searched with the concept's words added. Entries are chosen on the
// dev set (testdata/dev.yaml), never on the held-out set.
//
//go:embed lexicon.yaml
var lexiconYAML []byte

// lexiconEntry is one concept and the phrasings that point to it.
type lexiconEntry struct {
	Phrases []string `yaml:"phrases"`
	Adds    string   `yaml:"adds"`
}

// lexiconRule is a folded phrase (padded with spaces) and what it adds.
type lexiconRule struct {
	phrase string
	adds   string
}

// lexicon is the parsed lexicon, longest phrases first.
var lexicon = mustLexicon(lexiconYAML)

// mustLexicon parses the embedded lexicon (a test keeps it valid).
func mustLexicon(data []byte) []lexiconRule {
	rules, err := parseLexicon(data)
	if err != nil {
		panic(err)
	}
	return rules
}

// parseLexicon reads lexicon YAML: a list of {phrases, adds}.
func parseLexicon(data []byte) ([]lexiconRule, error) {
	var entries []lexiconEntry
	if err := yaml.Unmarshal(data, &entries); err != nil {
		return nil, fmt.Errorf("knowledge: lexicon: %w", err)
	}
	var rules []lexiconRule
	for i, e := range entries {
		if len(e.Phrases) == 0 || strings.TrimSpace(e.Adds) == "" {
			return nil, fmt.Errorf("knowledge: lexicon entry %d: needs phrases and adds", i+1)
		}
		for _, p := range e.Phrases {
			n := normPhrase(p)
			if n == " " {
				return nil, fmt.Errorf("knowledge: lexicon entry %d: empty phrase", i+1)
			}
			rules = append(rules, lexiconRule{phrase: n, adds: e.Adds})
		}
	}
	return rules, nil
}

// normPhrase folds text and joins its raw tokens with single spaces,
// padded with a space on each side, so phrases match on word boundaries.
func normPhrase(s string) string {
	toks := tokenize(fold(s))
	var b strings.Builder
	b.WriteByte(' ')
	for _, t := range toks {
		b.WriteString(strings.ReplaceAll(string(t), "'", " "))
		b.WriteByte(' ')
	}
	return b.String()
}

// expandLexicon returns text with the words of every concept whose
// phrasing it contains appended.
func expandLexicon(text string) string {
	if len(lexicon) == 0 {
		return text
	}
	norm := normPhrase(text)
	var adds []string
	for _, r := range lexicon {
		if strings.Contains(norm, r.phrase) {
			adds = append(adds, r.adds)
		}
	}
	if len(adds) == 0 {
		return text
	}
	return text + " . " + strings.Join(adds, " ")
}
