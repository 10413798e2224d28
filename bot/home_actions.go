package bot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"
)

// homeActionLines bounds the retro actions listed on App Home.
const homeActionLines = 10

func init() {
	AddTexts(map[string][2]string{
		"home.actions":      {"*Your open retro actions* — %d", "*Vos actions de rétro en cours* — %d"},
		"home.actions_none": {"*Retro actions* — none open in your name.", "*Actions de rétro* — aucune en cours à votre nom."},
		"home.action_due":   {" (due %s)", " (échéance %s)"},
		"home.actions_more": {"…and %d more.", "…et %d de plus."},
	})
}

// actionsHomeBlocks lists the open retro actions the user owns.
func (b *Bot) actionsHomeBlocks(ctx context.Context, team, user, lang string) []slack.Block {
	acts, err := b.store.ActionsOwnedBy(ctx, team, user)
	if err != nil {
		b.log.Warn("retro actions unavailable for App Home", "user", user, "err", err)
		return nil
	}
	if len(acts) == 0 {
		return []slack.Block{Markdown("actions", T(lang, "home.actions_none"))}
	}
	lines := []string{T(lang, "home.actions", len(acts))}
	for i, a := range acts {
		if i == homeActionLines {
			lines = append(lines, T(lang, "home.actions_more", len(acts)-i))
			break
		}
		line := "• " + Escape(Truncate(a.Text, 200))
		if a.Due != "" {
			line += T(lang, "home.action_due", a.Due)
		}
		lines = append(lines, line)
	}
	return []slack.Block{Markdown("actions", strings.Join(lines, "\n"))}
}
