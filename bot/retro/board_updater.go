package retrobot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/metrics"
	"ctocoach/retro"
	"ctocoach/store"
)

// Defaults of BoardUpdaterOptions.
const (
	// DefaultBoardInterval: at most one update of a board's message per second.
	DefaultBoardInterval = time.Second
	// DefaultBoardUpdatesPerMinute keeps board updates under chat.update's
	// Tier 3 (50/min per workspace) with room for other chat.update callers.
	DefaultBoardUpdatesPerMinute = 45
	// DefaultBoardUpdateBurst is the burst the workspace budget allows.
	DefaultBoardUpdateBurst = 5
	// DefaultBoardLockTTL bounds how long one replica holds a board.
	DefaultBoardLockTTL = 10 * time.Second
)

// boardCallTimeout bounds one chat.update (with slack-go's retries); it is
// shorter than the lock so no other replica can update meanwhile.
const boardCallTimeout = 8 * time.Second

// maxBoardFailures is how many failed rounds in a row a worker tries
// before it leaves the board dirty (the next change retries).
const maxBoardFailures = 5

// BoardUpdaterOptions configure a BoardUpdater.
type BoardUpdaterOptions struct {
	API     API
	Store   UpdaterStore
	Metrics *metrics.Metrics
	Log     *slog.Logger
	// Interval is the least time between two updates of one board.
	Interval time.Duration
	// PerMinute and Burst pace board updates across the workspace, shared by
	// every replica through Redis.
	PerMinute float64
	Burst     int
	// LockTTL bounds how long a replica holds a board's update lock.
	LockTTL time.Duration
	// Replica names this process in the lock (random when empty).
	Replica string
	// Limits are the Block Kit limits boards are laid out in (Slack's when zero).
	Limits retro.Limits
}

// BoardUpdater keeps each board's channel message in step with the state in
// Redis while calling chat.update as little as possible. Every change marks
// the board dirty (a change counter in Redis) and kicks the board's worker;
// one worker per board re-renders from Redis, at most once per Interval,
// within the workspace budget, under a per-board Redis lock (SET NX PX) so
// two replicas never update the same board at once. Changes that arrive
// during an update are coalesced into the next one, and a worker stops only
// once the last change is shown, so the final state is never lost.
//
// Pacing uses the real clock (as the HTTP transport does): rate limits are
// about real time, whatever clock the business rules run on.
type BoardUpdater struct {
	api       API
	store     UpdaterStore
	metrics   *metrics.Metrics
	log       *slog.Logger
	limits    retro.Limits
	interval  time.Duration
	perMinute float64
	burst     int
	lockTTL   time.Duration
	owner     string
	// wait pauses a worker; tests replace it.
	wait func(ctx context.Context, d time.Duration) error

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	mu     sync.Mutex
	boards map[string]*boardWork
}

// boardWork is one board's worker: kick wakes it up after a change.
type boardWork struct {
	kick chan struct{}
}

// NewBoardUpdater returns an updater; workers start on the first change.
func NewBoardUpdater(o BoardUpdaterOptions) *BoardUpdater {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Metrics == nil {
		o.Metrics = metrics.New()
	}
	if o.Interval <= 0 {
		o.Interval = DefaultBoardInterval
	}
	if o.PerMinute <= 0 {
		o.PerMinute = DefaultBoardUpdatesPerMinute
	}
	if o.Burst <= 0 {
		o.Burst = DefaultBoardUpdateBurst
	}
	if o.LockTTL <= 0 {
		o.LockTTL = DefaultBoardLockTTL
	}
	if o.Replica == "" {
		var b [8]byte
		_, _ = rand.Read(b[:])
		o.Replica = hex.EncodeToString(b[:])
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &BoardUpdater{
		api: o.API, store: o.Store, metrics: o.Metrics, log: o.Log, limits: o.Limits,
		interval: o.Interval, perMinute: o.PerMinute, burst: o.Burst, lockTTL: o.LockTTL, owner: o.Replica,
		wait: sleepCtx, ctx: ctx, cancel: cancel, boards: map[string]*boardWork{},
	}
}

// Run serves until ctx ends, then stops as Stop does (the lifecycle shape
// of every component). Workers start on demand, on the first change.
func (u *BoardUpdater) Run(ctx context.Context) error {
	<-ctx.Done()
	u.Stop()
	return nil
}

// Stop lets the workers show the last changes (within a bound), then
// stops them and waits for them.
func (u *BoardUpdater) Stop() {
	done := make(chan struct{})
	go func() { u.wg.Wait(); close(done) }()
	timer := time.NewTimer(2 * u.lockTTL)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		u.log.Warn("board updates still pending at shutdown; another replica or the next change will show them")
	}
	u.cancel()
	<-done
}

// ShowIfBehind wakes the board's worker if changes are waiting to be shown
// (for instance made before its message was posted).
func (u *BoardUpdater) ShowIfBehind(ctx context.Context, team, boardID string) error {
	st, err := u.store.BoardRenderState(ctx, team, boardID)
	if err != nil {
		return err
	}
	if st.Dirty() {
		u.kick(team, boardID)
	}
	return nil
}

