package slackemu

// Slack's documented Web API tiers, in calls per minute.
// https://api.slack.com/apis/rate-limits
const (
	tier1 = 1
	tier2 = 20
	tier3 = 50
	tier4 = 100
)

// slackTiers maps each emulated method to its tier. Bursts are allowed up to
// the per-minute figure, which is how Slack's per-minute windows behave.
var slackTiers = map[string]int{
	"apps.connections.open": tier1,
	"auth.test":             tier4,
	"users.info":            tier4,
	"chat.postEphemeral":    tier4,
	"chat.update":           tier3,
	"chat.delete":           tier3,
	"views.open":            tier4,
	"views.push":            tier4,
	"views.update":          tier4,
	"views.publish":         tier4,
	"conversations.members": tier4,
	"conversations.info":    tier3,
	"conversations.open":    tier3,
	"conversations.history": tier3,
	"reactions.add":         tier3,
}

// postMessagePerChannel models chat.postMessage: about one message per second
// per channel, with short bursts allowed.
const (
	postMessagePerMinute = 60
	postMessageBurst     = 3
)

// applySlackTiers installs the tiers above.
func (s *Server) applySlackTiers() {
	for m, perMinute := range slackTiers {
		s.SetRateLimit(m, perMinute, perMinute)
	}
	s.SetRateLimitPerChannel("chat.postMessage", postMessagePerMinute, postMessageBurst)
}
