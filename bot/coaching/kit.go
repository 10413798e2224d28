package coaching

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
)

// Message is a DM or an answer: its fallback text and its blocks.
type Message struct {
	Text   string
	Blocks []slack.Block
}

// Block Kit limits the builders cut to (https://api.slack.com/reference/block-kit).
const (
	maxSection    = 3000 // section text
	maxButton     = 75   // button and option text
	maxModalTitle = 24   // modal title, submit and close
	maxMessage    = 50   // blocks in a message
	maxQuote      = 600  // an action or a note quoted in a list
)

// md is a mrkdwn section, cut to Block Kit's limit.
func md(blockID, text string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, cut(text, maxSection), false, false), nil, nil, slack.SectionBlockOptionBlockID(blockID))
}

// plain is a plain_text object, cut to n characters.
func plain(s string, n int) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, cut(s, n), true, false)
}

// note is a context block of one mrkdwn line.
func note(blockID, text string) *slack.ContextBlock {
	return slack.NewContextBlock(blockID, slack.NewTextBlockObject(slack.MarkdownType, cut(text, maxSection), false, false))
}

// button is a button whose label is cut to Block Kit's limit.
func button(actionID, value, label string) *slack.ButtonBlockElement {
	return slack.NewButtonBlockElement(actionID, value, plain(label, maxButton))
}

// cut shortens s to at most n runes, marking the cut with an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// quote renders user or card text as a mrkdwn quote, escaped once.
func quote(s string, n int) string {
	lines := strings.Split(bot.Escape(cut(s, n)), "\n")
	return "> " + strings.Join(lines, "\n> ")
}

// ref is "<commitment>|<seq>", the value of a follow-up's buttons.
func ref(id string, seq int) string { return fmt.Sprintf("%s|%d", id, seq) }

// ParseRef reads a ref back (ok false for a malformed one).
func ParseRef(v string) (id string, seq int, ok bool) {
	id, s, found := strings.Cut(v, "|")
	if !found || id == "" {
		return "", 0, false
	}
	if _, err := fmt.Sscanf(s, "%d", &seq); err != nil || seq < 0 || fmt.Sprint(seq) != s {
		return "", 0, false
	}
	return id, seq, true
}

var (
	daysFR   = []string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}
	monthsFR = []string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
)

// when formats t in loc: "Mon 12 Jan 09:00" / "lun. 12 janv. 09:00".
func when(lang string, t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	if lang == langFR {
		return fmt.Sprintf("%s %d %s %s", daysFR[l.Weekday()], l.Day(), monthsFR[l.Month()-1], l.Format("15:04"))
	}
	return l.Format("Mon 2 Jan 15:04")
}

// day formats t's date in loc: "Mon 12 Jan" / "lun. 12 janv.".
func day(lang string, t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	l := t.In(loc)
	if lang == langFR {
		return fmt.Sprintf("%s %d %s", daysFR[l.Weekday()], l.Day(), monthsFR[l.Month()-1])
	}
	return l.Format("Mon 2 Jan")
}

// percent formats a rate in [0,1]: "67 %" in French, "67%" in English.
func percent(lang string, r float64) string {
	p := int(r*100 + 0.5)
	if lang == langFR {
		return fmt.Sprintf("%d %%", p)
	}
	return fmt.Sprintf("%d%%", p)
}

// escaped escapes user or card text once for a mrkdwn sentence.
func escaped(s string) string { return bot.Escape(s) }

// discardLog is a logger that drops everything.
func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }
