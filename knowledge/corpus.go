package knowledge

import (
	"errors"
	"fmt"
)

// Corpus is a validated set of cards and the topics they are grouped under.
// It is read-only once built and safe for concurrent use.
type Corpus struct {
	cards   []*Card
	byID    map[string]*Card
	file    map[string]string // card id -> file it was loaded from
	topics  []Topic
	byTopic map[string][]*Card
}

// Cards returns every card, grouped by topic in topic order, and in file
// order within a topic. The slice is a copy; the cards are shared.
func (c *Corpus) Cards() []*Card {
	return append([]*Card(nil), c.cards...)
}

// Card returns the card with the given id.
func (c *Corpus) Card(id string) (*Card, bool) {
	card, ok := c.byID[id]
	return card, ok
}

// Topics returns the topics in display order: those of topics.yaml first,
// then any topic used by a card but not declared (labelled with its id).
func (c *Corpus) Topics() []Topic {
	return append([]Topic(nil), c.topics...)
}

// ByTopic returns the cards of one topic, in file order.
func (c *Corpus) ByTopic(id string) []*Card {
	return append([]*Card(nil), c.byTopic[id]...)
}

// Len returns the number of cards.
func (c *Corpus) Len() int { return len(c.cards) }

// Merge returns a new corpus holding c's cards followed by extra's (a
// team's own cards). Topics of extra that c lacks are added. A card id
// present in both is an error naming the id and both files.
func (c *Corpus) Merge(extra *Corpus) (*Corpus, error) {
	if extra == nil {
		return c, nil
	}
	var errs []error
	cards := make([]fileCard, 0, len(c.cards)+len(extra.cards))
	for _, card := range c.cards {
		cards = append(cards, fileCard{card: card, file: c.file[card.ID]})
	}
	for _, card := range extra.cards {
		if _, dup := c.byID[card.ID]; dup {
			errs = append(errs, fmt.Errorf("knowledge: merge: %s: card %s: duplicate id (already in %s)",
				extra.file[card.ID], card.ID, c.file[card.ID]))
			continue
		}
		cards = append(cards, fileCard{card: card, file: extra.file[card.ID]})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	topics := append([]Topic(nil), c.topics...)
	seen := make(map[string]bool, len(topics))
	for _, t := range topics {
		seen[t.ID] = true
	}
	for _, t := range extra.topics {
		if !seen[t.ID] {
			seen[t.ID] = true
			topics = append(topics, t)
		}
	}
	return build(topics, cards), nil
}

// fileCard is a card with the file it came from.
type fileCard struct {
	card *Card
	file string
}

// build assembles a corpus. Cards are ordered by topic (in topics order),
// keeping their relative order; topics used by cards but missing from
// topics are appended with their id as label. Ids must already be unique.
func build(topics []Topic, cards []fileCard) *Corpus {
	c := &Corpus{
		byID:    make(map[string]*Card, len(cards)),
		file:    make(map[string]string, len(cards)),
		topics:  append([]Topic(nil), topics...),
		byTopic: make(map[string][]*Card),
	}
	known := make(map[string]bool, len(topics))
	for _, t := range topics {
		known[t.ID] = true
	}
	for _, fc := range cards {
		if !known[fc.card.Topic] {
			known[fc.card.Topic] = true
			c.topics = append(c.topics, Topic{ID: fc.card.Topic, EN: fc.card.Topic, FR: fc.card.Topic})
		}
		c.byTopic[fc.card.Topic] = append(c.byTopic[fc.card.Topic], fc.card)
		c.byID[fc.card.ID] = fc.card
		c.file[fc.card.ID] = fc.file
	}
	for _, t := range c.topics {
		c.cards = append(c.cards, c.byTopic[t.ID]...)
	}
	return c
}
