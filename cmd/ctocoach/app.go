package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"ctocoach/bot"
	"ctocoach/bot/advice"
	botcoaching "ctocoach/bot/coaching"
	retrobot "ctocoach/bot/retro"
	"ctocoach/bot/routines"
	"ctocoach/config"
	"ctocoach/knowledge"
	"ctocoach/metrics"
	"ctocoach/scheduler"
	"ctocoach/store"
)

// Main is the whole program, built so that tests can run it: Run builds
// everything, starts every component under one errgroup and returns; Close
// stops them within one deadline (lifecycle.go).
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

	// advice is the advice feature's services, built before the bot and
	// registered on its router once it exists (register).
	advice advice.Deps
	// routines is the routine feature's services (built like advice);
	// Routines is the registered feature, whose DeliverNudge the engine
	// calls (nil when routines are off).
	routines routines.Deps
	Routines *routines.Feature
	// coaching is the coaching feature's services (wire_coaching.go).
	coaching botcoaching.Deps
	// coachingReview adds the weekly review to the Friday review's nudge.
	coachingReview func(ctx context.Context, team, user, routineID, lang string) ([]slack.Block, error)
	// retro is the retro feature's services (registered like advice);
	// retroMilestones runs its scheduled milestones (set by registerRetro).
	retro           retrobot.Deps
	retroMilestones retrobot.Milestones

	ownStore bool
	logs     interface{ String() string } // tests read the log here
	// engine is the process's one delivery engine (sharedScheduler).
	engine *scheduler.Scheduler
	// components are what Run starts once everything is built and Close
	// stops (lifecycle.go); features add theirs while they are built.
	components []component
	lifecycle
	// slackDown says why Slack is not reached yet (nil once it answered);
	// /readyz reports it.
	slackDown atomic.Pointer[string]
}

// NewMain returns a Main for cfg.
func NewMain(cfg config.Config, log *slog.Logger) *Main {
	return &Main{Config: cfg, Log: log, Now: time.Now, lifecycle: lifecycle{done: make(chan struct{})}}
}

// Run builds the process in dependency order and starts its components,
// then returns: the store, the Slack client (its bot token checked), the
// feature services (the delivery engine and the board updater among them),
// the bot, the features' routes (register), the engine's task handlers on
// the built bot (handleTasks), the HTTP port (listening: when it cannot be
// had, nothing has started), and only then every component at once (start),
// so that none closes over something not built yet.
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
		slack.OptionRetryConfig(bot.RetryConfig()),
	)
	m.API = api
	slackErr := m.checkSlack(ctx)
	if _, refused := errors.AsType[*tokenError](slackErr); refused {
		m.closeStore()
		return slackErr
	}
	if slackErr != nil {
		m.noteSlackDown(slackErr)
	}
	socket := socketmode.New(api, socketmode.OptionReadLimit(bot.MaxEnvelope))
	if err := m.features(ctx); err != nil {
		m.closeStore()
		return err
	}
	m.Bot = bot.New(bot.Options{
		API: api, Socket: socket, Store: m.Store, Metrics: m.Metrics, Log: m.Log, Now: m.Now,
		HTTPClient: httpClient, DefaultLang: m.Config.DefaultLanguage, DefaultTZ: m.Config.DefaultTimezone,
		Grace: m.drainBudget(),
	})
	m.register()
	m.handleTasks()
	// The HTTP port before anything runs: when it cannot be had, nothing
	// has started yet.
	if m.Config.HTTPAddr != "" {
		port, err := m.listenHTTP()
		if err != nil {
			m.closeStore()
			return fmt.Errorf("listen on HTTP_ADDR %s: %w", m.Config.HTTPAddr, err)
		}
		m.HTTPAddr = port.ln.Addr().String()
		m.components = append(m.components, component{name: "http", run: port.Run})
	}
	m.components = append(m.components, component{name: "bot.Bot", run: func(ctx context.Context) error {
		if slackErr != nil {
			// Slack did not answer the start-up check: keep asking (with
			// backoff) before opening the socket; /readyz says why meanwhile.
			if err := m.waitForSlack(ctx, slackErr); err != nil || ctx.Err() != nil {
				return err
			}
		}
		return appTokenError(m.Bot.Run(ctx))
	}})
	m.start(ctx)
	if slackErr == nil {
		// Slack answered auth.test: wait for the socket's first outcome, so
		// that an app token Slack refuses stops start-up here (one line,
		// exit 2) rather than after "started". Checking the app token with
		// our own apps.connections.open call would spend Slack's Tier 1
		// budget (1/min) that Socket Mode needs right after.
		waitCtx, stopWaiting := context.WithTimeout(ctx, slackCheckTimeout)
		defer stopWaiting()
		up := make(chan struct{})
		go func() { _ = m.Bot.WaitConnected(waitCtx); close(up) }()
		select {
		case <-up: // connected, or still trying: Socket Mode goes on retrying
		case <-m.Done():
			if _, refused := errors.AsType[*tokenError](m.Err()); refused {
				err := m.Err()
				_ = m.Close()
				return err
			}
		}
	}
	return nil
}

func (m *Main) closeStore() {
	if m.ownStore {
		m.Store.Close()
	}
}
