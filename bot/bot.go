// Package bot is the core of ctocoach's Slack side: the Socket Mode loop,
// acks, de-duplication and the watchdog, the Router (with the middleware
// that resolves the user's profile and language once), Request and the
// Responder every answer goes through, the one mapping of handler errors to
// the user's language (Unavailable), the texts (T, AddTexts) and Block Kit
// helpers, and the paced Transport. Feature packages under bot/ (advice,
// routines, home) add their routes with Register; the retro surfaces still
// live here (docs/architecture.md says what moves next). Slack types stay
// in bot/...
//
// The loop reads envelopes, acks each one promptly and dispatches it through
// one Router to a handler running on a tracked goroutine. On shutdown it stops
// taking envelopes (Slack re-delivers unacked ones to another connection),
// lets in-flight handlers finish within a grace period, then closes the socket.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"ctocoach/metrics"
	"ctocoach/store"
)

// ackDeadline is when a handler that has not acked yet gets an empty ack
// sent for it (Slack re-delivers after 3 s).
const ackDeadline = 1500 * time.Millisecond

// Options are the bot's dependencies.
type Options struct {
	// API makes Web API calls; Socket reads envelopes (built on the same client).
	API    SlackAPI
	Socket *socketmode.Client
	Store  *store.Store
	// Metrics may be nil in tests that do not look at them.
	Metrics *metrics.Metrics
	Log     *slog.Logger
	Now     func() time.Time
	// HTTPClient posts to response_url (http.DefaultClient when nil).
	HTTPClient *http.Client
	// DefaultLang ("en"/"fr") and DefaultTZ apply when a profile says nothing.
	DefaultLang, DefaultTZ string
	// Grace bounds how long in-flight handlers may run after shutdown starts.
	Grace time.Duration
}

// Bot is the Socket Mode application.
type Bot struct {
	api      SlackAPI
	socket   *socketmode.Client
	store    *store.Store
	metrics  *metrics.Metrics
	log      *slog.Logger
	now      func() time.Time
	http     *http.Client
	grace    time.Duration
	router   *Router
	Profiles *Profiles

	connected atomic.Bool
	connMu    sync.Mutex
	connCh    chan struct{} // closed while connected
	handlers  sync.WaitGroup
	// work is the context handlers run under; cancelled when grace runs out.
	work       context.Context
	cancelWork context.CancelFunc
}

// New builds a bot and registers every feature's routes.
func New(o Options) *Bot {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.HTTPClient == nil {
		o.HTTPClient = http.DefaultClient
	}
	if o.Metrics == nil {
		o.Metrics = metrics.New()
	}
	if o.Grace <= 0 {
		o.Grace = 10 * time.Second
	}
	if o.DefaultLang == "" {
		o.DefaultLang = LangEN
	}
	if o.DefaultTZ == "" {
		o.DefaultTZ = "UTC"
	}
	b := &Bot{
		api: o.API, socket: o.Socket, store: o.Store, metrics: o.Metrics, log: o.Log,
		now: o.Now, http: o.HTTPClient, grace: o.Grace, router: NewRouter(),
		Profiles: &Profiles{
			api: o.API, store: o.Store, now: o.Now, log: o.Log, defaultLang: o.DefaultLang,
			defaultTZ: o.DefaultTZ, ttl: time.Minute, cache: map[string]cachedUser{},
		},
	}
	b.connCh = make(chan struct{})
	b.work, b.cancelWork = context.WithCancel(context.Background())
	b.registerRoutes()
	return b
}

// Connected reports whether the Socket Mode connection is up (for /readyz).
func (b *Bot) Connected() bool { return b.connected.Load() }

// WaitConnected blocks until the Socket Mode connection is up or ctx ends.
func (b *Bot) WaitConnected(ctx context.Context) error {
	b.connMu.Lock()
	ch := b.connCh
	b.connMu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("bot: wait for connection: %w", ctx.Err())
	}
}

func (b *Bot) setConnected(up bool) {
	b.connMu.Lock()
	defer b.connMu.Unlock()
	was := b.connected.Swap(up)
	switch {
	case up && !was:
		close(b.connCh)
	case !up && was:
		b.connCh = make(chan struct{})
	}
}

