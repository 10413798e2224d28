package store

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// openEmbedded starts an in-memory miniredis. miniredis does not expire keys
// by itself, so a ticker fast-forwards its clock in real time.
func openEmbedded(log *slog.Logger) (*Store, error) {
	mr := miniredis.NewMiniRedis()
	if err := mr.StartAddr("127.0.0.1:0"); err != nil {
		return nil, fmt.Errorf("store: start embedded redis: %w", err)
	}
	log.Warn("REDIS_URL is empty: using an embedded in-memory Redis; ALL STATE IS LOST ON RESTART and replicas cannot share it — set REDIS_URL for real use")
	stop := StartFastForward(mr, time.Second)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	s := New(rdb, DefaultPrefix, log)
	s.closer = func() error {
		stop()
		err := rdb.Close()
		mr.Close()
		return err
	}
	return s, nil
}

// StartFastForward advances mr's TTL clock every tick by the elapsed wall
// time, so keys expire as they would on a real Redis. It returns a stop func.
func StartFastForward(mr *miniredis.Miniredis, tick time.Duration) (stop func()) {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(tick)
		defer t.Stop()
		last := time.Now()
		for {
			select {
			case <-done:
				return
			case now := <-t.C:
				mr.FastForward(now.Sub(last))
				last = now
			}
		}
	}()
	return func() { close(done); <-stopped }
}
