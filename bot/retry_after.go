package bot

import (
	"fmt"
	"time"
)

// RetryAfterError asks the delivery engine to try a task (a nudge, a retro milestone) again after a
// delay, as Slack asks when it rate-limits a call.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

// Error implements error.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("retry after %s: %v", e.After, e.Err)
}

// Unwrap returns the cause.
func (e *RetryAfterError) Unwrap() error { return e.Err }
