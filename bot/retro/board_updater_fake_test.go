package retrobot

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/slack-go/slack"

	"ctocoach/bot/retro/mock"
	"ctocoach/metrics"
	"ctocoach/retro"
	"ctocoach/store"
)

var _ UpdaterStore = (*mock.UpdaterStore)(nil)

// memBoard is one board's state behind a mock.UpdaterStore: every change
// adds a card and counts; deleted makes Board answer store.ErrNotFound.
type memBoard struct {
	mu                sync.Mutex
	board             store.RetroBoard
	version, rendered int64
	deleted           bool
	locked            string
	locks, unlocks    int
}

func newMemBoard(t *testing.T) *memBoard {
	t.Helper()
	f, _ := retro.FormatByID(retro.FormatSailboat)
	b, err := retro.NewBoard(retro.BoardParams{ID: "C1-1", TeamID: "T1", ChannelID: "C1", Format: f, CreatedBy: "UFAC", Number: 1}, boardT0)
	if err != nil {
		t.Fatal(err)
	}
	b.MessageTS = "1.000"
	return &memBoard{board: store.RetroBoard{Board: b, Lang: "en"}}
}

func (m *memBoard) store() *mock.UpdaterStore {
	return &mock.UpdaterStore{
		MarkBoardDirtyFn: func(context.Context, string, string) (int64, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			m.version++
			_, err := m.board.AddCard(retro.CardInput{ID: fmt.Sprint("k", m.version), Zone: "wind", Text: "card"}, boardT0)
			return m.version, err
		},
		BoardRenderStateFn: func(context.Context, string, string) (store.BoardRender, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			return store.BoardRender{Version: m.version, Rendered: m.rendered}, nil
		},
		SetBoardRenderedFn: func(_ context.Context, _, _ string, v int64, _ time.Time) error {
			m.mu.Lock()
			defer m.mu.Unlock()
			m.rendered = max(m.rendered, v)
			return nil
		},
		ReserveBoardUpdateFn: func(context.Context, string, time.Time, float64, int) (time.Duration, error) { return 0, nil },
		LockBoardFn: func(_ context.Context, _, _, owner string, _ time.Duration) (bool, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			if m.locked != "" {
				return false, nil
			}
			m.locked = owner
			m.locks++
			return true, nil
		},
		UnlockBoardFn: func(_ context.Context, _, _, owner string) error {
			m.mu.Lock()
			defer m.mu.Unlock()
			if m.locked == owner {
				m.locked = ""
				m.unlocks++
			}
			return nil
		},
		BoardFn: func(_ context.Context, _, id string) (store.RetroBoard, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			if m.deleted {
				return store.RetroBoard{}, fmt.Errorf("store: board %s: %w", id, store.ErrNotFound)
			}
			b := m.board
			b.Cards = append([]retro.Card(nil), b.Cards...)
			return b, nil
		},
	}
}

