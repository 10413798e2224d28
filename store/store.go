// Package store keeps ctocoach's state in Redis. Every Redis call of the
// program goes through this package; the rest of the code sees domain types.
//
// Keys are namespaced by the store's prefix and the Slack team id
// ("cc:T0123:user:U1:profile"), so several workspaces and several test runs
// can share one Redis. docs/redis.md lists every key family.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultPrefix is the key prefix used in production.
const DefaultPrefix = "cc:"

// Store is the Redis-backed state of ctocoach.
type Store struct {
	rdb     redis.UniversalClient
	prefix  string
	log     *slog.Logger
	closer  func() error
	breaker *breaker
}

// SetFailFast sets how long calls fail at once after Redis was found
// unreachable (2 s by default; 0 turns it off, for tests that restart Redis).
func (s *Store) SetFailFast(d time.Duration) {
	s.breaker.window.Store(int64(d))
	s.breaker.openUntil.Store(0)
}

// New wraps an existing client. prefix namespaces every key (DefaultPrefix in
// production, a random one per test).
func New(rdb redis.UniversalClient, prefix string, log *slog.Logger) *Store {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	br := &breaker{}
	br.window.Store(int64(breakerOpenFor))
	rdb.AddHook(br)
	return &Store{rdb: rdb, prefix: prefix, log: log, closer: rdb.Close, breaker: br}
}

// Open connects to url (redis:// or rediss://). An empty url starts an
// embedded in-memory Redis and logs a warning that state is lost on restart.
func Open(ctx context.Context, url string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if url == "" {
		return openEmbedded(log)
	}
	opt, err := ClientOptions(url)
	if err != nil {
		return nil, err
	}
	rdb := redis.NewClient(opt)
	s := New(rdb, DefaultPrefix, log)
	if err := s.Ping(ctx); err != nil {
		// Not fatal: the bot answers advice without Redis and retries later.
		log.Warn("redis is not reachable at start-up; stateful commands will say so until it is", "addr", opt.Addr, "err", err)
	}
	return s, nil
}

// Client returns the underlying client, for packages of this module that own
// a key family with their own Lua scripts (the scheduler's due-queue).
func (s *Store) Client() redis.UniversalClient { return s.rdb }

// Prefix returns the key prefix of this store.
func (s *Store) Prefix() string { return s.prefix }

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Close releases the connection (and stops the embedded server, if any).
func (s *Store) Close() error {
	if s.closer == nil {
		return nil
	}
	err := s.closer()
	s.closer = nil
	return err
}

// Key builds a namespaced key: prefix + team + ":" + parts joined by ":".
func (s *Store) Key(team string, parts ...string) string {
	var b strings.Builder
	b.WriteString(s.prefix)
	b.WriteString(team)
	for _, p := range parts {
		b.WriteByte(':')
		b.WriteString(p)
	}
	return b.String()
}

// GlobalKey builds a key that belongs to no team (scheduler queues, locks).
func (s *Store) GlobalKey(parts ...string) string {
	return s.prefix + "_:" + strings.Join(parts, ":")
}

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// IsUnavailable reports whether err means Redis could not be reached (as
// opposed to a missing key or a rule violation).
func IsUnavailable(err error) bool {
	if err == nil || errors.Is(err, ErrNotFound) || errors.Is(err, redis.Nil) {
		return false
	}
	var re redis.Error
	if errors.As(err, &re) {
		// A reply from the server: it is up.
		return false
	}
	return !errors.Is(err, context.Canceled)
}
