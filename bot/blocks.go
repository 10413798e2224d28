package bot

import "github.com/slack-go/slack"

// Markdown is a section block of mrkdwn text, cut to Slack's 3,000 characters.
func Markdown(blockID, text string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, Truncate(text, 3000), false, false), nil, nil, slack.SectionBlockOptionBlockID(blockID))
}

// PlainText is a plain_text object with emoji.
func PlainText(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

// Truncate cuts s to at most n runes, marking the cut with an ellipsis.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
