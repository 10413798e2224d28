package retrobot

import (
	"context"
	"ctocoach/bot"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/metrics"
	"ctocoach/retro"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

// fakeUpdates records chat.update calls. With gate set, each call signals
// entered and waits for release. inFlight is shared between replicas to
// catch two updates of one board at once.
type fakeUpdates struct {
	bot.SlackAPI // nil: any other call panics
	gate         bool
	entered      chan struct{}
	release      chan struct{}
	inFlight     *atomic.Int32
	overlap      *atomic.Bool
	fail         error

	mu    sync.Mutex
	texts []string
}

func newFakeUpdates(gate bool) *fakeUpdates {
	return &fakeUpdates{gate: gate, entered: make(chan struct{}), release: make(chan struct{}), inFlight: new(atomic.Int32), overlap: new(atomic.Bool)}
}

func (f *fakeUpdates) UpdateMessageContext(ctx context.Context, channel, ts string, opts ...slack.MsgOption) (string, string, string, error) {
	if f.inFlight.Add(1) > 1 {
		f.overlap.Store(true)
	}
	defer f.inFlight.Add(-1)
	if f.gate {
		f.entered <- struct{}{}
		<-f.release
	}
	_, vals, err := slack.UnsafeApplyMsgOptions("xoxb-test", channel, "http://unused/", opts...)
	if err != nil {
		return "", "", "", err
	}
	f.mu.Lock()
	f.texts = append(f.texts, vals.Get("text"))
	f.mu.Unlock()
	return channel, ts, vals.Get("text"), f.fail
}

func (f *fakeUpdates) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.texts...)
}

var fallbackCount = regexp.MustCompile(`🃏 (\d+)`)

// shownCards is the card count in an update's fallback text.
func shownCards(text string) int {
	m := fallbackCount.FindStringSubmatch(text)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// mustStoredBoard stores an open board with a message ts.
func mustStoredBoard(tb testing.TB, s *store.Store) store.RetroBoard {
	tb.Helper()
	ctx := context.Background()
	f, _ := retro.FormatByID(retro.FormatSailboat)
	b, _ := retro.NewBoard(retro.BoardParams{ID: "C1-1", TeamID: "T1", ChannelID: "C1", Format: f, CreatedBy: "UFAC", Number: 1}, boardT0)
	rb := store.RetroBoard{Board: b, Lang: "fr"}
	if _, err := s.CreateBoard(ctx, rb); err != nil {
		tb.Fatal(err)
	}
	if err := s.SetBoardMessage(ctx, "T1", rb.ID, "1.000"); err != nil {
		tb.Fatal(err)
	}
	return rb
}

func testUpdater(api bot.SlackAPI, s UpdaterStore, m *metrics.Metrics, replica string) *BoardUpdater {
	u := NewBoardUpdater(BoardUpdaterOptions{API: api, Store: s, Metrics: m, Replica: replica, PerMinute: 600000, Burst: 1000})
	// Pacing waits are real-time; keep them short so tests stay quick.
	u.wait = func(ctx context.Context, d time.Duration) error { return sleepCtx(ctx, min(d, time.Millisecond)) }
	return u
}

func addCards(tb testing.TB, s *store.Store, u *BoardUpdater, boardID string, n int) {
	tb.Helper()
	ctx := context.Background()
	for i := range n {
		if _, err := s.AddCard(ctx, "T1", boardID, retro.CardInput{Zone: "wind", Text: fmt.Sprint("card ", i)}, "", boardT0); err != nil {
			tb.Fatal(err)
		}
		if err := u.MarkDirty(ctx, "T1", boardID); err != nil {
			tb.Fatal(err)
		}
	}
}

// The tests below run on miniredis on purpose: they hold what replicas
// share through Redis (the per-board lock, the change counters and the
// time of the last update seen by another replica). The updater's own
// logic (coalescing, Stop, deleted boards and messages, a board not
// posted yet) runs on a fake store in board_updater_fake_test.go.

func TestBoardUpdaterHoldsTheBoardLockWhileUpdating(t *testing.T) {
	s := storetest.MustOpenMini(t)
	rb := mustStoredBoard(t, s)
	api := newFakeUpdates(true)
	u := testUpdater(api, s, nil, "r1")
	addCards(t, s, u, rb.ID, 1)
	<-api.entered
	if got, _ := s.LockBoard(context.Background(), "T1", rb.ID, "other-replica", time.Minute); got {
		t.Errorf("another replica took the board lock during an update")
	}
	api.release <- struct{}{}
	u.Stop()
	if got, _ := s.LockBoard(context.Background(), "T1", rb.ID, "other-replica", time.Minute); !got {
		t.Errorf("the lock was not released after the update")
	}
}

func TestBoardUpdaterReplicasNeverUpdateTogetherAndShowTheLastState(t *testing.T) {
	s := storetest.MustOpenMini(t)
	rb := mustStoredBoard(t, s)
	shared, overlap := new(atomic.Int32), new(atomic.Bool)
	var apis []*fakeUpdates
	var ups []*BoardUpdater
	for i := range 3 {
		api := newFakeUpdates(false)
		api.inFlight, api.overlap = shared, overlap
		apis = append(apis, api)
		ups = append(ups, testUpdater(api, s, nil, fmt.Sprint("replica-", i)))
	}
	var wg sync.WaitGroup
	for i, u := range ups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			addCards(t, s, u, rb.ID, 40+i)
		}()
	}
	wg.Wait()
	for _, u := range ups {
		u.Stop()
	}
	if overlap.Load() {
		t.Errorf("two replicas updated the board at the same time")
	}
	st, _ := s.BoardRenderState(context.Background(), "T1", rb.ID)
	if st.Version != 123 || st.Dirty() {
		t.Fatalf("render state = %+v; want 123 changes, all shown", st)
	}
	last, total := -1, 0
	for _, api := range apis {
		calls := api.calls()
		total += len(calls)
		for _, c := range calls {
			last = max(last, shownCards(c))
		}
	}
	if last != 123 {
		t.Errorf("the most complete update shows %d cards, want 123", last)
	}
	if total > 123 {
		t.Errorf("%d updates for 123 changes, want coalescing", total)
	}
}

func TestBoardUpdaterPacesABoardAcrossWorkersAndReplicas(t *testing.T) {
	s := storetest.MustOpenMini(t)
	rb := mustStoredBoard(t, s)
	var mu sync.Mutex
	var waits []time.Duration
	record := func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		waits = append(waits, d)
		mu.Unlock()
		return ctx.Err()
	}
	first := testUpdater(newFakeUpdates(false), s, nil, "r1")
	first.interval, first.wait = time.Hour, record
	addCards(t, s, first, rb.ID, 1)
	first.Stop()
	mu.Lock()
	if len(waits) != 0 {
		t.Errorf("the first update of a board waited %v, want no wait", waits)
	}
	mu.Unlock()

	second := testUpdater(newFakeUpdates(false), s, nil, "r2")
	second.interval, second.wait = time.Hour, record
	addCards(t, s, second, rb.ID, 1)
	second.Stop()
	mu.Lock()
	defer mu.Unlock()
	if len(waits) == 0 || waits[0] < 59*time.Minute {
		t.Errorf("another replica's next update waited %v, want about the interval (1h) since the last update", waits)
	}
}
