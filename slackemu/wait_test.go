package slackemu_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/slack-go/slack"

	"ctocoach/slackemu"
)

// Wait's condition never sees a message before the chat.postMessage call
// that made it is recorded, however many calls are in flight.
func TestWaitSeesACallWithItsEffects(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1", Name: "alice"})
	api := newAPI(srv)
	ctx := testCtx(t)
	const posts = 400
	var wg sync.WaitGroup
	var failed atomic.Bool
	for w := range 8 {
		wg.Go(func() {
			for range posts / 8 {
				if _, _, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("x", false)); err != nil {
					t.Errorf("poster %d: %v", w, err)
					failed.Store(true)
					return
				}
			}
		})
	}
	var ahead atomic.Int32 // evaluations where messages outnumbered calls
	err := srv.Wait(ctx, func(s *slackemu.Server) bool {
		msgs, calls := len(s.Messages("U1")), len(s.Calls("chat.postMessage"))
		if msgs > calls {
			ahead.Add(1)
		}
		return calls == posts || failed.Load()
	})
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if n := ahead.Load(); n > 0 {
		t.Errorf("%d evaluations saw more messages than recorded calls", n)
	}
}
