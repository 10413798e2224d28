package knowledge

import (
	"io/fs"
	"testing"
)

// embeddedHasCards reports whether the shipped corpus has any card file yet.
func embeddedHasCards(tb testing.TB) bool {
	tb.Helper()
	files, err := fs.Glob(corpusFS, "cards/*.yaml")
	if err != nil {
		tb.Fatalf("glob embedded cards: %v", err)
	}
	return len(files) > 0
}

// MustEmbedded loads the shipped corpus or fails the test; it skips while
// the corpus has no cards yet.
func MustEmbedded(tb testing.TB) *Corpus {
	tb.Helper()
	if !embeddedHasCards(tb) {
		tb.Skip("knowledge/cards has no cards yet")
	}
	c, err := Embedded()
	if err != nil {
		tb.Fatalf("Embedded() error: %v", err)
	}
	return c
}

func TestCheckEmbedded(t *testing.T) {
	if !embeddedHasCards(t) {
		t.Skip("knowledge/cards has no cards yet")
	}
	for _, err := range Check(corpusFS) {
		t.Error(err)
	}
}

func TestEmbeddedLoads(t *testing.T) {
	c := MustEmbedded(t)
	if c.Len() == 0 {
		t.Fatalf("Embedded().Len() = 0, want cards")
	}
	for _, card := range c.Cards() {
		got, ok := c.Card(card.ID)
		if !ok || got != card {
			t.Errorf("Card(%q) = %v, %v; want the card itself", card.ID, got, ok)
		}
		if card.Topic == "" {
			t.Errorf("card %s has no topic", card.ID)
		}
	}
	total := 0
	for _, tp := range c.Topics() {
		total += len(c.ByTopic(tp.ID))
	}
	if total != c.Len() {
		t.Errorf("sum of ByTopic over Topics() = %d, want %d", total, c.Len())
	}
}
