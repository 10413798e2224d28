package slackemu_test

import (
	"errors"
	"testing"

	"github.com/slack-go/slack"

	"ctocoach/slackemu"
)

func TestResponseURLRecordingAndEffects(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team", Members: []string{"U1", "UBOT"}})
	api := newAPI(srv)
	ctx := testCtx(t)

	cmd := srv.SlashCommand("U1", "C1", "/cto", "burnout")
	url := srv.URL() + "/respond/" + cmd.ResponseID
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(url, slack.ResponseTypeEphemeral), slack.MsgOptionText("three cards", false)); err != nil {
		t.Fatalf("respond: %v", err)
	}
	got, err := srv.WaitResponses(ctx, cmd.ResponseID, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Text != "three cards" || got[0].User != "U1" || got[0].Channel != "C1" || got[0].ResponseType != "ephemeral" {
		t.Errorf("response = %+v, want ephemeral three cards for U1 in C1", got[0])
	}
	if eph := srv.Ephemerals("U1"); len(eph) != 1 || eph[0].Text != "three cards" {
		t.Errorf("ephemerals = %+v, want the response", eph)
	}

	// A button on a channel message: replace_original edits it, delete_original removes it.
	_, ts, _ := api.PostMessage("C1", slack.MsgOptionText("board", false))
	msg, _ := srv.Message("C1", ts)
	act := srv.BlockAction("U1", "", &msg, "vote", "card-1")
	actURL := srv.URL() + "/respond/" + act.ResponseID
	if _, _, err := api.PostMessage("", slack.MsgOptionReplaceOriginal(actURL), slack.MsgOptionText("board (1 vote)", false)); err != nil {
		t.Fatalf("replace_original: %v", err)
	}
	if m, _ := srv.Message("C1", ts); m.Text != "board (1 vote)" || !m.Edited {
		t.Errorf("message after replace_original = %+v, want the new text", m)
	}
	if _, _, err := api.PostMessage("", slack.MsgOptionDeleteOriginal(actURL)); err != nil {
		t.Fatalf("delete_original: %v", err)
	}
	if _, ok := srv.Message("C1", ts); ok {
		t.Error("message still there after delete_original")
	}
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(actURL, slack.ResponseTypeInChannel), slack.MsgOptionText("shared", false)); err != nil {
		t.Fatalf("in_channel: %v", err)
	}
	if msgs := srv.Messages("C1"); len(msgs) != 1 || msgs[0].Text != "shared" {
		t.Errorf("channel messages = %+v, want the in_channel response", msgs)
	}
	all, err := srv.WaitResponsesForUser(ctx, "U1", 4)
	if err != nil || len(all) != 4 {
		t.Errorf("responses for U1 = %d (%v), want 4", len(all), err)
	}
}

func TestResponseURLLimits(t *testing.T) {
	srv := MustServer(t)
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team"})
	api := newAPI(srv)
	cmd := srv.SlashCommand("U1", "C1", "/cto", "")
	url := srv.URL() + "/respond/" + cmd.ResponseID
	for i := range 5 {
		if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(url, ""), slack.MsgOptionText("x", false)); err != nil {
			t.Fatalf("use %d: %v", i+1, err)
		}
	}
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(url, ""), slack.MsgOptionText("x", false)); err == nil {
		t.Error("sixth use succeeded, want an error (Slack allows five)")
	}
	if _, _, err := api.PostMessage("", slack.MsgOptionResponseURL(srv.URL()+"/respond/R404", ""), slack.MsgOptionText("x", false)); err == nil {
		t.Error("unknown response_url succeeded, want an error")
	}
	if got := srv.Responses(cmd.ResponseID); len(got) != 6 || got[5].Status != 404 {
		t.Errorf("responses = %d, last status %v; want 6 with the last 404", len(got), got)
	}
}

func TestResponseURLFaults(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team", Members: []string{"U1", "UBOT"}})
	cmd := srv.SlashCommand("U1", "C1", "/cto", "burnout")
	url := srv.URL() + "/respond/" + cmd.ResponseID
	post := func() error {
		return slack.PostWebhook(url, &slack.WebhookMessage{Text: "three cards"})
	}
	srv.FailNext(slackemu.ResponseURLMethod, 503, 1)
	srv.FailNext(slackemu.ResponseURLMethod, 429, 1)
	var sc slack.StatusCodeError
	if err := post(); !errors.As(err, &sc) || sc.Code != 503 {
		t.Errorf("first post: %v, want a 503", err)
	}
	var rl *slack.RateLimitedError
	if err := post(); !errors.As(err, &rl) || rl.RetryAfter <= 0 {
		t.Errorf("second post: %v, want a 429 with Retry-After", err)
	}
	if got := srv.Responses(cmd.ResponseID); len(got) != 0 {
		t.Errorf("faulted posts recorded: %+v", got)
	}
	if err := post(); err != nil {
		t.Fatalf("third post: %v", err)
	}
	if got := srv.Responses(cmd.ResponseID); len(got) != 1 || got[0].Text != "three cards" {
		t.Errorf("responses = %+v, want the one that went through", got)
	}
}
