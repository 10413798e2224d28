package coaching

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/coaching"
)

// RetryAfterError asks the delivery engine to try a coaching DM again
// after Slack's Retry-After (the wiring maps it to scheduler.RetryAfter).
type RetryAfterError struct {
	After time.Duration
	Err   error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("coaching: rate limited, retry after %s: %v", e.After, e.Err)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

// Deliverer sends the coaching tasks the delivery engine hands over: a
// follow-up, a programme step. It returns nil when the task is finished
// (sent, or nothing to send), a *RetryAfterError when Slack rate-limits,
// another error for the engine to retry (Redis or Slack failed).
type Deliverer struct{ Deps }

// Deliver sends task t.
func (d Deliverer) Deliver(ctx context.Context, t coaching.Task) error {
	switch t.Kind {
	case coaching.KindFollowUp:
		m, err := d.Service.FollowUpDue(ctx, t)
		if errors.Is(err, coaching.ErrInvalid) {
			d.log().Error("dropping an unreadable follow-up", "task", t.ID, "err", err)
			return nil
		}
		if err != nil || !m.Send {
			return err
		}
		loc := d.zone(ctx, t.Team, m.User)
		return d.postOnce(ctx, t, m.User, FollowUp(m.Commitment.Lang, m, loc))
	case coaching.KindStep, coaching.KindStepLater:
		m, err := d.Service.StepDue(ctx, t)
		if errors.Is(err, coaching.ErrInvalid) {
			d.log().Error("dropping an unreadable step", "task", t.ID, "err", err)
			return nil
		}
		if err != nil || !m.Send {
			return err
		}
		return d.postOnce(ctx, t, m.User, Step(m.Lang, m))
	case coaching.KindMastermind:
		m, err := d.Service.MastermindDue(ctx, t, nil)
		if errors.Is(err, coaching.ErrInvalid) {
			d.log().Error("dropping an unreadable mastermind session", "task", t.ID, "err", err)
			return nil
		}
		if err != nil || !m.Send {
			return err
		}
		g, err := d.Service.Groups.Mastermind(ctx, t.Team, m.Channel)
		if err != nil {
			return err
		}
		return d.post(ctx, m.Channel, MastermindSession(g, m.Session))
	}
	d.log().Warn("dropping a coaching task of a kind this version does not send", "task", t.ID, "kind", t.Kind)
	return nil
}

func (d Deliverer) log() interface {
	Error(string, ...any)
	Warn(string, ...any)
	Info(string, ...any)
} {
	if d.Log == nil {
		return discard{}
	}
	return d.Log
}

type discard struct{}

func (discard) Error(string, ...any) {}
func (discard) Warn(string, ...any)  {}
func (discard) Info(string, ...any)  {}

func (d Deliverer) zone(ctx context.Context, team, user string) *time.Location {
	return (&feature{Deps: d.Deps}).loc(ctx, team, user)
}

// OnceEventType is the metadata event_type of a coaching DM (follow-up,
// programme step): its event_payload names the task, so that a task
// whose earlier claim died or whose earlier attempt failed is looked for
// in the DM before it is sent again (bot.PostOnce).
const OnceEventType = "ctocoach_coaching"

// postOnce sends m of task t by DM, tagged with t, unless an earlier run
// of t already did.
func (d Deliverer) postOnce(ctx context.Context, t coaching.Task, user string, m Message) error {
	posted, err := bot.PostOnce(ctx, d.Slack, user, OnceEventType, t.ID, bot.MaybeSent(t.Attempt, t.Reclaimed),
		slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...))
	if err == nil && !posted {
		d.log().Info("coaching DM already sent by an earlier claim; not sending again", "task", t.ID, "reclaimed", t.Reclaimed, "attempt", t.Attempt)
	}
	return d.slackErr(user, err)
}

// post sends m by DM (posting to the user id opens it).
func (d Deliverer) post(ctx context.Context, user string, m Message) error {
	_, _, err := d.Slack.PostMessageContext(ctx, user, slack.MsgOptionText(m.Text, false), slack.MsgOptionBlocks(m.Blocks...))
	return d.slackErr(user, err)
}

// slackErr maps a post's error for the engine: a rate limit becomes a
// *RetryAfterError.
func (d Deliverer) slackErr(user string, err error) error {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &RetryAfterError{After: rl.RetryAfter, Err: err}
	}
	if err != nil {
		return fmt.Errorf("coaching: DM %s: %w", user, err)
	}
	return nil
}

// ReviewRoutine is the routine whose nudge carries the weekly review.
const ReviewRoutine = "weekly-review"

// ReviewBlocks are the weekly review's blocks, added to the Friday
// review's nudge (one DM): nil for any other routine.
func (d Deliverer) ReviewBlocks(ctx context.Context, team, user, routineID, lang string) ([]slack.Block, error) {
	if routineID != ReviewRoutine || d.Service == nil {
		return nil, nil
	}
	r, err := d.Service.WeeklyReview(ctx, team, user)
	if err != nil {
		return nil, err
	}
	name := func(id string) string {
		if d.RoutineName == nil {
			return id
		}
		return d.RoutineName(id, lang)
	}
	return append([]slack.Block{slack.NewDividerBlock()}, Review(lang, r, d.zone(ctx, team, user), name).Blocks...), nil
}
