package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"ctocoach/config"
	"ctocoach/slackemu"
	"ctocoach/store/storetest"
)

// testTimeout bounds every wait in end-to-end tests (a wait, not a speed
// check). It is generous because the package runs its tests 32 at once on
// 2 cores (TestMain): at the start, with every bot loading its corpus, 200
// users.info calls once took more than 10 s.
const testTimeout = 30 * time.Second

// syncBuffer is a log sink tests can read while the bot writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// MustNewEmulator starts a Slack emulator with two users (Alice in English,
// Bruno in French) and a channel, closed at the end of the test.
func MustNewEmulator(tb testing.TB, opts ...slackemu.Option) *slackemu.Server {
	tb.Helper()
	raceGate(tb)
	emu := slackemu.New(opts...)
	tb.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: "UALICE", Name: "alice", RealName: "Alice Martin", Locale: "en-US", TZ: "America/New_York"})
	emu.AddUser(slackemu.User{ID: "UBRUNO", Name: "bruno", RealName: "Bruno Petit", Locale: "fr-FR", TZ: "Europe/Paris"})
	emu.AddUser(slackemu.User{ID: "UCLARA", Name: "clara", RealName: "Clara Roux", Locale: "fr-CA", TZ: "Europe/Paris", IsAdmin: true})
	emu.AddChannel(slackemu.Channel{ID: "CTEAM", Name: "team", Members: []string{"UALICE", "UBRUNO", "UCLARA"}})
	return emu
}

// MustRunMain runs a full Main against emu and a test store, waits until its
// socket is connected, and closes it at the end of the test. opts adjust the
// Main before Run (clock, config, limits).
func MustRunMain(tb testing.TB, emu *slackemu.Server, opts ...func(*Main)) *Main {
	tb.Helper()
	cfg := config.Config{
		BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: emu.APIURL(), HTTPAddr: "127.0.0.1:0",
		LogLevel: "debug", LogFormat: "text", DefaultLanguage: "en", DefaultTimezone: "UTC",
		ShutdownGrace: 5 * time.Second,
	}
	if err := cfg.Validate(); err != nil {
		tb.Fatalf("test config: %v", err)
	}
	logs := &syncBuffer{}
	m := NewMain(cfg, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	m.Store = storetest.MustOpen(tb)
	m.logs = logs
	for _, o := range opts {
		o(m)
	}
	if err := m.Run(context.Background()); err != nil {
		tb.Fatalf("Main.Run: %v", err)
	}
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("bot logs:\n%s", logs.String())
		}
	})
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Errorf("Main.Close: %v", err)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := m.Bot.WaitConnected(ctx); err != nil {
		tb.Fatalf("bot never connected: %v", err)
	}
	return m
}

// MustSend delivers env and returns its ack.
func MustSend(tb testing.TB, emu *slackemu.Server, env slackemu.Envelope) slackemu.Ack {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	ack, err := emu.Send(ctx, env)
	if err != nil {
		tb.Fatalf("Send %s: %v", env.Type, err)
	}
	return ack
}

// answer is what the user saw for an envelope: the ack payload when it
// carried a message, else the first response_url post.
type answer struct {
	Text         string          `json:"text"`
	Blocks       json.RawMessage `json:"blocks"`
	ResponseType string          `json:"response_type"`
	ViaAck       bool            `json:"-"`
}

// MustAnswer sends a slash command and returns the answer the user sees.
func MustAnswer(tb testing.TB, emu *slackemu.Server, user, text string) answer {
	tb.Helper()
	env := emu.SlashCommand(user, "CTEAM", "/cto", text)
	ack := MustSend(tb, emu, env)
	var a answer
	if len(ack.Payload) > 0 && string(ack.Payload) != "null" {
		if err := json.Unmarshal(ack.Payload, &a); err != nil {
			tb.Fatalf("ack payload %s: %v", ack.Payload, err)
		}
		if a.Text != "" || len(a.Blocks) > 0 {
			a.ViaAck = true
			return a
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	rs, err := emu.WaitResponses(ctx, env.ResponseID, 1)
	if err != nil {
		tb.Fatalf("no answer to /cto %.40q: %v", text, err)
	}
	return answer{Text: rs[0].Text, Blocks: rs[0].Blocks, ResponseType: rs[0].ResponseType}
}

// all returns the text and the blocks' JSON, for substring checks.
func (a answer) all() string { return a.Text + "\n" + plainJSON(a.Blocks) }

// plainJSON undoes encoding/json's HTML escaping (\u003c for <), so that a
// check for "<!channel>" sees what Slack would see.
func plainJSON(raw json.RawMessage) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(raw))
}

