package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ctocoach/bot"
	"ctocoach/slackemu"
	"ctocoach/store"
)

// BenchmarkMemory10kUsers measures the peak RSS of the real ctocoach binary
// holding 10,000 users' state. An in-process Main first gives 10,000 users
// their state in a dedicated Redis database (profile, phase, two routine
// subscriptions with their planned nudges, a network contact); then the
// binary starts on that database (REDIS_URL) against the emulator and answers
// a /cto question from every one of them (all profiles in its cache). The
// figure is VmHWM from /proc. Needs TEST_REDIS_URL (the database number is
// replaced by 11, which is flushed).
//
//	TEST_REDIS_URL=redis://127.0.0.1:6379/9 go test -run '^$' -bench Memory10kUsers -benchtime 1x ./cmd/ctocoach/
//
// MEMBENCH_ENV adds a variable to the binary's environment (e.g. GOMEMLIMIT=40MiB).
func BenchmarkMemory10kUsers(b *testing.B) {
	base := os.Getenv("TEST_REDIS_URL")
	if base == "" {
		b.Skip("needs TEST_REDIS_URL")
	}
	const users = 10000
	opt, err := redis.ParseURL(base)
	if err != nil {
		b.Fatal(err)
	}
	opt.DB = 11
	rdb := redis.NewClient(opt)
	ctx := context.Background()
	if err := rdb.FlushDB(ctx).Err(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { rdb.FlushDB(ctx); rdb.Close() })
	st := store.New(rdb, store.DefaultPrefix, nil)

	emu := MustNewEmulator(b)
	for i := range users {
		emu.AddUser(slackemu.User{ID: fmt.Sprintf("UM%05d", i), Name: fmt.Sprintf("cto%d", i), Locale: []string{"en-US", "fr-FR"}[i%2], TZ: "Europe/Paris"})
	}
	setup := MustRunMain(b, emu, func(m *Main) {
		m.Store, m.Log, m.SlackLimits = st, discardLogger(), map[string]bot.MethodLimit{}
		m.ownStore = false
	})
	send := func(envs []slackemu.Envelope) {
		var pending []<-chan slackemu.AckResult
		for _, e := range envs {
			pending = append(pending, emu.SendAsync(e))
			if len(pending) == 200 {
				for _, p := range pending {
					if r := <-p; r.Err != nil {
						b.Fatal(r.Err)
					}
				}
				pending = pending[:0]
			}
		}
		for _, p := range pending {
			if r := <-p; r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	var envs []slackemu.Envelope
	for i := range users {
		u := fmt.Sprintf("UM%05d", i)
		envs = append(envs,
			emu.SlashCommand(u, "CTEAM", "/cto", "phase 2025-0"+strconv.Itoa(1+i%9)),
			emu.ViewSubmission(u, "routine.settings", "", routineSettingsValues("Europe/Paris", "weekly-coffee", "weekly-review")),
		)
	}
	send(envs)
	wctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := emu.Wait(wctx, func(s *slackemu.Server) bool { return len(s.Calls("chat.postMessage")) >= users }); err != nil {
		b.Fatal(err)
	}
	if err := setup.Close(); err != nil {
		b.Fatal(err)
	}
	keys, _ := rdb.DBSize(ctx).Result()

	bin := filepath.Join(b.TempDir(), "ctocoach")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.ResetTimer()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "SLACK_BOT_TOKEN=xoxb-test", "SLACK_APP_TOKEN=xapp-test",
		"SLACK_API_URL="+emu.APIURL(), "REDIS_URL="+fmt.Sprintf("redis://%s/11", opt.Addr), "HTTP_ADDR="+os.Getenv("MEMBENCH_HTTP_ADDR"), "PPROF=true", "LOG_LEVEL=warn")
	if e := os.Getenv("MEMBENCH_ENV"); e != "" {
		cmd.Env = append(cmd.Env, e)
	}
	if os.Getenv("MEMBENCH_STDERR") != "" {
		cmd.Stderr = os.Stderr
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Process.Kill()
	if err := emu.WaitConnections(wctx, 1); err != nil {
		b.Fatal(err)
	}
	connected := time.Since(start)
	// Every user asks a question, at 500 commands/s (2.5× the product's
	// 200/s load target).
	tick := time.NewTicker(2 * time.Millisecond)
	pending := make([]<-chan slackemu.AckResult, 0, users)
	for i := range users {
		<-tick.C
		pending = append(pending, emu.SendAsync(emu.SlashCommand(fmt.Sprintf("UM%05d", i), "CTEAM", "/cto", benchQuestions[i%len(benchQuestions)])))
	}
	tick.Stop()
	for _, p := range pending {
		if r := <-p; r.Err != nil {
			b.Fatal(r.Err)
		}
	}
	if os.Getenv("MEMBENCH_HTTP_ADDR") != "" {
		if out, err := exec.Command("curl", "-s", "-o", "/tmp/ctocoach.heap", "http://"+os.Getenv("MEMBENCH_HTTP_ADDR")+"/debug/pprof/heap?gc=1").CombinedOutput(); err != nil {
			b.Logf("heap profile: %v %s", err, out)
		}
	}
	hwm, rss := procStatus(b, cmd.Process.Pid, "VmHWM"), procStatus(b, cmd.Process.Pid, "VmRSS")
	b.StopTimer()
	_ = cmd.Process.Signal(os.Interrupt)
	_ = cmd.Wait()
	b.ReportMetric(hwm/1024, "peak-RSS-MB")
	b.ReportMetric(rss/1024, "RSS-MB")
	b.ReportMetric(float64(keys), "redis-keys")
	b.ReportMetric(float64(connected.Milliseconds()), "ms-to-connected")
}

// procStatus returns a /proc/<pid>/status field in kB.
func procStatus(tb testing.TB, pid int, field string) float64 {
	tb.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return n
		}
	}
	tb.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}
