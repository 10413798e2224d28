package bot

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func TestRespondRetryPolicy(t *testing.T) {
	for _, c := range []struct {
		name  string
		err   error
		retry bool
		wait  time.Duration
	}{
		{"429 waits Retry-After", &slack.RateLimitedError{RetryAfter: 3 * time.Second}, true, 3 * time.Second},
		{"429 without header", slack.StatusCodeError{Code: 429}, true, respondBackoff},
		{"502", slack.StatusCodeError{Code: 502}, true, respondBackoff},
		{"503", slack.StatusCodeError{Code: 503}, true, respondBackoff},
		{"504", slack.StatusCodeError{Code: 504}, true, respondBackoff},
		{"500 may have posted", slack.StatusCodeError{Code: 500}, false, 0},
		{"404 used or expired url", slack.StatusCodeError{Code: 404}, false, 0},
		{"connection refused", &url.Error{Op: "Post", URL: "http://x", Err: errors.New("connection refused")}, true, respondBackoff},
		{"cancelled", &url.Error{Op: "Post", URL: "http://x", Err: context.Canceled}, false, 0},
		{"payload", errors.New("marshal failed"), false, 0},
	} {
		wait, retry := respondRetryAfter(c.err, 0)
		if retry != c.retry || (retry && wait != c.wait) {
			t.Errorf("%s: retry %v after %v, want %v after %v", c.name, retry, wait, c.retry, c.wait)
		}
	}
	if w, _ := respondRetryAfter(slack.StatusCodeError{Code: 503}, 3); w != 8*respondBackoff {
		t.Errorf("fourth backoff = %v, want %v", w, 8*respondBackoff)
	}
}
