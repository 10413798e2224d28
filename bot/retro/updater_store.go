package retrobot

import (
	"context"
	"time"

	"ctocoach/store"
)

// UpdaterStore is what the BoardUpdater needs of the store: the boards'
// change counters, the workspace's update budget, the per-board lock
// across replicas and the board to render. *store.Store is the one in
// production; bot/retro/mock has the fake.
type UpdaterStore interface {
	// MarkBoardDirty counts a change of the board.
	MarkBoardDirty(ctx context.Context, team, boardID string) (int64, error)
	// BoardRenderState is the board's change count, the last one shown and when.
	BoardRenderState(ctx context.Context, team, boardID string) (store.BoardRender, error)
	// SetBoardRendered records that change version was shown at at.
	SetBoardRendered(ctx context.Context, team, boardID string, version int64, at time.Time) error
	// ReserveBoardUpdate takes one update from the workspace's budget, or
	// says how long to wait for one.
	ReserveBoardUpdate(ctx context.Context, team string, now time.Time, perMinute float64, burst int) (time.Duration, error)
	// LockBoard takes the board's update lock for owner (false: held elsewhere).
	LockBoard(ctx context.Context, team, boardID, owner string, ttl time.Duration) (bool, error)
	// UnlockBoard releases owner's lock.
	UnlockBoard(ctx context.Context, team, boardID, owner string) error
	// Board is the board to render (store.ErrNotFound once deleted).
	Board(ctx context.Context, team, id string) (store.RetroBoard, error)
}

var _ UpdaterStore = (*store.Store)(nil)
