package scheduler

import (
	"context"
	"strconv"
	"time"
)

// Failure is a task that ran out of attempts.
type Failure struct {
	// Task is the task as it was last tried.
	Task Task
	// Err is the last error.
	Err string
	// At is when it was given up.
	At time.Time
}

// Failed returns up to n of the latest failures, newest first (the stream
// keeps about FailedKept).
func (s *Scheduler) Failed(ctx context.Context, n int) ([]Failure, error) {
	msgs, err := s.st.Client().XRevRangeN(ctx, s.k.failed, "+", "-", int64(n)).Result()
	if err != nil {
		return nil, wrap("failed", "", err)
	}
	out := make([]Failure, 0, len(msgs))
	for _, m := range msgs {
		js, _ := m.Values["task"].(string)
		t, err := decodeTask(js)
		if err != nil {
			return nil, wrap("failed", m.ID, err)
		}
		f := Failure{Task: t}
		f.Err, _ = m.Values["err"].(string)
		if at, _ := m.Values["at"].(string); at != "" {
			ms, _ := strconv.ParseInt(at, 10, 64)
			f.At = time.UnixMilli(ms)
		}
		out = append(out, f)
	}
	return out, nil
}
