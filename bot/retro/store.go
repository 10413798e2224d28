package retrobot

import (
	"context"
	"time"

	"ctocoach/retro"
	"ctocoach/store"
)

// Store is what the retro surfaces need of the store: the interfaces below,
// each only the methods bot/retro calls; *store.Store is the one in
// production, bot/retro/mock has the fakes.
type Store interface {
	Boards
	Standards
	Schedules
}

// Boards is the part of the store that keeps boards, cards, votes and actions.
type Boards interface {
	OpenBoard(ctx context.Context, team, channel string) (store.RetroBoard, error)
	LastBoard(ctx context.Context, team, channel string) (store.RetroBoard, error)
	Board(ctx context.Context, team, id string) (store.RetroBoard, error)
	BoardHead(ctx context.Context, team, id string) (store.RetroBoard, error)
	NextBoardID(ctx context.Context, team, channel string) (string, int, error)
	CreateBoard(ctx context.Context, b store.RetroBoard) (string, error)
	SetPhase(ctx context.Context, team, boardID string, from, to retro.Phase, now time.Time) error
	SetBoardMessage(ctx context.Context, team, boardID, ts string) error
	AddCard(ctx context.Context, team, boardID string, in retro.CardInput, once string, now time.Time) (retro.Card, error)
	EditCard(ctx context.Context, team, boardID, cardID, userID, text string) error
	DeleteCard(ctx context.Context, team, boardID, cardID, userID string) error
	Vote(ctx context.Context, team, boardID, cardID, userID string) (store.VoteResult, error)
	Unvote(ctx context.Context, team, boardID, cardID, userID string) (store.VoteResult, error)
	AddAction(ctx context.Context, team, boardID string, in retro.ActionInput, once string, now time.Time) (retro.Action, error)
	SetActionStatus(ctx context.Context, team, boardID, actionID string, status retro.ActionStatus, userID string, isAdmin bool, now time.Time) (retro.Action, error)
	ActionsOwnedBy(ctx context.Context, team, user string) ([]retro.Action, error)
	Promote(ctx context.Context, team, boardID, source string, std retro.Standard) error
}

// Standards is the part of the store that keeps the book of standards.
type Standards interface {
	NextStandardID(ctx context.Context, team string) (string, error)
	Standard(ctx context.Context, team, id string) (retro.Standard, error)
	Standards(ctx context.Context, team string) ([]retro.Standard, error)
	UpdateStandard(ctx context.Context, team, id string, fn func(retro.Standard) (retro.Standard, error)) (retro.Standard, error)
}

// Schedules is the part of the store that keeps recurring retros.
type Schedules interface {
	RetroSchedule(ctx context.Context, team, channel string) (store.RetroSchedule, error)
	UpdateRetroSchedule(ctx context.Context, team, channel string, fn func(sc store.RetroSchedule, found bool) (store.RetroSchedule, error)) (store.RetroSchedule, error)
	DeleteRetroSchedule(ctx context.Context, team, channel string) error
}

var (
	_ Store     = (*store.Store)(nil)
	_ Boards    = (*store.Store)(nil)
	_ Standards = (*store.Store)(nil)
	_ Schedules = (*store.Store)(nil)
)
