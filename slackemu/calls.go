package slackemu

import (
	"context"
	"fmt"
	"time"
)

// Call is one recorded Web API request.
type Call struct {
	// Method is the API method, e.g. "chat.postMessage".
	Method string
	// Token is the bearer token or form token the caller sent.
	Token string
	// Params holds the form fields (first value each) or, for a JSON body,
	// the top-level fields: strings as they are, other values as raw JSON.
	Params map[string]string
	// Body is the raw request body when it was JSON, nil otherwise.
	Body []byte
	// At is when the request arrived, on the injected clock.
	At time.Time
	// Status is the HTTP status answered.
	Status int
	// Error is the Slack error code answered ("" when ok).
	Error string
}

// recorder keeps every call, indexed by method.
type recorder struct {
	all      []Call
	byMethod map[string][]Call
}

func newRecorder() recorder { return recorder{byMethod: map[string][]Call{}} }

// recordCall stores c and wakes waiters.
func (s *Server) recordCall(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rec.all = append(s.rec.all, c)
	s.rec.byMethod[c.Method] = append(s.rec.byMethod[c.Method], c)
	s.notifyLocked()
}

// Calls returns the recorded calls of method in arrival order; an empty
// method returns every call. A call is recorded once answered, an instant
// after its effects (a message, a view) are visible: Wait's conditions see
// both together, a read outside Wait may not.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	if method == "" {
		return append([]Call(nil), s.rec.all...)
	}
	return append([]Call(nil), s.rec.byMethod[method]...)
}

// WaitCalls returns the calls of method once at least n were recorded, or an
// error when ctx ends first.
func (s *Server) WaitCalls(ctx context.Context, method string, n int) ([]Call, error) {
	var got []Call
	err := s.Wait(ctx, func(s *Server) bool {
		got = s.Calls(method)
		return len(got) >= n
	})
	if err != nil {
		return got, fmt.Errorf("slackemu: wait for %d %s calls (have %d): %w", n, method, len(got), err)
	}
	return got, nil
}
