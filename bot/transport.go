package bot

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"ctocoach/metrics"
)

// MethodLimit is the pace allowed for one Slack Web API method.
type MethodLimit struct {
	PerMinute float64
	Burst     int
}

// DefaultLimits follows Slack's published tiers for the methods the bot
// calls (Tier 2 ≈ 20/min, Tier 3 ≈ 50/min, Tier 4 ≈ 100/min). chat.postMessage
// is limited per channel by Slack (about 1/s); the process-wide pace below
// keeps DM bursts from the scheduler well inside the workspace limit.
//
// views.open and views.push have no bucket on purpose: they carry a trigger
// id that dies 3 s after the click, so a self-imposed queue can only turn a
// click into an expired trigger (a guessed 100/min let 142 of 500 presses
// through when Slack would have taken more). They go out at once and Slack's
// own answer paces them: a 429 pauses the method until Retry-After, and a call
// whose trigger dies before the pause ends fails at once with ErrSlackBusy
// so the user is told to press again.
var DefaultLimits = map[string]MethodLimit{
	"chat.update":           {PerMinute: 50, Burst: 5},
	"chat.postEphemeral":    {PerMinute: 100, Burst: 10},
	"chat.delete":           {PerMinute: 50, Burst: 5},
	"chat.postMessage":      {PerMinute: 600, Burst: 10},
	"conversations.open":    {PerMinute: 50, Burst: 5},
	"conversations.members": {PerMinute: 100, Burst: 10},
	"conversations.info":    {PerMinute: 100, Burst: 10},
	"users.info":            {PerMinute: 100, Burst: 50},
	"views.update":          {PerMinute: 100, Burst: 20},
	"views.publish":         {PerMinute: 100, Burst: 20},
}

// ErrSlackBusy is returned (wrapped in a *BusyError) for a call that cannot
// go out before its context's deadline: Slack asked the bot to hold the
// method (429 Retry-After) past it, or the method's pace would.
var ErrSlackBusy = fmt.Errorf("slack is busy")

// BusyError is a call refused by the transport before it was sent.
type BusyError struct {
	Method string
	// Wait is how long the call would have had to wait.
	Wait time.Duration
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("%s: %v (would wait %v, past the call's deadline)", e.Method, ErrSlackBusy, e.Wait.Round(time.Millisecond))
}

// Unwrap makes errors.Is(err, ErrSlackBusy) true.
func (e *BusyError) Unwrap() error { return ErrSlackBusy }

// methodState is the pacing of one method: its token bucket (nil when the
// bot imposes none) and the pause Slack asked for.
type methodState struct {
	lim *rate.Limiter
	// until is the end of the latest Retry-After: no call goes out before.
	until time.Time
	// wake is closed (and replaced) whenever until moves later, so that
	// calls already waiting on the bucket stop and wait out the pause.
	wake chan struct{}
}

// Transport is the http.RoundTripper of every Slack Web API call: it paces
// each method with a token bucket shared by the whole process, holds every
// call of a method, queued or new, until Retry-After when Slack answers 429
// (slack-go's retry handler then retries the call), fails at once a call
// whose context deadline comes before it could go out, and counts calls by
// method and outcome.
type Transport struct {
	base    http.RoundTripper
	metrics *metrics.Metrics
	limits  map[string]MethodLimit

	mu      sync.Mutex
	methods map[string]*methodState
}

