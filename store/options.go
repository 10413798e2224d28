package store

import (
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Client timeouts of every Redis connection the program opens. A call on a
// hung Redis fails within about a second instead of blocking a handler past
// Slack's 3 s acknowledgement window.
const (
	dialTimeout  = time.Second
	readTimeout  = time.Second
	writeTimeout = time.Second
)

// ClientOptions parses url (redis:// or rediss://) into the client options
// the program runs with: the timeouts above and ContextTimeoutEnabled, so
// that a caller's context deadline bounds the call (go-redis ignores context
// deadlines without it: a 1.2 s context took 2.0 s on a hung server). Tests
// build their clients through this function too, so they run what ships.
func ClientOptions(url string) (*redis.Options, error) {
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("store: parse REDIS_URL: %w", err)
	}
	opt.DialTimeout = dialTimeout
	opt.ReadTimeout = readTimeout
	opt.WriteTimeout = writeTimeout
	opt.ContextTimeoutEnabled = true
	return opt, nil
}
