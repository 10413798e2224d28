package bot

import (
	"context"
	"errors"
	"time"

	"github.com/slack-go/slack"
)

// triggerBudget is how long after an envelope arrives its trigger id may
// still be used: Slack gives 3 s from the click; the margin covers the
// envelope's trip to us and the views.open call's own trip to Slack.
const triggerBudget = 2500 * time.Millisecond

func init() {
	AddTexts(map[string][2]string{
		"slack.busy": {
			"Slack is busy right now and the window could not open. Please press the button (or run the command) again.",
			"Slack est surchargé en ce moment et la fenêtre n'a pas pu s'ouvrir. Appuyez de nouveau sur le bouton (ou relancez la commande).",
		},
		"slack.busy_view": {
			"Slack is busy right now: this window could not be refreshed. What you did is kept; close the window and open it again in a moment.",
			"Slack est surchargé en ce moment : cette fenêtre n'a pas pu être mise à jour. Ce que vous avez fait est conservé ; fermez la fenêtre et rouvrez-la dans un instant.",
		},
		"slack.busy_home": {
			"Slack is busy right now: your App Home could not be refreshed. Open it again in a moment.",
			"Slack est surchargé en ce moment : votre onglet Accueil n'a pas pu être mis à jour. Rouvrez-le dans un instant.",
		},
	})
}

// triggerCtx bounds a trigger-bound call (views.open, views.push) by the
// trigger's life, counted from when the envelope arrived: the transport
// refuses at once a call that could not go out in time, and no retry starts
// after it.
func (r *Request) triggerCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	from := r.received
	if from.IsZero() {
		from = time.Now()
	}
	return context.WithDeadline(ctx, from.Add(triggerBudget))
}

// openView opens view with the request's trigger (pushes it onto the open
// modal when push is set). When Slack refuses (429 past the trigger's life,
// 5xx after the retries, an expired trigger) the user is told at once that
// Slack is busy and to press again; any other failure gets the apology.
func (b *Bot) openView(ctx context.Context, r *Request, view slack.ModalViewRequest, push bool) error {
	tctx, cancel := r.triggerCtx(ctx)
	defer cancel()
	var err error
	if push {
		_, err = b.api.PushViewContext(tctx, r.TriggerID, view)
	} else {
		_, err = b.api.OpenViewContext(tctx, r.TriggerID, view)
	}
	if err == nil {
		return nil
	}
	busy := slackBusy(err)
	b.log.Warn("cannot open a modal", "callback", view.CallbackID, "user", r.UserID, "busy", busy, "err", err)
	key := "error.apology"
	if busy {
		key = "slack.busy"
	}
	b.notify(ctx, r, Reply{Text: T(r.Lang, key)})
	return err
}

// SlackBusy reports whether err from a Web API call means Slack could not
// take it now (rate-limited after the retries, a server error, a deadline):
// a feature then tells the user to try again rather than naming another
// cause.
func SlackBusy(err error) bool { return slackBusy(err) }

// slackBusy reports whether err means Slack could not take the call now
// (rate-limited, a server error, the trigger or the deadline gone), so that
// pressing again later is the right advice.
func slackBusy(err error) bool {
	var rl *slack.RateLimitedError
	var sc slack.StatusCodeError
	var se slack.SlackErrorResponse
	switch {
	case errors.Is(err, ErrSlackBusy), errors.Is(err, context.DeadlineExceeded), errors.As(err, &rl):
		return true
	case errors.As(err, &sc):
		return sc.Code == 429 || sc.Code >= 500
	case errors.As(err, &se):
		return se.Err == "expired_trigger_id" || se.Err == "ratelimited" || se.Err == "fatal_error" || se.Err == "internal_error"
	}
	return false
}

// updateView replaces the modal viewID (hash guards against a stale one;
// empty skips the check) with view. views.update needs no trigger, so the
// transport paces and retries it like any call; when it still fails the
// user is told (where the request came from, else by DM) that the window
// could not be refreshed and to open it again, and the error is
// returned. A hash_conflict (the modal moved on meanwhile) tells nobody.
func (b *Bot) updateView(ctx context.Context, r *Request, view slack.ModalViewRequest, hash, viewID string) error {
	_, err := b.api.UpdateViewContext(ctx, view, "", hash, viewID)
	if err == nil {
		return nil
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) && se.Err == "hash_conflict" {
		b.log.Info("modal changed meanwhile; not updated", "callback", view.CallbackID, "user", r.UserID)
		return err
	}
	b.log.Warn("cannot update a modal", "callback", view.CallbackID, "user", r.UserID, "busy", slackBusy(err), "err", err)
	key := "error.apology"
	if slackBusy(err) {
		key = "slack.busy_view"
	}
	b.notify(ctx, r, Reply{Text: T(r.Lang, key)})
	return err
}
