package retrobot

import (
	"ctocoach/bot"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"ctocoach/retro"
	"ctocoach/store"
)

// boardCardChars bounds a card's text on the channel board (the "View all"
// modal shows it whole), so the message stays readable and small.
const boardCardChars = 300

// renderBoard lays out the board's channel message as retro.Plan decides:
// one block per planned item (retro's Cost* constants), card texts hidden
// while collecting, every user text escaped and cut to fit its section.
func renderBoard(rb store.RetroBoard, limits retro.Limits) (string, []slack.Block) {
	lang, b := rb.Lang, rb.Board
	l := retro.Plan(b, lang, limits)
	title := bot.T(lang, "retro.title", b.Format.Title(lang), b.Number)
	blocks := []slack.Block{slack.NewHeaderBlock(bot.PlainText(cutChars(title, 150)), slack.HeaderBlockOptionBlockID("head"))}
	if l.Status {
		status := bot.T(lang, "retro.status", phaseLabel(lang, b.Phase), b.Facilitator, b.VoteBudget, len(b.Cards))
		blocks = append(blocks, slack.NewContextBlock("status", mrkdwn(status)))
	}
	if l.Previous.Present() {
		text := listText(lang, "retro.previous_title", b.PreviousActions, l.Previous, true)
		acc := slack.NewAccessory(slack.NewButtonBlockElement("retro.prev", b.ID, bot.PlainText(bot.T(lang, "retro.btn.review"))))
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil, acc, slack.SectionBlockOptionBlockID("prev")))
	}
	cards := make(map[string]retro.Card, len(b.Cards))
	for _, c := range b.Cards {
		cards[c.ID] = c
	}
	cardMax := min(boardCardChars, l.CardTextMax)
	for _, z := range l.Zones {
		if l.Dividers {
			blocks = append(blocks, slack.NewDividerBlock())
		}
		head := bot.T(lang, "retro.zone_count", z.Emoji, bot.Escape(z.Name), z.Total)
		if !z.CountsOnly {
			head = bot.T(lang, "retro.zone_votes", z.Emoji, bot.Escape(z.Name), z.Total, z.Votes)
		}
		var acc *slack.Accessory
		if z.ViewAll {
			acc = slack.NewAccessory(slack.NewButtonBlockElement("retro.all:"+z.ZoneID, b.ID, bot.PlainText(bot.T(lang, "retro.btn.view_all"))))
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(head), nil, acc, slack.SectionBlockOptionBlockID("zone:"+z.ZoneID)))
		if l.Prompts {
			blocks = append(blocks, slack.NewContextBlock("prompt:"+z.ZoneID, mrkdwn(bot.Escape(z.Prompt))))
		}
		for _, id := range z.CardIDs {
			blocks = append(blocks, cardSection(lang, b, cards[id], cardMax))
		}
	}
	if l.Actions.Present() {
		text := listText(lang, "retro.actions_title", b.Actions, l.Actions, false)
		var acc *slack.Accessory
		if !b.Phase.HidesCards() {
			acc = slack.NewAccessory(slack.NewButtonBlockElement("retro.promote", b.ID, bot.PlainText(bot.T(lang, "retro.btn.promote_pick"))))
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(text), nil, acc, slack.SectionBlockOptionBlockID("actions")))
	}
	blocks = append(blocks, footer(lang, b, l))
	fallback := bot.T(lang, "retro.fallback", b.Number, b.Format.Title(lang), len(b.Cards))
	return fallback, blocks
}

