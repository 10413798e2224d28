package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"ctocoach/config"
	"ctocoach/playground"
	"ctocoach/scheduler"
	"ctocoach/slackemu"
)

func init() { subcommands["playground"] = runPlayground }

// defaultPlaygroundAddr is where `ctocoach playground` listens unless told.
const defaultPlaygroundAddr = "127.0.0.1:8088"

// runPlayground is `ctocoach playground [--addr 127.0.0.1:PORT]`: the real
// bot (the same Main, embedded Redis, Slack client and pacing) against the
// in-process Slack emulator, with a web client for the seeded workspace.
func runPlayground(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("playground", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", defaultPlaygroundAddr, "address of the web page (loopback unless --allow-remote)")
	remote := fs.Bool("allow-remote", false, "allow a non-loopback --addr (the page has no login: never on a shared network)")
	level := fs.String("log-level", "info", "debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := checkLoopback(*addr, *remote); err != nil {
		fmt.Fprintln(stderr, "ctocoach playground:", err)
		return 2
	}
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(*level))
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: lv}))

	pg, err := startPlayground(context.Background(), *addr, log)
	if err != nil {
		fmt.Fprintln(stderr, "ctocoach playground:", err)
		return 1
	}
	fmt.Fprintf(stdout, "ctocoach playground: open http://%s/  (not for production: no login, state in memory; Ctrl-C stops)\n", pg.Addr)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	status := 0
	select {
	case <-sig:
	case <-pg.Main.Done():
		log.Error("bot stopped", "err", pg.Main.Err())
		status = 1
	}
	if err := pg.Close(); err != nil {
		log.Error("playground shutdown", "err", err)
		status = 1
	}
	return status
}

// checkLoopback refuses a non-loopback address unless allowed.
func checkLoopback(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr must be host:port, got %q", addr)
	}
	if allowRemote {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--addr %s is not a loopback address; the playground has no login, add --allow-remote only on a network you trust", addr)
}

// runningPlayground is a started playground: emulator, bot and web page.
type runningPlayground struct {
	Emu   *slackemu.Server
	Main  *Main
	Clock *playground.Clock
	Web   *playground.Server
	// Addr is where the page listens.
	Addr string
	http *http.Server
}

// startPlayground starts the emulator (Slack's rate-limit tiers on, so the
// bot's production pacing is what keeps it inside them), seeds the
// workspace, runs Main against it on the playground clock, subscribes the
// seeded people to their routines through the real modal, and serves the
// page on addr.
func startPlayground(ctx context.Context, addr string, log *slog.Logger) (*runningPlayground, error) {
	clock := playground.NewClock()
	emu := slackemu.New(slackemu.WithNow(clock.Now), slackemu.SlackTiers(),
		slackemu.WithLogger(log.With("component", "slackemu")))
	playground.Seed(emu)
	cfg := config.Config{
		BotToken: "xoxb-playground", AppToken: "xapp-playground", APIURL: emu.APIURL(),
		LogLevel: "info", LogFormat: "text", DefaultLanguage: "en", DefaultTimezone: "UTC",
		ShutdownGrace: 5 * time.Second,
		// RedisURL empty: the embedded in-memory Redis. HTTPAddr empty: no
		// health port (the page is the only listener).
	}
	if err := cfg.Validate(); err != nil {
		emu.Close()
		return nil, fmt.Errorf("playground config: %w", err)
	}
	m := NewMain(cfg, log)
	m.Now = clock.Now
	if err := m.Run(ctx); err != nil {
		emu.Close()
		return nil, err
	}
	pg := &runningPlayground{Emu: emu, Main: m, Clock: clock}
	wctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := m.Bot.WaitConnected(wctx); err != nil {
		pg.Close()
		return nil, fmt.Errorf("bot never connected to the emulator: %w", err)
	}
	for _, p := range playground.People {
		if err := playground.SubscribeRoutines(wctx, emu, p); err != nil {
			pg.Close()
			return nil, err
		}
	}
	pg.Web = playground.New(playground.Options{Emu: emu, Clock: clock, Advance: pg.advance, Log: log.With("component", "playground")})
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		pg.Close()
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	pg.Addr = ln.Addr().String()
	pg.http = &http.Server{Handler: pg.Web, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := pg.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("playground: serve", "err", err)
		}
	}()
	return pg, nil
}

// advanceStepWait bounds how long one step of advance waits for the task
// it made due to be handled (a wait, not a pace: it ends as soon as the
// task leaves the queue).
const advanceStepWait = 10 * time.Second

// maxAdvanceSteps bounds the tasks one advance walks through.
const maxAdvanceSteps = 200

// advance moves the clock forward by d one due task at a time: the clock
// stops at each pending task's due time, the scheduler is woken and the
// task handled, so that nudges, follow-ups and retro milestones happen at
// their own time (a nudge found a week late would be dropped as stale).
func (pg *runningPlayground) advance(ctx context.Context, d time.Duration) error {
	sched := pg.scheduler()
	target := pg.Clock.Now().Add(d)
	for range maxAdvanceSteps {
		if sched == nil {
			break
		}
		now := pg.Clock.Now()
		tasks, err := sched.Pending(ctx, pg.Emu.TeamID(), "")
		if err != nil {
			return fmt.Errorf("advance: pending tasks: %w", err)
		}
		var next *scheduler.Task
		for i := range tasks {
			if t := tasks[i]; t.Due.After(now) && !t.Due.After(target) {
				next = &tasks[i]
				break
			}
		}
		if next == nil {
			break
		}
		pg.Clock.AdvanceTo(next.Due.Add(time.Millisecond))
		sched.Wake()
		if err := waitHandled(ctx, sched, pg.Emu.TeamID(), *next); err != nil {
			return err
		}
	}
	pg.Clock.AdvanceTo(target)
	if sched != nil {
		sched.Wake()
	}
	return nil
}

// waitHandled waits until t is no longer waiting at its due time (done,
// failed, or moved by a retry), polling the queue.
func waitHandled(ctx context.Context, sched *scheduler.Scheduler, team string, t scheduler.Task) error {
	ctx, cancel := context.WithTimeout(ctx, advanceStepWait)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		tasks, err := sched.Pending(ctx, team, t.ID)
		if err != nil {
			return fmt.Errorf("advance: wait for %s: %w", t.ID, err)
		}
		handled := true
		for _, p := range tasks {
			if p.ID == t.ID && p.Due.Equal(t.Due) {
				handled = false
			}
		}
		if handled {
			return nil
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return fmt.Errorf("advance: task %s not handled: %w", t.ID, ctx.Err())
		}
	}
}

// scheduler returns Main's delivery engine, if it has one.
func (pg *runningPlayground) scheduler() *scheduler.Scheduler { return pg.Main.engine }

// Close stops the page, the bot and the emulator, in that order.
func (pg *runningPlayground) Close() error {
	var errs []error
	if pg.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		if err := pg.http.Shutdown(ctx); err != nil {
			_ = pg.http.Close() // long polls still open: cut them
		}
		cancel()
	}
	if pg.Web != nil {
		pg.Web.Close()
	}
	errs = append(errs, pg.Main.Close())
	pg.Emu.Close()
	return errors.Join(errs...)
}
