package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"ctocoach/scheduler"
	"ctocoach/slackemu"
)

// holdingSlack stands in front of the emulator's Web API and holds the
// calls of chosen methods until their caller gives up (its context ends)
// or the test ends; every other call goes through.
type holdingSlack struct {
	srv     *httptest.Server
	release chan struct{}
	mu      sync.Mutex
	hold    map[string]bool
	held    map[string]int // calls being held now, by method
}

func newHoldingSlack(t *testing.T, emu *slackemu.Server) *holdingSlack {
	t.Helper()
	target, err := url.Parse(emu.URL())
	if err != nil {
		t.Fatal(err)
	}
	h := &holdingSlack{release: make(chan struct{}), hold: map[string]bool{}, held: map[string]int{}}
	proxy := httputil.NewSingleHostReverseProxy(target)
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		method := path.Base(r.URL.Path)
		h.mu.Lock()
		hold := h.hold[method]
		if hold {
			h.held[method]++
		}
		h.mu.Unlock()
		if !hold {
			proxy.ServeHTTP(w, r)
			return
		}
		select {
		case <-r.Context().Done():
		case <-h.release:
		}
		h.mu.Lock()
		h.held[method]--
		h.mu.Unlock()
		http.Error(w, "held by the test", http.StatusServiceUnavailable)
	}))
	t.Cleanup(func() { close(h.release); h.srv.Close() })
	return h
}

// APIURL is the Web API base to give the bot.
func (h *holdingSlack) APIURL() string { return h.srv.URL + "/api/" }

// Hold makes calls of method wait from now on.
func (h *holdingSlack) Hold(method string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hold[method] = true
}

// Held is how many calls of method are being held now.
func (h *holdingSlack) Held(method string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.held[method]
}

// TestCloseFitsOneDeadlineWhenEveryComponentIsBusy makes every component
// busy at once — a bot handler stuck in views.open, a scheduler task whose
// handler runs until cancelled, the board updater stuck in chat.update —
// and checks that Close returns within SHUTDOWN_GRACE (plus a margin for
// the timer and the last log line: a bound, not a speed measurement).
// Before the one deadline, the three drained one after another with their
// own budgets: grace + (grace + 1 s) + 2 × the board lock TTL (20 s).
func TestCloseFitsOneDeadlineWhenEveryComponentIsBusy(t *testing.T) {
	const grace = 2 * time.Second
	const margin = 750 * time.Millisecond
	emu := MustNewEmulator(t)
	slack := newHoldingSlack(t, emu)
	m := MustRunMain(t, emu, func(m *Main) {
		m.Config.APIURL = slack.APIURL()
		m.Config.ShutdownGrace = grace
	})
	logs := m.logs.(*syncBuffer)

	// The board updater: a board, then a card whose update is held.
	if a := retroCommand(t, emu, "UALICE", "start sailboat"); !strings.Contains(a, "Board #1 is open") {
		t.Fatalf("/retro start = %q", a)
	}
	retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return strings.Contains(s, "Sailboat — retro #1") })
	slack.Hold("chat.update")
	retroAddCard(t, emu, "UALICE", "wind", "Pairing on every incident", false)
	waitFor(t, "a held chat.update", func() bool { return slack.Held("chat.update") > 0 }, logs)

	// The scheduler: a task whose handler runs until its context ends.
	var running atomic.Int32
	engine := m.sharedScheduler()
	engine.Handle("test.busy", func(ctx context.Context, _ scheduler.Task) error {
		running.Add(1)
		defer running.Add(-1)
		<-ctx.Done()
		return ctx.Err()
	})
	if err := engine.Schedule(context.Background(), scheduler.Task{ID: "busy-1", Kind: "test.busy", Team: emu.TeamID(), Due: m.Now()}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a running scheduler task", func() bool { return running.Load() == 1 }, logs)

	// The bot: a button whose handler is held in views.open.
	slack.Hold("views.open")
	board, _ := retroBoardMessage(emu, "CTEAM")
	retroClick(t, emu, "UBRUNO", board, "retro.add_card")
	waitFor(t, "a held views.open", func() bool { return slack.Held("views.open") > 0 }, logs)

	start := time.Now()
	err := m.Close()
	took := time.Since(start)
	if err != nil {
		t.Logf("Close: %v", err)
	}
	t.Logf("Close took %s with every component busy (SHUTDOWN_GRACE %s)", took.Round(time.Millisecond), grace)
	if took > grace+margin {
		t.Errorf("Close took %s with every component busy, want at most SHUTDOWN_GRACE %s + %s", took.Round(time.Millisecond), grace, margin)
	}
	if running.Load() != 0 {
		t.Errorf("the scheduler task still runs after Close")
	}
	// The bot and the scheduler cancelled their work and returned in time;
	// only the board updater (held in chat.update, which it does not cancel
	// before its own 20 s bound) is left running at the deadline.
	abandoned := linesNaming(logs.String(), "shutdown deadline reached")
	if len(abandoned) != 1 || !strings.Contains(abandoned[0], "still_running=[retrobot.BoardUpdater]") {
		t.Errorf("want one line abandoning only the board updater, got %q", abandoned)
	}
}

