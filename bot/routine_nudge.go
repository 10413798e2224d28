package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
	"ctocoach/store"
)

// lateAfter is how late a nudge must be sent to count as late rather than
// on time (the engine polls about twice a second).
const lateAfter = time.Minute

// DeliverNudge is the delivery engine's handler for NudgeKind tasks. It
// re-reads the user's settings (they are the truth, not the plan), plans
// the routine's next occurrence before sending so that no failure ends the
// chain, drops a nudge that is stale (unsubscribed, settings changed,
// paused) or too late after downtime (routine.LateDecision), and sends the
// DM. It returns nil when the task is finished (sent or dropped), a
// *RetryAfterError when Slack rate-limits, and another error when Redis or
// Slack failed transiently, so that the engine retries.
func (b *Bot) DeliverNudge(ctx context.Context, t RoutineTask) error {
	p, err := decodeNudge(t)
	if err != nil {
		b.metrics.Nudges.WithLabelValues("failed").Inc()
		b.log.Error("dropping an unreadable nudge", "task", t.ID, "err", err)
		return nil
	}
	rt, ok := b.f.Routines.Catalogue.ByID(p.Routine)
	if !ok {
		b.metrics.Nudges.WithLabelValues("skipped").Inc()
		b.log.Warn("dropping a nudge of a routine no longer in the catalogue", "task", t.ID, "routine", p.Routine)
		return nil
	}
	s, err := b.store.RoutineSettings(ctx, t.Team, p.User)
	if errors.Is(err, store.ErrNotFound) {
		b.metrics.Nudges.WithLabelValues("skipped").Inc()
		return nil
	}
	if err != nil {
		return fmt.Errorf("bot: nudge %s: %w", t.ID, err)
	}
	if !s.IsSubscribed(rt.ID) {
		b.metrics.Nudges.WithLabelValues("skipped").Inc()
		b.log.Info("dropping a nudge of an unsubscribed routine", "task", t.ID)
		return nil
	}
	now := b.now()
	if !p.Snoozed {
		if _, _, err := b.planNext(ctx, t.Team, p.User, rt, s, latestOf(t.Due, now)); err != nil {
			return err
		}
		if want, ok := routine.Next(rt, s, p.At.Add(-time.Minute)); !ok || !want.Equal(p.At) {
			b.metrics.Nudges.WithLabelValues("skipped").Inc()
			b.log.Info("dropping a stale nudge (settings changed or paused since it was planned)", "task", t.ID)
			return nil
		}
	}
	if s.Paused(now) {
		b.metrics.Nudges.WithLabelValues("skipped").Inc()
		b.log.Info("not sending a nudge during a pause", "task", t.ID, "paused_until", s.PausedUntil)
		return nil
	}
	outcome := "sent"
	if late := now.Sub(t.Due); late > 0 {
		if !routine.LateDecision(t.Due, now, b.f.Routines.Grace, s) {
			b.metrics.Nudges.WithLabelValues("skipped").Inc()
			b.log.Warn("skipping a nudge that is too late (downtime?)", "task", t.ID, "late", late.Round(time.Second))
			return nil
		}
		if late >= lateAfter {
			outcome = "late"
		}
	}
	if t.Reclaimed > 0 || t.Attempt > 0 {
		// A claim of this task died, or an attempt failed, maybe after
		// Slack had taken the message: look for it before sending again.
		sent, err := b.nudgeAlreadySent(ctx, p.User, t.ID)
		if err != nil {
			return b.nudgeFailed(ctx, t, p, err)
		}
		if sent {
			b.metrics.Nudges.WithLabelValues("duplicate_avoided").Inc()
			b.log.Info("nudge already in the DM (an earlier claim sent it); not sending again", "task", t.ID, "reclaimed", t.Reclaimed, "attempt", t.Attempt)
			return nil
		}
	}
	if err := b.deliver(ctx, t.Team, p.User, rt, p.At, now, t.ID); err != nil {
		return b.nudgeFailed(ctx, t, p, err)
	}
	b.metrics.Nudges.WithLabelValues(outcome).Inc()
	return nil
}