// MarkDirty records a change of the board and wakes its worker.
func (u *BoardUpdater) MarkDirty(ctx context.Context, team, boardID string) error {
	if _, err := u.store.MarkBoardDirty(ctx, team, boardID); err != nil {
		return err
	}
	u.kick(team, boardID)
	return nil
}

// kick wakes the board's worker, starting one if none runs.
func (u *BoardUpdater) kick(team, boardID string) {
	key := team + "/" + boardID
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.ctx.Err() != nil {
		return
	}
	w := u.boards[key]
	if w == nil {
		w = &boardWork{kick: make(chan struct{}, 1)}
		u.boards[key] = w
		u.wg.Add(1)
		go u.run(team, boardID, key, w)
	}
	select {
	case w.kick <- struct{}{}:
	default: // a wake-up is already pending: this change is coalesced into it
	}
}

// done removes an idle worker unless a change arrived meanwhile.
func (u *BoardUpdater) done(key string, w *boardWork) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	select {
	case <-w.kick:
		return false
	default:
		delete(u.boards, key)
		return true
	}
}

// run is one board's worker.
func (u *BoardUpdater) run(team, boardID, key string, w *boardWork) {
	defer u.wg.Done()
	ctx := u.ctx
	failures := 0
	for {
		select {
		case <-w.kick:
		default:
		}
		st, err := u.store.BoardRenderState(ctx, team, boardID)
		if err == nil && !st.Dirty() {
			if u.done(key, w) {
				return
			}
			continue
		}
		if err == nil {
			err = u.round(ctx, team, boardID, st.At)
		}
		if err != nil {
			failures++
			if ctx.Err() != nil || failures >= maxBoardFailures {
				u.log.Warn("board update gave up; the next change retries", "board", boardID, "err", err)
				u.drop(key, w)
				return
			}
			u.log.Debug("board update failed; retrying", "board", boardID, "err", err)
			if u.wait(ctx, u.interval) != nil {
				u.drop(key, w)
				return
			}
			continue
		}
		failures = 0
	}
}

// drop removes the worker whatever is pending.
func (u *BoardUpdater) drop(key string, w *boardWork) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.boards[key] == w {
		delete(u.boards, key)
	}
}

// round waits until Interval has passed since the board's last update (by
// any replica), then for the workspace budget, takes the board's lock and
// shows the latest state. A lock held elsewhere is not a failure: the
// holder shows the changes, and this worker checks again.
func (u *BoardUpdater) round(ctx context.Context, team, boardID string, last time.Time) error {
	if d := u.interval - time.Since(last); !last.IsZero() && d > 0 {
		if err := u.wait(ctx, d); err != nil {
			return err
		}
	}
	for {
		d, err := u.store.ReserveBoardUpdate(ctx, team, time.Now(), u.perMinute, u.burst)
		if err != nil {
			return err
		}
		if d == 0 {
			break
		}
		if err := u.wait(ctx, d); err != nil {
			return err
		}
	}
	ok, err := u.store.LockBoard(ctx, team, boardID, u.owner, u.lockTTL)
	if err != nil {
		return err
	}
	if !ok {
		return u.wait(ctx, u.interval)
	}
	defer func() {
		if err := u.store.UnlockBoard(context.WithoutCancel(ctx), team, boardID, u.owner); err != nil {
			u.log.Warn("cannot release a board lock; it expires on its own", "board", boardID, "err", err)
		}
	}()
	return u.show(ctx, team, boardID)
}

// show renders the board from Redis and updates its message. The version
// is read before the board, so a change made meanwhile stays dirty and
// gets its own update.
func (u *BoardUpdater) show(ctx context.Context, team, boardID string) error {
	st, err := u.store.BoardRenderState(ctx, team, boardID)
	if err != nil {
		return err
	}
	if !st.Dirty() {
		return nil // another replica showed it while this one waited
	}
	rb, err := u.store.Board(ctx, team, boardID)
	if errors.Is(err, store.ErrNotFound) {
		return u.store.SetBoardRendered(ctx, team, boardID, st.Version, time.Now())
	}
	if err != nil {
		return err
	}
	if rb.MessageTS == "" {
		// Not posted yet: retried a few times, and postBoard wakes the
		// board once it is (ShowIfBehind).
		return errNoMessage
	}
	text, blocks := renderBoard(rb, u.limits)
	cctx, cancel := context.WithTimeout(ctx, boardCallTimeout)
	_, _, _, err = u.api.UpdateMessageContext(cctx, rb.ChannelID, rb.MessageTS, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
	cancel()
	var se slack.SlackErrorResponse
	switch {
	case errors.As(err, &se) && (se.Err == "message_not_found" || se.Err == "channel_not_found" || se.Err == "cant_update_message"):
		u.log.Warn("board message cannot be updated; giving up on it", "board", boardID, "err", err)
	case err != nil:
		return err
	default:
		u.metrics.BoardUpdates.WithLabelValues("sent").Inc()
		if n := st.Version - st.Rendered - 1; n > 0 {
			u.metrics.BoardUpdates.WithLabelValues("coalesced").Add(float64(n))
		}
	}
	return u.store.SetBoardRendered(ctx, team, boardID, st.Version, time.Now())
}

// errNoMessage: the board's message is not posted yet.
var errNoMessage = errors.New("board message not posted yet")

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
