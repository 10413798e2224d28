package scheduler

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"ctocoach/store/storetest"
)

// slackModel is Slack's workspace limit on chat.postMessage as a token
// bucket: over it, a call gets 429 with Retry-After (whole seconds).
type slackModel struct {
	lim       *rate.Limiter
	allowed   float64
	burst     int
	latency   time.Duration
	delivered atomic.Int64
	limited   atomic.Int64
	ids       sync.Map
	dup       atomic.Int64
}

// post is one chat.postMessage: it fails with a 429 over the limit.
func (m *slackModel) post(ctx context.Context, t Task) error {
	time.Sleep(m.latency) // network round trip (a model, not synchronisation)
	if !m.lim.Allow() {
		m.limited.Add(1)
		return RetryAfter(time.Second, fmt.Errorf("chat.postMessage: 429"))
	}
	if _, loaded := m.ids.LoadOrStore(t.ID, true); loaded {
		m.dup.Add(1)
	}
	m.delivered.Add(1)
	return nil
}

// BenchmarkDeliver sends b.N nudges due at the same instant through three
// replicas to a model of Slack allowing 100 messages/s (burst 10; Slack's
// real pace is lower, the ratio is what is measured). Each replica paces
// its own calls at the allowed rate, as bot.Transport does in one process.
// "shared-rate" also sets Options.Rate, a token bucket shared by the
// replicas through Redis; "per-process" does not, so three replicas call
// Slack three times too fast.
//
//	go test ./scheduler -run '^$' -bench Deliver -benchtime 1000x
func BenchmarkDeliver(b *testing.B) {
	const allowed, burst = 100.0, 10
	for _, shared := range []bool{true, false} {
		name := "per-process"
		if shared {
			name = "shared-rate"
		}
		b.Run(name, func(b *testing.B) {
			s := storetest.MustOpen(b)
			m := &slackModel{lim: rate.NewLimiter(allowed, burst), allowed: allowed, burst: burst, latency: 20 * time.Millisecond}
			all := make(chan struct{})
			var once sync.Once
			var replicas []*Scheduler
			for i := range 3 {
				o := Options{Replica: fmt.Sprint("r", i)}
				if shared {
					o.Rate, o.Burst = allowed, burst
				}
				sc := New(s.Client(), s.Prefix(), o)
				transport := rate.NewLimiter(allowed, burst) // bot.Transport's per-process pace
				sc.Handle("nudge", func(ctx context.Context, t Task) error {
					if err := transport.Wait(ctx); err != nil {
						return err
					}
					err := m.post(ctx, t)
					if err == nil && m.delivered.Load() == int64(b.N) {
						once.Do(func() { close(all) })
					}
					return err
				})
				replicas = append(replicas, sc)
			}
			ctx := context.Background()
			now := time.Now()
			for i := range b.N {
				if err := replicas[0].Schedule(ctx, Task{ID: fmt.Sprint("T1:U", i, ":coffee"), Kind: "nudge", Team: "T1", Due: now}); err != nil {
					b.Fatal(err)
				}
			}
			b.ResetTimer()
			start := time.Now()
			for _, sc := range replicas {
				if err := sc.Start(ctx); err != nil {
					b.Fatal(err)
				}
			}
			select {
			case <-all:
			case <-time.After(time.Duration(float64(b.N)/allowed*3+30) * time.Second):
				b.Fatalf("delivered %d of %d (%d 429s) in three times the allowed duration", m.delivered.Load(), b.N, m.limited.Load())
			}
			elapsed := time.Since(start)
			b.StopTimer()
			for _, sc := range replicas {
				sc.Stop()
			}
			secs := elapsed.Seconds()
			// What Slack allows over the run: the burst plus the rate.
			allowedN := burst + allowed*secs
			b.ReportMetric(float64(b.N)/secs, "delivered/s")
			b.ReportMetric(allowedN/secs, "allowed/s")
			b.ReportMetric(100*float64(b.N)/allowedN, "%allowed")
			b.ReportMetric(float64(m.limited.Load()), "429s")
			if d := m.dup.Load(); d != 0 {
				b.Errorf("%d duplicate deliveries", d)
			}
		})
	}
}
