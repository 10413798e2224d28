package bot

import (
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
var DefaultLimits = map[string]MethodLimit{
	"chat.update":           {PerMinute: 50, Burst: 5},
	"chat.postEphemeral":    {PerMinute: 100, Burst: 10},
	"chat.delete":           {PerMinute: 50, Burst: 5},
	"chat.postMessage":      {PerMinute: 600, Burst: 10},
	"conversations.open":    {PerMinute: 50, Burst: 5},
	"conversations.members": {PerMinute: 100, Burst: 10},
	"conversations.info":    {PerMinute: 100, Burst: 10},
	"users.info":            {PerMinute: 100, Burst: 50},
	"views.open":            {PerMinute: 100, Burst: 20},
	"views.update":          {PerMinute: 100, Burst: 20},
	"views.push":            {PerMinute: 100, Burst: 20},
	"views.publish":         {PerMinute: 100, Burst: 20},
}

// Transport is the http.RoundTripper of every Slack Web API call: it paces
// each method with a token bucket shared by the whole process, holds a method
// back until Retry-After when Slack answers 429 (slack-go's retry handler then
// retries the call), and counts calls by method and outcome.
type Transport struct {
	base    http.RoundTripper
	metrics *metrics.Metrics
	limits  map[string]MethodLimit

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	paused   map[string]time.Time
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
	return &Transport{base: base, metrics: m, limits: limits, limiters: map[string]*rate.Limiter{}, paused: map[string]time.Time{}}
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	method := apiMethod(req.URL.Path)
	if err := t.wait(req, method); err != nil {
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
	if t.metrics != nil {
		t.metrics.SlackCalls.WithLabelValues(method, outcome).Inc()
	}
	return resp, err
}

func (t *Transport) wait(req *http.Request, method string) error {
	t.mu.Lock()
	until := t.paused[method]
	lim := t.limiters[method]
	if lim == nil {
		if l, ok := t.limits[method]; ok {
			lim = rate.NewLimiter(rate.Limit(l.PerMinute/60), max(l.Burst, 1))
			t.limiters[method] = lim
		}
	}
	t.mu.Unlock()
	if d := time.Until(until); d > 0 {
		timer := time.NewTimer(d)
		select {
		case <-req.Context().Done():
			timer.Stop()
			return req.Context().Err()
		case <-timer.C:
		}
	}
	if lim != nil {
		return lim.Wait(req.Context())
	}
	return nil
}

func (t *Transport) pause(method string, d time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if until := time.Now().Add(d); until.After(t.paused[method]) {
		t.paused[method] = until
	}
}

// apiMethod returns "chat.postMessage" for ".../api/chat.postMessage".
func apiMethod(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		return path[i+1:]
	}
	return path
}
