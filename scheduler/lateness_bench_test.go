package scheduler

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"ctocoach/store/storetest"
)

// BenchmarkLateness measures how late tasks run with the default Poll:
// three started replicas, b.N tasks due over the next two seconds,
// scheduled through a fourth instance that is not started (another
// replica's bot planning a nudge), so that only polling finds them.
//
//	go test ./scheduler -run '^$' -bench Lateness -benchtime 200x
func BenchmarkLateness(b *testing.B) {
	s := storetest.MustOpen(b)
	ctx := context.Background()
	var mu sync.Mutex
	var late []time.Duration
	all := make(chan struct{})
	var replicas []*Scheduler
	for i := range 3 {
		sc := New(s.Client(), s.Prefix(), Options{Replica: fmt.Sprint("r", i)})
		sc.Handle("nudge", func(ctx context.Context, t Task) error {
			mu.Lock()
			defer mu.Unlock()
			late = append(late, time.Since(t.Due))
			if len(late) == b.N {
				close(all)
			}
			return nil
		})
		if err := sc.Start(ctx); err != nil {
			b.Fatal(err)
		}
		replicas = append(replicas, sc)
	}
	planner := New(s.Client(), s.Prefix(), Options{})
	b.ResetTimer()
	start := time.Now().Add(100 * time.Millisecond)
	for i := range b.N {
		due := start.Add(time.Duration(i) * 2 * time.Second / time.Duration(b.N))
		if err := planner.Schedule(ctx, Task{ID: fmt.Sprint("t", i), Kind: "nudge", Team: "T1", Due: due}); err != nil {
			b.Fatal(err)
		}
	}
	<-all
	b.StopTimer()
	for _, sc := range replicas {
		sc.Stop()
	}
	slices.Sort(late)
	q := func(p float64) float64 { return late[int(p*float64(len(late)-1))].Seconds() * 1000 }
	b.ReportMetric(q(0), "min-ms")
	b.ReportMetric(q(0.5), "p50-ms")
	b.ReportMetric(q(0.99), "p99-ms")
	b.ReportMetric(q(1), "max-ms")
}
