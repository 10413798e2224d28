package main

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"ctocoach/slackemu"
	"ctocoach/store"
)

// redisProc is a redis-server of the test's own, on a free port, with an
// append-only file fsynced on every write (what a deployment that promises
// "nothing acknowledged is lost" runs), so that kill -9 keeps what it acked.
type redisProc struct {
	port int
	dir  string
	cmd  *exec.Cmd
}

// mustStartRedis starts redis-server, skipping loudly when it is missing.
func mustStartRedis(tb testing.TB) *redisProc {
	tb.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		tb.Skip("SKIPPED: redis-server is not installed; the Redis fault suite needs it (CI installs it)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	r := &redisProc{port: port, dir: tb.TempDir()}
	r.start(tb)
	tb.Cleanup(func() {
		if r.cmd != nil && r.cmd.Process != nil {
			_ = r.cmd.Process.Signal(syscall.SIGCONT)
			_ = r.cmd.Process.Kill()
			_ = r.cmd.Wait()
		}
	})
	return r
}

func (r *redisProc) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.port) }

// start runs redis-server (again, on the same port and files) and waits
// until it accepts connections.
func (r *redisProc) start(tb testing.TB) {
	tb.Helper()
	r.cmd = exec.Command("redis-server", "--port", fmt.Sprint(r.port), "--bind", "127.0.0.1",
		"--dir", r.dir, "--save", "", "--appendonly", "yes", "--appendfsync", "always")
	if err := r.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	MustEventually(tb, 10*time.Second, "redis-server accepting on its port", func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", r.port))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

// kill9 kills redis-server as kill -9 does.
func (r *redisProc) kill9(tb testing.TB) {
	tb.Helper()
	_ = r.cmd.Process.Kill()
	_ = r.cmd.Wait()
}

func (r *redisProc) signal(tb testing.TB, sig syscall.Signal) {
	tb.Helper()
	if err := r.cmd.Process.Signal(sig); err != nil {
		tb.Fatal(err)
	}
}

// faultFigures are one fault's counts.
type faultFigures struct {
	sent, stored, told, toldLate, lost, duplicated int
	questions, answered                            int
	latencies                                      []time.Duration
}

func (f faultFigures) p99() time.Duration {
	if len(f.latencies) == 0 {
		return 0
	}
	l := slices.Clone(f.latencies)
	slices.Sort(l)
	return l[(len(l)*99+99)/100-1]
}

// TestE2EFaultRedisKilledAndHung runs the real bot (Main, production client
// options and Web API pacing) against the emulator and a redis-server of its
// own, then kills Redis with SIGKILL (and restarts it) and hangs it with
// SIGSTOP for 10 s, while retro cards are added and questions asked. Every
// card whose submission was acknowledged as added must be stored once;
// every other one must have been told (an errors answer in the modal, or a
// DM saying it was not saved); every question is answered.
func TestE2EFaultRedisKilledAndHung(t *testing.T) {
	// Parallel: its own emulator and redis-server process; its time is
	// spent waiting on a killed, then stopped, Redis, not on the CPU.
	t.Parallel()
	if testing.Short() {
		t.Skip("fault suite: a real redis-server killed and stopped (about 40 s)")
	}
	rp := mustStartRedis(t)
	ctx := context.Background()
	st, err := store.Open(ctx, rp.url(), discardLogger())
	if err != nil {
		t.Fatal(err)
	}
	emu := MustNewEmulator(t)
	const perPhase = 12
	for i := range 2 * perPhase {
		emu.AddUser(slackemu.User{ID: fmt.Sprintf("UF%02d", i), Name: fmt.Sprintf("dev%d", i), Locale: "en-US", TZ: "UTC"})
	}
	MustRunMain(t, emu, func(m *Main) { m.Store = st })
	if a := retroCommand(t, emu, "UALICE", "start sailboat"); !strings.Contains(a, "is open") {
		t.Fatalf("/retro start = %q", a)
	}
	retroBoard(t, emu, "CTEAM", "the board", func(s string) bool { return strings.Contains(s, "Sailboat") })

	phases := []struct {
		name  string
		fault func()
		heal  func()
	}{
		{"kill -9", func() { rp.kill9(t) }, func() { rp.start(t) }},
		{"SIGSTOP 10 s", func() { rp.signal(t, syscall.SIGSTOP) }, func() { rp.signal(t, syscall.SIGCONT) }},
	}
	for pi, ph := range phases {
		users := make([]string, perPhase)
		for i := range users {
			users[i] = fmt.Sprintf("UF%02d", pi*perPhase+i)
			board, _ := retroBoardMessage(emu, "CTEAM")
			retroOpenModal(t, emu, users[i], board, "retro.add_card", "retro.add_card")
		}
		var f faultFigures
		ph.fault()
		faultAt := time.Now()
		acked := map[string]bool{} // card text → acknowledged as added
		slow := map[string]bool{}  // card text → answered "still saving"
		texts := map[string]string{}
		type result struct {
			user, text string
			res        <-chan slackemu.AckResult
		}
		var rs []result
		for i, u := range users {
			text := fmt.Sprintf("%s card %d", ph.name, i)
			texts[u] = text
			rs = append(rs, result{u, text, emu.SendAsync(emu.ViewSubmission(u, "retro.add_card", "", retroCardValues("wind", text, false)))})
			f.sent++
		}
		var qs []<-chan slackemu.AckResult
		for i := range perPhase {
			qs = append(qs, emu.SendAsync(emu.SlashCommand(users[i], "CTEAM", "/cto", "how do I delegate")))
			f.questions++
		}
		for _, r := range rs {
			res := <-r.res
			if res.Err != nil {
				t.Errorf("%s: submission of %s not acked: %v", ph.name, r.user, res.Err)
				continue
			}
			f.latencies = append(f.latencies, res.Ack.Latency)
			acked[r.text] = !strings.Contains(string(res.Ack.Payload), `"errors"`)
			slow[r.text] = strings.Contains(string(res.Ack.Payload), "Still saving")
		}
		for _, q := range qs {
			if res := <-q; res.Err == nil {
				f.answered++ // answered in the ack or by response_url below
				f.latencies = append(f.latencies, res.Ack.Latency)
			}
		}
		if ph.name == "SIGSTOP 10 s" {
			// Hung for 10 s from the fault, measured on the wall clock: this is
			// the fault's duration, not a synchronisation.
			time.Sleep(time.Until(faultAt.Add(10 * time.Second)))
		}
		ph.heal()
		MustEventually(t, 30*time.Second, "Redis reachable again through the bot's store", func() bool {
			c, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			return st.Ping(c) == nil
		})
		// A submission answered "still saving" is then told how it ended, by
		// DM; any other errors answer told the user itself.
		for _, u := range users {
			if !slow[texts[u]] {
				continue
			}
			MustEventually(t, 30*time.Second, u+" told by DM how the card ended", func() bool {
				for _, msg := range emu.Messages(u) {
					if strings.Contains(msg.Text, "Saved after all") || strings.Contains(msg.Text, "not* saved") {
						return true
					}
				}
				return false
			})
		}
		b, err := st.OpenBoard(ctx, emu.TeamID(), "CTEAM")
		if err != nil {
			t.Fatalf("%s: board after recovery: %v", ph.name, err)
		}
		count := map[string]int{}
		for _, c := range b.Cards {
			count[c.Text]++
		}
		for _, u := range users {
			text := texts[u]
			switch n := count[text]; {
			case n > 1:
				f.duplicated++
			case n == 1:
				f.stored++
			case acked[text]:
				f.lost++
				t.Errorf("%s: card %q acknowledged as added but not stored", ph.name, text)
			}
			if !acked[text] {
				f.told++
				if slow[text] {
					f.toldLate++
				}
				if lateSaved(emu, u) && count[text] == 0 {
					t.Errorf("%s: %s was told 'saved after all' but the card is not stored", ph.name, u)
				}
			}
		}
		if f.duplicated > 0 {
			t.Errorf("%s: %d cards stored twice", ph.name, f.duplicated)
		}
		if f.answered != f.questions {
			t.Errorf("%s: %d of %d questions answered", ph.name, f.answered, f.questions)
		}
		t.Logf("FIGURES %s: cards sent %d, stored %d, told %d (of which by DM after 'still saving' %d), lost %d, duplicated %d; questions %d acked %d; ack p99 %v",
			ph.name, f.sent, f.stored, f.told, f.toldLate, f.lost, f.duplicated, f.questions, f.answered, f.p99().Round(time.Millisecond))
	}
}

// lateSaved reports whether user got the "saved after all" DM.
func lateSaved(emu *slackemu.Server, user string) bool {
	for _, msg := range emu.Messages(user) {
		if strings.Contains(msg.Text, "Saved after all") {
			return true
		}
	}
	return false
}
