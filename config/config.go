// Package config reads ctocoach's settings from the environment with
// kelseyhightower/envconfig and checks them, so that a bad or missing value
// stops the program with one line naming the variable and what is expected.
package config

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kelseyhightower/envconfig"
)

// Config is every setting ctocoach reads from the environment.
type Config struct {
	// BotToken is the bot user OAuth token (xoxb-…).
	BotToken string `envconfig:"SLACK_BOT_TOKEN" desc:"bot token (xoxb-…): Slack app page → OAuth & Permissions → Bot User OAuth Token"`
	// AppToken is the app-level token with connections:write (xapp-…).
	AppToken string `envconfig:"SLACK_APP_TOKEN" desc:"app-level token (xapp-…): Slack app page → Basic Information → App-Level Tokens, scope connections:write"`
	// RedisURL is redis:// or rediss://; empty runs an embedded in-memory Redis.
	RedisURL string `envconfig:"REDIS_URL" desc:"redis://[user:pass@]host:port/db or rediss://…; empty = embedded in-memory Redis (state lost on restart)"`
	// APIURL is the base of the Slack Web API, ending in '/'.
	APIURL string `envconfig:"SLACK_API_URL" default:"https://slack.com/api/" desc:"Slack Web API base URL (GovSlack: https://slack-gov.com/api/)"`
	// HTTPAddr is where /healthz, /readyz and /metrics listen.
	HTTPAddr string `envconfig:"HTTP_ADDR" default:"127.0.0.1:8742" desc:"address for /healthz, /readyz and /metrics (empty = off)"`
	// LogLevel is debug, info, warn or error.
	LogLevel string `envconfig:"LOG_LEVEL" default:"info" desc:"debug, info, warn or error"`
	// LogFormat is text or json.
	LogFormat string `envconfig:"LOG_FORMAT" default:"text" desc:"text or json"`
	// DefaultLanguage is used when a user's Slack locale is neither French nor English.
	DefaultLanguage string `envconfig:"DEFAULT_LANGUAGE" default:"en" desc:"en or fr, for users whose Slack locale is not French"`
	// DefaultTimezone is used when a user's Slack profile has no time zone.
	DefaultTimezone string `envconfig:"DEFAULT_TIMEZONE" default:"UTC" desc:"IANA time zone used when a profile has none"`
	// KnowledgeDir optionally holds a team's extra advice cards.
	KnowledgeDir string `envconfig:"KNOWLEDGE_DIR" desc:"optional folder of extra advice cards (same format as knowledge/cards)"`
	// Pprof serves /debug/pprof/ on HTTP_ADDR (off by default).
	Pprof bool `envconfig:"PPROF" default:"false" desc:"serve Go's /debug/pprof/ profiles on HTTP_ADDR (keep HTTP_ADDR private)"`
	// ShutdownGrace bounds how long in-flight handlers may run after SIGTERM.
	ShutdownGrace time.Duration `envconfig:"SHUTDOWN_GRACE" default:"8s" desc:"one deadline for the whole shutdown after SIGTERM (bot, scheduler and board updates drain in parallel); keep it under Docker's stop grace (10 s by default)"`
}

// DefaultHTTPAddr is HTTP_ADDR's default: 8742 is a port no common service
// claims (8080, 8000, 8888, 9090 and RStudio's 8787 are all busy on
// developers' machines).
const DefaultHTTPAddr = "127.0.0.1:8742"

// Placeholders are the token values .env.example ships with; start-up
// refuses them so that an unedited copy fails at once, naming the variable.
var Placeholders = map[string]string{
	"SLACK_BOT_TOKEN": "xoxb-your-bot-token",
	"SLACK_APP_TOKEN": "xapp-your-app-level-token",
}

// Load reads the environment into a Config and validates it.
func Load() (Config, error) {
	var c Config
	if err := envconfig.Process("", &c); err != nil {
		var pe *envconfig.ParseError
		if errors.As(err, &pe) {
			return c, fmt.Errorf("%s: cannot read %q as %s", pe.KeyName, pe.Value, pe.TypeName)
		}
		return c, err
	}
	return c, c.Validate()
}