func TestE2EHelpInTheUsersLanguage(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	tests := []struct {
		user, text, want string
	}{
		{"UALICE", "help", "what I can do"},
		{"UBRUNO", "help", "ce que je sais faire"},
		{"UCLARA", "", "ce que je sais faire"}, // fr-CA, /cto alone
		{"UALICE", "HELP", "what I can do"},
	}
	for _, tt := range tests {
		a := MustAnswer(t, emu, tt.user, tt.text)
		if !strings.Contains(a.all(), tt.want) {
			t.Errorf("/cto %q by %s = %q, want it to contain %q", tt.text, tt.user, a.Text, tt.want)
		}
		if a.ResponseType == "in_channel" {
			t.Errorf("/cto %q answered in channel, want ephemeral", tt.text)
		}
	}
}

func TestE2ELangOverride(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	if a := MustAnswer(t, emu, "UALICE", "lang fr"); !strings.Contains(a.Text, "français") {
		t.Fatalf("/cto lang fr = %q, want a French confirmation", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "help"); !strings.Contains(a.all(), "ce que je sais faire") {
		t.Errorf("help after /cto lang fr = %q, want French", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "lang klingon"); !strings.Contains(a.Text, "/cto lang fr") {
		t.Errorf("/cto lang klingon = %q, want usage", a.Text)
	}
}

func TestE2ETooLongText(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UALICE", "how "+strings.Repeat("x", 40*1024))
	if !strings.Contains(a.Text, "too long") {
		t.Errorf("40 KB command answered %q, want a 'too long' answer", a.Text)
	}
}

func TestE2EUnknownUserGetsDefaultLanguage(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	a := MustAnswer(t, emu, "UGHOST", "help")
	if !strings.Contains(a.all(), "what I can do") {
		t.Errorf("help for an unknown user = %q, want English help", a.Text)
	}
	if !strings.Contains(m.logs.String(), "users.info failed") {
		t.Errorf("no log line about the unknown user; logs:\n%s", m.logs.String())
	}
}

func TestE2ERedeliveredCommandIsHandledOnce(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	env := emu.SlashCommand("UALICE", "CTEAM", "/cto", "lang fr")
	MustSend(t, emu, env)
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if _, err := emu.WaitResponses(ctx, env.ResponseID, 1); err != nil {
		t.Fatal(err)
	}
	// Slack re-delivers only after 3 s without an ack, and the bot records a
	// first delivery off the ack path in the meantime (bot.run): wait for
	// that record, as Slack's 3 s do, before re-delivering. Without this
	// wait the retry raced the write on a loaded machine (2 responses).
	seen := m.Store.Key(emu.TeamID(), "seen", env.TriggerID)
	MustEventually(t, testTimeout, "the first delivery recorded in Redis", func() bool {
		n, err := m.Store.Client().Exists(ctx, seen).Result()
		return err == nil && n == 1
	})
	ack := MustSend(t, emu, env.WithRetry(1))
	if ack.Attempt != 1 {
		t.Fatalf("retry ack attempt = %d, want 1", ack.Attempt)
	}
	// A later command proves the retry has been processed (or skipped) before we count.
	MustAnswer(t, emu, "UALICE", "help")
	if n := len(emu.Responses(env.ResponseID)); n != 1 {
		t.Errorf("responses to a command delivered twice = %d, want 1", n)
	}
}

func TestE2EHealthAndMetrics(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	MustAnswer(t, emu, "UALICE", "help")
	for path, want := range map[string]string{
		"/healthz": "ok",
		"/readyz":  "ready",
		"/metrics": `ctocoach_envelopes_total{type="slash_commands"}`,
	} {
		resp, err := http.Get("http://" + m.HTTPAddr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d %.200q, want 200 containing %q", path, resp.StatusCode, body, want)
		}
	}
}

func TestE2EReconnectsAfterDisconnect(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	MustRunMain(t, emu)
	before := emu.ConnectionsOpened()
	emu.Disconnect("refresh_requested")
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return s.ConnectionsOpened() > before && s.Connections() >= 1 }); err != nil {
		t.Fatalf("bot did not reconnect after disconnect: %v", err)
	}
	if a := MustAnswer(t, emu, "UALICE", "help"); !strings.Contains(a.all(), "what I can do") {
		t.Errorf("help after reconnect = %q", a.Text)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
