package bot

import (
	"net/http"
	"time"

	"github.com/slack-go/slack"
)

// RetryConfig is the bot's Web API retry policy, given to slack-go with
// slack.OptionRetryConfig: connection errors, 429 (after Retry-After) and
// 5xx (exponential backoff) are retried up to five times.
//
// 5xx is retried here, in slack-go's retry client, rather than in Transport:
// the retry client already rewinds request bodies and owns the backoff for
// connection errors and 429, so every retry decision stays in one place and
// Transport stays a pacer that sees (and paces, and counts) each attempt.
// slack-go's AllBuiltinRetryHandlers leaves 5xx out; NewServerErrorRetryHandler
// is added, except that a 500 on chat.postMessage is not retried: Slack may
// have posted the message before failing, and a retry would post it twice
// (502, 503 and 504 come from in front of Slack's API and are retried).
//
// Every handler is bounded by the request's deadline: a retry that could
// only start after it (a trigger-bound views.open, for one) is not made, so
// the caller learns at once that Slack refused and can tell the user.
func RetryConfig() slack.RetryConfig {
	cfg := slack.DefaultRetryConfig()
	cfg.MaxRetries = 5
	handlers := append(slack.AllBuiltinRetryHandlers(cfg), serverErrorRetry{slack.NewServerErrorRetryHandler(cfg)})
	for i, h := range handlers {
		handlers[i] = withinDeadline{h}
	}
	cfg.Handlers = handlers
	return cfg
}

// serverErrorRetry is slack-go's 5xx handler without the retry of a 500 on
// a call that may have taken effect.
type serverErrorRetry struct{ slack.RetryHandler }

func (h serverErrorRetry) ShouldRetry(state *slack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	if resp != nil && resp.StatusCode == http.StatusInternalServerError && apiMethod(req.URL.Path) == "chat.postMessage" {
		return false, 0
	}
	return h.RetryHandler.ShouldRetry(state, req, resp, err)
}

// withinDeadline drops a retry that would start after the request's deadline.
type withinDeadline struct{ slack.RetryHandler }

func (h withinDeadline) ShouldRetry(state *slack.RetryState, req *http.Request, resp *http.Response, err error) (bool, time.Duration) {
	retry, wait := h.RetryHandler.ShouldRetry(state, req, resp, err)
	if !retry {
		return false, 0
	}
	if dl, ok := req.Context().Deadline(); ok && time.Now().Add(wait).After(dl) {
		return false, 0
	}
	return true, wait
}