// TestAFailingComponentStopsTheOthers injects a component whose Run returns
// an error while the engine runs a task: Main stops on its own — Done is
// closed with that error, the engine's task is cancelled, the socket and
// the HTTP port close and every component returns, all before Close — and
// Close reports the error again (main exits 1 with it).
func TestAFailingComponentStopsTheOthers(t *testing.T) {
	const grace = 2 * time.Second
	errBroken := errors.New("test component broke")
	fail := make(chan struct{})
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu, func(m *Main) {
		m.Config.ShutdownGrace = grace
		m.components = append(m.components, component{name: "test.failing", run: func(ctx context.Context) error {
			select {
			case <-fail:
				return errBroken
			case <-ctx.Done():
				return nil
			}
		}})
	})
	logs := m.logs.(*syncBuffer)
	healthz := "http://" + m.HTTPAddr + "/healthz"
	if resp, err := http.Get(healthz); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz before the failure: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	var running, cancelled atomic.Int32
	m.engine.Handle("test.busy", func(ctx context.Context, _ scheduler.Task) error {
		running.Add(1)
		defer running.Add(-1)
		<-ctx.Done()
		cancelled.Add(1)
		return ctx.Err()
	})
	if err := m.engine.Schedule(context.Background(), scheduler.Task{ID: "busy-1", Kind: "test.busy", Team: emu.TeamID(), Due: m.Now()}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a running scheduler task", func() bool { return running.Load() == 1 }, logs)
	select {
	case <-m.Done():
		t.Fatalf("Done before any component failed: %v", m.Err())
	default:
	}

	close(fail)
	select {
	case <-m.Done():
	case <-time.After(testTimeout):
		t.Fatalf("Main did not stop when a component failed; logs:\n%s", logs.String())
	}
	if !errors.Is(m.Err(), errBroken) {
		t.Errorf("Err = %v, want the failing component's error", m.Err())
	}
	select {
	case <-m.stopped:
	case <-time.After(testTimeout):
		t.Fatalf("components still running %s after the failure: %v", testTimeout, m.stillRunning())
	}
	if left := m.stillRunning(); len(left) != 0 {
		t.Errorf("still running after every component returned: %v", left)
	}
	if cancelled.Load() != 1 || running.Load() != 0 {
		t.Errorf("the engine's task: cancelled %d, running %d; want it cancelled by the engine's drain", cancelled.Load(), running.Load())
	}
	if m.Bot.Connected() {
		t.Error("the bot is still connected")
	}
	waitFor(t, "the socket closed on the emulator", func() bool { return emu.Connections() == 0 }, logs)
	if resp, err := http.Get(healthz); err == nil {
		resp.Body.Close()
		t.Errorf("the HTTP port still answers /healthz (%d)", resp.StatusCode)
	}

	start := time.Now()
	err := m.Close()
	if !errors.Is(err, errBroken) {
		t.Errorf("Close = %v, want it to report the failing component's error", err)
	}
	if took := time.Since(start); took > grace {
		t.Errorf("Close took %s after everything had stopped", took)
	}
	if l := linesNaming(logs.String(), "shutdown deadline reached"); len(l) != 0 {
		t.Errorf("nothing should be abandoned: %q", l)
	}
}

// TestBinaryExitsAtOnceOnASecondSignal: SIGTERM starts the drain (a handler
// held in views.open keeps it busy, far inside a 30 s SHUTDOWN_GRACE); a
// second SIGTERM exits at once with status 1 and one line saying so.
func TestBinaryExitsAtOnceOnASecondSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := mustBuild(t)
	emu := MustNewEmulator(t)
	slack := newHoldingSlack(t, emu)
	cmd, logs := startBinary(t, bin, emu, "SLACK_API_URL="+slack.APIURL(), "SHUTDOWN_GRACE=30s")
	if a := retroCommand(t, emu, "UALICE", "start sailboat"); !strings.Contains(a, "Board #1 is open") {
		t.Fatalf("/retro start = %q", a)
	}
	retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return strings.Contains(s, "Sailboat — retro #1") })
	slack.Hold("views.open")
	board, _ := retroBoardMessage(emu, "CTEAM")
	retroClick(t, emu, "UBRUNO", board, "retro.add_card")
	waitFor(t, "a held views.open", func() bool { return slack.Held("views.open") > 0 }, logs)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the drain starting", func() bool { return strings.Contains(logs.String(), "shutting down") }, logs)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// waitExit bounds this by testTimeout, well inside the 30 s grace.
	if code := waitExit(t, cmd); code != 1 {
		t.Errorf("exit status after a second SIGTERM = %d, want 1; logs:\n%s", code, logs.String())
	}
	if l := linesNaming(logs.String(), "second signal, exiting now"); len(l) != 1 {
		t.Errorf("want one line about the second signal, got %q; logs:\n%s", l, logs.String())
	}
	if l := linesNaming(logs.String(), `msg="shut down"`); len(l) != 0 {
		t.Errorf("the drain finished although a handler was held:\n%s", logs.String())
	}
}
