package retro

import (
	"fmt"
	"time"
)

// CanManage reports whether userID may run the board: reveal, change phase,
// close, hand over facilitation. The facilitator, the creator and workspace
// admins may.
func CanManage(b Board, userID string, isAdmin bool) bool {
	if isAdmin {
		return true
	}
	return userID != "" && (userID == b.Facilitator || userID == b.CreatedBy)
}

// Advance moves the board to phase to on behalf of userID. Closing stamps
// ClosedAt with now.
func (b *Board) Advance(userID string, isAdmin bool, to Phase, now time.Time) error {
	if b.Phase == PhaseClosed {
		return fmt.Errorf("retro: board %s to %s: %w", b.ID, to, ErrClosed)
	}
	if !CanManage(*b, userID, isAdmin) {
		return fmt.Errorf("retro: board %s to %s by %s: %w", b.ID, to, userID, ErrNotFacilitator)
	}
	if !CanTransition(b.Phase, to) {
		return fmt.Errorf("retro: board %s from %s to %s: %w", b.ID, b.Phase, to, ErrWrongPhase)
	}
	b.Phase = to
	if to == PhaseClosed {
		b.ClosedAt = now
	}
	return nil
}

// SetFacilitator hands facilitation over to newFacilitator.
func (b *Board) SetFacilitator(userID string, isAdmin bool, newFacilitator string) error {
	if b.Phase == PhaseClosed {
		return fmt.Errorf("retro: board %s set facilitator: %w", b.ID, ErrClosed)
	}
	if !CanManage(*b, userID, isAdmin) {
		return fmt.Errorf("retro: board %s set facilitator by %s: %w", b.ID, userID, ErrNotFacilitator)
	}
	if newFacilitator == "" {
		return fmt.Errorf("retro: board %s set facilitator: empty user: %w", b.ID, ErrBadBoard)
	}
	b.Facilitator = newFacilitator
	return nil
}
