package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// help answers "/cto help" (and "/cto" alone) with short ephemeral help.
func (b *Bot) help(ctx context.Context, r *Request) {
	b.user(ctx, r)
	r.Answer(ctx, HelpReply(r.Lang))
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
func (b *Bot) setLang(ctx context.Context, r *Request) {
	r.Ack(nil)
	b.user(ctx, r)
	want := strings.ToLower(strings.TrimSpace(r.Args))
	if want != LangEN && want != LangFR {
		r.Answer(ctx, Reply{Text: T(r.Lang, "lang.usage", r.Lang)})
		return
	}
	if err := b.store.SetLang(ctx, r.TeamID, r.UserID, want); err != nil {
		b.unavailable(ctx, r, "verb.save_lang", err)
		return
	}
	b.Profiles.forget(r.TeamID, r.UserID)
	r.Lang = want
	r.Answer(ctx, Reply{Text: T(want, "lang.set")})
}
