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
