package slackemu

import "strings"

// slackEscaper is what Slack does to the text a person types before sending
// it to an app (command text, message text): &, < and > become entities.
// Modal inputs are sent as typed.
var slackEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// EscapeText returns typed as Slack sends it in slash command and message
// text: "R&D <!channel>" → "R&amp;D &lt;!channel&gt;". Slack's own markup
// (a mention picked from the autocomplete, <@U…>, <#C…|name>) is not typed
// text: write it into the wire text around EscapeText's result.
func EscapeText(typed string) string { return slackEscaper.Replace(typed) }

// DirectMessage records a message that user typed in the bot's DM (the app's
// Messages tab) and returns the events_api envelope of its message.im event,
// with the text escaped as Slack escapes it.
func (s *Server) DirectMessage(user, typed string) Envelope {
	m := s.PostAsUser(user, dmChannelID(user), EscapeText(typed))
	return s.Event("message", map[string]any{
		"user": user, "text": m.Text, "ts": m.TS, "channel": m.Channel,
		"channel_type": "im", "event_ts": m.TS,
	})
}
