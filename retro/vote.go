package retro

import "fmt"

// ApplyVote adds delta (+1 to vote, -1 to unvote) to the card's total. It
// only keeps totals in step: the voting rules (phase, budget, a vote to
// take back) are enforced atomically by the store's vote script, with the
// phases of Phase.AcceptsVotes. Totals never go below zero.
func (b *Board) ApplyVote(cardID string, delta int) error {
	_, i := b.Card(cardID)
	if i < 0 {
		return fmt.Errorf("retro: apply vote on card %s: %w", cardID, ErrCardNotFound)
	}
	if b.Votes == nil {
		b.Votes = map[string]int{}
	}
	n := max(0, b.Votes[cardID]+delta)
	if n == 0 {
		delete(b.Votes, cardID)
	} else {
		b.Votes[cardID] = n
	}
	b.Cards[i].Votes = n
	return nil
}
