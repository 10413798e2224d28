package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"ctocoach/bot"
	"ctocoach/config"
	"ctocoach/knowledge"
	"ctocoach/metrics"
	"ctocoach/store"
)

// Main is the whole program, built so that tests can run it: Run starts
// everything and returns; Close stops it in order.
type Main struct {
	Config config.Config
	Log    *slog.Logger
	// Now is the clock of every component (time.Now unless a test sets it).
	Now func() time.Time
	// SlackLimits paces Web API methods (bot.DefaultLimits unless set; a test
	// may set an empty map to measure the emulator's own limits).
	SlackLimits map[string]bot.MethodLimit

	// Store is opened by Run from Config.RedisURL unless a test sets it (Close
	// then leaves it open).
	Store *store.Store

	// Set by Run.
	API      *slack.Client
	Metrics  *metrics.Metrics
	Corpus   *knowledge.Corpus
	Bot      *bot.Bot
	HTTPAddr string

	ownStore   bool
	logs       interface{ String() string } // tests read the log here
	background []background
	httpServer *http.Server
	cancel     context.CancelFunc
	done       chan struct{}
	runErr     error
}

// NewMain returns a Main for cfg.
func NewMain(cfg config.Config, log *slog.Logger) *Main {
	return &Main{Config: cfg, Log: log, Now: time.Now, done: make(chan struct{})}
}

// Run opens the store, builds the Slack client and the bot, starts the side
// HTTP port and the Socket Mode loop, and returns.
func (m *Main) Run(ctx context.Context) error {
	if m.Log == nil {
		m.Log = slog.New(slog.DiscardHandler)
	}
	var err error
	if m.Store == nil {
		if m.Store, err = store.Open(ctx, m.Config.RedisURL, m.Log); err != nil {
			return err
		}
		m.ownStore = true
	}
	m.Metrics = metrics.New()
	limits := m.SlackLimits
	if limits == nil {
		limits = bot.DefaultLimits
	}
	httpClient := &http.Client{Transport: bot.NewTransport(nil, m.Metrics, limits), Timeout: 30 * time.Second}
	api := slack.New(m.Config.BotToken,
		slack.OptionAppLevelToken(m.Config.AppToken),
		slack.OptionAPIURL(m.Config.APIURL),
		slack.OptionHTTPClient(httpClient),
		slack.OptionRetryConfig(retryConfig()),
	)
	m.API = api
	socket := socketmode.New(api, socketmode.OptionReadLimit(bot.MaxEnvelope))
	features, err := m.features(ctx)
	if err != nil {
		m.closeStore()
		return err
	}
	m.Bot = bot.New(bot.Options{
		API: api, Socket: socket, Store: m.Store, Metrics: m.Metrics, Log: m.Log, Now: m.Now,
		HTTPClient: httpClient, DefaultLang: m.Config.DefaultLanguage, DefaultTZ: m.Config.DefaultTimezone,
		Grace: m.Config.ShutdownGrace, Features: features,
	})
	for _, bg := range m.background {
		if err := bg.Start(ctx); err != nil {
			m.closeStore()
			return err
		}
	}
	if m.Config.HTTPAddr != "" {
		if m.HTTPAddr, err = m.startHTTP(); err != nil {
			m.closeStore()
			return fmt.Errorf("listen on HTTP_ADDR %s: %w", m.Config.HTTPAddr, err)
		}
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.cancel = cancel
	go func() { m.runErr = m.Bot.Run(runCtx); close(m.done) }()
	return nil
}

// retryConfig retries 429 (honouring Retry-After), transient 5xx and
// connection errors.
func retryConfig() slack.RetryConfig {
	cfg := slack.DefaultRetryConfig()
	cfg.MaxRetries = 5
	cfg.Handlers = slack.AllBuiltinRetryHandlers(cfg)
	return cfg
}

// Done is closed when the bot stops on its own (a bad token), so main can
// exit; Err then says why.
func (m *Main) Done() <-chan struct{} { return m.done }

// Err is the bot's error once Done is closed.
func (m *Main) Err() error { return m.runErr }

// Close stops taking envelopes, lets in-flight work finish within the grace
// period, closes the socket, the HTTP port and Redis.
func (m *Main) Close() error {
	var errs []error
	if m.cancel != nil {
		m.cancel()
		<-m.done
		errs = append(errs, m.runErr)
		m.cancel = nil
	}
	for i := len(m.background) - 1; i >= 0; i-- {
		m.background[i].Stop()
	}
	m.background = nil
	if m.httpServer != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		errs = append(errs, m.httpServer.Shutdown(ctx))
		cancel()
		m.httpServer = nil
	}
	if m.Store != nil && m.ownStore {
		errs = append(errs, m.Store.Close())
		m.Store = nil
	}
	return errors.Join(errs...)
}

func (m *Main) closeStore() {
	if m.ownStore {
		m.Store.Close()
	}
}
