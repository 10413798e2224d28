package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// A view submission is answered in its ack, and the ack decides what the
// user believes: an empty ack closes the modal as if the form had been
// saved. So when a submission handler is still waiting (on a hung Redis) at
// the ack deadline, the watchdog does not ack empty: it answers
// response_action "errors" on the form's first input, saying the save is
// still going on and that a message will say how it ended; the handler's
// own answer, when it comes, is then turned into that message (a DM):
// "saved" for a closing, clearing or updating answer, "not saved" with the
// reasons for an errors answer. A submission therefore ends either stored
// or with the user told that it failed, never with a closed modal over a
// lost write.

func init() {
	AddTexts(map[string][2]string{
		"submit.slow": {
			"Still saving: this is taking longer than usual. You can close this window; I will send you a message saying whether it worked. Please do not submit again.",
			"Enregistrement en cours : c'est plus long que d'habitude. Vous pouvez fermer cette fenêtre ; je vous enverrai un message disant si cela a marché. Ne soumettez pas à nouveau, s'il vous plaît.",
		},
		"submit.late_ok":     {"✅ Saved after all: your form (%s) went through.", "✅ Finalement enregistré : votre formulaire (%s) est bien passé."},
		"submit.late_failed": {"⚠️ Your form (%s) was *not* saved: %s Please open it again and resubmit.", "⚠️ Votre formulaire (%s) n'a *pas* été enregistré : %s Rouvrez-le et soumettez-le à nouveau, s'il vous plaît."},
		"submit.no_state": {
			"This form arrived without its content (Slack sent no state). Nothing was saved; please close it and open it again.",
			"Ce formulaire est arrivé sans son contenu (Slack n'a envoyé aucun état). Rien n'a été enregistré ; fermez-le et rouvrez-le, s'il vous plaît.",
		},
	})
}

// isSubmission reports whether r is a view_submission.
func isSubmission(r *Request) bool {
	return r.Callback != nil && r.Callback.Type == slack.InteractionTypeViewSubmission
}

// firstInputBlock returns the block id of the submitted view's first input
// block ("" when it has none): the only place an errors answer can show.
func firstInputBlock(v slack.View) string {
	for _, bl := range v.Blocks.BlockSet {
		if in, ok := bl.(*slack.InputBlock); ok && in.BlockID != "" {
			return in.BlockID
		}
	}
	return ""
}

// submissionErrors answers a view submission with msg on its first input
// block, or closes it when the view has no input (the caller then tells the
// user another way). It reports whether the answer shows msg in the modal.
func submissionErrors(r *Request, msg string) (any, bool) {
	if id := firstInputBlock(r.Callback.View); id != "" {
		return slack.NewErrorsViewSubmissionResponse(map[string]string{id: msg}), true
	}
	return nil, false
}

// ackSlowSubmission is the watchdog's answer to a view submission whose
// handler has not acked by the deadline: "still saving" in the modal, and
// the handler's later answer becomes a DM (lateSubmission). It reports
// whether it sent the ack.
func (b *Bot) ackSlowSubmission(r *Request) bool {
	// Not r.Lang: the handler, still running, may be writing it.
	lang := b.Profiles.defaultLang
	if u, ok := b.Profiles.cached(r.TeamID, r.UserID); ok {
		lang = u.Lang
	}
	payload, _ := submissionErrors(r, T(lang, "submit.slow"))
	return r.ackForHandler(payload, func(p any) { b.lateSubmission(r, p) })
}

// lateSubmission tells the user by DM how a submission answered after the
// watchdog ended: p is the ack the handler would have sent.
func (b *Bot) lateSubmission(r *Request, p any) {
	lang := b.langFor(r)
	what := r.Callback.View.Title
	name := r.Callback.View.CallbackID
	if what != nil && what.Text != "" {
		name = what.Text
	}
	text := T(lang, "submit.late_ok", name)
	var blocks []slack.Block
	if vr, ok := p.(*slack.ViewSubmissionResponse); ok && vr != nil {
		switch vr.ResponseAction {
		case slack.RAErrors:
			msgs := make([]string, 0, len(vr.Errors))
			for _, m := range vr.Errors {
				msgs = append(msgs, strings.TrimSpace(m))
			}
			text = T(lang, "submit.late_failed", name, strings.Join(msgs, " "))
		case slack.RAUpdate, slack.RAPush:
			if vr.View != nil {
				blocks = messageBlocks(vr.View.Blocks.BlockSet)
			}
		}
	}
	b.tellUser(b.work, r, text, blocks)
}

// failedSubmission is the answer to a submission whose handler panicked:
// an errors ack when none was sent, else a DM.
func (b *Bot) failedSubmission(ctx context.Context, r *Request, msg string) {
	failed := slack.NewErrorsViewSubmissionResponse(map[string]string{firstInputBlock(r.Callback.View): msg})
	if firstInputBlock(r.Callback.View) == "" && !r.wasAcked() && r.tryAck(nil) {
		b.tellUser(ctx, r, msg, nil) // no input to show msg on: close, then DM
		return
	}
	// Shown in the modal, or (after the watchdog's ack) sent as a DM.
	r.tryAck(failed)
}

// tellUser DMs the user (chat.postMessage to a user id opens the DM).
func (b *Bot) tellUser(ctx context.Context, r *Request, text string, blocks []slack.Block) {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if len(blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(append([]slack.Block{Markdown("outcome", text)}, blocks...)...))
	}
	if _, _, err := b.api.PostMessageContext(ctx, r.UserID, opts...); err != nil {
		b.log.Error("cannot tell the user how a submission ended", "user", r.UserID, "detail", describe(r), "err", err)
	}
}

// messageBlocks keeps the blocks of a modal that a message can carry.
func messageBlocks(in []slack.Block) []slack.Block {
	var out []slack.Block
	for _, bl := range in {
		switch bl.BlockType() {
		case slack.MBTSection, slack.MBTDivider, slack.MBTContext, slack.MBTHeader:
			out = append(out, bl)
		}
	}
	return out
}
