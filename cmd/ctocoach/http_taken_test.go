package main

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"ctocoach/config"
	"ctocoach/store/storetest"
)

// When the HTTP port cannot be had, Run fails and nothing keeps running:
// the delivery engine was never started (so a Start now succeeds).
func TestRunFailsOnATakenHTTPPortWithNothingStarted(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	emu := MustNewEmulator(t)
	cfg := config.Config{
		BotToken: "xoxb-test", AppToken: "xapp-test", APIURL: emu.APIURL(), HTTPAddr: taken.Addr().String(),
		LogLevel: "debug", LogFormat: "text", DefaultLanguage: "en", DefaultTimezone: "UTC",
		ShutdownGrace: 5 * time.Second,
	}
	m := NewMain(cfg, discardLogger())
	m.Store = storetest.MustOpen(t)
	err = m.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "HTTP_ADDR") {
		_ = m.Close()
		t.Fatalf("Run = %v, want an HTTP_ADDR error", err)
	}
	engine := m.sharedScheduler()
	if err := engine.Start(context.Background()); err != nil {
		t.Errorf("the engine was already started when Run failed: %v", err)
	}
	engine.Stop()
}
