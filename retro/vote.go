package retro

import "fmt"

// CheckVote says whether a person who has already used `used` votes on
// board b may put one more vote on card cardID. Dot voting: several votes
// on the same card are fine, up to the board's budget.
func CheckVote(b Board, used int, cardID string) error {
	if err := checkVotePhase(b); err != nil {
		return fmt.Errorf("retro: vote on card %s: %w", cardID, err)
	}
	if _, i := b.Card(cardID); i < 0 {
		return fmt.Errorf("retro: vote on card %s: %w", cardID, ErrCardNotFound)
	}
	if used >= b.VoteBudget {
		return fmt.Errorf("retro: vote on card %s: %d of %d used: %w", cardID, used, b.VoteBudget, ErrVoteBudget)
	}
	return nil
}

// CheckUnvote says whether a person who has `mine` votes on card cardID may
// take one back.
func CheckUnvote(b Board, mine int, cardID string) error {
	if err := checkVotePhase(b); err != nil {
		return fmt.Errorf("retro: unvote card %s: %w", cardID, err)
	}
	if _, i := b.Card(cardID); i < 0 {
		return fmt.Errorf("retro: unvote card %s: %w", cardID, ErrCardNotFound)
	}
	if mine <= 0 {
		return fmt.Errorf("retro: unvote card %s: %w", cardID, ErrNoVote)
	}
	return nil
}

// VotesLeft is how many votes a person who used `used` still has.
func VotesLeft(b Board, used int) int { return max(0, b.VoteBudget-used) }

// ApplyVote adds delta (+1 to vote, -1 to unvote) to the card's total. It
// only keeps totals in step; check the rules first with CheckVote or
// CheckUnvote. Totals never go below zero.
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

func checkVotePhase(b Board) error {
	if b.Phase == PhaseClosed {
		return ErrClosed
	}
	if !b.Phase.AcceptsVotes() {
		return ErrWrongPhase
	}
	return nil
}