// Run reads envelopes until ctx is cancelled, then drains in-flight handlers
// (within the grace period) and closes the socket. It returns an error when
// the socket cannot be kept up (bad token).
func (b *Bot) Run(ctx context.Context) error {
	sockCtx, cancelSock := context.WithCancel(context.Background())
	sockErr := make(chan error, 1)
	go func() { sockErr <- b.socket.RunContext(sockCtx) }()
	defer func() {
		cancelSock()
		<-sockErr
		b.setConnected(false)
	}()
	for {
		select {
		case <-ctx.Done():
			b.drain()
			return nil
		case err := <-sockErr:
			sockErr <- err // for the deferred wait
			b.drain()
			return fmt.Errorf("bot: socket mode: %w", err)
		case evt := <-b.socket.Events:
			if err := b.handleEvent(evt); err != nil {
				b.drain()
				return err
			}
		}
	}
}

// drain waits for in-flight handlers, cancelling them when grace runs out.
func (b *Bot) drain() {
	done := make(chan struct{})
	go func() { b.handlers.Wait(); close(done) }()
	timer := time.NewTimer(b.grace)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		b.log.Warn("shutdown grace period over; cancelling in-flight handlers", "grace", b.grace)
		b.cancelWork()
		<-done
	}
	b.cancelWork()
}

func (b *Bot) handleEvent(evt socketmode.Event) error {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		b.log.Debug("connecting to Slack")
	case socketmode.EventTypeConnected:
		b.setConnected(true)
		b.log.Info("connected to Slack (Socket Mode)")
	case socketmode.EventTypeConnectionError:
		b.setConnected(false)
		b.log.Warn("Socket Mode connection error; retrying", "err", evt.Data)
	case socketmode.EventTypeDisconnect:
		b.setConnected(false)
		b.log.Info("Slack asked to reconnect")
	case socketmode.EventTypeInvalidAuth:
		return errors.New("bot: Slack refused the app token (invalid_auth): check SLACK_APP_TOKEN")
	case socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive, socketmode.EventTypeEventsAPI:
		b.dispatch(evt)
	case socketmode.EventTypeIncomingError, socketmode.EventTypeErrorBadMessage, socketmode.EventTypeErrorWriteFailed:
		b.log.Warn("Socket Mode error", "type", evt.Type, "err", evt.Data)
	}
	return nil
}

// dispatch builds the Request, acks what needs no payload and starts the
// handler goroutine.
func (b *Bot) dispatch(evt socketmode.Event) {
	start := time.Now()
	env := evt.Request
	if env == nil {
		return
	}
	b.metrics.Envelopes.WithLabelValues(env.Type).Inc()
	r := &Request{Type: env.Type, EnvelopeID: env.EnvelopeID, out: responder{b}, received: start}
	r.ackFn = func(payload any) {
		var err error
		if payload == nil {
			err = b.socket.Ack(*env)
		} else {
			err = b.socket.Ack(*env, payload)
		}
		b.metrics.AckLatency.Observe(time.Since(start).Seconds())
		if err != nil {
			b.log.Warn("ack failed", "envelope", env.EnvelopeID, "err", err)
		}
	}
	dedupID := env.EnvelopeID
	var h HandlerFunc
	switch data := evt.Data.(type) {
	case slack.SlashCommand:
		r.Command = &data
		r.TeamID, r.UserID, r.ChannelID = data.TeamID, data.UserID, data.ChannelID
		r.ResponseURL, r.TriggerID = data.ResponseURL, data.TriggerID
		h = b.commandHandler(r)
	case slack.InteractionCallback:
		r.Callback = &data
		r.TeamID, r.UserID, r.ChannelID = data.Team.ID, data.User.ID, data.Channel.ID
		r.ResponseURL, r.TriggerID = data.ResponseURL, data.TriggerID
		if r.TeamID == "" {
			r.TeamID = data.User.TeamID
		}
		h = b.interactionHandler(r)
		if data.Type != slack.InteractionTypeViewSubmission {
			r.Ack(nil) // nothing to carry in the ack: answer through the Web API
		}
	case slackevents.EventsAPIEvent:
		r.Event = &data
		r.TeamID = data.TeamID
		r.Ack(nil)
		if cb, ok := data.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
			dedupID = cb.EventID
		}
		h = b.router.events[data.InnerEvent.Type]
		if u := innerUser(data); u != "" {
			r.UserID = u
		}
	default:
		r.Ack(nil)
		b.log.Warn("envelope with an unexpected payload", "type", env.Type, "payload", fmt.Sprintf("%T", evt.Data))
		return
	}
	if h == nil {
		r.Ack(nil)
		b.log.Info("no handler for envelope", "type", env.Type, "detail", describe(r))
		return
	}
	if r.Event == nil && r.TriggerID != "" {
		// Slack re-delivers the same payload under a new envelope id; the
		// trigger id is unique per user gesture.
		dedupID = r.TriggerID
	}
	b.handlers.Add(1)
	go b.run(r, h, dedupID, env.RetryAttempt)
}

