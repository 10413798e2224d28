package scheduler

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"time"

	"ctocoach/metrics"
)

// Defaults of Options.
const (
	DefaultWorkers     = 4
	DefaultLease       = 30 * time.Second
	DefaultPoll        = 500 * time.Millisecond
	DefaultMaxAttempts = 5
	DefaultBackoff     = 5 * time.Second
	DefaultGrace       = 10 * time.Second
	// MaxBackoff caps the exponential backoff between attempts.
	MaxBackoff = 10 * time.Minute
	// DoneRetention is how long a finished id is remembered, so that
	// scheduling it again is a no-op.
	DoneRetention = 30 * 24 * time.Hour
	// FailedKept is about how many failures the failed stream keeps.
	FailedKept = 10000
)

// Options configure a Scheduler. Zero values take the defaults above.
type Options struct {
	// Now is the clock of every decision (due, lease, backoff); time.Now
	// when nil.
	Now func() time.Time
	// Log receives failures and retries; discarded when nil.
	Log *slog.Logger
	// Metrics, when set, counts Nudges{scheduled,failed} and QueueDepth.
	Metrics *metrics.Metrics
	// Workers bounds the handlers running at once in this replica.
	Workers int
	// Lease is how long a claimed task stays with this replica without a
	// heartbeat before another replica may take it.
	Lease time.Duration
	// Poll is the longest wait between two looks at the due-queue.
	Poll time.Duration
	// MaxAttempts is how many times a task is tried before it is recorded
	// as failed.
	MaxAttempts int
	// Backoff is the delay before the first retry; it doubles each attempt
	// (plus up to 25 % jitter), up to MaxBackoff.
	Backoff time.Duration
	// Grace is how long Stop waits for running handlers before cancelling
	// their contexts.
	Grace time.Duration
	// Rate, when positive, caps deliveries per second across ALL replicas
	// sharing the store (a token bucket in Redis, taken at claim time), so
	// that N replicas together stay inside Slack's workspace limit.
	Rate float64
	// Burst is the bucket size of Rate (Rate rounded up, at least 1, when 0).
	Burst int
	// Replica names this process in claim tokens and logs (host-pid-random
	// when empty).
	Replica string
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.Grace <= 0 {
		o.Grace = DefaultGrace
	}
	if o.Rate > 0 && o.Burst <= 0 {
		o.Burst = max(1, int(o.Rate+0.999))
	}
	if o.Replica == "" {
		o.Replica = replicaName()
	}
	return o
}

func replicaName() string {
	host, _ := os.Hostname()
	var b [3]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}
