package main

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"ctocoach/config"
	"ctocoach/slackemu"
)

// questions is a mix of French and English questions as users type them.
var benchQuestions = []string{
	"how do i delegate", "comment deleguer", "burnout signs", "je me sens seul en tant que cto",
	"too many meetings", "trouver un mentor", "sailboat retro", "vp engineering vs cto",
	"how much budget for training", "regle des 150", "stand-up too long", "principe de peter",
}

// BenchmarkCtoCommandLoad sends b.N "/cto <question>" commands from 50 users
// at 200 commands/s through the emulator's Socket Mode connection and reports
// the ack latency and the answer latency (ack payload, or response_url post
// when the answer could not be computed in memory) at p50 and p99.
//
//	go test -run '^$' -bench CtoCommandLoad -benchtime 4000x ./cmd/ctocoach/
func BenchmarkCtoCommandLoad(b *testing.B) {
	const users, rate = 50, 200
	emu := slackemu.New()
	b.Cleanup(emu.Close)
	for i := range users {
		loc := "en-US"
		if i%2 == 1 {
			loc = "fr-FR"
		}
		emu.AddUser(slackemu.User{ID: fmt.Sprintf("U%03d", i), Name: fmt.Sprintf("user%d", i), Locale: loc, TZ: "Europe/Paris"})
	}
	emu.AddChannel(slackemu.Channel{ID: "CTEAM", Name: "team"})
	MustRunMain(b, emu, func(m *Main) { m.Log = discardLogger() })

	type sent struct {
		env  slackemu.Envelope
		at   time.Time
		done <-chan slackemu.AckResult
	}
	all := make([]sent, 0, b.N)
	tick := time.NewTicker(time.Second / rate)
	defer tick.Stop()
	b.ResetTimer()
	for i := range b.N {
		<-tick.C
		env := emu.SlashCommand(fmt.Sprintf("U%03d", i%users), "CTEAM", "/cto", benchQuestions[i%len(benchQuestions)])
		all = append(all, sent{env: env, at: time.Now(), done: emu.SendAsync(env)})
	}
	var acks, answers []time.Duration
	viaAck := 0
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, s := range all {
		res := <-s.done
		if res.Err != nil {
			b.Fatalf("envelope not acked: %v", res.Err)
		}
		acks = append(acks, res.Ack.Latency)
		if len(res.Ack.Payload) > 4 {
			viaAck++
			answers = append(answers, res.Ack.Latency)
			continue
		}
		rs, err := emu.WaitResponses(ctx, s.env.ResponseID, 1)
		if err != nil {
			b.Fatalf("no answer: %v", err)
		}
		answers = append(answers, rs[0].At.Sub(s.at))
	}
	b.StopTimer()
	b.ReportMetric(pct(acks, 50), "p50-ack-µs")
	b.ReportMetric(pct(acks, 99), "p99-ack-µs")
	b.ReportMetric(pct(answers, 50), "p50-answer-µs")
	b.ReportMetric(pct(answers, 99), "p99-answer-µs")
	b.ReportMetric(float64(viaAck)/float64(len(all))*100, "%-in-ack")
	b.ReportMetric(float64(len(all)-len(answers)), "missing")
}

// pct returns the p-th percentile of ds in microseconds.
func pct(ds []time.Duration, p int) float64 {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s) == 0 {
		return 0
	}
	i := (len(s)*p + 99) / 100
	return float64(s[min(max(i-1, 0), len(s)-1)].Microseconds())
}

// BenchmarkStartupToConnected measures Main.Run (corpus load and index,
// store, Slack client) until the Socket Mode connection is up.
//
//	go test -run '^$' -bench StartupToConnected -benchtime 20x ./cmd/ctocoach/
func BenchmarkStartupToConnected(b *testing.B) {
	emu := slackemu.New()
	b.Cleanup(emu.Close)
	cfg := config.Config{
		BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: emu.APIURL(), LogLevel: "info", LogFormat: "text",
		DefaultLanguage: "en", DefaultTimezone: "UTC", ShutdownGrace: time.Second,
	}
	var total time.Duration
	var worst time.Duration
	for range b.N {
		m := NewMain(cfg, discardLogger())
		start := time.Now()
		if err := m.Run(context.Background()); err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := m.Bot.WaitConnected(ctx); err != nil {
			b.Fatal(err)
		}
		cancel()
		d := time.Since(start)
		total += d
		worst = max(worst, d)
		b.StopTimer()
		if err := m.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-connected")
	b.ReportMetric(float64(worst.Milliseconds()), "worst-ms")
}