// NewTransport wraps base (http.DefaultTransport when nil). limits may be nil
// (no pacing, as in tests that measure the emulator's own limits).
func NewTransport(base http.RoundTripper, m *metrics.Metrics, limits map[string]MethodLimit) *Transport {
	if base == nil {
		// Slack's API and response_url hosts see bursts of concurrent calls:
		// keep enough idle connections that a burst reuses them instead of
		// dialling (net/http keeps only 2 per host by default).
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 64
		base = t
	}
	return &Transport{base: base, metrics: m, limits: limits, methods: map[string]*methodState{}}
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := apiMethod(req.URL.Path)
	if err := t.wait(req.Context(), method); err != nil {
		outcome := "cancelled"
		if _, ok := err.(*BusyError); ok {
			outcome = "busy"
		}
		t.count(method, outcome)
		return nil, err
	}
	resp, err := t.base.RoundTrip(req)
	outcome := "ok"
	switch {
	case err != nil:
		outcome = "transport"
	case resp.StatusCode == http.StatusTooManyRequests:
		outcome = "ratelimited"
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		t.pause(method, time.Duration(max(secs, 1))*time.Second)
		if t.metrics != nil {
			t.metrics.RateLimited.WithLabelValues(method).Inc()
		}
	case resp.StatusCode >= 500:
		outcome = "http_5xx"
	case resp.StatusCode >= 400:
		outcome = "http_4xx"
	}
	t.count(method, outcome)
	return resp, err
}

func (t *Transport) count(method, outcome string) {
	if t.metrics != nil {
		t.metrics.SlackCalls.WithLabelValues(method, outcome).Inc()
	}
}

// state returns method's pacing state; t.mu must be held.
func (t *Transport) state(method string) *methodState {
	st := t.methods[method]
	if st == nil {
		st = &methodState{wake: make(chan struct{})}
		if l, ok := t.limits[method]; ok {
			st.lim = rate.NewLimiter(rate.Limit(l.PerMinute/60), max(l.Burst, 1))
		}
		t.methods[method] = st
	}
	return st
}

// wait blocks until method may be called: past any Retry-After pause, then
// with a token from its bucket. A pause that arrives while the call waits on
// the bucket sends it back to wait out the pause (its token is returned). A
// call that could not go out before ctx's deadline fails at once with a
// *BusyError.
func (t *Transport) wait(ctx context.Context, method string) error {
	deadline, hasDeadline := ctx.Deadline()
	for {
		t.mu.Lock()
		st := t.state(method)
		until, wake, lim := st.until, st.wake, st.lim
		t.mu.Unlock()
		now := time.Now()
		if d := until.Sub(now); d > 0 {
			if hasDeadline && deadline.Before(until) {
				return &BusyError{Method: method, Wait: d}
			}
			if err := sleepCtx(ctx, d); err != nil {
				return err
			}
			continue
		}
		if lim == nil {
			return nil
		}
		res := lim.ReserveN(now, 1)
		d := res.DelayFrom(now)
		if hasDeadline && now.Add(d).After(deadline) {
			res.CancelAt(now)
			return &BusyError{Method: method, Wait: d}
		}
		if d == 0 {
			return nil
		}
		timer := time.NewTimer(d)
		select {
		case <-ctx.Done():
			timer.Stop()
			res.Cancel()
			return ctx.Err()
		case <-wake:
			// Slack answered 429 to another call of this method: this
			// one must not go out during the Retry-After window.
			timer.Stop()
			res.Cancel()
			continue
		case <-timer.C:
		}
		t.mu.Lock()
		paused := t.state(method).until.After(time.Now())
		t.mu.Unlock()
		if !paused {
			return nil
		}
	}
}

// pause holds method until d from now, waking the calls queued on it.
func (t *Transport) pause(method string, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := t.state(method)
	if until := time.Now().Add(d); until.After(st.until) {
		st.until = until
		close(st.wake)
		st.wake = make(chan struct{})
	}
}

// apiMethod returns "chat.postMessage" for ".../api/chat.postMessage", and
// "response_url" for anything outside /api/ (a response_url's path ends in
// a secret token: as a label it would leak it and add one series per post).
func apiMethod(path string) string {
	i := strings.LastIndex(path, "/api/")
	if i < 0 {
		return "response_url"
	}
	m := path[i+len("/api/"):]
	if m == "" || strings.Contains(m, "/") {
		return "response_url"
	}
	return m
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
