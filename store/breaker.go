package store

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrUnavailable is returned without a network round trip while Redis is
// known to be down, so a request does not wait for dial timeouts on every
// call. It satisfies IsUnavailable.
var ErrUnavailable = errors.New("redis unavailable")

// breakerOpenFor is how long calls fail fast after a connection failure.
const breakerOpenFor = 2 * time.Second

// breaker is a go-redis hook: after a call fails because Redis cannot be
// reached, the following calls fail at once for breakerOpenFor; the first call
// after that tries Redis again.
type breaker struct {
	openUntil atomic.Int64 // unix nanoseconds
	window    atomic.Int64 // how long to fail fast, nanoseconds
}

var _ redis.Hook = (*breaker)(nil)

func (b *breaker) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		return next(ctx, network, addr)
	}
}

func (b *breaker) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if b.open() {
			cmd.SetErr(ErrUnavailable)
			return ErrUnavailable
		}
		err := next(ctx, cmd)
		b.record(err)
		return err
	}
}

func (b *breaker) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if b.open() {
			for _, c := range cmds {
				c.SetErr(ErrUnavailable)
			}
			return ErrUnavailable
		}
		err := next(ctx, cmds)
		b.record(err)
		return err
	}
}

func (b *breaker) open() bool { return time.Now().UnixNano() < b.openUntil.Load() }

func (b *breaker) record(err error) {
	if err == nil || !IsUnavailable(err) || errors.Is(err, context.DeadlineExceeded) {
		return
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, redis.ErrClosed) || errors.Is(err, net.ErrClosed) || isConnRefused(err) {
		b.openUntil.Store(time.Now().UnixNano() + b.window.Load())
	}
}

func isConnRefused(err error) bool {
	var oe *net.OpError
	return errors.As(err, &oe)
}
