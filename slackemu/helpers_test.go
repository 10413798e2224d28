package slackemu_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"ctocoach/slackemu"
)

const (
	botToken = "xoxb-test"
	appToken = "xapp-test"
)

// MustServer starts an emulator closed at the end of the test.
func MustServer(tb testing.TB, opts ...slackemu.Option) *slackemu.Server {
	tb.Helper()
	srv := slackemu.New(opts...)
	tb.Cleanup(srv.Close)
	return srv
}

// testCtx bounds every wait of a test.
func testCtx(tb testing.TB) context.Context {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

// newAPI is a real slack-go client pointed at srv.
func newAPI(srv *slackemu.Server) *slack.Client {
	return slack.New(botToken, slack.OptionAPIURL(srv.APIURL()), slack.OptionAppLevelToken(appToken))
}

// smClient is a running slack-go socketmode client.
type smClient struct {
	*socketmode.Client
}

// MustStartClient runs a socketmode client against srv until the test ends.
func MustStartClient(tb testing.TB, srv *slackemu.Server) *smClient {
	tb.Helper()
	c := socketmode.New(newAPI(srv))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = c.RunContext(ctx)
	}()
	tb.Cleanup(func() {
		cancel()
		<-done
	})
	return &smClient{Client: c}
}

// MustNext returns the client's next event of type typ, skipping others.
func (c *smClient) MustNext(tb testing.TB, ctx context.Context, typ socketmode.EventType) socketmode.Event {
	tb.Helper()
	for {
		select {
		case e := <-c.Events:
			if e.Type == typ {
				return e
			}
		case <-ctx.Done():
			tb.Fatalf("waiting for a %q event: %v", typ, ctx.Err())
		}
	}
}

// fakeClock is an injectable clock moved by hand; server goroutines read it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
