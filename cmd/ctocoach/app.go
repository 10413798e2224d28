package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
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
	"ctocoach/store"
)

// Main is the whole program, built so that tests can run it: Run starts
// everything and returns; Close stops it within one deadline.
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

	ownStore   bool
	logs       interface{ String() string } // tests read the log here
	background []background
	// late are background components stopped once the others have (the
	// board updater: changes made by draining handlers are still shown),
	// within the same shutdown deadline.
	late []background
	// slackDown says why Slack is not reached yet (nil once it answered);
	// /readyz reports it.
	slackDown  atomic.Pointer[string]
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
	// The HTTP port first: when it cannot be had, nothing has started yet.
	if m.Config.HTTPAddr != "" {
		if m.HTTPAddr, err = m.startHTTP(); err != nil {
			m.closeStore()
			return fmt.Errorf("listen on HTTP_ADDR %s: %w", m.Config.HTTPAddr, err)
		}
	}
	for i, bg := range append(m.late, m.background...) {
		if err := bg.Start(ctx); err != nil {
			for _, started := range append(m.late, m.background...)[:i] {
				started.Stop()
			}
			m.stopHTTP()
			m.closeStore()
			return err
		}
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.cancel = cancel
	go func() {
		defer close(m.done)
		if slackErr != nil {
			// Slack did not answer the start-up check: keep asking (with
			// backoff) before opening the socket; /readyz says why meanwhile.
			if m.runErr = m.waitForSlack(runCtx, slackErr); m.runErr != nil || runCtx.Err() != nil {
				return
			}
		}
		m.runErr = appTokenError(m.Bot.Run(runCtx))
	}()
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
		case <-m.done:
			if _, refused := errors.AsType[*tokenError](m.runErr); refused {
				err := m.runErr
				_ = m.Close()
				return err
			}
		}
	}
	return nil
}

// Done is closed when the bot stops on its own (a bad token), so main can
// exit; Err then says why.
func (m *Main) Done() <-chan struct{} { return m.done }

// Err is the bot's error once Done is closed.
func (m *Main) Err() error { return m.runErr }

// Close shuts down within one deadline, Config.ShutdownGrace, for the whole
// process. The bot (stops taking envelopes, lets in-flight handlers
// finish), every background component (the scheduler) and the HTTP port
// drain in parallel; the late components (the board updater, whose workers
// have been showing changes all along) stop once those are done, so that
// changes made by draining handlers are still shown. The bot and the
// scheduler cancel their in-flight work at drainBudget, leaving the rest of
// the deadline for the cancelled work to return; whatever still runs at the
// deadline is abandoned (logged), and Redis is closed.
func (m *Main) Close() error {
	grace := m.shutdownGrace()
	start := time.Now() // the real clock: the deadline is about real time
	deadline := time.NewTimer(grace)
	defer deadline.Stop()
	var errs []error
	type stopped struct {
		name string
		err  error
	}
	results := make(chan stopped, 2+len(m.background)+len(m.late))
	pending := map[string]bool{}
	stop := func(name string, f func() error) {
		if pending[name] {
			name = fmt.Sprintf("%s#%d", name, len(pending))
		}
		pending[name] = true
		go func() { results <- stopped{name, f()} }()
	}
	// await collects results until nothing is pending or the deadline
	// passes; it reports whether the deadline passed.
	await := func() bool {
		for len(pending) > 0 {
			select {
			case r := <-results:
				delete(pending, r.name)
				errs = append(errs, r.err)
			case <-deadline.C:
				m.Log.Warn("shutdown deadline reached; abandoning what still runs",
					"grace", grace, "still_running", slices.Sorted(maps.Keys(pending)))
				return true
			}
		}
		return false
	}

	if m.cancel == nil && m.httpServer == nil && len(m.background)+len(m.late) == 0 && (m.Store == nil || !m.ownStore) {
		return nil // not running, or already closed
	}
	if cancel := m.cancel; cancel != nil {
		m.cancel = nil
		stop("socket mode", func() error { cancel(); <-m.done; return m.runErr })
	}
	for _, bg := range m.background {
		stop(componentName(bg), func() error { bg.Stop(); return nil })
	}
	if srv := m.httpServer; srv != nil {
		stop("http", func() error {
			ctx, cancel := context.WithDeadline(context.Background(), start.Add(grace))
			defer cancel()
			return srv.Shutdown(ctx)
		})
	}
	m.background, m.httpServer = nil, nil
	late := m.late
	m.late = nil
	if !await() {
		for _, bg := range late {
			stop(componentName(bg), func() error { bg.Stop(); return nil })
		}
		await()
	}
	if m.Store != nil && m.ownStore {
		errs = append(errs, m.Store.Close())
		m.Store = nil
	}
	m.Log.Info("shut down", "took", time.Since(start).Round(time.Millisecond), "grace", grace)
	return errors.Join(errs...)
}

// componentName names a background component in shutdown logs by its type
// ("scheduler.Scheduler", "retrobot.BoardUpdater").
func componentName(bg background) string {
	return strings.TrimPrefix(fmt.Sprintf("%T", bg), "*")
}

// shutdownGrace is Config.ShutdownGrace (8 s when unset, as in tests that
// build a Config by hand).
func (m *Main) shutdownGrace() time.Duration {
	if g := m.Config.ShutdownGrace; g > 0 {
		return g
	}
	return 8 * time.Second
}

// drainBudget is how long the bot and the scheduler let in-flight work run
// after shutdown starts before cancelling it: the grace minus a quarter
// (at most 1.5 s), which the cancelled work has to return and the socket
// to close. The scheduler waits up to 1 s more after cancelling.
func (m *Main) drainBudget() time.Duration {
	g := m.shutdownGrace()
	return g - min(g/4, 1500*time.Millisecond)
}

func (m *Main) closeStore() {
	if m.ownStore {
		m.Store.Close()
	}
}
