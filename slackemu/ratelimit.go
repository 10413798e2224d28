package slackemu

import (
	"math"
	"time"
)

// limitSpec is a token-bucket rate limit for one method.
type limitSpec struct {
	perMinute  int
	burst      int
	perChannel bool
}

// bucket is the state of one token bucket.
type bucket struct {
	tokens float64
	last   time.Time
}

type rateLimits struct {
	specs   map[string]limitSpec
	buckets map[string]*bucket
	limited map[string]int
}

func newRateLimits() rateLimits {
	return rateLimits{specs: map[string]limitSpec{}, buckets: map[string]*bucket{}, limited: map[string]int{}}
}

// SetRateLimit limits method to perMinute calls per minute for the workspace,
// allowing bursts of up to burst calls (a token bucket that starts full).
// Calls over the limit get HTTP 429 with Retry-After. perMinute <= 0 removes
// the limit.
func (s *Server) SetRateLimit(method string, perMinute, burst int) {
	s.setLimit(method, limitSpec{perMinute: perMinute, burst: burst})
}

// SetRateLimitPerChannel is SetRateLimit with one bucket per channel, as
// Slack does for chat.postMessage (about one message per second per channel).
// A user id and its DM channel share a bucket.
func (s *Server) SetRateLimitPerChannel(method string, perMinute, burst int) {
	s.setLimit(method, limitSpec{perMinute: perMinute, burst: burst, perChannel: true})
}

func (s *Server) setLimit(method string, spec limitSpec) {
	if spec.burst < 1 {
		spec.burst = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.limits.buckets {
		if k == method || len(k) > len(method) && k[:len(method)+1] == method+"/" {
			delete(s.limits.buckets, k)
		}
	}
	if spec.perMinute <= 0 {
		delete(s.limits.specs, method)
		return
	}
	s.limits.specs[method] = spec
}

// RateLimited is how many calls of method were answered 429.
func (s *Server) RateLimited(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limits.limited[method]
}

// takeToken consumes a token for the request; when none is left it returns
// the Retry-After in whole seconds (at least 1) and true.
func (s *Server) takeToken(r *apiRequest, at time.Time) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	spec, ok := s.limits.specs[r.method]
	if !ok {
		return 0, false
	}
	key := r.method
	if spec.perChannel {
		ch := r.str("channel")
		if isUserID(ch) {
			ch = dmChannelID(ch)
		}
		key += "/" + ch
	}
	b, ok := s.limits.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(spec.burst), last: at}
		s.limits.buckets[key] = b
	}
	rate := float64(spec.perMinute) / 60 // tokens per second
	if elapsed := at.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(float64(spec.burst), b.tokens+elapsed*rate)
		b.last = at
	}
	if b.tokens >= 1 {
		b.tokens--
		return 0, false
	}
	s.limits.limited[r.method]++
	// The epsilon absorbs float error so that exactly 10 s reads as 10, not 11.
	wait := int(math.Ceil((1-b.tokens)/rate - 1e-6))
	return max(wait, 1), true
}
