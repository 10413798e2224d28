package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/slack-go/slack"
)

// tokenError is a token Slack refused at start-up. main prints it as one
// line naming the variable and exits 2, like a configuration error: no
// retry can fix it.
type tokenError struct {
	// Var is the environment variable holding the token.
	Var string
	// Code is Slack's error code (invalid_auth, missing_scope, …).
	Code string
	hint string
}

func (e *tokenError) Error() string {
	return fmt.Sprintf("%s: Slack refused this token (%s): %s", e.Var, e.Code, e.hint)
}

// refusedToken maps the error codes that mean "this token will never work"
// to what the user should do about it.
var refusedToken = map[string]string{
	"invalid_auth":           "the token is wrong or belongs to another app; copy it again from your Slack app page",
	"not_authed":             "the token is empty or was not sent",
	"account_inactive":       "the app was uninstalled or its workspace deactivated; reinstall it",
	"token_revoked":          "the token was revoked; reinstall the app and copy the new token",
	"token_expired":          "the token expired (token rotation is on); turn rotation off or copy a fresh token",
	"not_allowed_token_type": "this is not the right kind of token",
	"missing_scope":          "the token lacks a scope",
	"no_permission":          "the token has no permission for this call",
}

// slackCheckTimeout bounds one start-up check (each call retries connection
// errors a few times inside it).
const slackCheckTimeout = 10 * time.Second

// checkSlack calls auth.test with the bot token, so a wrong token stops
// start-up with one line instead of a bot that looks healthy and fails on
// the first command. It returns a *tokenError when Slack refused the token,
// another error when Slack could not be asked (network, 5xx, timeout). The
// app token is checked by Socket Mode's own apps.connections.open (see
// appTokenError).
func (m *Main) checkSlack(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, slackCheckTimeout)
	defer cancel()
	auth, err := m.API.AuthTestContext(ctx)
	if err := classify(err, "SLACK_BOT_TOKEN", "auth.test"); err != nil {
		return err
	}
	m.Log.Info("Slack accepted the bot token", "team", auth.Team, "bot_user", auth.User)
	return nil
}

// appTokenError turns the bot's error into a *tokenError naming
// SLACK_APP_TOKEN when Socket Mode stopped because Slack refused the app
// token (apps.connections.open answering invalid_auth and the like), and
// returns any other error as it is.
func appTokenError(err error) error {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		if hint, ok := refusedToken[se.Err]; ok {
			if se.Err == "missing_scope" {
				hint = "the app-level token needs the connections:write scope (Basic Information → App-Level Tokens)"
			}
			return &tokenError{Var: "SLACK_APP_TOKEN", Code: se.Err, hint: hint}
		}
	}
	return err
}

// classify turns a Web API error into a *tokenError when Slack refused the
// token, or a plain error naming the method otherwise.
func classify(err error, variable, method string) error {
	if err == nil {
		return nil
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		if hint, ok := refusedToken[se.Err]; ok {
			return &tokenError{Var: variable, Code: se.Err, hint: hint}
		}
	}
	return fmt.Errorf("%s: %w", method, err)
}

// waitForSlack repeats checkSlack with backoff until Slack answers, ctx
// ends (nil: shutting down) or a token is refused. The first failure is
// logged once as a warning naming the URL; later attempts log at debug.
func (m *Main) waitForSlack(ctx context.Context, first error) error {
	backoff := time.Second
	for attempt := 1; ; attempt++ {
		wait := backoff/2 + rand.N(backoff/2+1) // jitter, so replicas do not retry in step
		m.Log.Debug("Slack still unreachable; retrying", "url", m.Config.APIURL, "attempt", attempt, "in", wait, "err", first)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		backoff = min(2*backoff, 30*time.Second)
		err := m.checkSlack(ctx)
		if err == nil {
			m.slackDown.Store(nil)
			m.Log.Info("reached Slack", "url", m.Config.APIURL, "attempts", attempt+1)
			return nil
		}
		var te *tokenError
		if errors.As(err, &te) || ctx.Err() != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		first = err
	}
}

// noteSlackDown records (for /readyz) and logs that Slack cannot be reached.
func (m *Main) noteSlackDown(err error) {
	msg := fmt.Sprintf("slack: cannot reach %s (retrying): %v", m.Config.APIURL, err)
	m.slackDown.Store(&msg)
	m.Log.Warn("cannot reach Slack; retrying with backoff until it answers", "url", m.Config.APIURL, "err", err)
}
