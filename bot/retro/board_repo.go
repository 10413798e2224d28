package retrobot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"ctocoach/retro"
	"ctocoach/store"
)

// boardRepo adapts the store to retro.BoardRepository: a channel with no
// board is retro.ErrNoBoard (still store.ErrNotFound too).
type boardRepo struct{ st Boards }

var _ retro.BoardRepository = boardRepo{}

func noBoard(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: %w", retro.ErrNoBoard, err)
	}
	return err
}

func (a boardRepo) OpenBoard(ctx context.Context, team, channel string) (retro.ChannelBoard, error) {
	b, err := a.st.OpenBoard(ctx, team, channel)
	return b, noBoard(err)
}

func (a boardRepo) LastBoard(ctx context.Context, team, channel string) (retro.ChannelBoard, error) {
	b, err := a.st.LastBoard(ctx, team, channel)
	return b, noBoard(err)
}

func (a boardRepo) Board(ctx context.Context, team, id string) (retro.ChannelBoard, error) {
	return a.st.Board(ctx, team, id)
}

func (a boardRepo) NextBoardID(ctx context.Context, team, channel string) (string, int, error) {
	return a.st.NextBoardID(ctx, team, channel)
}

func (a boardRepo) CreateBoard(ctx context.Context, b retro.ChannelBoard) (string, error) {
	return a.st.CreateBoard(ctx, b)
}

func (a boardRepo) SetPhase(ctx context.Context, team, id string, from, to retro.Phase, now time.Time) error {
	return a.st.SetPhase(ctx, team, id, from, to, now)
}
