package bot

import (
	"context"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// MaxCommandText is the longest slash command text the bot reads.
const MaxCommandText = 2000

// commandHandler returns the slash command's handler. It first undoes
// Slack's escaping of the text once (r.Raw keeps Slack's text), so that
// every handler reads what the user typed and escapes it once on the way out.
func (b *Bot) commandHandler(r *Request) HandlerFunc {
	r.Raw = r.Command.Text
	r.Command.Text = Unescape(r.Command.Text)
	return b.router.commands[r.Command.Command]
}

func (b *Bot) interactionHandler(r *Request) HandlerFunc {
	cb := r.Callback
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		if len(cb.ActionCallback.BlockActions) == 0 {
			return nil
		}
		r.Action = cb.ActionCallback.BlockActions[0]
		return b.router.action(r.Action.ActionID)
	case slack.InteractionTypeViewSubmission, slack.InteractionTypeViewClosed:
		return b.router.views[cb.View.CallbackID]
	case slack.InteractionTypeShortcut, slack.InteractionTypeMessageAction:
		// A message's text comes escaped like command text; modal inputs do not.
		cb.Message.Text = Unescape(cb.Message.Text)
		return b.router.shortcuts[cb.CallbackID]
	}
	return nil
}

// cto routes "/cto <subcommand|question>".
func (b *Bot) cto(ctx context.Context, r *Request) error {
	text := r.Command.Text
	if n := utf8.RuneCountInString(text); n > MaxCommandText {
		b.log.Info("slash command too long", "user", r.UserID, "chars", n)
		r.Answer(ctx, Reply{Text: T(r.Lang, "error.too_long", n, MaxCommandText)})
		return nil
	}
	name, rest := splitSubcommand(text)
	if h, ok := b.router.subcommands[name]; ok {
		r.Args = rest
		return h(ctx, r)
	}
	if name == "" || b.router.question == nil {
		b.help(ctx, r)
		return nil
	}
	r.Args = text
	return b.router.question(ctx, r)
}
