package slackemu

import (
	"fmt"
	"net/http"
	"strconv"
)

// ResponseURLMethod is the name FailNext and FailAll take to fault the
// response_url endpoints (every response_url of the server): a faulted POST
// answers the fault's status and is neither recorded nor applied.
const ResponseURLMethod = "response_url"

// fault is a queued failure for one method.
type fault struct {
	status int
	left   int
}

// FailNext makes the next n calls of method answer with HTTP status (e.g. 500
// or 503 with a plain body; 429 with Retry-After: 1 and the ratelimited body).
// Calls to FailNext queue up: later faults apply after earlier ones are used.
func (s *Server) FailNext(method string, status, n int) {
	if n <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = append(s.faults[method], fault{status: status, left: n})
}

// takeFault consumes one queued fault for method.
func (s *Server) takeFault(method string) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.faults[method]
	if len(q) == 0 {
		return fault{}, false
	}
	f := q[0]
	if q[0].left > 0 { // left < 0: until ClearFaults
		q[0].left--
	}
	if q[0].left == 0 {
		q = q[1:]
	}
	if len(q) == 0 {
		delete(s.faults, method)
	} else {
		s.faults[method] = q
	}
	if f.status == http.StatusTooManyRequests {
		s.limits.limited[method]++
	}
	return f, true
}

// writeFault answers with the fault's status.
func writeFault(w http.ResponseWriter, f fault) (int, string) {
	if f.status == http.StatusTooManyRequests {
		return writeRateLimited(w, 1)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(f.status)
	_, _ = fmt.Fprintf(w, "<html><body>%d %s</body></html>", f.status, http.StatusText(f.status))
	return f.status, ""
}

// writeRateLimited answers 429 with Retry-After in whole seconds.
func writeRateLimited(w http.ResponseWriter, retryAfter int) (int, string) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	writeJSON(w, http.StatusTooManyRequests, map[string]any{"ok": false, "error": "ratelimited"})
	return http.StatusTooManyRequests, "ratelimited"
}

// FailAll makes every call of method answer with HTTP status until
// ClearFaults: Slack down for that method (429 answers carry Retry-After: 1).
func (s *Server) FailAll(method string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[method] = []fault{{status: status, left: -1}}
}

// ClearFaults drops the faults queued for method.
func (s *Server) ClearFaults(method string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.faults, method)
}
