package retro

import (
	"cmp"
	"slices"
)

// ZoneCards returns the cards of zone zoneID with their vote totals filled
// in from b.Votes. Once the board is past collect they are ranked by votes
// (most first), ties by creation time then ID; during collect, where votes
// do not exist yet, they stay in creation order.
func ZoneCards(b Board, zoneID string) []Card {
	var out []Card
	for _, c := range b.Cards {
		if c.Zone == zoneID {
			c.Votes = b.Votes[c.ID]
			out = append(out, c)
		}
	}
	if b.Phase.HidesCards() {
		return out
	}
	slices.SortStableFunc(out, compareCards)
	return out
}

// compareCards orders by votes descending, then creation time, then ID.
func compareCards(a, c Card) int {
	if n := cmp.Compare(c.Votes, a.Votes); n != 0 {
		return n
	}
	if n := a.CreatedAt.Compare(c.CreatedAt); n != 0 {
		return n
	}
	return cmp.Compare(a.ID, c.ID)
}
