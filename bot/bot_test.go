package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"ctocoach/metrics"
	"ctocoach/slackemu"
	"ctocoach/store/storetest"
)

const waitFor = 10 * time.Second

// testBot is a Bot running against an emulator, with extra routes.
type testBot struct {
	*Bot
	emu    *slackemu.Server
	cancel context.CancelFunc
	done   chan error
}

// mustStartBot starts a bot on a fresh emulator; register adds test routes
// before the loop starts.
func mustStartBot(tb testing.TB, register func(b *Bot)) *testBot {
	tb.Helper()
	emu := slackemu.New()
	tb.Cleanup(emu.Close)
	emu.AddUser(slackemu.User{ID: "U1", Name: "ana", Locale: "fr-FR", TZ: "Europe/Paris"})
	emu.AddChannel(slackemu.Channel{ID: "C1", Name: "general", Members: []string{"U1"}})
	api := slack.New("xoxb-t", slack.OptionAppLevelToken("xapp-t"), slack.OptionAPIURL(emu.APIURL()))
	b := New(Options{API: api, Socket: socketmode.New(api), Store: storetest.MustOpen(tb), Metrics: metrics.New(), Grace: time.Minute})
	if register != nil {
		register(b)
	}
	ctx, cancel := context.WithCancel(context.Background())
	tbot := &testBot{Bot: b, emu: emu, cancel: cancel, done: make(chan error, 1)}
	go func() { tbot.done <- b.Run(ctx) }()
	tb.Cleanup(func() { cancel(); <-tbot.done })
	wctx, wcancel := context.WithTimeout(context.Background(), waitFor)
	defer wcancel()
	if err := b.WaitConnected(wctx); err != nil {
		tb.Fatal(err)
	}
	return tbot
}

func TestPanicIsRecoveredAndAnswered(t *testing.T) {
	tb := mustStartBot(t, func(b *Bot) {
		b.router.Subcommand("boom", func(ctx context.Context, r *Request) error { panic("kaboom") })
	})
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	// A known user: the profile lookup of a first command acks empty
	// before any handler runs, and the apology would go by response_url.
	tb.Profiles.get(ctx, "T0001", "U1")
	ack, err := tb.emu.Send(ctx, tb.emu.SlashCommand("U1", "C1", "/cto", "boom"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ack.Payload), "Sorry") && !strings.Contains(string(ack.Payload), "Désolé") {
		t.Errorf("ack after a panic = %s, want an apology", ack.Payload)
	}
	if got := testutil.ToFloat64(tb.metrics.Panics.WithLabelValues("slash_commands")); got != 1 {
		t.Errorf("panics metric = %v, want 1", got)
	}
	// The bot still works.
	if ack, err := tb.emu.Send(ctx, tb.emu.SlashCommand("U1", "C1", "/cto", "help")); err != nil || ack.EnvelopeID == "" {
		t.Fatalf("help after panic: %v", err)
	}
}

func TestShutdownFinishesInFlightHandlers(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	tb := mustStartBot(t, func(b *Bot) {
		b.router.Subcommand("slow", legacy(func(ctx context.Context, r *Request) {
			r.Ack(nil)
			close(started)
			<-release
			b.answer(ctx, r, Reply{Text: "finished"})
		}))
	})
	env := tb.emu.SlashCommand("U1", "C1", "/cto", "slow")
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if _, err := tb.emu.Send(ctx, env); err != nil {
		t.Fatal(err)
	}
	<-started
	tb.cancel() // SIGTERM
	select {
	case <-tb.done:
		t.Fatal("Run returned while a handler was still running")
	default:
	}
	close(release)
	if err := <-tb.done; err != nil {
		t.Fatalf("Run = %v, want nil after a clean shutdown", err)
	}
	tb.done <- nil // for the cleanup
	rs := tb.emu.Responses(env.ResponseID)
	if len(rs) != 1 || rs[0].Text != "finished" {
		t.Errorf("responses after shutdown = %+v, want the in-flight answer", rs)
	}
}

func TestShutdownCancelsHandlersAfterGrace(t *testing.T) {
	cancelled := make(chan struct{})
	tb := mustStartBot(t, func(b *Bot) {
		b.grace = time.Millisecond
		b.router.Subcommand("stuck", legacy(func(ctx context.Context, r *Request) {
			r.Ack(nil)
			<-ctx.Done()
			close(cancelled)
		}))
	})
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if _, err := tb.emu.Send(ctx, tb.emu.SlashCommand("U1", "C1", "/cto", "stuck")); err != nil {
		t.Fatal(err)
	}
	tb.cancel()
	<-tb.done
	tb.done <- nil
	select {
	case <-cancelled:
	default:
		t.Fatal("handler context not cancelled when the grace period ran out")
	}
}

func TestSlowHandlerIsAckedBeforeSlackGivesUp(t *testing.T) {
	release := make(chan struct{})
	tb := mustStartBot(t, func(b *Bot) {
		b.router.Subcommand("slow", legacy(func(ctx context.Context, r *Request) {
			<-release // waits on "Redis" without acking
			b.answer(ctx, r, Reply{Text: "late answer"})
		}))
	})
	defer close(release)
	env := tb.emu.SlashCommand("U1", "C1", "/cto", "slow")
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	ack, err := tb.emu.Send(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	if ack.Attempt != 0 || ack.Latency >= 3*time.Second {
		t.Errorf("ack attempt %d after %v, want the first delivery acked under 3 s", ack.Attempt, ack.Latency)
	}
	release <- struct{}{}
	rs, err := tb.emu.WaitResponses(ctx, env.ResponseID, 1)
	if err != nil || rs[0].Text != "late answer" {
		t.Fatalf("late answer = %+v, %v; want it through response_url", rs, err)
	}
}
