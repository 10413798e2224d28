package retro_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"ctocoach/retro"
	"ctocoach/retro/mock"
)

// The board service's tests run on function-field fakes: no Redis, no Slack.

var now = time.Date(2026, 5, 7, 10, 0, 0, 0, time.UTC)

func sailboat(t *testing.T) retro.Format {
	t.Helper()
	f, ok := retro.FormatByID(retro.FormatSailboat)
	if !ok {
		t.Fatal("no sailboat format")
	}
	return f
}

func service(repo *mock.BoardRepository) *retro.BoardService {
	return &retro.BoardService{Boards: repo, Now: func() time.Time { return now }}
}

var noBoard = fmt.Errorf("%w: not found", retro.ErrNoBoard)

func TestOpenCreatesTheBoardCarryingOverOpenActions(t *testing.T) {
	last := retro.ChannelBoard{Board: retro.Board{ID: "C1-1", Actions: []retro.Action{
		{ID: "a1", Text: "fix CI", Owner: "U2", Status: retro.ActionOpen},
		{ID: "a2", Text: "done thing", Owner: "U2", Status: retro.ActionDone},
	}}}
	var created retro.ChannelBoard
	repo := &mock.BoardRepository{
		OpenBoardFn: func(context.Context, string, string) (retro.ChannelBoard, error) {
			return retro.ChannelBoard{}, noBoard
		},
		LastBoardFn:   func(context.Context, string, string) (retro.ChannelBoard, error) { return last, nil },
		NextBoardIDFn: func(context.Context, string, string) (string, int, error) { return "C1-2", 2, nil },
		CreateBoardFn: func(_ context.Context, b retro.ChannelBoard) (string, error) { created = b; return b.ID, nil },
	}
	b, post, err := service(repo).Open(context.Background(), retro.OpenParams{TeamID: "T1", ChannelID: "C1", CreatedBy: "U1", Format: sailboat(t), Lang: "fr-FR"})
	if err != nil || !post {
		t.Fatalf("Open = %v, post %v; want a new board to post", err, post)
	}
	if created.ID != "C1-2" || created.Number != 2 || created.Lang != "fr" || !created.CreatedAt.Equal(now) || created.Phase != retro.PhaseCollect {
		t.Errorf("created %+v, want board C1-2 no. 2 in fr, created now, collecting", created)
	}
	if len(b.PreviousActions) != 1 || b.PreviousActions[0].Text != "fix CI" {
		t.Errorf("carried over %+v, want the one open action", b.PreviousActions)
	}
}

func TestOpenReturnsTheOpenBoardAndSaysWhetherToRepostIt(t *testing.T) {
	for _, tc := range []struct {
		ts   string
		post bool
	}{{"", true}, {"1700000000.000100", false}} {
		open := retro.ChannelBoard{Board: retro.Board{ID: "C1-3", Number: 3, MessageTS: tc.ts}}
		repo := &mock.BoardRepository{ // nothing else may be called
			OpenBoardFn: func(context.Context, string, string) (retro.ChannelBoard, error) { return open, nil },
		}
		b, post, err := service(repo).Open(context.Background(), retro.OpenParams{TeamID: "T1", ChannelID: "C1", Format: sailboat(t)})
		if !errors.Is(err, retro.ErrBoardOpen) || b.Number != 3 || post != tc.post {
			t.Errorf("message %q: Open = %d, post %v, %v; want board 3, post %v, ErrBoardOpen", tc.ts, b.Number, post, err, tc.post)
		}
	}
}

func TestOpenRacedByAnotherOpenerDoesNotPost(t *testing.T) {
	raced := retro.ChannelBoard{Board: retro.Board{ID: "C1-4", Number: 4}}
	repo := &mock.BoardRepository{
		OpenBoardFn: func(context.Context, string, string) (retro.ChannelBoard, error) {
			return retro.ChannelBoard{}, noBoard
		},
		LastBoardFn: func(context.Context, string, string) (retro.ChannelBoard, error) {
			return retro.ChannelBoard{}, noBoard
		},
		NextBoardIDFn: func(context.Context, string, string) (string, int, error) { return "C1-5", 5, nil },
		CreateBoardFn: func(context.Context, retro.ChannelBoard) (string, error) { return "C1-4", retro.ErrBoardOpen },
		BoardFn: func(_ context.Context, _, id string) (retro.ChannelBoard, error) {
			if id != "C1-4" {
				t.Errorf("Board(%s), want the board that won", id)
			}
			return raced, nil
		},
	}
	b, post, err := service(repo).Open(context.Background(), retro.OpenParams{TeamID: "T1", ChannelID: "C1", CreatedBy: "U1", Format: sailboat(t)})
	if !errors.Is(err, retro.ErrBoardOpen) || post || b.Number != 4 {
		t.Errorf("Open = %d, post %v, %v; want the winner's board 4, not to post, ErrBoardOpen", b.Number, post, err)
	}
}

func TestOpenStopsOnAStoreFailure(t *testing.T) {
	down := errors.New("dial tcp: connection refused")
	repo := &mock.BoardRepository{
		OpenBoardFn: func(context.Context, string, string) (retro.ChannelBoard, error) { return retro.ChannelBoard{}, down },
	}
	_, post, err := service(repo).Open(context.Background(), retro.OpenParams{TeamID: "T1", ChannelID: "C1", Format: sailboat(t)})
	if !errors.Is(err, down) || errors.Is(err, retro.ErrBoardOpen) || post {
		t.Errorf("Open with Redis down = post %v, %v; want the store's error", post, err)
	}
}

func TestAdvanceChecksTheRulesBeforeWriting(t *testing.T) {
	var writes []string
	repo := &mock.BoardRepository{SetPhaseFn: func(_ context.Context, team, id string, from, to retro.Phase, at time.Time) error {
		writes = append(writes, fmt.Sprintf("%s %s %s→%s %s", team, id, from, to, at.Format(time.RFC3339)))
		return nil
	}}
	s := service(repo)
	b := retro.ChannelBoard{Board: retro.Board{ID: "B1", TeamID: "T1", CreatedBy: "UC", Facilitator: "UF", Phase: retro.PhaseCollect}}
	if err := s.Advance(context.Background(), &b, "UX", false, retro.PhaseReveal); !errors.Is(err, retro.ErrNotFacilitator) || len(writes) != 0 {
		t.Fatalf("someone else: %v, writes %v; want ErrNotFacilitator and no write", err, writes)
	}
	if err := s.Advance(context.Background(), &b, "UF", false, retro.PhaseReveal); err != nil || b.Phase != retro.PhaseReveal {
		t.Fatalf("facilitator: %v, phase %s; want reveal", err, b.Phase)
	}
	if want := "T1 B1 collect→reveal " + now.Format(time.RFC3339); len(writes) != 1 || writes[0] != want {
		t.Errorf("writes = %v, want [%s]", writes, want)
	}
}

func TestAbandonClosesTheUnpostedBoard(t *testing.T) {
	var got string
	repo := &mock.BoardRepository{SetPhaseFn: func(_ context.Context, _, id string, from, to retro.Phase, _ time.Time) error {
		got = fmt.Sprintf("%s %s→%s", id, from, to)
		return nil
	}}
	if err := service(repo).Abandon(context.Background(), retro.ChannelBoard{Board: retro.Board{ID: "B9", TeamID: "T1"}}); err != nil || got != "B9 collect→closed" {
		t.Errorf("Abandon = %v, wrote %q; want B9 collect→closed", err, got)
	}
}
