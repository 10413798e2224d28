package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// help answers "/cto help" (and "/cto" alone) with short ephemeral help.
func (b *Bot) help(ctx context.Context, r *Request) error {
	r.Answer(ctx, HelpReply(r.Lang))
	return nil
}

// HelpReply is the short help of /cto in lang.
func HelpReply(lang string) Reply {
	title, body := T(lang, "help.title"), T(lang, "help.body")
	return Reply{
		Text: title + "\n" + body,
		Blocks: []slack.Block{
			slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, title+"\n"+body, false, false), nil, nil),
		},
	}
}

// setLang answers "/cto lang fr|en".
func (b *Bot) setLang(ctx context.Context, r *Request) error {
	r.Ack(nil)
	want := strings.ToLower(strings.TrimSpace(r.Args))
	if want != LangEN && want != LangFR {
		r.Answer(ctx, Reply{Text: T(r.Lang, "lang.usage", r.Lang)})
		return nil
	}
	if err := b.store.SetLang(ctx, r.TeamID, r.UserID, want); err != nil {
		return Unavailable("verb.save_lang", err)
	}
	b.Profiles.forget(r.TeamID, r.UserID)
	r.Lang = want
	r.Answer(ctx, Reply{Text: T(want, "lang.set")})
	return nil
}
