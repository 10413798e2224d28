package retro

import (
	"encoding/json"
	"fmt"
)

// Phase is where a board stands in its life: collect → reveal → vote →
// actions → closed.
//
//   - collect: people add cards; texts are hidden from everyone but their
//     authors (VisibleText).
//   - reveal: texts are shown and discussed; late cards can still be added
//     (a discussion often brings one up), but no longer edited or deleted.
//   - vote: dot voting; actions may already be written.
//   - actions: the team agrees on actions; votes are frozen.
//   - closed: terminal; only action statuses change afterwards.
type Phase string

// The phases, in order.
const (
	PhaseCollect Phase = "collect"
	PhaseReveal  Phase = "reveal"
	PhaseVote    Phase = "vote"
	PhaseActions Phase = "actions"
	PhaseClosed  Phase = "closed"
)

var phaseOrder = []Phase{PhaseCollect, PhaseReveal, PhaseVote, PhaseActions, PhaseClosed}

// Phases returns every phase in order.
func Phases() []Phase { return append([]Phase(nil), phaseOrder...) }

// PhasesWhere returns, in order, the phases for which rule holds (for
// instance Phase.AcceptsVotes). The store hands such lists to its Lua
// scripts, so that each phase rule is written once, here.
func PhasesWhere(rule func(Phase) bool) []Phase {
	var out []Phase
	for _, p := range phaseOrder {
		if rule(p) {
			out = append(out, p)
		}
	}
	return out
}

// index is the phase's position in phaseOrder, or -1 when unknown.
func (p Phase) index() int {
	for i, q := range phaseOrder {
		if q == p {
			return i
		}
	}
	return -1
}

// Valid reports whether p is one of the five phases.
func (p Phase) Valid() bool { return p.index() >= 0 }

// UnmarshalJSON rejects unknown phases, so a corrupt record fails loudly.
func (p *Phase) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("retro: decode phase: %w", err)
	}
	if !Phase(s).Valid() {
		return fmt.Errorf("retro: decode phase %q: %w", s, ErrBadBoard)
	}
	*p = Phase(s)
	return nil
}

// CanTransition reports whether a board may move from one phase to another.
// Moves only go forward; skipping phases is allowed (a team may skip voting,
// or close at any time), going back is not, and closed is terminal.
func CanTransition(from, to Phase) bool {
	f, t := from.index(), to.index()
	return f >= 0 && t >= 0 && from != PhaseClosed && t > f
}

// AcceptsCards reports whether cards may be added in phase p: collect and,
// for late cards, reveal.
func (p Phase) AcceptsCards() bool { return p == PhaseCollect || p == PhaseReveal }

// AcceptsCardChanges reports whether authors may edit or delete their own
// cards in phase p: only while collecting.
func (p Phase) AcceptsCardChanges() bool { return p == PhaseCollect }

// AcceptsVotes reports whether votes may be cast or taken back in phase p.
func (p Phase) AcceptsVotes() bool { return p == PhaseVote }

// AcceptsActions reports whether actions may be added in phase p.
func (p Phase) AcceptsActions() bool { return p == PhaseVote || p == PhaseActions }

// HidesCards reports whether card texts are hidden in phase p.
func (p Phase) HidesCards() bool { return p == PhaseCollect }
