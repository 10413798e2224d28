package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctocoach/store/storetest"
)

func TestE2ERedisDown(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	// Production client options and the production fail-fast window: the
	// test waits for recovery by condition instead of turning them off.
	s, mr := storetest.MiniServer(t)
	m := MustRunMain(t, emu, func(m *Main) { m.Store = s })
	mr.Close()

	// Advice still answers, in the user's language from users.info.
	a := MustAnswer(t, emu, "UBRUNO", "comment trouver un mentor")
	if !strings.Contains(a.all(), "À essayer cette semaine") {
		t.Errorf("advice with Redis down = %q, want French cards", a.Text)
	}
	// A stateful command says clearly it cannot be done.
	a = MustAnswer(t, emu, "UALICE", "lang fr")
	if !strings.Contains(a.Text, "unreachable") {
		t.Errorf("/cto lang with Redis down = %q, want a clear 'unreachable' answer", a.Text)
	}
	if !strings.Contains(m.logs.String(), "redis unavailable") {
		t.Errorf("no log line for the failed write")
	}
	// When Redis returns, the same command works and is kept.
	if err := mr.Restart(); err != nil {
		t.Fatal(err)
	}
	// go-redis's pool backs off after 10 × GOMAXPROCS failed dials and the
	// store fails fast for 2 s: wait until Redis answers the bot's own client.
	MustEventually(t, 20*time.Second, "Redis reachable again through the bot's store", func() bool {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		return s.Ping(ctx) == nil
	})
	if a := MustAnswer(t, emu, "UALICE", "lang fr"); !strings.Contains(a.Text, "français") {
		t.Errorf("/cto lang fr after Redis came back = %q", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "help"); !strings.Contains(a.all(), "ce que je sais faire") {
		t.Errorf("help after the change = %q, want French", a.Text)
	}
}