// deliver sends the nudge of occurrence occ of rt to the user by DM, tagged
// with task (message metadata, "" for a sample), and records it as missed
// until the user answers. A kill between the post and the scheduler's done
// marker is covered by the metadata (nudge_once.go).
func (b *Bot) deliver(ctx context.Context, team, user string, rt routine.Routine, occ, now time.Time, task string) error {
	u := b.Profiles.get(ctx, team, user)
	who := b.pickWho(ctx, team, user, rt, occ, now)
	ref := nudgeRef{Routine: rt.ID, At: occ.Unix(), Users: who.Users}
	if who.Contact != nil {
		ref.Contact = who.Contact.ID
	}
	blocks := nudgeBlocks(u.Lang, rt, who, b.cardTitle(rt, u.Lang), ref, nudgeState{})
	if b.f.Routines.Extra != nil {
		extra, err := b.f.Routines.Extra(ctx, team, user, rt.ID, u.Lang)
		if err != nil {
			b.log.Warn("sending a nudge without its extra blocks", "routine", rt.ID, "err", err)
		}
		blocks = append(blocks, extra...)
	}
	text := rt.In(u.Lang).Title
	opts := []slack.MsgOption{slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)}
	if task != "" {
		opts = append(opts, nudgeMetadata(task))
	}
	if _, _, err := b.api.PostMessageContext(ctx, user, opts...); err != nil {
		return fmt.Errorf("bot: send nudge %s to %s: %w", rt.ID, user, err)
	}
	o := routine.Outcome{Routine: rt.ID, OccurrenceAt: occ, Result: routine.Missed, At: now}
	if err := b.store.AddOutcome(ctx, team, user, o); err != nil {
		b.log.Warn("cannot record a sent nudge", "user", user, "routine", rt.ID, "err", err)
	}
	return nil
}

// cardTitle is the title of the first of rt's cards the corpus knows.
func (b *Bot) cardTitle(rt routine.Routine, lang string) string {
	if b.f.Routines.CardTitle == nil {
		return ""
	}
	for _, id := range rt.Cards {
		if title, ok := b.f.Routines.CardTitle(id, lang); ok {
			return title
		}
	}
	return ""
}

// nudgeFailed sorts a Slack failure: rate limit → retry after Slack's
// delay; 5xx or network → retry; the user gone → unsubscribe, no retry;
// any other Slack error → counted as failed, no retry (it would fail the
// same way).
func (b *Bot) nudgeFailed(ctx context.Context, t RoutineTask, p nudgePayload, err error) error {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &RetryAfterError{After: rl.RetryAfter, Err: err}
	}
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return err // 5xx, network, cancelled: the engine retries with backoff
	}
	b.metrics.Nudges.WithLabelValues("failed").Inc()
	if userGone(se.Err) {
		b.log.Warn("user gone: unsubscribing from every routine", "user", p.User, "team", t.Team, "slack_error", se.Err)
		if err := b.unsubscribeAll(ctx, t.Team, p.User); err != nil {
			b.log.Error("cannot unsubscribe a user who is gone", "user", p.User, "err", err)
		}
		return nil
	}
	b.log.Error("nudge refused by Slack; not retrying", "task", t.ID, "slack_error", se.Err)
	return nil
}

// userGone reports whether a Slack error means the user cannot receive DMs
// any more.
func userGone(code string) bool {
	switch code {
	case "user_not_found", "account_inactive", "user_disabled", "channel_not_found", "cannot_dm_bot", "user_is_bot":
		return true
	}
	return false
}

// unsubscribeAll clears the user's subscriptions and cancels every pending
// nudge of theirs.
func (b *Bot) unsubscribeAll(ctx context.Context, team, user string) error {
	s, err := b.store.RoutineSettings(ctx, team, user)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	s.Subscribed = nil
	if err := b.store.SaveRoutineSettings(ctx, team, user, s); err != nil {
		return err
	}
	_, err = b.replan(ctx, team, user, s, b.now())
	return err
}

func latestOf(a, c time.Time) time.Time {
	if a.After(c) {
		return a
	}
	return c
}
