package knowledge

import (
	"embed"
	"fmt"
)

// corpusFS holds the shipped corpus.
//
//go:embed cards/*.yaml topics.yaml
var corpusFS embed.FS

// Embedded loads and validates the corpus shipped in the binary. An error
// means the shipped content is invalid (the tests prevent that).
func Embedded() (*Corpus, error) {
	c, err := LoadFS(corpusFS)
	if err != nil {
		return nil, fmt.Errorf("knowledge: embedded corpus: %w", err)
	}
	return c, nil
}

// EmbeddedFS returns the shipped corpus files (cards/*.yaml, topics.yaml),
// for `ctocoach corpus check` without a folder.
func EmbeddedFS() embed.FS { return corpusFS }
