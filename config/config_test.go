package config

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
)

func valid() Config {
	return Config{
		BotToken: "xoxb-1", AppToken: "xapp-1", APIURL: "https://slack.com/api/",
		HTTPAddr: "127.0.0.1:8080", LogLevel: "info", LogFormat: "text",
		DefaultLanguage: "en", DefaultTimezone: "UTC", ShutdownGrace: 1e9,
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Config)
		want   string // substring of the error; "" = valid
	}{
		{"valid", func(*Config) {}, ""},
		{"no bot token", func(c *Config) { c.BotToken = "" }, "SLACK_BOT_TOKEN is not set"},
		{"user token", func(c *Config) { c.BotToken = "xoxp-1" }, "SLACK_BOT_TOKEN must start with xoxb-"},
		{"no app token", func(c *Config) { c.AppToken = "" }, "App-Level Tokens"},
		{"bot token as app token", func(c *Config) { c.AppToken = "xoxb-2" }, "SLACK_APP_TOKEN must start with xapp-"},
		{"redis url", func(c *Config) { c.RedisURL = "localhost:6379" }, "REDIS_URL"},
		{"rediss ok", func(c *Config) { c.RedisURL = "rediss://r:6380/1" }, ""},
		{"api url no slash", func(c *Config) { c.APIURL = "https://slack.com/api" }, "SLACK_API_URL"},
		{"http addr", func(c *Config) { c.HTTPAddr = "8080" }, "HTTP_ADDR"},
		{"http addr off", func(c *Config) { c.HTTPAddr = "" }, ""},
		{"level", func(c *Config) { c.LogLevel = "loud" }, "LOG_LEVEL"},
		{"format", func(c *Config) { c.LogFormat = "xml" }, "LOG_FORMAT"},
		{"lang", func(c *Config) { c.DefaultLanguage = "de" }, "DEFAULT_LANGUAGE"},
		{"tz", func(c *Config) { c.DefaultTimezone = "Mars/Base" }, "DEFAULT_TIMEZONE"},
		{"grace", func(c *Config) { c.ShutdownGrace = 0 }, "SHUTDOWN_GRACE"},
		{"placeholder bot token", func(c *Config) { c.BotToken = "xoxb-your-bot-token" }, "SLACK_BOT_TOKEN is still the placeholder"},
		{"placeholder app token", func(c *Config) { c.AppToken = "xapp-your-app-level-token" }, "SLACK_APP_TOKEN is still the placeholder"},
		{"ellipsis bot token", func(c *Config) { c.BotToken = "xoxb-…" }, "SLACK_BOT_TOKEN is still the placeholder"},
		{"xxx app token", func(c *Config) { c.AppToken = "xapp-xxxx" }, "SLACK_APP_TOKEN is still the placeholder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := valid()
			tt.mutate(&c)
			err := c.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want error containing %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
		})
	}
}

func TestLoadFromEnv(t *testing.T) {
	t.Setenv("SLACK_BOT_TOKEN", "xoxb-a")
	t.Setenv("SLACK_APP_TOKEN", "xapp-a")
	t.Setenv("DEFAULT_LANGUAGE", "fr")
	c, err := Load()
	if err != nil {
		t.Fatalf("Load() = %v", err)
	}
	if c.DefaultLanguage != "fr" || c.APIURL != "https://slack.com/api/" || c.HTTPAddr != "127.0.0.1:8742" {
		t.Errorf("Load() = %+v, want fr, default API URL and HTTP addr", c)
	}
	t.Setenv("SHUTDOWN_GRACE", "soon")
	if _, err := Load(); err == nil || !strings.Contains(err.Error(), "SHUTDOWN_GRACE") {
		t.Errorf("Load() with bad duration = %v, want error naming SHUTDOWN_GRACE", err)
	}
}

func TestUsageListsEveryVariable(t *testing.T) {
	var b bytes.Buffer
	Usage(&b)
	for _, v := range []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "REDIS_URL", "SLACK_API_URL", "HTTP_ADDR", "LOG_LEVEL", "LOG_FORMAT", "DEFAULT_LANGUAGE", "DEFAULT_TIMEZONE", "KNOWLEDGE_DIR", "https://slack.com/api/"} {
		if !strings.Contains(b.String(), v) {
			t.Errorf("Usage() lacks %s:\n%s", v, b.String())
		}
	}
}

// TestEnvExamplePlaceholdersAreRefused reads the shipped .env.example and
// checks that an unedited copy stops start-up with one line naming the
// variable.
func TestEnvExamplePlaceholdersAreRefused(t *testing.T) {
	data, err := os.ReadFile("../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, line := range strings.Split(string(data), "\n") {
		name, value, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok || strings.HasPrefix(name, "#") || !strings.HasSuffix(name, "_TOKEN") {
			continue
		}
		seen++
		if Placeholders[name] != value {
			t.Errorf(".env.example sets %s=%s; config.Placeholders says %q", name, value, Placeholders[name])
		}
		c := valid()
		switch name {
		case "SLACK_BOT_TOKEN":
			c.BotToken = value
		case "SLACK_APP_TOKEN":
			c.AppToken = value
		}
		err := c.Validate()
		if err == nil || !strings.HasPrefix(err.Error(), name) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Validate() with %s from .env.example = %v, want one line starting with %s", name, err, name)
		}
	}
	if seen != 2 {
		t.Errorf(".env.example sets %d tokens, want 2", seen)
	}
}

// TestDefaultHTTPAddrMatchesTheTag keeps the exported default and the
// envconfig tag in step (the tag cannot name a constant).
func TestDefaultHTTPAddrMatchesTheTag(t *testing.T) {
	f, _ := reflect.TypeOf(Config{}).FieldByName("HTTPAddr")
	if got := f.Tag.Get("default"); got != DefaultHTTPAddr {
		t.Errorf("HTTP_ADDR default tag = %q, DefaultHTTPAddr = %q", got, DefaultHTTPAddr)
	}
}