// Validate checks every field and returns the first problem as one line
// naming the variable and what is expected.
func (c Config) Validate() error {
	switch {
	case c.BotToken == "":
		return errors.New("SLACK_BOT_TOKEN is not set: give the bot token (xoxb-…) from your Slack app page → OAuth & Permissions")
	case isPlaceholder(c.BotToken, Placeholders["SLACK_BOT_TOKEN"]):
		return fmt.Errorf("SLACK_BOT_TOKEN is still the placeholder %q from .env.example: paste the Bot User OAuth Token (xoxb-…) from OAuth & Permissions", c.BotToken)
	case !strings.HasPrefix(c.BotToken, "xoxb-"):
		return errors.New("SLACK_BOT_TOKEN must start with xoxb- (the Bot User OAuth Token from OAuth & Permissions, not a user or app token)")
	case c.AppToken == "":
		return errors.New("SLACK_APP_TOKEN is not set: create an app-level token with the connections:write scope under Basic Information → App-Level Tokens (xapp-…)")
	case isPlaceholder(c.AppToken, Placeholders["SLACK_APP_TOKEN"]):
		return fmt.Errorf("SLACK_APP_TOKEN is still the placeholder %q from .env.example: paste an app-level token (xapp-…) from Basic Information → App-Level Tokens", c.AppToken)
	case !strings.HasPrefix(c.AppToken, "xapp-"):
		return errors.New("SLACK_APP_TOKEN must start with xapp- (an app-level token from Basic Information → App-Level Tokens, scope connections:write)")
	}
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") || u.Host == "" {
			return errors.New("REDIS_URL must look like redis://host:6379/0 or rediss://host:6380/0 (or be empty for the embedded in-memory Redis)")
		}
	}
	u, err := url.Parse(c.APIURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || !strings.HasSuffix(c.APIURL, "/") {
		return errors.New("SLACK_API_URL must be an http(s) URL ending in '/', e.g. https://slack.com/api/")
	}
	if c.HTTPAddr != "" {
		if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
			return fmt.Errorf("HTTP_ADDR must be host:port (e.g. 127.0.0.1:8742 or :8742), got %q", c.HTTPAddr)
		}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("LOG_LEVEL must be debug, info, warn or error, got %q", c.LogLevel)
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		return fmt.Errorf("LOG_FORMAT must be text or json, got %q", c.LogFormat)
	}
	switch c.DefaultLanguage {
	case "en", "fr":
	default:
		return fmt.Errorf("DEFAULT_LANGUAGE must be en or fr, got %q", c.DefaultLanguage)
	}
	if _, err := time.LoadLocation(c.DefaultTimezone); err != nil || c.DefaultTimezone == "" || c.DefaultTimezone == "Local" {
		return fmt.Errorf("DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Paris or UTC, got %q", c.DefaultTimezone)
	}
	if c.ShutdownGrace <= 0 {
		return fmt.Errorf("SHUTDOWN_GRACE must be a positive duration such as 10s, got %s", c.ShutdownGrace)
	}
	return nil
}

// isPlaceholder reports whether token is the .env.example value or another
// obvious stand-in ("xoxb-your-…", "xoxb-…", "xoxb-xxxx"), which Slack would
// only refuse later with a less helpful invalid_auth.
func isPlaceholder(token, example string) bool {
	t := strings.ToLower(strings.TrimSpace(token))
	if t == example {
		return true
	}
	_, rest, _ := strings.Cut(t, "-")
	return strings.HasPrefix(rest, "your") || strings.HasPrefix(rest, "…") || strings.HasPrefix(rest, "...") ||
		strings.HasPrefix(rest, "xxx") || strings.HasPrefix(rest, "<")
}

// Usage writes the table of environment variables with their defaults.
func Usage(w io.Writer) {
	var c Config
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VARIABLE\tDEFAULT\tMEANING")
	_ = envconfig.Usagef("", &c, tw, "{{range .}}{{usage_key .}}\t{{usage_default .}}\t{{usage_description .}}\n{{end}}")
	tw.Flush()
}
