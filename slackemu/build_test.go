package slackemu_test

import (
	"encoding/json"
	"testing"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"ctocoach/slackemu"
)

// MustCallback decodes an interactive envelope the way socketmode does.
func MustCallback(tb testing.TB, env slackemu.Envelope) slack.InteractionCallback {
	tb.Helper()
	if env.Type != "interactive" {
		tb.Fatalf("envelope type = %q, want interactive", env.Type)
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal(env.Payload, &cb); err != nil {
		tb.Fatalf("decode interaction: %v\n%s", err, env.Payload)
	}
	return cb
}

func TestBlockActionOnAMessage(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1", Name: "alice"})
	api := newAPI(srv)
	snooze := slack.NewOptionsSelectBlockElement("static_select", nil, "snooze",
		slack.NewOptionBlockObject("1d", slack.NewTextBlockObject("plain_text", "Tomorrow", false, false), nil),
		slack.NewOptionBlockObject("7d", slack.NewTextBlockObject("plain_text", "Next week", false, false), nil))
	ch, ts, err := api.PostMessage("U1", slack.MsgOptionText("Monday coffee", false), slack.MsgOptionBlocks(
		slack.NewActionBlock("routine-r1",
			slack.NewButtonBlockElement("done", "r1", slack.NewTextBlockObject("plain_text", "Done", false, false)),
			snooze)))
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := srv.Message(ch, ts)

	cb := MustCallback(t, srv.BlockAction("U1", "", &msg, "done", "r1"))
	if cb.Type != slack.InteractionTypeBlockActions || cb.User.ID != "U1" || cb.Team.ID != "T0001" || cb.TriggerID == "" || cb.ResponseURL == "" {
		t.Errorf("callback = type %s user %s team %s trigger %q response_url %q", cb.Type, cb.User.ID, cb.Team.ID, cb.TriggerID, cb.ResponseURL)
	}
	if cb.Container.Type != "message" || cb.Container.MessageTs != ts || cb.Container.ChannelID != "DU1" || cb.Channel.ID != "DU1" {
		t.Errorf("container = %+v, channel %s; want message %s in DU1", cb.Container, cb.Channel.ID, ts)
	}
	if cb.Message.Timestamp != ts || cb.Message.Text != "Monday coffee" || len(cb.Message.Blocks.BlockSet) != 1 {
		t.Errorf("message = %+v, want the posted message with its blocks", cb.Message.Msg)
	}
	if len(cb.ActionCallback.BlockActions) != 1 {
		t.Fatalf("actions = %+v, want 1 block action", cb.ActionCallback)
	}
	a := cb.ActionCallback.BlockActions[0]
	if a.ActionID != "done" || a.BlockID != "routine-r1" || a.Type != "button" || a.Value != "r1" {
		t.Errorf("action = %+v, want button done in routine-r1 with value r1", a)
	}

	sel := MustCallback(t, srv.BlockAction("U1", "", &msg, "snooze", "7d")).ActionCallback.BlockActions[0]
	if sel.Type != "static_select" || sel.SelectedOption.Value != "7d" || sel.SelectedOption.Text.Text != "Next week" {
		t.Errorf("select action = %+v, want static_select 7d \"Next week\"", sel)
	}
}

func TestViewSubmissionRoundTripClosesTheModal(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	api := newAPI(srv)
	ctx := testCtx(t)
	resp, err := api.OpenView(srv.IssueTrigger("U1"), modal("add_card", "Add a card"))
	if err != nil {
		t.Fatal(err)
	}
	env := srv.ViewSubmission("U1", "add_card", "C1|board-7", map[string]map[string]slackemu.Value{
		"card":  {"text": slackemu.TextValue("CI is slow")},
		"col":   {"pick": slackemu.SelectValue("anchor")},
		"owner": {"who": slackemu.UserValue("U2")},
		"due":   {"day": slackemu.DateValue("2025-03-14")},
		"at":    {"time": slackemu.TimeValue("09:30")},
		"anon":  {"flags": slackemu.CheckboxesValue("anonymous")},
		"where": {"conv": slackemu.ConversationValue("C1")},
	})
	cb := MustCallback(t, env)
	if cb.Type != slack.InteractionTypeViewSubmission || cb.View.ID != resp.View.ID || cb.View.Hash != resp.View.Hash ||
		cb.View.PrivateMetadata != "C1|board-7" || cb.View.CallbackID != "add_card" {
		t.Errorf("view = id %s hash %s meta %q callback %s, want the open modal %s with C1|board-7",
			cb.View.ID, cb.View.Hash, cb.View.PrivateMetadata, cb.View.CallbackID, resp.View.ID)
	}
	v := cb.View.State.Values
	checks := map[string]bool{
		"text":      v["card"]["text"].Value == "CI is slow",
		"select":    v["col"]["pick"].SelectedOption.Value == "anchor",
		"user":      v["owner"]["who"].SelectedUser == "U2",
		"date":      v["due"]["day"].SelectedDate == "2025-03-14",
		"time":      v["at"]["time"].SelectedTime == "09:30",
		"checkbox":  len(v["anon"]["flags"].SelectedOptions) == 1 && v["anon"]["flags"].SelectedOptions[0].Value == "anonymous",
		"conv":      v["where"]["conv"].SelectedConversation == "C1",
		"text type": v["card"]["text"].Type == "plain_text_input",
	}
	for name, ok := range checks {
		if !ok {
			t.Errorf("state value %s decoded wrong: %+v", name, v)
		}
	}

	c := MustStartClient(t, srv)
	res := srv.SendAsync(env)
	evt := c.MustNext(t, ctx, socketmode.EventTypeInteractive)
	c.Ack(*evt.Request, slack.NewErrorsViewSubmissionResponse(map[string]string{"card": "Too short"}))
	if r := <-res; r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := srv.Views("U1"); len(got) != 1 {
		t.Fatalf("after an errors ack: %d modals open, want 1", len(got))
	}
	res = srv.SendAsync(srv.ViewSubmission("U1", "add_card", "", nil))
	evt = c.MustNext(t, ctx, socketmode.EventTypeInteractive)
	c.Ack(*evt.Request)
	if r := <-res; r.Err != nil {
		t.Fatal(r.Err)
	}
	if got := srv.Views("U1"); len(got) != 0 {
		t.Errorf("after an empty ack: %d modals open, want 0", len(got))
	}
}

func TestShortcutsAndActionsInViews(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team", Members: []string{"U1", "UBOT"}})
	api := newAPI(srv)

	g := MustCallback(t, srv.GlobalShortcut("U1", "ask_coach"))
	if g.Type != slack.InteractionTypeShortcut || g.CallbackID != "ask_coach" || g.TriggerID == "" {
		t.Errorf("global shortcut = %s %s %q, want shortcut ask_coach with a trigger", g.Type, g.CallbackID, g.TriggerID)
	}
	said := srv.PostAsUser("U1", "C1", "deploys take an hour")
	m := MustCallback(t, srv.MessageShortcut("U1", "C1", said, "add_to_retro"))
	if m.Type != slack.InteractionTypeMessageAction || m.Message.Text != "deploys take an hour" || m.Message.User != "U1" ||
		m.MessageTs != said.TS || m.Channel.ID != "C1" || m.Channel.Name != "team" || m.ResponseURL == "" {
		t.Errorf("message shortcut = %+v, want add_to_retro on U1's message in C1", m)
	}

	home := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: []slack.Block{
		slack.NewActionBlock("nav", slack.NewButtonBlockElement("open_settings", "s", slack.NewTextBlockObject("plain_text", "Settings", false, false))),
	}}}
	pub, err := api.PublishView("U1", home, "")
	if err != nil {
		t.Fatal(err)
	}
	h := MustCallback(t, srv.BlockActionInView("U1", pub.View.ID, "open_settings", "s"))
	if h.Container.Type != "view" || h.Container.ViewID != pub.View.ID || h.View.Type != slack.VTHomeTab || h.ResponseURL != "" {
		t.Errorf("home action container %+v view %s response_url %q, want view %s of type home and no response_url",
			h.Container, h.View.Type, h.ResponseURL, pub.View.ID)
	}
	if a := h.ActionCallback.BlockActions; len(a) != 1 || a[0].BlockID != "nav" || a[0].Value != "s" {
		t.Errorf("actions = %+v, want open_settings in nav", a)
	}
}

