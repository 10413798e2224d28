package store_test

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"ctocoach/store"
)

// A hung Redis (accepts connections, never answers) must not hold a caller
// past its context deadline: store.Open sets ContextTimeoutEnabled.
func TestOpenHonoursContextDeadline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // read nothing, answer nothing
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	s, err := store.Open(ctx, "redis://"+ln.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The production fail-fast window stays on: a deadline does not open
	// the breaker, so this Ping reaches the hung socket again.
	ctx, cancel = context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = s.Ping(ctx)
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Ping on a hung server with a 100 ms context = %v, want context.DeadlineExceeded", err)
	}
	// Not a speed measurement: whether the deadline or the 1 s read timeout
	// ended the call (without ContextTimeoutEnabled it took 2 s).
	if took >= readTimeoutForTest/2 {
		t.Fatalf("Ping with a 100 ms context returned after %v: the context deadline was ignored", took)
	}
}

const readTimeoutForTest = time.Second

func TestClientOptions(t *testing.T) {
	opt, err := store.ClientOptions("redis://127.0.0.1:6379/9")
	if err != nil {
		t.Fatal(err)
	}
	if !opt.ContextTimeoutEnabled || opt.ReadTimeout != time.Second || opt.WriteTimeout != time.Second || opt.DialTimeout != time.Second {
		t.Errorf("options = ctx %v read %v write %v dial %v", opt.ContextTimeoutEnabled, opt.ReadTimeout, opt.WriteTimeout, opt.DialTimeout)
	}
	if _, err := store.ClientOptions("http://nope"); err == nil {
		t.Error("a non-redis URL was accepted")
	}
}
