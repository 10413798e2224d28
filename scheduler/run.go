package scheduler

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"
)

// dispatch starts the handler of a claimed task in its own goroutine.
func (s *Scheduler) dispatch(r *running) {
	s.mu.Lock()
	r.parent = s.runCtx
	ctx, cancel := context.WithCancel(r.parent)
	r.cancel = cancel
	s.running[r.task.ID] = r
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		defer s.kick() // a worker is free
		defer func() {
			s.mu.Lock()
			delete(s.running, r.task.ID)
			s.mu.Unlock()
			cancel()
		}()
		err := s.call(ctx, r.task)
		r.finished.Store(true)
		if s.dead.Load() {
			return // killed replica: nothing after the handler happens
		}
		s.finish(r, err)
	}()
}

// call runs the handler, turning a panic into an error.
func (s *Scheduler) call(ctx context.Context, t Task) (err error) {
	h := s.handler(t.Kind)
	if h == nil {
		return fmt.Errorf("scheduler: no handler for kind %q in replica %s", t.Kind, s.o.Replica)
	}
	defer func() {
		if p := recover(); p != nil {
			s.o.Log.Error("scheduler: handler panicked", "task", t.ID, "kind", t.Kind, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("scheduler: handler of %s panicked: %v", t.ID, p)
		}
	}()
	return h(ctx, t)
}

// finish records the handler's result. It runs on a context that shutdown
// does not cancel, so a task whose handler succeeded is marked done.
func (s *Scheduler) finish(r *running, err error) {
	t := r.task
	switch {
	case err == nil:
		s.ack(r)
	case r.lost.Load():
		// Another replica owns it now; its result is the one that counts.
		s.o.Log.Warn("scheduler: handler of a lost claim failed", "task", t.ID, "err", err)
	case r.parent.Err() != nil:
		// Shutdown cancelled it: back to the queue at once, no attempt used.
		s.requeue(r, t, s.o.Now(), "requeue after shutdown")
	case isRetryAfter(err):
		// Slack asked to come back later: not the task's fault, no attempt
		// used. Handlers drop tasks that became too late (bot.DeliverNudge
		// applies routine.LateDecision), which bounds these retries.
		d := s.retryDelay(err, t.Attempt+1)
		s.o.Log.Info("scheduler: task rate-limited; will retry", "task", t.ID, "kind", t.Kind, "retry_in", d)
		s.requeue(r, t, s.o.Now().Add(d), "retry")
	case t.Attempt+1 >= s.o.MaxAttempts:
		s.fail(r, err)
	default:
		d := s.retryDelay(err, t.Attempt+1)
		s.o.Log.Warn("scheduler: task failed; will retry", "task", t.ID, "kind", t.Kind, "attempt", t.Attempt+1, "of", s.o.MaxAttempts, "retry_in", d, "err", err)
		t.Attempt++
		s.requeue(r, t, s.o.Now().Add(d), "retry")
	}
}

// ack marks the task done. A handler that succeeded has (probably) talked
// to Slack already, so the write is retried for up to the lease (the claim
// stays heartbeated meanwhile) before giving up.
func (s *Scheduler) ack(r *running) {
	t := r.task
	s.persist("ack", t.ID, func(ctx context.Context) error {
		return ackScript.Run(ctx, s.st.Client(),
			[]string{s.k.due, s.k.inflight, s.k.tasks, s.k.owners, s.teamIndex(t.Team), s.doneKey(t.ID)},
			t.ID, DoneRetention.Milliseconds()).Err()
	})
}

// requeue puts the claimed task back in due as t (new due and attempt).
func (s *Scheduler) requeue(r *running, t Task, due time.Time, op string) {
	t.Due = due
	j, err := encodeTask(t)
	if err != nil {
		s.o.Log.Error("scheduler: cannot requeue", "task", t.ID, "err", err)
		return
	}
	s.persist(op, t.ID, func(ctx context.Context) error {
		n, err := retryScript.Run(ctx, s.st.Client(),
			[]string{s.k.due, s.k.inflight, s.k.tasks, s.k.owners},
			t.ID, r.token, j, due.UnixMilli()).Int()
		if err == nil && n == 0 {
			s.o.Log.Warn("scheduler: claim lost before "+op, "task", t.ID)
		}
		return err
	})
}

// fail records a task that ran out of attempts: done marker "failed", the
// failed stream, a log line and the failed metric.
func (s *Scheduler) fail(r *running, cause error) {
	t := r.task
	j, err := encodeTask(t)
	if err != nil {
		s.o.Log.Error("scheduler: cannot record a failed task", "task", t.ID, "err", err)
		return
	}
	s.o.Log.Error("scheduler: task failed for good", "task", t.ID, "kind", t.Kind, "team", t.Team, "attempts", t.Attempt+1, "err", cause)
	if s.o.Metrics != nil {
		s.o.Metrics.Nudges.WithLabelValues("failed").Inc()
	}
	s.persist("fail", t.ID, func(ctx context.Context) error {
		return failScript.Run(ctx, s.st.Client(),
			[]string{s.k.due, s.k.inflight, s.k.tasks, s.k.owners, s.teamIndex(t.Team), s.doneKey(t.ID), s.k.failed},
			t.ID, r.token, DoneRetention.Milliseconds(), j, cause.Error(), s.o.Now().UnixMilli(), FailedKept).Err()
	})
}

// persist runs a bookkeeping write, retrying with backoff for up to the
// lease (real time) while Redis is unreachable.
func (s *Scheduler) persist(op, id string, write func(context.Context) error) {
	deadline := time.Now().Add(s.o.Lease)
	pause := 50 * time.Millisecond
	for {
		ctx, cancel := opCtx()
		err := write(ctx)
		cancel()
		if err == nil {
			return
		}
		if time.Now().Add(pause).After(deadline) || s.dead.Load() || !unreachable(err) {
			s.o.Log.Error("scheduler: cannot record a task's result; it will run again after its lease", "op", op, "task", id, "err", err)
			return
		}
		t := time.NewTimer(pause)
		<-t.C
		pause = min(pause*2, 2*time.Second)
	}
}
