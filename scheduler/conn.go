package scheduler

import (
	"context"
	"errors"
	"strings"

	"github.com/redis/go-redis/v9"
)

// conn is the engine's Redis client and the key layout it shares with the
// store (package store builds the same keys from the same prefix, so
// docs/redis.md lists one namespace): team keys are prefix+team+":"+parts,
// global ones prefix+"_:"+parts.
type conn struct {
	rdb    redis.UniversalClient
	prefix string
}

// Client returns the Redis client.
func (c conn) Client() redis.UniversalClient { return c.rdb }

// Key builds a team's key.
func (c conn) Key(team string, parts ...string) string {
	if len(parts) == 0 {
		return c.prefix + team
	}
	return c.prefix + team + ":" + strings.Join(parts, ":")
}

// GlobalKey builds a key that belongs to no team.
func (c conn) GlobalKey(parts ...string) string {
	return c.prefix + "_:" + strings.Join(parts, ":")
}

// errNoTask: no task has this id.
var errNoTask = errors.New("scheduler: no such task")

// unreachable reports whether err means Redis could not be reached (no
// reply from the server), as opposed to a reply or a missing key.
func unreachable(err error) bool {
	if err == nil || errors.Is(err, errNoTask) || errors.Is(err, redis.Nil) || errors.Is(err, context.Canceled) {
		return false
	}
	var re redis.Error
	return !errors.As(err, &re)
}
