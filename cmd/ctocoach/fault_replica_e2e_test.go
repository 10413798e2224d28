package main

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"ctocoach/bot"
	"ctocoach/config"
	"ctocoach/slackemu"
	"ctocoach/store"
)

// Environment of a replica child process (the test binary re-executed).
const (
	envReplicaChild = "CTOCOACH_TEST_REPLICA_CHILD"
	envEmuURL       = "CTOCOACH_TEST_EMU_URL"
	envRedisURL     = "CTOCOACH_TEST_REDIS_URL"
	envClockFile    = "CTOCOACH_TEST_CLOCK_FILE"
)

// TestReplicaChild is not a test: it is the body of a replica process that
// TestE2EFaultReplicaKilledMidBurst starts (and kills). It runs a real Main
// against the parent's emulator and Redis, on a clock read from a file the
// parent writes (unix ms), until SIGTERM (graceful) or SIGKILL.
func TestReplicaChild(t *testing.T) {
	if os.Getenv(envReplicaChild) == "" {
		t.Skip("the body of a replica child process (run by TestE2EFaultReplicaKilledMidBurst)")
	}
	var now atomic.Int64
	readClock := func() {
		if b, err := os.ReadFile(os.Getenv(envClockFile)); err == nil {
			if ms, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil {
				now.Store(ms)
			}
		}
	}
	readClock()
	go func() {
		for range time.Tick(20 * time.Millisecond) {
			readClock()
		}
	}()
	cfg := config.Config{
		BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: os.Getenv(envEmuURL), HTTPAddr: "127.0.0.1:0",
		LogLevel: "info", LogFormat: "text", DefaultLanguage: "en", DefaultTimezone: "UTC",
		ShutdownGrace: 5 * time.Second,
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	m := NewMain(cfg, log)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	st, err := store.Open(ctx, os.Getenv(envRedisURL), log)
	if err != nil {
		t.Fatal(err)
	}
	m.Store = st
	m.Now = func() time.Time { return time.UnixMilli(now.Load()) }
	// Pacing off: 1,000 nudges at Slack's chat.postMessage pace take over
	// 100 s; exactly-once under a kill is under test here, pacing is covered
	// by BenchmarkNudgeDeliveryUnderSlackLimit.
	m.SlackLimits = map[string]bot.MethodLimit{}
	if err := m.Run(ctx); err != nil {
		t.Fatal(err)
	}
	<-ctx.Done()
	if err := m.Close(); err != nil {
		t.Error(err)
	}
}

// TestE2EFaultReplicaKilledMidBurst runs three replicas as child processes
// on one redis-server and one emulator, subscribes 1,000 users, moves the
// shared clock past the Monday coffee, kills one replica with SIGKILL while
// the nudges go out, and checks that every user got exactly one nudge.
func TestE2EFaultReplicaKilledMidBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("fault suite: three replica processes, one killed during a 1,000-user burst (about 45 s)")
	}
	const users = 1000
	rp := mustStartRedis(t)
	emu := MustNewEmulator(t)
	ids := addBurstUsers(emu, "UK%04d", users)
	clockFile := filepath.Join(t.TempDir(), "clock")
	setClock := func(tm time.Time) {
		tmp := clockFile + ".tmp"
		if err := os.WriteFile(tmp, []byte(strconv.FormatInt(tm.UnixMilli(), 10)), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, clockFile); err != nil {
			t.Fatal(err)
		}
	}
	setClock(time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)) // Monday 08:00 UTC
	var children []*exec.Cmd
	for i := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestReplicaChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), envReplicaChild+"=1", envEmuURL+"="+emu.APIURL(), envRedisURL+"="+rp.url(), envClockFile+"="+clockFile)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		children = append(children, cmd)
		t.Cleanup(func() {
			if cmd.ProcessState == nil {
				_ = cmd.Process.Signal(syscall.SIGTERM)
				done := make(chan struct{})
				go func() { _ = cmd.Wait(); close(done) }()
				select {
				case <-done:
				case <-time.After(15 * time.Second):
					t.Errorf("replica %d did not stop on SIGTERM", i)
					_ = cmd.Process.Kill()
					<-done
				}
			}
		})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := emu.WaitConnections(ctx, 3); err != nil {
		t.Fatal(err)
	}
	subscribeToCoffee(ctx, t, emu, ids)
	nudged := func(s *slackemu.Server) int { return usersNudged(s, ids) }
	start := time.Now()
	setClock(time.Date(2026, 1, 5, 9, 31, 0, 0, time.UTC)) // the coffee (09:30) is due for everyone
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return len(s.Calls("chat.postMessage")) >= users+users/5 }); err != nil {
		t.Fatalf("nudges did not start: %v", err)
	}
	if err := children[1].Process.Kill(); err != nil { // kill -9 mid-burst
		t.Fatal(err)
	}
	_ = children[1].Wait()
	atKill := nudged(emu)
	// The dead replica's claims come back after the 30 s lease: move the
	// shared clock past it rather than waiting for it.
	setClock(time.Date(2026, 1, 5, 9, 32, 0, 0, time.UTC))
	if err := emu.Wait(ctx, func(s *slackemu.Server) bool { return nudged(s) == users }); err != nil {
		t.Fatalf("only %d of %d users nudged: %v", nudged(emu), users, err)
	}
	took := time.Since(start)
	twice := assertOneNudgeEach(t, emu, ids)
	t.Logf("FIGURES replica SIGKILL: users %d, nudged when killed %d, delivered %d, duplicated %d, lost %d; re-claimed nudges looked up in the DM %d; burst took %v",
		users, atKill, nudged(emu), twice, users-nudged(emu), len(emu.Calls("conversations.history")), took.Round(100*time.Millisecond))
}
