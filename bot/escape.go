package bot

import "strings"

// Slack escapes exactly three characters in the text it sends us (slash
// command text, message text: https://api.slack.com/reference/surfaces/formatting#escaping)
// and never in modal inputs. The bot works on what the user typed: it undoes
// Slack's escaping once on the way in (Unescape, in commandHandler and
// interactionHandler) and escapes once on the way out (Escape).
var (
	escaper   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">")
)

// Escape makes user-supplied text safe to echo in a Slack message: &, < and >
// become entities, so nobody can make the bot ping @channel, a user or a link.
func Escape(s string) string { return escaper.Replace(s) }

// Unescape undoes Slack's escaping of &, < and > once, giving back what the
// user typed ("R&amp;D" → "R&D"). Slack's own markup (<@U…>, <#C…|…>) is
// left as it is; text unescaped here must go through Escape before it is
// echoed, so that a typed "<!channel>" never becomes a live mention.
func Unescape(s string) string { return unescaper.Replace(s) }
