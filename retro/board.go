package retro

import (
	"fmt"
	"time"
)

// Vote budget bounds: how many dots each person gets on a board.
const (
	DefaultVoteBudget = 3
	MinVoteBudget     = 1
	MaxVoteBudget     = 10
)

// Board is one retrospective in one channel.
//
// Votes holds vote totals per card ID only: nobody's individual votes are
// recorded here. The store keeps each person's used-vote counts on its own
// and checks the budget in its vote script. Votes is the source of truth
// for totals; Card.Votes is a copy kept in step by ApplyVote and
// SyncVotes, handy for renderers.
type Board struct {
	ID          string    `json:"id"`
	TeamID      string    `json:"team_id"`
	ChannelID   string    `json:"channel_id"`
	Format      Format    `json:"format"`
	Phase       Phase     `json:"phase"`
	CreatedBy   string    `json:"created_by"`
	Facilitator string    `json:"facilitator"`
	VoteBudget  int       `json:"vote_budget"`
	CreatedAt   time.Time `json:"created_at"`
	ClosedAt    time.Time `json:"closed_at,omitzero"`
	// Cards are kept in creation order.
	Cards   []Card         `json:"cards"`
	Actions []Action       `json:"actions"`
	Votes   map[string]int `json:"votes"`
	// MessageTS is the timestamp of the board's message in the channel.
	MessageTS string `json:"message_ts,omitempty"`
	// Number is the board's sequence number in its channel (1, 2, …).
	Number int `json:"number"`
	// PreviousActions are the open actions of the channel's last retro,
	// shown at the start of this one (see CarryOver).
	PreviousActions []Action `json:"previous_actions,omitempty"`
	// Promoted are the standards promoted from this board's cards, kept
	// here for the summary and the Markdown export.
	Promoted []Standard `json:"promoted,omitempty"`
}

// BoardParams are the inputs of NewBoard.
type BoardParams struct {
	ID        string
	TeamID    string
	ChannelID string
	Format    Format
	CreatedBy string
	// Facilitator defaults to CreatedBy when empty.
	Facilitator string
	// VoteBudget defaults to DefaultVoteBudget when 0.
	VoteBudget int
	Number     int
	// PreviousActions are carried over as they are; see CarryOver.
	PreviousActions []Action
}

// NewBoard validates p and returns a board in the collect phase created at now.
func NewBoard(p BoardParams, now time.Time) (Board, error) {
	switch {
	case p.ID == "" || p.ChannelID == "" || p.CreatedBy == "":
		return Board{}, fmt.Errorf("retro: new board: id, channel and creator are required: %w", ErrBadBoard)
	case len(p.Format.Zones) == 0:
		return Board{}, fmt.Errorf("retro: new board %s: format %q has no zones: %w", p.ID, p.Format.ID, ErrBadBoard)
	}
	budget := p.VoteBudget
	if budget == 0 {
		budget = DefaultVoteBudget
	}
	if budget < MinVoteBudget || budget > MaxVoteBudget {
		return Board{}, fmt.Errorf("retro: new board %s: vote budget %d: %w", p.ID, budget, ErrBudgetRange)
	}
	fac := p.Facilitator
	if fac == "" {
		fac = p.CreatedBy
	}
	return Board{
		ID:              p.ID,
		TeamID:          p.TeamID,
		ChannelID:       p.ChannelID,
		Format:          p.Format.clone(),
		Phase:           PhaseCollect,
		CreatedBy:       p.CreatedBy,
		Facilitator:     fac,
		VoteBudget:      budget,
		CreatedAt:       now,
		Cards:           []Card{},
		Actions:         []Action{},
		Votes:           map[string]int{},
		Number:          p.Number,
		PreviousActions: append([]Action(nil), p.PreviousActions...),
	}, nil
}

// Card returns the card with this ID and its index, or -1.
func (b Board) Card(id string) (Card, int) {
	for i, c := range b.Cards {
		if c.ID == id {
			return c, i
		}
	}
	return Card{}, -1
}

// VoteCount is the total number of votes on card id.
func (b Board) VoteCount(id string) int { return b.Votes[id] }

// TotalVotes is the number of votes cast on the board.
func (b Board) TotalVotes() int {
	n := 0
	for _, v := range b.Votes {
		n += v
	}
	return n
}

// SyncVotes copies the totals of Votes into each Card.Votes, for instance
// after the store loaded totals kept apart from the cards.
func (b *Board) SyncVotes() {
	for i := range b.Cards {
		b.Cards[i].Votes = b.Votes[b.Cards[i].ID]
	}
}
