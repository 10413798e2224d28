package bot

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/slack-go/slack"
)

// respondRetries bounds the retries of one post to a response_url. A
// response_url goes through b.http, not slack-go's retry client (which only
// wraps Web API calls), so the policy of RetryConfig is applied here by
// hand: Retry-After on 429, a doubling backoff on 502/503/504 and on
// connection errors, never a retry of a 500 (Slack may have posted) or of a
// 404 (the url expired or was used five times), and none that would start
// after the request's deadline.
const respondRetries = 4

// respondBackoff is the first wait after a 5xx or a connection error.
const respondBackoff = 250 * time.Millisecond

// respond posts rp to the request's response_url, retrying as
// respondRetries says.
func (b *Bot) respond(ctx context.Context, r *Request, rp Reply) error {
	for attempt := 0; ; attempt++ {
		err := slack.PostWebhookCustomHTTPContext(ctx, r.ResponseURL, b.http, rp.webhook())
		if err == nil {
			return nil
		}
		wait, retry := respondRetryAfter(err, attempt)
		if dl, ok := ctx.Deadline(); ok && time.Now().Add(wait).After(dl) {
			retry = false
		}
		if !retry || attempt >= respondRetries {
			return fmt.Errorf("bot: respond to %s (%d attempts): %w", describe(r), attempt+1, err)
		}
		b.log.Info("retrying a response_url post", "detail", describe(r), "attempt", attempt+1, "wait", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("bot: respond to %s: %w (after %v)", describe(r), ctx.Err(), err)
		case <-t.C:
		}
	}
}

// respondRetryAfter says whether a failed response_url post is retried, and
// after how long.
func respondRetryAfter(err error, attempt int) (time.Duration, bool) {
	backoff := respondBackoff << attempt
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return 0, false
	case errors.As(err, &rl):
		return rl.RetryAfter, true
	case errors.As(err, &sc):
		switch sc.Code {
		case 429, 502, 503, 504:
			return backoff, true
		}
		return 0, false
	}
	// The post got no answer (connection refused or reset): try again. A
	// payload that cannot be built is not retried.
	var ue *url.Error
	return backoff, errors.As(err, &ue)
}
