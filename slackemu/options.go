package slackemu

import (
	"log/slog"
	"time"
)

// Option configures a Server at construction time.
type Option func(*config)

type config struct {
	teamID       string
	teamDomain   string
	appID        string
	botUserID    string
	botID        string
	botToken     string
	appToken     string
	pingInterval time.Duration
	ackTimeout   time.Duration
	redeliveries int
	triggerTTL   time.Duration
	logger       *slog.Logger
	now          func() time.Time
	tiers        bool
}

func defaultConfig() config {
	return config{
		teamID:       "T0001",
		teamDomain:   "ctocoach-emu",
		appID:        "A0001",
		botUserID:    "UBOT",
		botID:        "B0001",
		pingInterval: 2 * time.Second,
		ackTimeout:   3 * time.Second,
		redeliveries: 3,
		triggerTTL:   3 * time.Second,
		logger:       slog.New(slog.DiscardHandler),
		now:          time.Now,
	}
}

// WithTeamID sets the workspace id (default "T0001").
func WithTeamID(id string) Option { return func(c *config) { c.teamID = id } }

// WithAppID sets the app id sent in hello and payloads (default "A0001").
func WithAppID(id string) Option { return func(c *config) { c.appID = id } }

// WithBotUserID sets the bot's user id (default "UBOT").
func WithBotUserID(id string) Option { return func(c *config) { c.botUserID = id } }

// WithTokens makes the Web API accept only these tokens: bot for every method
// but apps.connections.open, app for apps.connections.open. Others answer
// invalid_auth. By default any xoxb-/xoxp- style token is accepted as a bot
// token and any xapp- token as an app token.
func WithTokens(bot, app string) Option {
	return func(c *config) { c.botToken, c.appToken = bot, app }
}

// WithPingInterval sets how often websocket pings are sent (default 2 s).
// slack-go reconnects when it hears no ping within its own interval.
func WithPingInterval(d time.Duration) Option { return func(c *config) { c.pingInterval = d } }

// WithAckTimeout sets how long Send waits for an ack before redelivering
// (default 3 s, like Slack).
func WithAckTimeout(d time.Duration) Option { return func(c *config) { c.ackTimeout = d } }

// WithRedeliveries sets how many times an unacked envelope is redelivered
// after the first attempt (default 3).
func WithRedeliveries(n int) Option { return func(c *config) { c.redeliveries = n } }

// WithTriggerTTL sets how long an issued trigger_id stays valid (default 3 s).
func WithTriggerTTL(d time.Duration) Option { return func(c *config) { c.triggerTTL = d } }

// WithLogger sets the logger for the emulator's debug output (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithNow injects the clock used for timestamps, trigger expiry and rate-limit
// buckets (default time.Now). Ack latency is always measured on the real clock.
func WithNow(now func() time.Time) Option { return func(c *config) { c.now = now } }

// SlackTiers turns on Slack's documented rate-limit tiers for the methods the
// emulator serves (see tiers.go); without it nothing is rate limited.
func SlackTiers() Option { return func(c *config) { c.tiers = true } }
