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

	"github.com/prometheus/client_golang/prometheus/testutil"
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

func testUpdater(api bot.SlackAPI, s *store.Store, m *metrics.Metrics, replica string) *BoardUpdater {
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

func TestBoardUpdaterCoalescesChangesDuringAnUpdate(t *testing.T) {
	s := storetest.MustOpenMini(t)
	rb := mustStoredBoard(t, s)
	api := newFakeUpdates(true)
	m := metrics.New()
	u := testUpdater(api, s, m, "r1")

	addCards(t, s, u, rb.ID, 1)
	<-api.entered // the first update is in flight
	addCards(t, s, u, rb.ID, 99)
	api.release <- struct{}{}
	<-api.entered // one more update for the 99 changes
	api.release <- struct{}{}
	u.Stop()

	calls := api.calls()
	if len(calls) != 2 {
		t.Fatalf("chat.update calls = %d (%q), want 2: one in flight, one for everything after", len(calls), calls)
	}
	if got := shownCards(calls[1]); got != 100 {
		t.Errorf("last update shows %d cards, want 100", got)
	}
	st, _ := s.BoardRenderState(context.Background(), "T1", rb.ID)
	if st.Version != 100 || st.Rendered != 100 {
		t.Errorf("render state = %+v; want 100 changes, 100 shown", st)
	}
	if sent := testutil.ToFloat64(m.BoardUpdates.WithLabelValues("sent")); sent != 2 {
		t.Errorf("BoardUpdates{sent} = %v, want 2", sent)
	}
	if co := testutil.ToFloat64(m.BoardUpdates.WithLabelValues("coalesced")); co != 98 {
		t.Errorf("BoardUpdates{coalesced} = %v, want 98", co)
	}
}

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

func TestBoardUpdaterStopShowsPendingChanges(t *testing.T) {
	s := storetest.MustOpenMini(t)
	rb := mustStoredBoard(t, s)
	api := newFakeUpdates(false)
	u := testUpdater(api, s, nil, "r1")
	addCards(t, s, u, rb.ID, 5)
	u.Stop()
	calls := api.calls()
	if len(calls) == 0 || shownCards(calls[len(calls)-1]) != 5 {
		t.Errorf("updates before Stop returned = %q, want the last showing 5 cards", calls)
	}
	if err := u.MarkDirty(context.Background(), "T1", rb.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(api.calls()); n != len(calls) {
		t.Errorf("an update ran after Stop")
	}
}

func TestBoardUpdaterGivesUpOnADeletedMessage(t *testing.T) {
	s := storetest.MustOpenMini(t)
	rb := mustStoredBoard(t, s)
	api := newFakeUpdates(false)
	api.fail = slack.SlackErrorResponse{Err: "message_not_found"}
	u := testUpdater(api, s, nil, "r1")
	addCards(t, s, u, rb.ID, 1)
	u.Stop()
	if n := len(api.calls()); n != 1 {
		t.Errorf("chat.update calls for a deleted message = %d, want 1 (no retry loop)", n)
	}
	if st, _ := s.BoardRenderState(context.Background(), "T1", rb.ID); st.Dirty() {
		t.Errorf("render state %+v: a deleted message should not stay dirty", st)
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

func TestBoardUpdaterShowsChangesMadeBeforeThePost(t *testing.T) {
	s := storetest.MustOpenMini(t)
	ctx := context.Background()
	f, _ := retro.FormatByID(retro.FormatSailboat)
	b, _ := retro.NewBoard(retro.BoardParams{ID: "C1-1", TeamID: "T1", ChannelID: "C1", Format: f, CreatedBy: "UFAC", Number: 1}, boardT0)
	if _, err := s.CreateBoard(ctx, store.RetroBoard{Board: b, Lang: "fr"}); err != nil {
		t.Fatal(err)
	}
	api := newFakeUpdates(false)
	u := testUpdater(api, s, nil, "r1")
	addCards(t, s, u, b.ID, 2) // the message is not posted yet
	if err := s.SetBoardMessage(ctx, "T1", b.ID, "1.000"); err != nil {
		t.Fatal(err)
	}
	if err := u.ShowIfBehind(ctx, "T1", b.ID); err != nil {
		t.Fatal(err)
	}
	u.Stop()
	calls := api.calls()
	if len(calls) == 0 || shownCards(calls[len(calls)-1]) != 2 {
		t.Errorf("updates = %q, want the last one showing the 2 early cards", calls)
	}
}
