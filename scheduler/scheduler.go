package scheduler

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrNotPending is returned by Reschedule for a task that is not waiting
// in the due-queue (unknown, running or finished).
var ErrNotPending = errors.New("scheduler: task is not pending")

// Scheduler is one replica of the delivery engine. Every replica sharing a
// store takes due tasks from the same queue; each task runs once.
type Scheduler struct {
	st conn
	o  Options
	k  keys

	hmu      sync.RWMutex
	handlers map[string]Handler

	// runCtx is the parent of every handler context; cancelHandlers
	// cancels it when Stop's grace runs out (or a test kills the replica).
	runCtx         context.Context
	cancelHandlers context.CancelFunc

	pollMu   sync.Mutex // one poll at a time
	lastBeat time.Time  // under pollMu
	claimSeq atomic.Uint64
	redisErr atomic.Bool // the last poll failed (log transitions only)

	mu      sync.Mutex
	running map[string]*running // id → claim, under mu
	wg      sync.WaitGroup      // running handlers

	wake      chan struct{} // cap 1: poll now
	nextWake  atomic.Int64  // unix ms (engine clock) of the planned poll
	draining  atomic.Bool   // no new claims (Stop or Start's ctx done)
	dead      atomic.Bool   // test-only crash: results are dropped
	started   bool          // under mu
	stopped   bool          // under mu
	stop      chan struct{} // closed to end the loop
	loopDone  chan struct{} // closed when the loop returned
	stopOnce  sync.Once
	stopGrace time.Duration
	onDrain   func() // test hook: Stop stopped claiming
}

// running is one claimed task being handled by this replica.
type running struct {
	task     Task
	token    string
	parent   context.Context // cancelled when shutdown gives up waiting
	cancel   context.CancelFunc
	lost     atomic.Bool // the heartbeat found the claim gone
	finished atomic.Bool // the handler returned; its result is being recorded
}

// New returns a replica of the engine on rdb, its keys under prefix (the
// store's prefix: store.Store's Client and Prefix). Register handlers with
// Handle, then Start it.
func New(rdb redis.UniversalClient, prefix string, o Options) *Scheduler {
	o = o.withDefaults()
	st := conn{rdb: rdb, prefix: prefix}
	runCtx, cancel := context.WithCancel(context.Background())
	s := &Scheduler{
		st: st,
		o:  o,
		k: keys{
			due:      st.GlobalKey("sched", "due"),
			inflight: st.GlobalKey("sched", "inflight"),
			tasks:    st.GlobalKey("sched", "tasks"),
			owners:   st.GlobalKey("sched", "owners"),
			bucket:   st.GlobalKey("sched", "bucket"),
			failed:   st.GlobalKey("sched", "failed"),
			done:     st.GlobalKey("sched", "done", ""),
			reclaim:  st.GlobalKey("sched", "reclaimed", ""),
		},
		handlers:       map[string]Handler{},
		runCtx:         runCtx,
		cancelHandlers: cancel,
		running:        map[string]*running{},
		wake:           make(chan struct{}, 1),
		stop:           make(chan struct{}),
		loopDone:       make(chan struct{}),
		stopGrace:      o.Grace,
	}
	s.nextWake.Store(math.MaxInt64) // until the first poll, wake on any schedule
	return s
}

// Handle sets the handler of kind. Every replica must handle every kind
// that any replica schedules; a replica that claims a task of a kind it does
// not handle retries it with backoff.
func (s *Scheduler) Handle(kind string, h Handler) {
	s.hmu.Lock()
	defer s.hmu.Unlock()
	s.handlers[kind] = h
}

func (s *Scheduler) handler(kind string) Handler {
	s.hmu.RLock()
	defer s.hmu.RUnlock()
	return s.handlers[kind]
}

// Start runs the poll loop in the background and returns. The engine runs
// until Stop; when ctx is cancelled it stops taking new tasks (Stop still
// waits for the running ones). Handler contexts keep ctx's values but not
// its cancellation.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.stopped {
		return errors.New("scheduler: start: already started or stopped")
	}
	s.started = true
	s.runCtx, s.cancelHandlers = context.WithCancel(context.WithoutCancel(ctx))
	go s.loop(ctx)
	return nil
}

// Stop takes no new tasks, waits up to Options.Grace for the running
// handlers (their leases kept alive meanwhile) and lets them finish their
// bookkeeping; after the grace it cancels their contexts and waits one more
// second at most. A task whose handler returns an error because of that
// cancellation goes back to the queue at once, without counting an attempt.
func (s *Scheduler) Stop() {
	s.stopOnce.Do(func() {
		s.mu.Lock()
		s.stopped = true
		started := s.started
		s.mu.Unlock()
		s.drain()
		s.kick()
		s.waitHandlers(s.stopGrace, time.Second)
		close(s.stop)
		if started {
			<-s.loopDone
		}
	})
}

// drain stops claiming new tasks.
func (s *Scheduler) drain() {
	if !s.draining.Swap(true) && s.onDrain != nil {
		s.onDrain()
	}
}

// waitHandlers waits up to grace for running handlers, then cancels them
// and waits up to after more.
func (s *Scheduler) waitHandlers(grace, after time.Duration) {
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-done:
		return
	case <-t.C:
	}
	s.o.Log.Warn("scheduler: handlers still running after the grace period; cancelling them", "replica", s.o.Replica, "running", s.runningCount())
	s.cancelHandlers()
	t.Reset(after)
	select {
	case <-done:
	case <-t.C:
		s.o.Log.Error("scheduler: handlers ignore cancellation; leaving them, their leases will expire", "replica", s.o.Replica, "running", s.runningCount())
	}
}

// kick asks the loop to poll now.
func (s *Scheduler) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *Scheduler) runningCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.running)
}

// opCtx bounds one Redis operation; it is never cancelled by shutdown, so a
// handler that finished is always recorded.
func opCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 5*time.Second)
}

func wrap(op, id string, err error) error {
	if id == "" {
		return fmt.Errorf("scheduler: %s: %w", op, err)
	}
	return fmt.Errorf("scheduler: %s %s: %w", op, id, err)
}

// Run runs the engine until ctx is cancelled, then stops it as Stop does
// (no new claims; running handlers get Options.Grace) and returns: the
// lifecycle shape every component of Main has. It fails only when the
// engine was already started or stopped.
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.Start(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	s.Stop()
	return nil
}
