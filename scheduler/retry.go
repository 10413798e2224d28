package scheduler

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// RetryError asks the engine to try a task again after a given delay.
type RetryError struct {
	// After is the delay before the next attempt.
	After time.Duration
	// Err is the cause.
	Err error
}

// Error implements error.
func (e *RetryError) Error() string { return fmt.Sprintf("retry after %s: %v", e.After, e.Err) }

// Unwrap returns the cause.
func (e *RetryError) Unwrap() error { return e.Err }

// RetryAfter wraps err for a Handler whose failure is transient with a known
// delay (Slack's Retry-After): the task is tried again after d instead of
// the exponential backoff, and it does not count as an attempt (a rate
// limit is not the task's fault; the handler decides when a task became too
// late to send). A d ≤ 0 falls back to the backoff and counts.
func RetryAfter(d time.Duration, err error) error {
	return &RetryError{After: d, Err: err}
}

func isRetryAfter(err error) bool {
	var re *RetryError
	return errors.As(err, &re) && re.After > 0
}

// retryDelay is the wait before attempt number `attempt` (1 for the first
// retry) after err.
func (s *Scheduler) retryDelay(err error, attempt int) time.Duration {
	var re *RetryError
	if errors.As(err, &re) && re.After > 0 {
		return re.After
	}
	return backoff(s.o.Backoff, attempt, rand.Float64())
}

// backoff is base·2^(attempt-1), plus jitter·25 %, capped at MaxBackoff.
// The jitter keeps tasks that failed together from retrying together.
func backoff(base time.Duration, attempt int, jitter float64) time.Duration {
	d := base
	for i := 1; i < attempt && d < MaxBackoff; i++ {
		d *= 2
	}
	d += time.Duration(float64(d) * 0.25 * jitter)
	return min(d, MaxBackoff)
}
