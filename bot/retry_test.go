package bot

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/slack-go/slack"
)

// scriptedSlack answers each method with the statuses listed for it, in
// order, then 200 ok; it counts the calls.
type scriptedSlack struct {
	mu     sync.Mutex
	script map[string][]int
	calls  map[string]int
}

func (s *scriptedSlack) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	s.mu.Lock()
	s.calls[method]++
	status := http.StatusOK
	if q := s.script[method]; len(q) > 0 {
		status, s.script[method] = q[0], q[1:]
	}
	s.mu.Unlock()
	if status != http.StatusOK {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"ok":true,"channel":"D1","ts":"1.0","view":{"id":"V1"}}`))
}

func TestRetryConfigRetriesServerErrors(t *testing.T) {
	srv := &scriptedSlack{calls: map[string]int{}, script: map[string][]int{
		"views.publish":    {503, 502},
		"chat.update":      {500, 504},
		"chat.postMessage": {500},
	}}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	api := slack.New("xoxb-test", slack.OptionAPIURL(hs.URL+"/api/"), slack.OptionRetryConfig(RetryConfig()))
	ctx := context.Background()
	if _, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: "U1", View: slack.HomeTabViewRequest{Type: slack.VTHomeTab}}); err != nil {
		t.Errorf("views.publish after 503, 502: %v, want retried to success", err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "C1", "1.0", slack.MsgOptionText("x", false)); err != nil {
		t.Errorf("chat.update after 500, 504: %v, want retried to success", err)
	}
	// A 500 on chat.postMessage may come after Slack posted: not retried.
	if _, _, err := api.PostMessageContext(ctx, "C1", slack.MsgOptionText("x", false)); err == nil {
		t.Errorf("chat.postMessage after a 500 succeeded: it was retried (a retry may post twice)")
	}
	want := map[string]int{"views.publish": 3, "chat.update": 3, "chat.postMessage": 1}
	for m, n := range want {
		if srv.calls[m] != n {
			t.Errorf("%s calls = %d, want %d", m, srv.calls[m], n)
		}
	}
}
