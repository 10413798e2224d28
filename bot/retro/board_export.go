package retrobot

import (
	"ctocoach/bot"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"
)

// The Markdown export is posted as messages rather than uploaded: the app
// asks for no files:write scope. Each section holds one code block of at
// most exportChunkChars characters (Slack allows 3,000 per section text),
// each message at most exportSections sections, and an export at most
// exportMessagesMax messages; what does not fit is cut with a note.
const (
	exportChunkChars  = 2900
	exportSections    = 10
	exportMessagesMax = 10
)

// exportMessages splits a Markdown export into the blocks of one or more
// messages: escaped (so nothing in it can ping anyone), with triple
// backticks defused so user text cannot end the code block.
func exportMessages(lang, md string) [][]slack.Block {
	safe := strings.ReplaceAll(bot.Escape(md), "```", "`\u200b``")
	chunks := splitChunks(safe, exportChunkChars)
	var msgs [][]slack.Block
	var cur []slack.Block
	shown := 0
	for i, c := range chunks {
		if len(msgs) == exportMessagesMax-1 && len(cur) == exportSections-1 && i < len(chunks)-1 {
			cur = append(cur, bot.Markdown("cut", bot.T(lang, "retro.export_cut", shown)))
			break
		}
		cur = append(cur, bot.Markdown("", "```\n"+c+"\n```"))
		shown += utf8.RuneCountInString(c)
		if len(cur) == exportSections {
			msgs = append(msgs, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		msgs = append(msgs, cur)
	}
	return msgs
}

// splitChunks cuts s into pieces of at most max characters, at line breaks
// when it can, else inside a line but never inside an HTML entity.
func splitChunks(s string, max int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	flush := func() {
		if n > 0 {
			out = append(out, strings.TrimRight(cur.String(), "\n"))
			cur.Reset()
			n = 0
		}
	}
	for _, line := range strings.SplitAfter(s, "\n") {
		k := utf8.RuneCountInString(line)
		if n+k > max {
			flush()
		}
		for k > max {
			head, rest := cutLine(line, max)
			out = append(out, head)
			line, k = rest, utf8.RuneCountInString(rest)
		}
		cur.WriteString(line)
		n += k
	}
	flush()
	return out
}

// cutLine splits line after at most max characters, moving the cut before
// an entity ("&amp;") it would fall into.
func cutLine(line string, max int) (string, string) {
	r := []rune(line)
	cut := max
	if amp := strings.LastIndex(string(r[max-min(max, 5):max]), "&"); amp >= 0 {
		tail := string(r[max-min(max, 5) : max])[amp:]
		if !strings.Contains(tail, ";") {
			cut = max - utf8.RuneCountInString(tail)
		}
	}
	if cut <= 0 {
		cut = max
	}
	return string(r[:cut]), string(r[cut:])
}
