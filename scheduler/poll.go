package scheduler

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"
)

// reapLimit bounds how many expired leases one claim moves back to due.
const reapLimit = 100

// loop polls until Stop: every Options.Poll at most, sooner when the
// earliest due task or the next token of the shared rate is nearer, when a
// task scheduled here is due before the planned poll, and when a handler
// finishes (a worker is free).
func (s *Scheduler) loop(ctx context.Context) {
	defer close(s.loopDone)
	timer := time.NewTimer(0)
	defer timer.Stop()
	ctxDone := ctx.Done()
	for {
		select {
		case <-s.stop:
			return
		case <-ctxDone:
			s.drain()
			ctxDone = nil
		case <-timer.C:
		case <-s.wake:
		}
		d := s.poll()
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(d)
	}
}

// poll runs one cycle: heartbeat the running claims when a third of the
// lease went by, reap expired leases and claim due tasks for the free
// workers, start their handlers. It returns how long to wait before the next
// cycle.
func (s *Scheduler) poll() time.Duration {
	s.pollMu.Lock()
	defer s.pollMu.Unlock()
	// While polling, any task scheduled here wakes the loop again: it may
	// have been written after the claim looked at the queue.
	s.nextWake.Store(math.MaxInt64)
	now := s.o.Now()
	wait := s.o.Poll
	defer func() { s.nextWake.Store(now.Add(wait).UnixMilli()) }()
	if s.dead.Load() {
		return wait
	}
	if err := s.heartbeat(now); err != nil {
		s.redisDown(err)
		return wait
	}
	if s.draining.Load() {
		return wait
	}
	free := s.o.Workers - s.runningCount()
	c, err := s.claim(now, free)
	if err != nil {
		s.redisDown(err)
		return wait
	}
	s.redisUp()
	if s.o.Metrics != nil {
		s.o.Metrics.QueueDepth.Set(float64(c.depth))
	}
	if c.reaped > 0 {
		s.o.Log.Warn("scheduler: took back tasks whose lease expired (a replica died?)", "replica", s.o.Replica, "count", c.reaped)
	}
	for _, r := range c.tasks {
		s.dispatch(r)
	}
	if c.hasNext {
		wait = min(wait, max(0, c.next.Sub(now)))
	}
	if c.tokenWait > 0 && c.hasNext {
		wait = min(max(wait, c.tokenWait), s.o.Poll)
	}
	if wait == 0 && free-len(c.tasks) <= 0 {
		// More is due but every worker is busy: a finishing handler
		// wakes the loop; poll anyway for heartbeats.
		wait = s.o.Poll
	}
	return wait
}

// claimed is what one claim returned.
type claimed struct {
	depth     int
	next      time.Time
	hasNext   bool
	tokenWait time.Duration
	reaped    int
	tasks     []*running
}

// claim runs claimScript for up to limit tasks.
func (s *Scheduler) claim(now time.Time, limit int) (claimed, error) {
	var c claimed
	ctx, cancel := opCtx()
	defer cancel()
	ratePerMs := 0.0
	if s.o.Rate > 0 {
		ratePerMs = s.o.Rate / 1000
	}
	tokPrefix := s.o.Replica + ":" + strconv.FormatUint(s.claimSeq.Add(1), 36) + ":"
	res, err := claimScript.Run(ctx, s.st.Client(),
		[]string{s.k.due, s.k.inflight, s.k.tasks, s.k.owners, s.k.bucket},
		now.UnixMilli(), now.Add(s.o.Lease).UnixMilli(), max(limit, 0), s.k.done, tokPrefix,
		strconv.FormatFloat(ratePerMs, 'g', -1, 64), s.o.Burst, reapLimit, s.k.reclaim, DoneRetention.Milliseconds()).StringSlice()
	if err != nil {
		return c, wrap("claim", "", err)
	}
	if len(res) < 4 || (len(res)-4)%4 != 0 {
		return c, fmt.Errorf("scheduler: claim: unexpected reply of %d items", len(res))
	}
	c.depth, _ = strconv.Atoi(res[0])
	if res[1] != "" {
		ms, err := strconv.ParseFloat(res[1], 64)
		if err == nil {
			c.next, c.hasNext = time.UnixMilli(int64(ms)), true
		}
	}
	if ms, err := strconv.ParseFloat(res[2], 64); err == nil && ms > 0 {
		c.tokenWait = time.Duration(ms) * time.Millisecond
	}
	c.reaped, _ = strconv.Atoi(res[3])
	for i := 4; i < len(res); i += 4 {
		id, token := res[i], res[i+1]
		t, err := decodeTask(res[i+2])
		t.Reclaimed, _ = strconv.Atoi(res[i+3])
		if err != nil {
			// Unreadable: recorded as failed at once, never retried
			// forever nor dropped silently.
			s.fail(&running{task: Task{ID: id}, token: token}, err)
			continue
		}
		c.tasks = append(c.tasks, &running{task: t, token: token})
	}
	return c, nil
}

// heartbeat extends the leases of this replica's running tasks once a third
// of the lease went by since the last one; a claim found lost (reaped after
// a long pause, cancelled) has its handler context cancelled.
func (s *Scheduler) heartbeat(now time.Time) error {
	if now.Sub(s.lastBeat) < s.o.Lease/3 {
		return nil
	}
	s.mu.Lock()
	args := []any{now.Add(s.o.Lease).UnixMilli()}
	byID := make(map[string]*running, len(s.running))
	for id, r := range s.running {
		args = append(args, id, r.token)
		byID[id] = r
	}
	s.mu.Unlock()
	if len(byID) == 0 {
		s.lastBeat = now
		return nil
	}
	ctx, cancel := opCtx()
	defer cancel()
	lost, err := heartbeatScript.Run(ctx, s.st.Client(), []string{s.k.inflight, s.k.owners}, args...).StringSlice()
	if err != nil {
		return wrap("heartbeat", "", err)
	}
	s.lastBeat = now
	for _, id := range lost {
		if r := byID[id]; r != nil && !r.finished.Load() && !r.lost.Swap(true) {
			s.o.Log.Warn("scheduler: lost the claim of a running task; cancelling its handler", "replica", s.o.Replica, "task", id)
			r.cancel()
		}
	}
	return nil
}

func (s *Scheduler) redisDown(err error) {
	if !s.redisErr.Swap(true) {
		s.o.Log.Warn("scheduler: cannot reach the due-queue; retrying every poll", "replica", s.o.Replica, "err", err)
	}
}

func (s *Scheduler) redisUp() {
	if s.redisErr.Swap(false) {
		s.o.Log.Info("scheduler: due-queue reachable again", "replica", s.o.Replica)
	}
}
