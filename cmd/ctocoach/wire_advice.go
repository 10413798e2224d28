package main

import (
	"context"
	"fmt"

	"ctocoach/bot/advice"
	"ctocoach/knowledge"
)

// adviceFeature loads the embedded corpus plus the team's own cards
// (KNOWLEDGE_DIR) and indexes them. An invalid extra card stops start-up.
func (m *Main) adviceFeature(ctx context.Context) (advice.Deps, error) {
	c, err := loadCorpus(m.Config.KnowledgeDir)
	if err != nil {
		return advice.Deps{}, err
	}
	m.Corpus = c
	m.Log.Info("advice corpus loaded", "cards", c.Len(), "topics", len(c.Topics()), "extra_dir", m.Config.KnowledgeDir)
	checkups, err := knowledge.Checkups(c)
	if err != nil {
		return advice.Deps{}, err
	}
	return advice.Deps{Corpus: c, Index: knowledge.NewIndex(c), Checkups: checkups}, nil
}

// loadCorpus returns the embedded corpus merged with the cards in dir, if any.
func loadCorpus(dir string) (*knowledge.Corpus, error) {
	c, err := knowledge.Embedded()
	if err != nil {
		return nil, fmt.Errorf("embedded corpus: %w", err)
	}
	if dir == "" {
		return c, nil
	}
	extra, err := knowledge.LoadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("KNOWLEDGE_DIR %s: %w", dir, err)
	}
	if c, err = c.Merge(extra); err != nil {
		return nil, fmt.Errorf("KNOWLEDGE_DIR %s: %w", dir, err)
	}
	return c, nil
}