// cardSection is one card: its (escaped, cut) text, its votes once voting
// started, and the phase's button: vote, promote, or both promote and
// "action from this card".
func cardSection(lang string, b retro.Board, c retro.Card, maxChars int) *slack.SectionBlock {
	text := escapeCut(retro.VisibleText(b, c), maxChars) + byline(b, c)
	if b.Phase != retro.PhaseCollect && b.Phase != retro.PhaseReveal {
		text += "   " + bot.T(lang, "retro.card_votes", c.Votes)
	}
	var acc *slack.Accessory
	switch b.Phase {
	case retro.PhaseVote:
		acc = slack.NewAccessory(slack.NewButtonBlockElement("retro.vote:"+c.ID, b.ID, bot.PlainText(bot.T(lang, "retro.btn.vote"))))
	case retro.PhaseReveal, retro.PhaseClosed:
		acc = slack.NewAccessory(slack.NewButtonBlockElement("retro.promote_card:"+c.ID, b.ID, bot.PlainText(bot.T(lang, "retro.btn.promote"))))
	case retro.PhaseActions:
		acc = slack.NewAccessory(slack.NewOverflowBlockElement("retro.card:"+c.ID,
			slack.NewOptionBlockObject("promote|"+b.ID, bot.PlainText(bot.T(lang, "retro.btn.promote")), nil),
			slack.NewOptionBlockObject("action|"+b.ID, bot.PlainText(bot.T(lang, "retro.btn.from_card")), nil)))
	}
	return slack.NewSectionBlock(mrkdwn(text), nil, acc, slack.SectionBlockOptionBlockID("card:"+c.ID))
}

// byline names a signed card's author once cards are revealed (a mention,
// within retro.CardLineOverhead); anonymous cards have none.
func byline(b retro.Board, c retro.Card) string {
	if c.Anonymous() || b.Phase.HidesCards() {
		return ""
	}
	return " — <@" + c.Author + ">"
}

// footer is the phase's buttons, plus "My cards" while collecting.
func footer(lang string, b retro.Board, l retro.Layout) *slack.ActionBlock {
	var els []slack.BlockElement
	for _, btn := range l.Buttons {
		e := slack.NewButtonBlockElement("retro."+string(btn), b.ID, bot.PlainText(bot.T(lang, "retro.btn."+string(btn))))
		switch btn {
		case retro.ButtonAddCard, retro.ButtonAddAction:
			e.Style = slack.StylePrimary
		case retro.ButtonClose:
			e.Confirm = slack.NewConfirmationBlockObject(bot.PlainText(bot.T(lang, "retro.btn.close")),
				bot.PlainText(bot.T(lang, "retro.close_confirm")), bot.PlainText(bot.T(lang, "retro.confirm")), bot.PlainText(bot.T(lang, "retro.cancel")))
		}
		els = append(els, e)
	}
	if b.Phase == retro.PhaseCollect && len(els) < l.Limits.MaxActionsElems {
		els = append(els, slack.NewButtonBlockElement("retro.mine", b.ID, bot.PlainText(bot.T(lang, "retro.btn.mine"))))
	}
	return slack.NewActionBlock("footer", els...)
}

// listText is a list section: the title, the planned lines, "…and N more".
func listText(lang, titleKey string, list []retro.Action, p retro.ListPlan, status bool) string {
	var w strings.Builder
	w.WriteString(bot.T(lang, titleKey))
	for _, a := range list[:min(p.Shown, len(list))] {
		w.WriteString("\n")
		w.WriteString(actionLine(lang, a, status))
	}
	if p.More > 0 {
		w.WriteString("\n")
		w.WriteString(bot.T(lang, "retro.more", p.More))
	}
	return w.String()
}

// actionLine is "• text — @owner — due date" (with its status when asked),
// within retro.ActionLineLen.
func actionLine(lang string, a retro.Action, status bool) string {
	line := "• " + bot.Escape(a.Text) + " — <@" + a.Owner + ">"
	if a.Due != "" {
		line += " — " + bot.T(lang, "retro.owner_due", a.Due)
	}
	if status {
		if a.Status == retro.ActionDone {
			line = "✅ " + line[len("• "):]
		} else {
			line = "⏳ " + line[len("• "):]
		}
	}
	return line
}

func phaseLabel(lang string, p retro.Phase) string {
	if !p.Valid() {
		return "?"
	}
	return bot.T(lang, "retro.phase."+string(p))
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

// escapeCut escapes s (see Escape) and cuts the result to at most max
// characters, ending with "…" when cut, never inside an entity.
func escapeCut(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if retro.EscapedLen(s) <= max {
		return bot.Escape(s)
	}
	var w strings.Builder
	n := 0
	for _, r := range s {
		piece := bot.Escape(string(r))
		k := utf8.RuneCountInString(piece)
		if n+k > max-1 {
			break
		}
		w.WriteString(piece)
		n += k
	}
	return strings.TrimRight(w.String(), " \n") + "…"
}

// cutChars cuts plain text to at most n characters, ending with "…".
func cutChars(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
