package main

import (
	"strings"
	"testing"

	"ctocoach/store/storetest"
)

func TestE2ERedisDown(t *testing.T) {
	emu := MustNewEmulator(t)
	s, mr := storetest.MiniServer(t)
	s.SetFailFast(0)
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
	if a := MustAnswer(t, emu, "UALICE", "lang fr"); !strings.Contains(a.Text, "français") {
		t.Errorf("/cto lang fr after Redis came back = %q", a.Text)
	}
	if a := MustAnswer(t, emu, "UALICE", "help"); !strings.Contains(a.all(), "ce que je sais faire") {
		t.Errorf("help after the change = %q, want French", a.Text)
	}
}
