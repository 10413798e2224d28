package retro

import (
	"fmt"
	"strings"
)

// Markdown is the full export of board b in lang: every card per zone with
// its votes, the actions, the carried-over actions and the standards
// promoted. User IDs are shown through name (for instance a display-name
// lookup; nil shows the IDs) and nothing is escaped for Slack (the bot
// escapes). Card texts stay hidden while collecting.
func Markdown(b Board, lang string, name func(userID string) string) string {
	lang = NormLang(lang)
	if name == nil {
		name = func(id string) string { return id }
	}
	var w strings.Builder
	fmt.Fprintf(&w, "# %s #%d — %s\n\n", label("retro", lang), b.Number, b.Format.Title(lang))
	fmt.Fprintf(&w, "- %s: %s\n", label("date", lang), b.CreatedAt.Format(DateLayout))
	if !b.ClosedAt.IsZero() {
		fmt.Fprintf(&w, "- %s: %s\n", label("closed", lang), b.ClosedAt.Format(DateLayout))
	}
	fmt.Fprintf(&w, "- %s: %s\n", label("facilitator", lang), name(b.Facilitator))
	fmt.Fprintf(&w, "- %s: %d\n", label("budget", lang), b.VoteBudget)
	c := countBoard(b)
	fmt.Fprintf(&w, "- %s: %d %s, %s, %d %s\n",
		label("totals", lang), c.Cards, label("cards", lang), votesLabel(c.Votes, lang),
		c.Actions, strings.ToLower(label("actions", lang)))

	if len(b.PreviousActions) > 0 {
		fmt.Fprintf(&w, "\n## %s\n\n", label("previous", lang))
		for _, a := range b.PreviousActions {
			writeAction(&w, a, lang, name)
		}
	}
	for _, z := range b.Format.Zones {
		fmt.Fprintf(&w, "\n## %s %s\n\n", z.Emoji, z.Label(lang))
		if q := z.Question(lang); q != "" {
			fmt.Fprintf(&w, "_%s_\n\n", q)
		}
		cards := ZoneCards(b, z.ID)
		if len(cards) == 0 {
			fmt.Fprintf(&w, "%s\n", label("no_cards", lang))
		}
		for _, card := range cards {
			fmt.Fprintf(&w, "- %s (%s)\n", indent(VisibleText(b, card)), votesLabel(card.Votes, lang))
		}
	}
	fmt.Fprintf(&w, "\n## %s\n\n", label("actions", lang))
	if len(b.Actions) == 0 {
		fmt.Fprintf(&w, "%s\n", label("no_actions", lang))
	}
	for _, a := range b.Actions {
		writeAction(&w, a, lang, name)
	}
	if len(b.Promoted) > 0 {
		fmt.Fprintf(&w, "\n## %s\n\n", label("standards", lang))
		for _, s := range b.Promoted {
			fmt.Fprintf(&w, "- **%s**", indent(s.Title))
			if s.Text != "" && s.Text != s.Title {
				fmt.Fprintf(&w, ": %s", indent(s.Text))
			}
			w.WriteString("\n")
		}
	}
	return w.String()
}

// writeAction writes one action as a task-list item.
func writeAction(w *strings.Builder, a Action, lang string, name func(string) string) {
	box := " "
	if a.Status == ActionDone {
		box = "x"
	}
	fmt.Fprintf(w, "- [%s] %s — %s: %s", box, indent(a.Text), label("owner", lang), name(a.Owner))
	if a.Due != "" {
		fmt.Fprintf(w, " — %s: %s", label("due", lang), a.Due)
	}
	w.WriteString("\n")
}

// indent keeps multi-line text inside its list item.
func indent(s string) string { return strings.ReplaceAll(s, "\n", "\n  ") }
