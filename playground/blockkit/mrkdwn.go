package blockkit

import (
	"cmp"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// Directory names the users and channels that mentions point to.
type Directory struct {
	// Users maps a user id to the name shown after "@".
	Users map[string]string
	// Channels maps a channel id to its name (without "#").
	Channels map[string]string
}

// slackUnescape undoes Slack's three entities (&amp; &lt; &gt;), the only
// escaping Slack applies to message text.
var slackUnescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")

var (
	controlRe = regexp.MustCompile(`<([^<>\n]+)>`)
	boldRe    = regexp.MustCompile(`(^|[^\p{L}\p{N}*])\*([^*\n]+)\*`)
	italicRe  = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_([^_\n]+)_`)
	strikeRe  = regexp.MustCompile(`(^|[^\p{L}\p{N}~])~([^~\n]+)~`)
	codeRe    = regexp.MustCompile("`([^`\n]+)`")
	emojiRe   = regexp.MustCompile(`:([a-z0-9_+\-]+):`)
	holderRe  = regexp.MustCompile("\x00(\\d+)\x00")
)

// emoji are the shortcodes worth showing as characters; others stay as text.
var emoji = map[string]string{
	"+1": "👍", "thumbsup": "👍", "-1": "👎", "thumbsdown": "👎", "white_check_mark": "✅",
	"warning": "⚠️", "x": "❌", "tada": "🎉", "wave": "👋", "bulb": "💡", "calendar": "📅",
	"dart": "🎯", "books": "📚", "coffee": "☕", "sailboat": "⛵", "star": "⭐", "fire": "🔥",
	"heart": "❤️", "rocket": "🚀", "memo": "📝", "pushpin": "📌", "clock3": "🕒", "zzz": "💤",
}

// Mrkdwn renders Slack mrkdwn (as the bot sends it: &, < and > escaped,
// control sequences in angle brackets) as HTML.
func (d Directory) Mrkdwn(s string) string {
	var holders []string
	s = controlRe.ReplaceAllStringFunc(s, func(m string) string {
		holders = append(holders, d.control(m[1:len(m)-1]))
		return fmt.Sprintf("\x00%d\x00", len(holders)-1)
	})
	parts := strings.Split(s, "```")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 { // inside a fence
			p = strings.TrimPrefix(p, "\n")
			b.WriteString(`<pre class="bk-pre">` + html.EscapeString(slackUnescape.Replace(p)) + `</pre>`)
			continue
		}
		if i%2 == 1 { // unclosed fence: literal
			b.WriteString("```")
		}
		b.WriteString(d.lines(p))
	}
	return holderRe.ReplaceAllStringFunc(b.String(), func(m string) string {
		var n int
		fmt.Sscanf(strings.Trim(m, "\x00"), "%d", &n)
		if n < len(holders) {
			return holders[n]
		}
		return ""
	})
}

// lines formats text outside code fences, line by line (quotes, inline code
// and emphasis).
func (d Directory) lines(s string) string {
	var out []string
	inQuote := false
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		line = slackUnescape.Replace(line)
		quote := strings.HasPrefix(line, ">")
		if quote {
			line = strings.TrimPrefix(strings.TrimPrefix(line, ">"), " ")
		}
		h := inline(html.EscapeString(line))
		switch {
		case quote && !inQuote:
			b.WriteString(strings.Join(out, "<br>"))
			out = nil
			b.WriteString(`<blockquote class="bk-quote">` + h)
			inQuote = true
		case quote:
			b.WriteString("<br>" + h)
		case inQuote:
			b.WriteString("</blockquote>")
			inQuote = false
			out = append(out, h)
		default:
			out = append(out, h)
		}
	}
	if inQuote {
		b.WriteString("</blockquote>")
	}
	b.WriteString(strings.Join(out, "<br>"))
	return b.String()
}

// inline applies inline code, bold, italic, strike and emoji to escaped HTML.
func inline(h string) string {
	var codes []string
	h = codeRe.ReplaceAllStringFunc(h, func(m string) string {
		codes = append(codes, `<code class="bk-code">`+m[1:len(m)-1]+`</code>`)
		return fmt.Sprintf("\x01%d\x01", len(codes)-1)
	})
	h = boldRe.ReplaceAllString(h, "$1<b>$2</b>")
	h = italicRe.ReplaceAllString(h, "$1<i>$2</i>")
	h = strikeRe.ReplaceAllString(h, "$1<s>$2</s>")
	h = emojiRe.ReplaceAllStringFunc(h, func(m string) string {
		if e, ok := emoji[m[1:len(m)-1]]; ok {
			return e
		}
		return m
	})
	for i, c := range codes {
		h = strings.Replace(h, fmt.Sprintf("\x01%d\x01", i), c, 1)
	}
	return h
}

// mention renders a mention of name with its sigil (@ or #).
func mention(sigil, name string) string {
	return `<span class="bk-mention">` + sigil + html.EscapeString(name) + `</span>`
}

// control renders one <…> control sequence: a user or channel mention, a
// special mention, a date, or a link.
func (d Directory) control(seq string) string {
	target, label, hasLabel := strings.Cut(seq, "|")
	label = slackUnescape.Replace(label)
	switch {
	case strings.HasPrefix(target, "@"):
		return mention("@", cmp.Or(d.Users[target[1:]], label, target[1:]))
	case strings.HasPrefix(target, "#"):
		return mention("#", cmp.Or(d.Channels[target[1:]], label, target[1:]))
	case strings.HasPrefix(target, "!"):
		if hasLabel {
			return html.EscapeString(label)
		}
		name, _, _ := strings.Cut(target[1:], "^")
		return mention("@", name)
	}
	url := slackUnescape.Replace(target)
	if !hasLabel {
		label = url
	}
	if strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "mailto:") {
		return `<a href="` + html.EscapeString(url) + `" target="_blank" rel="noopener noreferrer">` + html.EscapeString(label) + `</a>`
	}
	return html.EscapeString(label)
}
