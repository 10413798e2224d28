package retro

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// BoardRepository is what the board service needs of the boards' storage
// (the store, adapted in bot/retro). Reads of a channel's board return
// ErrNoBoard, wrapped, when there is none.
type BoardRepository interface {
	// OpenBoard is the channel's open board.
	OpenBoard(ctx context.Context, team, channel string) (ChannelBoard, error)
	// LastBoard is the channel's most recent board.
	LastBoard(ctx context.Context, team, channel string) (ChannelBoard, error)
	// Board is the board id.
	Board(ctx context.Context, team, id string) (ChannelBoard, error)
	// NextBoardID reserves the id and number of the channel's next board.
	NextBoardID(ctx context.Context, team, channel string) (string, int, error)
	// CreateBoard stores b as its channel's open board; when one is open
	// already it returns that board's id with ErrBoardOpen.
	CreateBoard(ctx context.Context, b ChannelBoard) (string, error)
	// SetPhase moves the board from phase from to phase to (a
	// compare-and-set: ErrWrongPhase when it is no longer at from).
	SetPhase(ctx context.Context, team, id string, from, to Phase, now time.Time) error
}

// BoardService holds the use cases of boards that know nothing of Slack:
// opening a channel's board, moving it through its phases.
type BoardService struct {
	Boards BoardRepository
	Now    func() time.Time
}

// OpenParams is a board to open.
type OpenParams struct {
	TeamID, ChannelID string
	// CreatedBy is who opens it; Facilitator who runs it ("" for CreatedBy).
	CreatedBy, Facilitator string
	Format                 Format
	// VoteBudget is the votes per person (0 for DefaultVoteBudget).
	VoteBudget int
	// Lang is the language of the board's message.
	Lang string
}

// Open creates the channel's board, carrying over the open actions of the
// last one. post reports whether the caller must post the board's message:
// always for a new board; for a board open already (returned with
// ErrBoardOpen) when its message never made it to the channel. A board
// opened concurrently by someone else is returned with ErrBoardOpen and
// post false: its opener posts it.
func (s *BoardService) Open(ctx context.Context, p OpenParams) (b ChannelBoard, post bool, err error) {
	open, err := s.Boards.OpenBoard(ctx, p.TeamID, p.ChannelID)
	if err == nil {
		return open, open.MessageTS == "", ErrBoardOpen
	}
	if !errors.Is(err, ErrNoBoard) {
		return ChannelBoard{}, false, fmt.Errorf("retro: read the open board of %s: %w", p.ChannelID, err)
	}
	var carried []Action
	if last, err := s.Boards.LastBoard(ctx, p.TeamID, p.ChannelID); err == nil {
		carried = CarryOver(last.Board)
	} else if !errors.Is(err, ErrNoBoard) {
		return ChannelBoard{}, false, fmt.Errorf("retro: read the last board of %s: %w", p.ChannelID, err)
	}
	id, n, err := s.Boards.NextBoardID(ctx, p.TeamID, p.ChannelID)
	if err != nil {
		return ChannelBoard{}, false, fmt.Errorf("retro: next board id of %s: %w", p.ChannelID, err)
	}
	board, err := NewBoard(BoardParams{ID: id, TeamID: p.TeamID, ChannelID: p.ChannelID, Format: p.Format,
		CreatedBy: p.CreatedBy, Facilitator: p.Facilitator, VoteBudget: p.VoteBudget, Number: n, PreviousActions: carried}, s.Now())
	if err != nil {
		return ChannelBoard{}, false, err
	}
	cb := ChannelBoard{Board: board, Lang: NormLang(p.Lang)}
	if openID, err := s.Boards.CreateBoard(ctx, cb); errors.Is(err, ErrBoardOpen) {
		open, lerr := s.Boards.Board(ctx, p.TeamID, openID)
		return open, false, errors.Join(err, lerr)
	} else if err != nil {
		return ChannelBoard{}, false, fmt.Errorf("retro: create board %s: %w", id, err)
	}
	return cb, true, nil
}

// Abandon closes a new board whose message could not be posted: a board
// nobody can see is of no use, and it would keep the channel from
// opening another.
func (s *BoardService) Abandon(ctx context.Context, b ChannelBoard) error {
	if err := s.Boards.SetPhase(ctx, b.TeamID, b.ID, PhaseCollect, PhaseClosed, s.Now()); err != nil {
		return fmt.Errorf("retro: close unposted board %s: %w", b.ID, err)
	}
	return nil
}

// Advance moves b to phase to for user (isAdmin: a workspace admin): the
// rules of Board.Advance (ErrNotFacilitator, ErrWrongPhase, ErrClosed),
// then the repository's compare-and-set from the phase b was read in.
func (s *BoardService) Advance(ctx context.Context, b *ChannelBoard, user string, isAdmin bool, to Phase) error {
	from, now := b.Phase, s.Now()
	if err := b.Advance(user, isAdmin, to, now); err != nil {
		return err
	}
	return s.Boards.SetPhase(ctx, b.TeamID, b.ID, from, to, now)
}