func TestEventsAPIEnvelopes(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	env := srv.AppHomeOpened("U1")
	if env.Type != "events_api" || env.AcceptsResponsePayload {
		t.Errorf("envelope = %s accepts payload %v, want events_api without", env.Type, env.AcceptsResponsePayload)
	}
	ev, err := slackevents.ParseEvent(env.Payload, slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatalf("ParseEvent: %v", err)
	}
	home, ok := ev.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent)
	if !ok || home.User != "U1" || home.Tab != "home" || home.Channel != "DU1" || ev.TeamID != "T0001" {
		t.Errorf("event = %+v, want app_home_opened by U1 on the home tab", ev.InnerEvent.Data)
	}

	retry := env.WithRetry(1)
	var a, b struct {
		EventID string `json:"event_id"`
	}
	_ = json.Unmarshal(env.Payload, &a)
	_ = json.Unmarshal(retry.Payload, &b)
	if retry.ID == env.ID || a.EventID == "" || a.EventID != b.EventID || retry.RetryAttempt != 1 || retry.RetryReason != "timeout" {
		t.Errorf("retry = %+v (event %s vs %s), want a new envelope id, the same event_id, attempt 1 timeout", retry, b.EventID, a.EventID)
	}

	mention := srv.Event("app_mention", map[string]any{"user": "U1", "text": "<@UBOT> help", "channel": "C1"})
	ev, err = slackevents.ParseEvent(mention.Payload, slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatalf("ParseEvent: %v", err)
	}
	if am, ok := ev.InnerEvent.Data.(*slackevents.AppMentionEvent); !ok || am.Text != "<@UBOT> help" || am.EventTimeStamp == "" {
		t.Errorf("event = %+v, want app_mention with text and event_ts", ev.InnerEvent.Data)
	}
}
