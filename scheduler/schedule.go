package scheduler

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Schedule plans t. It is idempotent by t.ID: scheduling an id that is
// pending, running or finished (within DoneRetention) does nothing and
// returns nil. A zero Due means now. A due time earlier than this replica's
// next planned poll wakes it at once; other replicas see the task at their
// next poll (within Options.Poll).
func (s *Scheduler) Schedule(ctx context.Context, t Task) error {
	if t.ID == "" || t.Kind == "" || t.Team == "" {
		return fmt.Errorf("scheduler: schedule %q: id, kind and team are required", t.ID)
	}
	if t.Due.IsZero() {
		t.Due = s.o.Now()
	}
	j, err := encodeTask(t)
	if err != nil {
		return err
	}
	due := t.Due.UnixMilli()
	n, err := scheduleScript.Run(ctx, s.st.Client(),
		[]string{s.k.due, s.k.tasks, s.teamIndex(t.Team), s.doneKey(t.ID)},
		t.ID, due, j, "add").Int()
	if err != nil {
		return wrap("schedule", t.ID, err)
	}
	if n == 1 {
		if s.o.Metrics != nil {
			s.o.Metrics.Nudges.WithLabelValues("scheduled").Inc()
		}
		if due < s.nextWake.Load() {
			s.kick()
		}
	}
	return nil
}

// Reschedule moves the due time of a task waiting in the queue. It returns
// ErrNotPending when the task is unknown, running or finished.
func (s *Scheduler) Reschedule(ctx context.Context, id string, due time.Time) error {
	for range 3 { // the JSON may change under us (a retry); try again
		t, err := s.get(ctx, id)
		if errors.Is(err, errNoTask) {
			return fmt.Errorf("scheduler: reschedule %s: %w", id, ErrNotPending)
		}
		if err != nil {
			return wrap("reschedule", id, err)
		}
		old, err := encodeTask(t)
		if err != nil {
			return err
		}
		t.Due = due
		j, err := encodeTask(t)
		if err != nil {
			return err
		}
		n, err := scheduleScript.Run(ctx, s.st.Client(),
			[]string{s.k.due, s.k.tasks, s.teamIndex(t.Team), s.doneKey(id)},
			id, due.UnixMilli(), j, "move", old).Int()
		if err != nil {
			return wrap("reschedule", id, err)
		}
		if n == 1 {
			if due.UnixMilli() < s.nextWake.Load() {
				s.kick()
			}
			return nil
		}
		if n == 0 || !s.waiting(ctx, id) {
			return fmt.Errorf("scheduler: reschedule %s: %w", id, ErrNotPending)
		}
	}
	return fmt.Errorf("scheduler: reschedule %s: task keeps changing", id)
}

// waiting reports whether id is in the due-queue.
func (s *Scheduler) waiting(ctx context.Context, id string) bool {
	return s.st.Client().ZScore(ctx, s.k.due, id).Err() == nil
}

// Cancel drops a task wherever it is; no error when there is none. A
// cancelled id may be scheduled again. Cancelling a running task does not
// stop its handler; if the handler then succeeds the id is marked done.
func (s *Scheduler) Cancel(ctx context.Context, id string) error {
	t, err := s.get(ctx, id)
	if errors.Is(err, errNoTask) {
		return nil
	}
	if err != nil {
		return wrap("cancel", id, err)
	}
	err = cancelScript.Run(ctx, s.st.Client(),
		[]string{s.k.due, s.k.inflight, s.k.tasks, s.k.owners, s.teamIndex(t.Team)}, id).Err()
	if err != nil {
		return wrap("cancel", id, err)
	}
	return nil
}

// Pending lists the team's tasks that are not finished (waiting or running)
// whose id starts with prefix, soonest first.
func (s *Scheduler) Pending(ctx context.Context, team, prefix string) ([]Task, error) {
	lo, hi := "-", "+"
	if prefix != "" {
		lo, hi = "["+prefix, "["+prefix+"\xff"
	}
	ids, err := s.st.Client().ZRangeByLex(ctx, s.teamIndex(team), &redis.ZRangeBy{Min: lo, Max: hi}).Result()
	if err != nil {
		return nil, wrap("pending", team, err)
	}
	var out []Task
	for chunk := range slices.Chunk(ids, 500) {
		vals, err := s.st.Client().HMGet(ctx, s.k.tasks, chunk...).Result()
		if err != nil {
			return nil, wrap("pending", team, err)
		}
		for _, v := range vals {
			js, ok := v.(string)
			if !ok {
				continue // finished meanwhile
			}
			t, err := decodeTask(js)
			if err != nil {
				return nil, wrap("pending", team, err)
			}
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b Task) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// get reads a stored task (errNoTask when there is none).
func (s *Scheduler) get(ctx context.Context, id string) (Task, error) {
	js, err := s.st.Client().HGet(ctx, s.k.tasks, id).Result()
	if errors.Is(err, redis.Nil) {
		return Task{}, errNoTask
	}
	if err != nil {
		return Task{}, err
	}
	return decodeTask(js)
}
