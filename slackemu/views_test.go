package slackemu_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/slackemu"
)

// modal is a valid modal with one input block.
func modal(callbackID, title string) slack.ModalViewRequest {
	return slack.ModalViewRequest{
		Type:       slack.VTModal,
		CallbackID: callbackID,
		Title:      slack.NewTextBlockObject("plain_text", title, false, false),
		Submit:     slack.NewTextBlockObject("plain_text", "Add", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock("card", slack.NewTextBlockObject("plain_text", "Card", false, false), nil,
				slack.NewPlainTextInputBlockElement(nil, "text")),
		}},
	}
}

func TestViewsOpenNeedsAnIssuedFreshUnusedTrigger(t *testing.T) {
	clock := newFakeClock()
	srv := MustServer(t, slackemu.WithNow(clock.Now))
	srv.AddUser(slackemu.User{ID: "U1"})
	api := newAPI(srv)

	if _, err := api.OpenView("12345.98765.abcd", modal("add_card", "Add a card")); slackError(err) != "invalid_trigger_id" {
		t.Errorf("unknown trigger: error %v, want invalid_trigger_id", err)
	}
	env := srv.SlashCommand("U1", "DU1", "/retro", "add")
	resp, err := api.OpenView(env.TriggerID, modal("add_card", "Add a card"))
	if err != nil {
		t.Fatalf("OpenView: %v", err)
	}
	if resp.View.ID == "" || resp.View.Hash == "" || resp.View.CallbackID != "add_card" || resp.View.RootViewID != resp.View.ID ||
		resp.View.TeamID != "T0001" || len(resp.View.Blocks.BlockSet) != 1 {
		t.Errorf("view = %+v, want an id, a hash, callback add_card, its own root, team T0001, 1 block", resp.View)
	}
	if _, err := api.OpenView(env.TriggerID, modal("add_card", "Add a card")); slackError(err) != "exchanged_trigger_id" {
		t.Errorf("reused trigger: error %v, want exchanged_trigger_id", err)
	}
	late := srv.IssueTrigger("U1")
	clock.Advance(3*time.Second + time.Millisecond)
	if _, err := api.OpenView(late, modal("add_card", "Add a card")); slackError(err) != "expired_trigger_id" {
		t.Errorf("trigger older than 3 s: error %v, want expired_trigger_id", err)
	}
	open := srv.Views("U1")
	if len(open) != 1 || open[0].ID != resp.View.ID || open[0].Title != "Add a card" || open[0].User != "U1" {
		t.Errorf("Views(U1) = %+v, want the opened modal", open)
	}
}

func TestViewsOpenValidatesLikeSlack(t *testing.T) {
	srv := MustServer(t)
	api := newAPI(srv)
	long := modal("x", "A title that is far too long for Slack")
	noSubmit := modal("x", "Ok")
	noSubmit.Submit = nil
	for name, tc := range map[string]struct {
		view slack.ModalViewRequest
		want string
	}{
		"title over 24 characters": {long, "/view/title/text"},
		"input without submit":     {noSubmit, "submit"},
	} {
		_, err := api.OpenView(srv.IssueTrigger("U1"), tc.view)
		if slackError(err) != "invalid_arguments" {
			t.Errorf("%s: error %v, want invalid_arguments", name, err)
			continue
		}
		if msgs := errorMessages(err); !strings.Contains(msgs, tc.want) {
			t.Errorf("%s: messages %q, want one about %s", name, msgs, tc.want)
		}
	}
}

// errorMessages joins the response_metadata messages of a Slack error.
func errorMessages(err error) string {
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) {
		return ""
	}
	return strings.Join(se.ResponseMetadata.Messages, "\n")
}

func TestViewsPushUpdateAndHashConflict(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	api := newAPI(srv)
	first, err := api.OpenView(srv.IssueTrigger("U1"), modal("one", "One"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := api.PushView(srv.IssueTrigger("U1"), modal("two", "Two"))
	if err != nil {
		t.Fatalf("PushView: %v", err)
	}
	if second.View.RootViewID != first.View.ID || second.View.PreviousViewID != first.View.ID {
		t.Errorf("pushed view root/previous = %s/%s, want %s", second.View.RootViewID, second.View.PreviousViewID, first.View.ID)
	}
	updated, err := api.UpdateView(modal("two", "Two, edited"), "", second.View.Hash, second.View.ID)
	if err != nil {
		t.Fatalf("UpdateView: %v", err)
	}
	if updated.View.ID != second.View.ID || updated.View.Hash == second.View.Hash {
		t.Errorf("updated view id/hash = %s/%s, want same id, new hash", updated.View.ID, updated.View.Hash)
	}
	if _, err := api.UpdateView(modal("two", "Stale"), "", second.View.Hash, second.View.ID); slackError(err) != "hash_conflict" {
		t.Errorf("stale hash: error %v, want hash_conflict", err)
	}
	if _, err := api.UpdateView(modal("two", "Gone"), "", "", "V404"); slackError(err) != "not_found" {
		t.Errorf("unknown view: error %v, want not_found", err)
	}
	_, _ = api.PushView(srv.IssueTrigger("U1"), modal("three", "Three"))
	if _, err := api.PushView(srv.IssueTrigger("U1"), modal("four", "Four")); slackError(err) != "push_limit_reached" {
		t.Errorf("4th modal: error %v, want push_limit_reached", err)
	}
	if got := srv.Views("U1"); len(got) != 3 || got[1].Title != "Two, edited" {
		t.Errorf("stack = %+v, want 3 modals with the second edited", got)
	}
}

func TestViewsPublishHome(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	api := newAPI(srv)
	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, CallbackID: "home", Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "Next routines", false, false), nil, nil),
	}}}
	v1, err := api.PublishView("U1", home, "")
	if err != nil {
		t.Fatalf("PublishView: %v", err)
	}
	v2, err := api.PublishView("U1", home, v1.View.Hash)
	if err != nil {
		t.Fatalf("second PublishView: %v", err)
	}
	if v2.View.ID != v1.View.ID || v2.View.Type != slack.VTHomeTab {
		t.Errorf("republished view = %s %s, want the same home view id %s", v2.View.ID, v2.View.Type, v1.View.ID)
	}
	if _, err := api.PublishView("U1", home, v1.View.Hash); slackError(err) != "hash_conflict" {
		t.Errorf("stale hash: error %v, want hash_conflict", err)
	}
	got, ok := srv.HomeView("U1")
	if !ok || !strings.Contains(string(got.Blocks), "Next routines") || got.CallbackID != "home" {
		t.Errorf("HomeView = %+v, %v; want the published blocks", got, ok)
	}
	if _, err := api.PublishView("U404", home, ""); slackError(err) != "user_not_found" {
		t.Errorf("unknown user: error %v, want user_not_found", err)
	}
	calls := srv.Calls("views.publish")
	if len(calls) == 0 || calls[0].Body == nil || calls[0].Params["user_id"] != "U1" {
		t.Errorf("views.publish call = %+v, want a JSON body with user_id U1", calls)
	}
}
