package bot

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"ctocoach/metrics"
)

// fakeSlack is a base RoundTripper that records when each call reached it
// and answers with the status the test scripts (200 by default).
type fakeSlack struct {
	mu     sync.Mutex
	at     []time.Time
	status func(n int) (int, string) // call index -> status, Retry-After
}

func (f *fakeSlack) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	n := len(f.at)
	f.at = append(f.at, time.Now())
	f.mu.Unlock()
	status, retryAfter := http.StatusOK, ""
	if f.status != nil {
		status, retryAfter = f.status(n)
	}
	h := http.Header{}
	if retryAfter != "" {
		h.Set("Retry-After", retryAfter)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(`{"ok":true}`)), Request: req}, nil
}

func (f *fakeSlack) times() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.at...)
}

func call(t *testing.T, T http.RoundTripper, ctx context.Context, url string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader("x=1"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := T.RoundTrip(req)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

func TestTransportLabelsResponseURLWithoutItsSecret(t *testing.T) {
	m := metrics.New()
	T := NewTransport(&fakeSlack{}, m, nil)
	for _, u := range []string{
		"https://hooks.slack.com/actions/T0001/12345/s3cr3tTokenA",
		"https://hooks.slack.com/actions/T0001/12346/s3cr3tTokenB",
		"http://127.0.0.1:1234/respond/R42",
		"https://slack.com/api/chat.postMessage",
	} {
		if _, err := call(t, T, context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	if n := testutil.ToFloat64(m.SlackCalls.WithLabelValues("response_url", "ok")); n != 3 {
		t.Errorf("response_url calls counted = %v, want 3", n)
	}
	if n := testutil.ToFloat64(m.SlackCalls.WithLabelValues("chat.postMessage", "ok")); n != 1 {
		t.Errorf("chat.postMessage calls counted = %v, want 1", n)
	}
	if n := testutil.CollectAndCount(m.SlackCalls); n != 2 {
		t.Errorf("SlackCalls has %d series, want 2 (response_url and chat.postMessage)", n)
	}
	mfs, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		for _, metric := range mf.GetMetric() {
			for _, l := range metric.GetLabel() {
				if strings.Contains(l.GetValue(), "s3cr3t") || strings.Contains(l.GetValue(), "R42") {
					t.Errorf("metric %s has label %s=%q: a response_url secret", mf.GetName(), l.GetName(), l.GetValue())
				}
			}
		}
	}
}

// A 429 stops every call of the method until Retry-After, including calls
// already queued on the method's bucket when the 429 arrives.
func TestTransportRetryAfterHoldsQueuedCalls(t *testing.T) {
	var mu sync.Mutex
	var limitedAt time.Time
	fake := &fakeSlack{}
	fake.status = func(n int) (int, string) {
		if n == 1 {
			mu.Lock()
			limitedAt = time.Now()
			mu.Unlock()
			return http.StatusTooManyRequests, "1"
		}
		return http.StatusOK, ""
	}
	// 20 calls/s, burst 1: the calls queue 50 ms apart behind the bucket,
	// so most of them are queued when the second one gets its 429.
	T := NewTransport(fake, nil, map[string]MethodLimit{"chat.update": {PerMinute: 1200, Burst: 1}})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := call(t, T, context.Background(), "https://slack.com/api/chat.update"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	end := limitedAt.Add(time.Second)
	mu.Unlock()
	early := 0
	for _, at := range fake.times() {
		if at.After(limitedAt) && at.Before(end) {
			early++
		}
	}
	if early > 0 {
		t.Errorf("%d queued calls went out during the 1 s Retry-After window", early)
	}
	if n := len(fake.times()); n != 8 {
		t.Errorf("calls sent = %d, want 8", n)
	}
}

// A call whose deadline comes before the end of a Retry-After pause fails at
// once instead of waiting past its deadline.
func TestTransportFailsAtOnceWhenThePauseOutlivesTheDeadline(t *testing.T) {
	fake := &fakeSlack{status: func(n int) (int, string) {
		if n == 0 {
			return http.StatusTooManyRequests, "30"
		}
		return http.StatusOK, ""
	}}
	T := NewTransport(fake, nil, DefaultLimits)
	if _, err := call(t, T, context.Background(), "https://slack.com/api/views.open"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	defer cancel()
	_, err := call(t, T, ctx, "https://slack.com/api/views.open")
	if !errors.Is(err, ErrSlackBusy) {
		t.Fatalf("views.open during a 30 s pause with a 2.5 s deadline: err = %v, want ErrSlackBusy", err)
	}
	if ctx.Err() != nil {
		t.Errorf("the call waited until its deadline before failing")
	}
	if n := len(fake.times()); n != 1 {
		t.Errorf("calls sent = %d, want 1 (the refused one never goes out)", n)
	}
}

// views.open carries a trigger that dies in 3 s: the bot imposes no bucket
// on it (Slack's 429 paces it), so a burst of clicks all go out at once.
func TestTransportDoesNotQueueTriggerBoundCalls(t *testing.T) {
	for _, method := range []string{"views.open", "views.push"} {
		if _, ok := DefaultLimits[method]; ok {
			t.Errorf("DefaultLimits paces %s: a trigger-bound call must not queue behind a self-imposed bucket", method)
		}
	}
	fake := &fakeSlack{}
	T := NewTransport(fake, nil, DefaultLimits)
	for i := range 60 {
		ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
		_, err := call(t, T, ctx, "https://slack.com/api/views.open")
		cancel()
		if err != nil {
			t.Fatalf("click %d: %v", i, err)
		}
	}
}
