package retro

import (
	"fmt"
	"slices"
	"time"
)

// DateLayout is the layout of due dates (YYYY-MM-DD).
const DateLayout = "2006-01-02"

// ActionStatus is open or done.
type ActionStatus string

// Action statuses.
const (
	ActionOpen ActionStatus = "open"
	ActionDone ActionStatus = "done"
)

// Action is something the team agreed to do, with one owner. IDs should be
// unique across a channel's boards (e.g. prefixed with the board ID), since
// open actions are carried over from one board to the next.
type Action struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	// Owner is a user ID.
	Owner string `json:"owner"`
	// Due is a YYYY-MM-DD date, or "" when no date was set.
	Due string `json:"due,omitempty"`
	// FromCard is the card the action came from, if any.
	FromCard string `json:"from_card,omitempty"`
	// BoardID is the board the action was agreed on.
	BoardID   string       `json:"board_id,omitempty"`
	Status    ActionStatus `json:"status"`
	CreatedAt time.Time    `json:"created_at"`
	DoneAt    time.Time    `json:"done_at,omitzero"`
}

// ActionInput is what a person submits to add an action.
type ActionInput struct {
	ID    string
	Text  string
	Owner string
	// Due is YYYY-MM-DD or empty.
	Due      string
	FromCard string
}

// NewAction validates in against board b and returns the action to store,
// without changing b. Actions may be added in the vote and actions phases.
// The due date may be empty; when set it must be today or later, "today"
// being now's date in now's location (pass now in the user's time zone).
func NewAction(b Board, in ActionInput, now time.Time) (Action, error) {
	switch {
	case b.Phase == PhaseClosed:
		return Action{}, fmt.Errorf("retro: add action %s: %w", in.ID, ErrClosed)
	case !b.Phase.AcceptsActions():
		return Action{}, fmt.Errorf("retro: add action %s in %s: %w", in.ID, b.Phase, ErrWrongPhase)
	}
	text := clean(in.Text)
	switch {
	case text == "":
		return Action{}, fmt.Errorf("retro: add action %s: %w", in.ID, ErrEmptyAction)
	case charLen(text) > MaxActionLen:
		return Action{}, fmt.Errorf("retro: add action %s: %d characters, at most %d: %w", in.ID, charLen(text), MaxActionLen, ErrActionTooLong)
	case in.Owner == "":
		return Action{}, fmt.Errorf("retro: add action %s: %w", in.ID, ErrNoOwner)
	}
	due, err := CheckDue(in.Due, now)
	if err != nil {
		return Action{}, fmt.Errorf("retro: add action %s: %w", in.ID, err)
	}
	if in.FromCard != "" {
		if _, i := b.Card(in.FromCard); i < 0 {
			return Action{}, fmt.Errorf("retro: add action %s from card %s: %w", in.ID, in.FromCard, ErrCardNotFound)
		}
	}
	return Action{
		ID: in.ID, Text: text, Owner: in.Owner, Due: due, FromCard: in.FromCard,
		BoardID: b.ID, Status: ActionOpen, CreatedAt: now,
	}, nil
}

// CheckDue validates a due date: empty, or a YYYY-MM-DD date that is not
// before now's date in now's location. It returns the trimmed date.
func CheckDue(due string, now time.Time) (string, error) {
	due = clean(due)
	if due == "" {
		return "", nil
	}
	if _, err := time.Parse(DateLayout, due); err != nil {
		return "", fmt.Errorf("due %q: %w", due, ErrBadDue)
	}
	if today := now.Format(DateLayout); due < today {
		return "", fmt.Errorf("due %s before %s: %w", due, today, ErrDueInPast)
	}
	return due, nil
}

// AddAction validates in and appends the action to the board.
func (b *Board) AddAction(in ActionInput, now time.Time) (Action, error) {
	if in.ID == "" {
		return Action{}, fmt.Errorf("retro: add action: empty id: %w", ErrBadBoard)
	}
	if slices.ContainsFunc(b.Actions, func(a Action) bool { return a.ID == in.ID }) {
		return Action{}, fmt.Errorf("retro: add action %s: %w", in.ID, ErrDuplicateID)
	}
	a, err := NewAction(*b, in, now)
	if err != nil {
		return Action{}, err
	}
	b.Actions = append(b.Actions, a)
	return a, nil
}

// SetActionStatus marks an action of this board, or one carried over from
// the previous retro, open or done. The owner or anyone who can manage the
// board may; this works on closed boards too, since actions outlive them.
func (b *Board) SetActionStatus(actionID string, status ActionStatus, userID string, isAdmin bool, now time.Time) error {
	if status != ActionOpen && status != ActionDone {
		return fmt.Errorf("retro: set action %s to %q: %w", actionID, status, ErrBadStatus)
	}
	list, i, ok := b.action(actionID)
	if !ok {
		return fmt.Errorf("retro: set action %s: %w", actionID, ErrActionNotFound)
	}
	a := &list[i]
	if userID == "" || (a.Owner != userID && !CanManage(*b, userID, isAdmin)) {
		return fmt.Errorf("retro: set action %s by %s: %w", actionID, userID, ErrNotOwner)
	}
	a.Status = status
	a.DoneAt = time.Time{}
	if status == ActionDone {
		a.DoneAt = now
	}
	return nil
}

// action finds an action in Actions, then in PreviousActions.
func (b *Board) action(id string) ([]Action, int, bool) {
	for _, list := range [][]Action{b.Actions, b.PreviousActions} {
		for i := range list {
			if list[i].ID == id {
				return list, i, true
			}
		}
	}
	return nil, -1, false
}

// CarryOver returns the actions still open on prev — its own and those it
// carried over itself — to show at the start of the next retro.
func CarryOver(prev Board) []Action {
	var out []Action
	seen := map[string]bool{}
	for _, list := range [][]Action{prev.PreviousActions, prev.Actions} {
		for _, a := range list {
			if a.Status != ActionDone && !seen[a.ID] {
				seen[a.ID] = true
				out = append(out, a)
			}
		}
	}
	return out
}
