package retrobot

import (
	"context"
	"ctocoach/bot"
	"strings"

	"github.com/slack-go/slack"
)

// homeActionLines bounds the retro actions listed on App Home.
const homeActionLines = 10

func init() {
	bot.AddTexts(map[string][2]string{
		"home.actions":      {"*Your open retro actions* — %d", "*Vos actions de rétro en cours* — %d"},
		"home.actions_none": {"*Retro actions* — none open in your name.", "*Actions de rétro* — aucune en cours à votre nom."},
		"home.action_due":   {" (due %s)", " (échéance %s)"},
		"home.actions_more": {"…and %d more.", "…et %d de plus."},
	})
}

// actionsHomeBlocks lists the open retro actions the user owns.
func (b *feature) actionsHomeBlocks(ctx context.Context, team, user, lang string) []slack.Block {
	acts, err := b.Store.ActionsOwnedBy(ctx, team, user)
	if err != nil {
		b.Log.Warn("retro actions unavailable for App Home", "user", user, "err", err)
		return nil
	}
	if len(acts) == 0 {
		return []slack.Block{bot.Markdown("actions", bot.T(lang, "home.actions_none"))}
	}
	lines := []string{bot.T(lang, "home.actions", len(acts))}
	for i, a := range acts {
		if i == homeActionLines {
			lines = append(lines, bot.T(lang, "home.actions_more", len(acts)-i))
			break
		}
		line := "• " + bot.Escape(bot.Truncate(a.Text, 200))
		if a.Due != "" {
			line += bot.T(lang, "home.action_due", a.Due)
		}
		lines = append(lines, line)
	}
	return []slack.Block{bot.Markdown("actions", strings.Join(lines, "\n"))}
}
