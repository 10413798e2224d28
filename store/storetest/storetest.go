// Package storetest opens stores for tests: an embedded miniredis always, and
// the real Redis named by TEST_REDIS_URL when it is set. Each store gets a
// random key prefix and its keys are deleted when the test ends, so tests can
// share one Redis database.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"sync"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"ctocoach/store"
)

// Backend is one Redis implementation the contract suite runs against.
type Backend struct {
	// Name is "miniredis" or "redis".
	Name string
	// Open returns a fresh, empty store for tb.
	Open func(tb testing.TB) *store.Store
}

// Backends lists miniredis and, when TEST_REDIS_URL is set, real Redis.
func Backends() []Backend {
	b := []Backend{{Name: "miniredis", Open: MustOpenMini}}
	if os.Getenv("TEST_REDIS_URL") != "" {
		b = append(b, Backend{Name: "redis", Open: MustOpenReal})
	}
	return b
}

// Each runs fn as a subtest on every backend.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, b := range Backends() {
		t.Run(b.Name, func(t *testing.T) { fn(t, b.Open(t)) })
	}
}

// MustOpen returns a store on real Redis when TEST_REDIS_URL is set, else on
// miniredis: the one backend end-to-end tests use.
func MustOpen(tb testing.TB) *store.Store {
	tb.Helper()
	if os.Getenv("TEST_REDIS_URL") != "" {
		return MustOpenReal(tb)
	}
	return MustOpenMini(tb)
}

// MustOpenMini returns a store on a fresh miniredis.
func MustOpenMini(tb testing.TB) *store.Store {
	tb.Helper()
	mr := startOutsideEphemeral(tb)
	rdb := redis.NewClient(ClientOptions(tb, "redis://"+mr.Addr()))
	s := store.New(rdb, "cct:"+randomID()+":", nil)
	tb.Cleanup(func() { _ = s.Close() })
	return s
}

// MiniServer returns a store and its miniredis server, for tests that stop
// Redis or move its clock.
func MiniServer(tb testing.TB) (*store.Store, *miniredis.Miniredis) {
	tb.Helper()
	mr := startOutsideEphemeral(tb)
	rdb := redis.NewClient(ClientOptions(tb, "redis://"+mr.Addr()))
	s := store.New(rdb, "cct:"+randomID()+":", nil)
	tb.Cleanup(func() { _ = s.Close() })
	return s, mr
}

// MustOpenReal returns a store on TEST_REDIS_URL under a random prefix whose
// keys are deleted at cleanup.
func MustOpenReal(tb testing.TB) *store.Store {
	tb.Helper()
	rdb := redis.NewClient(ClientOptions(tb, os.Getenv("TEST_REDIS_URL")))
	prefix := "cct:" + randomID() + ":"
	s := store.New(rdb, prefix, nil)
	if err := s.Ping(context.Background()); err != nil {
		tb.Fatalf("TEST_REDIS_URL: %v", err)
	}
	tb.Cleanup(func() {
		ctx := context.Background()
		iter := rdb.Scan(ctx, 0, prefix+"*", 500).Iterator()
		var keys []string
		for iter.Next(ctx) {
			keys = append(keys, iter.Val())
		}
		for len(keys) > 0 {
			n := min(len(keys), 500)
			rdb.Del(ctx, keys[:n]...)
			keys = keys[n:]
		}
		_ = s.Close()
	})
	return s
}

// ClientOptions returns store.Open's client options (timeouts, retries,
// ContextTimeoutEnabled) for url: tests run the client that ships, here and
// in tests that build their own client (a redis-server of their own).
func ClientOptions(tb testing.TB, url string) *redis.Options {
	tb.Helper()
	opt, err := store.ClientOptions(url)
	if err != nil {
		tb.Fatalf("redis options for %s: %v", url, err)
	}
	return opt
}

func randomID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// usedPorts are the miniredis ports this process has handed out (int -> true).
var usedPorts sync.Map

// startOutsideEphemeral starts a miniredis on a port below Linux's ephemeral
// range (32768–60999), so that a test which closes and restarts it on the
// same address does not find the port taken by some other test's outgoing
// connection in the meantime (seen under `go test ./...` on 2 cores). A port
// is handed out once per process: a parallel test must not start its
// miniredis on a port another test closed (Redis down) and whose bot keeps
// dialling it.
func startOutsideEphemeral(tb testing.TB) *miniredis.Miniredis {
	tb.Helper()
	var last error
	for range 100 {
		port := 20000 + mrand.IntN(12000)
		if _, used := usedPorts.LoadOrStore(port, true); used {
			continue
		}
		mr := miniredis.NewMiniRedis()
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		if last = mr.StartAddr(addr); last == nil {
			tb.Cleanup(mr.Close)
			return mr
		}
	}
	tb.Fatalf("storetest: no free port for miniredis: %v", last)
	return nil
}
