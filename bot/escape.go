package bot

import "strings"

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape makes user-supplied text safe to echo in a Slack message: &, < and >
// become entities, so nobody can make the bot ping @channel, a user or a link.
func Escape(s string) string { return escaper.Replace(s) }
