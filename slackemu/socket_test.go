package slackemu_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"ctocoach/slackemu"
)

func TestSocketModeHelloEnvelopeAndAck(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1", Name: "alice"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "general", Members: []string{"U1", "UBOT"}})
	ctx := testCtx(t)
	c := MustStartClient(t, srv)

	c.MustNext(t, ctx, socketmode.EventTypeHello)
	if got := srv.Connections(); got != 1 {
		t.Fatalf("Connections() = %d, want 1", got)
	}
	env := srv.SlashCommand("U1", "C1", "/cto", "onboarding help")
	res := srv.SendAsync(env)

	evt := c.MustNext(t, ctx, socketmode.EventTypeSlashCommand)
	cmd, ok := evt.Data.(slack.SlashCommand)
	if !ok {
		t.Fatalf("event data is %T, want slack.SlashCommand", evt.Data)
	}
	if cmd.Command != "/cto" || cmd.Text != "onboarding help" || cmd.UserID != "U1" || cmd.UserName != "alice" ||
		cmd.ChannelID != "C1" || cmd.ChannelName != "general" || cmd.TeamID != "T0001" {
		t.Errorf("slash command = %+v, want /cto onboarding help from U1/alice in C1/general of T0001", cmd)
	}
	if cmd.TriggerID == "" || cmd.TriggerID != env.TriggerID {
		t.Errorf("trigger_id = %q, want %q", cmd.TriggerID, env.TriggerID)
	}
	if want := srv.URL() + "/respond/" + env.ResponseID; cmd.ResponseURL != want {
		t.Errorf("response_url = %q, want %q", cmd.ResponseURL, want)
	}
	if evt.Request.EnvelopeID != env.ID || !evt.Request.AcceptsResponsePayload {
		t.Errorf("request = %+v, want envelope %s accepting a response payload", evt.Request, env.ID)
	}
	c.Ack(*evt.Request, map[string]any{"text": "Here is a card"})

	var r slackemu.AckResult
	select {
	case r = <-res:
	case <-ctx.Done():
		t.Fatal("no ack result")
	}
	if r.Err != nil {
		t.Fatalf("Send: %v", r.Err)
	}
	if r.Ack.EnvelopeID != env.ID || r.Ack.Attempt != 0 || r.Ack.Latency <= 0 {
		t.Errorf("ack = %+v, want envelope %s, attempt 0, positive latency", r.Ack, env.ID)
	}
	var payload map[string]string
	if err := json.Unmarshal(r.Ack.Payload, &payload); err != nil || payload["text"] != "Here is a card" {
		t.Errorf("ack payload = %s (%v), want text Here is a card", r.Ack.Payload, err)
	}
	eph := srv.Ephemerals("U1")
	if len(eph) != 1 || eph[0].Text != "Here is a card" || eph[0].Channel != "C1" {
		t.Errorf("ephemerals of U1 = %+v, want the ack text in C1", eph)
	}
	if got := len(srv.Acks()); got != 1 {
		t.Errorf("len(Acks()) = %d, want 1", got)
	}
}

func TestDisconnectMakesTheClientReconnect(t *testing.T) {
	srv := MustServer(t)
	ctx := testCtx(t)
	c := MustStartClient(t, srv)
	c.MustNext(t, ctx, socketmode.EventTypeHello)

	srv.Disconnect("refresh_requested")

	c.MustNext(t, ctx, socketmode.EventTypeHello)
	if _, err := srv.WaitCalls(ctx, "apps.connections.open", 2); err != nil {
		t.Fatal(err)
	}
	err := srv.Wait(ctx, func(s *slackemu.Server) bool { return s.ConnectionsOpened() == 2 && s.Connections() == 1 })
	if err != nil {
		t.Fatalf("want 2 sockets opened and 1 open, have %d opened, %d open: %v", srv.ConnectionsOpened(), srv.Connections(), err)
	}
	// The new socket works.
	res := srv.SendAsync(srv.AppHomeOpened("U1"))
	evt := c.MustNext(t, ctx, socketmode.EventTypeEventsAPI)
	c.Ack(*evt.Request)
	if r := <-res; r.Err != nil || r.Ack.Payload != nil {
		t.Errorf("ack after reconnect = %+v, want no error and no payload", r)
	}
}

func TestDroppedSocketIsReopened(t *testing.T) {
	srv := MustServer(t)
	ctx := testCtx(t)
	c := MustStartClient(t, srv)
	c.MustNext(t, ctx, socketmode.EventTypeHello)

	srv.DropConnections()

	c.MustNext(t, ctx, socketmode.EventTypeHello)
	if got := srv.ConnectionsOpened(); got != 2 {
		t.Errorf("ConnectionsOpened() = %d, want 2", got)
	}
}