// run executes h with panic recovery and the delivery check, and makes sure
// the envelope is acked even when the handler forgets.
func (b *Bot) run(r *Request, h HandlerFunc, dedupID string, retry int) {
	defer b.handlers.Done()
	ctx := b.work
	// Whatever the handler waits on, Slack gets its ack in time: past the
	// deadline an empty ack goes out and the answer follows by response_url.
	// A view submission never gets an empty ack that would claim success:
	// it is told the save is still going on, then how it ended
	// (submission.go).
	watchdog := time.AfterFunc(ackDeadline, func() {
		if isSubmission(r) {
			if b.ackSlowSubmission(r) {
				b.log.Warn("submission slow to ack; told the user it is still saving", "detail", describe(r), "after", ackDeadline)
			}
			return
		}
		if r.tryAck(nil) {
			b.log.Warn("handler slow to ack; acked empty", "detail", describe(r), "after", ackDeadline)
		}
	})
	defer watchdog.Stop()
	defer func() {
		if p := recover(); p != nil {
			b.metrics.Panics.WithLabelValues(r.Type).Inc()
			b.log.Error("handler panic", "type", r.Type, "detail", describe(r), "panic", p)
			if isSubmission(r) {
				b.failedSubmission(ctx, r, T(b.langFor(r), "error.apology"))
			} else {
				b.apologise(ctx, r)
			}
		}
		if r.tryAck(nil) {
			b.log.Debug("handler returned without acking; acked empty", "detail", describe(r))
		}
	}()
	if retry == 0 {
		// A first delivery is recorded off the ack path: Slack re-delivers
		// only after 3 s without an ack, long after this write lands.
		b.handlers.Add(1)
		go func() {
			defer b.handlers.Done()
			if _, err := b.store.FirstDelivery(ctx, r.TeamID, dedupID, time.Hour); err != nil {
				b.log.Debug("cannot record delivery", "id", dedupID, "err", err)
			}
		}()
	} else if first, err := b.store.FirstDelivery(ctx, r.TeamID, dedupID, time.Hour); err != nil {
		b.log.Warn("cannot check re-delivery; processing", "id", dedupID, "err", err)
	} else if !first {
		b.metrics.Duplicates.Inc()
		b.log.Info("skipping re-delivered envelope", "id", dedupID, "retry_attempt", retry)
		return
	}
	if r.UserID != "" && !isSubmission(r) {
		// Middleware: the user's profile and language, resolved once for
		// every handler (a cache miss acks a slash command first: the answer
		// follows by response_url after the lookup).
		r.User = b.user(ctx, r)
	}
	if err := h(ctx, r); err != nil {
		b.fail(ctx, r, err)
	}
}

// apologise tells the user something went wrong, by whatever channel is open.
func (b *Bot) apologise(ctx context.Context, r *Request) {
	msg := T(b.langFor(r), "error.apology")
	if r.Command != nil && r.tryAck(Reply{Text: msg}.webhook()) {
		return
	}
	switch {
	case r.ResponseURL != "":
		_ = b.respond(ctx, r, Reply{Text: msg})
	case r.ChannelID != "" && r.UserID != "":
		_, _ = b.api.PostEphemeralContext(ctx, r.ChannelID, r.UserID, slack.MsgOptionText(msg, false))
	}
}

// langFor returns the request's language, or the cached one, or the default.
func (b *Bot) langFor(r *Request) string {
	if r.Lang != "" {
		return r.Lang
	}
	if u, ok := b.Profiles.cached(r.TeamID, r.UserID); ok {
		return u.Lang
	}
	return b.Profiles.defaultLang
}

func innerUser(e slackevents.EventsAPIEvent) string {
	raw, ok := e.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
	if ok {
		return raw.User
	}
	return ""
}

// describe names what the request is, for logs (never user text).
func describe(r *Request) string {
	switch {
	case r.Command != nil:
		name, _ := splitSubcommand(r.Command.Text)
		return r.Command.Command + " " + name
	case r.Action != nil:
		return "action " + r.Action.ActionID
	case r.Callback != nil:
		return string(r.Callback.Type) + " " + r.Callback.CallbackID + r.Callback.View.CallbackID
	case r.Event != nil:
		return "event " + r.Event.InnerEvent.Type
	}
	return r.Type
}

// Router returns the bot's router, for the features' Register functions
// (called after New, before Run).
func (b *Bot) Router() *Router { return b.router }
