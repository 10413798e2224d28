package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctocoach/bot"
)

// An envelope bigger than anything Slack sends (16 MB) is refused by the
// socket (read limit: the connection drops and reconnects) instead of being
// read whole and handled; the bot keeps answering.
func TestE2EOversizeEnvelopeIsRefused(t *testing.T) {
	t.Parallel()
	emu := MustNewEmulator(t)
	m := MustRunMain(t, emu)
	huge := emu.SlashCommand("UALICE", "CTEAM", "/cto", strings.Repeat("a", 4*bot.MaxEnvelope))
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	if ack, err := emu.Send(ctx, huge); err == nil {
		t.Fatalf("a %d-byte envelope was read and acked (%d-byte ack): the socket has no read limit", len(huge.Payload), len(ack.Payload))
	}
	if !strings.Contains(m.logs.String(), "read limit") {
		t.Errorf("no log line for the refused envelope")
	}
	if a := MustAnswer(t, emu, "UALICE", "help"); !strings.Contains(a.all(), "what I can do") && !strings.Contains(a.all(), "ce que je sais faire") {
		t.Errorf("help after the oversize envelope = %q", a.Text)
	}
}
