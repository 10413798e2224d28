package slackemu_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/slackemu"
)

// BenchmarkSendAck measures one envelope round trip through the emulator and
// a real socketmode client that acks at once; it reports the ack latency
// percentiles the emulator measures.
func BenchmarkSendAck(b *testing.B) {
	srv := MustServer(b)
	c := MustStartClient(b, srv)
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	go func() {
		for {
			select {
			case e := <-c.Events:
				if e.Request != nil && e.Request.EnvelopeID != "" {
					c.Ack(*e.Request)
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	if err := srv.WaitConnections(testCtx(b), 1); err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		ack, err := srv.Send(ctx, srv.SlashCommand("U1", "C1", "/cto", "burnout"))
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, ack.Latency)
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-ack-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-ack-µs")
}

// BenchmarkPostMessage measures chat.postMessage through slack-go.
func BenchmarkPostMessage(b *testing.B) {
	srv := MustServer(b)
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team"})
	api := newAPI(srv)
	b.ResetTimer()
	for range b.N {
		if _, _, err := api.PostMessage("C1", slack.MsgOptionText("hello", false)); err != nil {
			b.Fatal(err)
		}
	}
}