func TestUnackedEnvelopeIsRedelivered(t *testing.T) {
	srv := MustServer(t, slackemu.WithAckTimeout(200*time.Millisecond))
	ctx := testCtx(t)
	c := MustStartClient(t, srv)
	c.MustNext(t, ctx, socketmode.EventTypeHello)

	env := srv.AppHomeOpened("U1")
	res := srv.SendAsync(env)
	first := c.MustNext(t, ctx, socketmode.EventTypeEventsAPI) // not acked
	second := c.MustNext(t, ctx, socketmode.EventTypeEventsAPI)
	c.Ack(*second.Request)
	r := <-res
	if r.Err != nil {
		t.Fatalf("Send: %v", r.Err)
	}
	if first.Request.RetryAttempt != 0 || first.Request.RetryReason != "" {
		t.Errorf("first delivery retry = %d %q, want 0 \"\"", first.Request.RetryAttempt, first.Request.RetryReason)
	}
	if second.Request.RetryAttempt != 1 || second.Request.RetryReason != "timeout" || second.Request.EnvelopeID != env.ID {
		t.Errorf("redelivery = %+v, want retry 1 timeout of %s", second.Request, env.ID)
	}
	if r.Ack.Attempt != 1 {
		t.Errorf("acked attempt = %d, want 1", r.Ack.Attempt)
	}
}

func TestSendGivesUpAfterRedeliveries(t *testing.T) {
	srv := MustServer(t, slackemu.WithAckTimeout(50*time.Millisecond), slackemu.WithRedeliveries(2))
	ctx := testCtx(t)
	c := MustStartClient(t, srv)
	c.MustNext(t, ctx, socketmode.EventTypeHello)

	res := srv.SendAsync(srv.Event("app_mention", map[string]any{"user": "U1", "text": "hi", "channel": "C1"}))
	for range 3 {
		c.MustNext(t, ctx, socketmode.EventTypeEventsAPI)
	}
	if r := <-res; !errors.Is(r.Err, slackemu.ErrNotAcked) {
		t.Errorf("Send error = %v, want ErrNotAcked", r.Err)
	}
}

func TestSendWaitsForAConnectionAndRoundRobins(t *testing.T) {
	srv := MustServer(t)
	ctx := testCtx(t)
	early := srv.SendAsync(srv.AppHomeOpened("U1"))
	a := MustStartClient(t, srv)
	evt := a.MustNext(t, ctx, socketmode.EventTypeEventsAPI)
	a.Ack(*evt.Request)
	if r := <-early; r.Err != nil {
		t.Fatalf("Send before any connection: %v", r.Err)
	}

	b := MustStartClient(t, srv)
	if err := srv.WaitConnections(ctx, 2); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for range 4 {
		res := srv.SendAsync(srv.AppHomeOpened("U1"))
		for delivered := false; !delivered; {
			select {
			case e := <-a.Events:
				if e.Type == socketmode.EventTypeEventsAPI {
					got["a"]++
					a.Ack(*e.Request)
					delivered = true
				}
			case e := <-b.Events:
				if e.Type == socketmode.EventTypeEventsAPI {
					got["b"]++
					b.Ack(*e.Request)
					delivered = true
				}
			case <-ctx.Done():
				t.Fatal("no delivery")
			}
		}
		if r := <-res; r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	if got["a"] != 2 || got["b"] != 2 {
		t.Errorf("deliveries = %v, want 2 on each socket", got)
	}
}

func TestCloseEndsSocketsAndSends(t *testing.T) {
	srv := slackemu.New()
	ctx := testCtx(t)
	c := MustStartClient(t, srv)
	c.MustNext(t, ctx, socketmode.EventTypeHello)

	srv.Close()
	if got := srv.Connections(); got != 0 {
		t.Errorf("Connections() after Close = %d, want 0", got)
	}
	if _, err := srv.Send(ctx, srv.AppHomeOpened("U1")); !errors.Is(err, slackemu.ErrClosed) {
		t.Errorf("Send after Close = %v, want ErrClosed", err)
	}
	if err := srv.Wait(ctx, func(*slackemu.Server) bool { return false }); !errors.Is(err, slackemu.ErrClosed) {
		t.Errorf("Wait after Close = %v, want ErrClosed", err)
	}
	if _, err := newAPI(srv).AuthTest(); err == nil {
		t.Error("API call after Close succeeded, want an error")
	}
}