func (m *memBoard) markDirty(t *testing.T, u *BoardUpdater, n int) {
	t.Helper()
	for range n {
		if err := u.MarkDirty(context.Background(), "T1", "C1-1"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBoardUpdaterOnAFakeSendsOneUpdateForChangesMadeMeanwhile(t *testing.T) {
	mb := newMemBoard(t)
	api := newFakeUpdates(true)
	m := metrics.New()
	u := testUpdater(api, mb.store(), m, "r1")

	mb.markDirty(t, u, 1)
	<-api.entered // the first update is in flight
	mb.markDirty(t, u, 50)
	api.release <- struct{}{}
	<-api.entered // one update for the 50 changes
	api.release <- struct{}{}
	u.Stop()

	calls := api.calls()
	if len(calls) != 2 {
		t.Fatalf("chat.update calls = %d, want 2 (one in flight, one for the 50 changes after it)", len(calls))
	}
	if got := shownCards(calls[1]); got != 51 {
		t.Errorf("last update shows %d cards, want 51", got)
	}
	if mb.rendered != 51 || mb.locks != 2 || mb.unlocks != 2 {
		t.Errorf("rendered %d, locks %d, unlocks %d; want 51 shown, every lock released", mb.rendered, mb.locks, mb.unlocks)
	}
	if co := testutil.ToFloat64(m.BoardUpdates.WithLabelValues("coalesced")); co != 49 {
		t.Errorf("BoardUpdates{coalesced} = %v, want 49", co)
	}
}

func TestBoardUpdaterOnAFakeForgetsABoardDeletedMeanwhile(t *testing.T) {
	mb := newMemBoard(t)
	mb.deleted = true
	api := newFakeUpdates(false)
	u := testUpdater(api, mb.store(), nil, "r1")
	mb.markDirty(t, u, 3)
	u.Stop()
	if n := len(api.calls()); n != 0 {
		t.Errorf("chat.update calls for a deleted board = %d, want 0", n)
	}
	if mb.rendered != mb.version {
		t.Errorf("rendered %d of %d changes: a deleted board should not stay dirty (its worker would loop)", mb.rendered, mb.version)
	}
	if mb.locked != "" {
		t.Errorf("lock still held by %q", mb.locked)
	}
}

func TestBoardUpdaterOnAFakeWaitsForALockHeldElsewhere(t *testing.T) {
	mb := newMemBoard(t)
	mb.locked = "r2" // another replica is updating the board
	api := newFakeUpdates(false)
	u := testUpdater(api, mb.store(), nil, "r1")
	waits := make(chan struct{})
	u.wait = func(ctx context.Context, _ time.Duration) error {
		select {
		case waits <- struct{}{}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	mb.markDirty(t, u, 1)
	<-waits // r1 found the lock taken and waits
	if n := len(api.calls()); n != 0 {
		t.Fatalf("chat.update while another replica holds the lock: %d calls", n)
	}
	mb.mu.Lock()
	mb.locked = "" // r2 is done without showing this change
	mb.mu.Unlock()
	go func() {
		for range waits {
		}
	}()
	u.Stop()
	close(waits)
	if n := len(api.calls()); n != 1 || mb.rendered != 1 {
		t.Errorf("chat.update calls = %d, rendered %d; want the change shown once the lock is free", n, mb.rendered)
	}
}

func TestBoardUpdaterStopShowsPendingChanges(t *testing.T) {
	mb := newMemBoard(t)
	api := newFakeUpdates(false)
	u := testUpdater(api, mb.store(), nil, "r1")
	mb.markDirty(t, u, 5)
	u.Stop()
	calls := api.calls()
	if len(calls) == 0 || shownCards(calls[len(calls)-1]) != 5 {
		t.Errorf("updates before Stop returned = %q, want the last showing 5 cards", calls)
	}
	mb.markDirty(t, u, 1)
	if n := len(api.calls()); n != len(calls) {
		t.Errorf("an update ran after Stop")
	}
}

func TestBoardUpdaterGivesUpOnADeletedMessage(t *testing.T) {
	mb := newMemBoard(t)
	api := newFakeUpdates(false)
	api.fail = slack.SlackErrorResponse{Err: "message_not_found"}
	u := testUpdater(api, mb.store(), nil, "r1")
	mb.markDirty(t, u, 1)
	u.Stop()
	if n := len(api.calls()); n != 1 {
		t.Errorf("chat.update calls for a deleted message = %d, want 1 (no retry loop)", n)
	}
	if mb.rendered != mb.version {
		t.Errorf("rendered %d of %d: a deleted message should not stay dirty", mb.rendered, mb.version)
	}
}

func TestBoardUpdaterShowsChangesMadeBeforeThePost(t *testing.T) {
	ctx := context.Background()
	mb := newMemBoard(t)
	mb.board.MessageTS = "" // the message is not posted yet
	api := newFakeUpdates(false)
	u := testUpdater(api, mb.store(), nil, "r1")
	mb.markDirty(t, u, 2)
	mb.mu.Lock()
	mb.board.MessageTS = "1.000"
	mb.mu.Unlock()
	if err := u.ShowIfBehind(ctx, "T1", "C1-1"); err != nil {
		t.Fatal(err)
	}
	u.Stop()
	calls := api.calls()
	if len(calls) == 0 || shownCards(calls[len(calls)-1]) != 2 {
		t.Errorf("updates = %q, want the last one showing the 2 early cards", calls)
	}
}
