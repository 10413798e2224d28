package slackemu_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/slackemu"
)

// slackError returns the Slack error code of err ("" when it is not one).
func slackError(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	return ""
}

func TestAuthTestAndTokenRules(t *testing.T) {
	srv := MustServer(t)
	got, err := newAPI(srv).AuthTest()
	if err != nil {
		t.Fatalf("AuthTest: %v", err)
	}
	if got.UserID != "UBOT" || got.TeamID != "T0001" || got.BotID == "" {
		t.Errorf("auth.test = %+v, want UBOT in T0001 with a bot id", got)
	}

	noToken := slack.New("", slack.OptionAPIURL(srv.APIURL()))
	if _, err := noToken.AuthTest(); slackError(err) != "not_authed" {
		t.Errorf("auth.test without token: error %v, want not_authed", err)
	}
	appAsBot := slack.New(appToken, slack.OptionAPIURL(srv.APIURL()))
	if _, _, err := appAsBot.PostMessage("U1", slack.MsgOptionText("x", false)); slackError(err) != "not_allowed_token_type" {
		t.Errorf("chat.postMessage with an app token: error %v, want not_allowed_token_type", err)
	}
	strict := MustServer(t, slackemu.WithTokens("xoxb-right", "xapp-right"))
	if _, err := newAPI(strict).AuthTest(); slackError(err) != "invalid_auth" {
		t.Errorf("auth.test with a wrong token: error %v, want invalid_auth", err)
	}
}

func TestUnknownMethod(t *testing.T) {
	srv := MustServer(t)
	resp, err := http.PostForm(srv.APIURL()+"chat.teleport", url.Values{"token": {botToken}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var got struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &got); err != nil || got.OK || got.Error != "unknown_method" {
		t.Errorf("unknown method answered %d %s, want ok:false error:unknown_method", resp.StatusCode, body)
	}
	calls := srv.Calls("chat.teleport")
	if len(calls) != 1 || calls[0].Error != "unknown_method" || calls[0].Token != botToken {
		t.Errorf("recorded calls = %+v, want one unknown_method call with the token", calls)
	}
}

func TestUsersInfo(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1", Name: "alice", RealName: "Alice Martin", Locale: "fr-FR",
		TZ: "Europe/Paris", TZOffset: 3600, IsAdmin: true})
	api := newAPI(srv)

	u, err := api.GetUserInfo("U1")
	if err != nil {
		t.Fatalf("GetUserInfo: %v", err)
	}
	if u.Locale != "fr-FR" || u.TZ != "Europe/Paris" || u.TZOffset != 3600 || u.RealName != "Alice Martin" ||
		!u.IsAdmin || u.TeamID != "T0001" || u.Profile.RealName != "Alice Martin" {
		t.Errorf("user = %+v, want alice in fr-FR, Europe/Paris, +3600, admin, team T0001", u)
	}
	calls := srv.Calls("users.info")
	if len(calls) != 1 || calls[0].Params["include_locale"] != "true" || calls[0].Params["user"] != "U1" {
		t.Errorf("calls = %+v, want one with user=U1 include_locale=true", calls)
	}
	if _, err := api.GetUserInfo("U404"); slackError(err) != "user_not_found" {
		t.Errorf("unknown user: error %v, want user_not_found", err)
	}
}

func TestPostMessageToUserThenUpdateAndDelete(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1", Name: "alice"})
	api := newAPI(srv)
	ctx := testCtx(t)
	blocks := slack.MsgOptionBlocks(
		slack.NewSectionBlock(slack.NewTextBlockObject("mrkdwn", "*Monday coffee*", false, false), nil, nil),
		slack.NewActionBlock("routine", slack.NewButtonBlockElement("done", "r1", slack.NewTextBlockObject("plain_text", "Done", false, false))),
	)
	meta := slack.MsgOptionMetadata(slack.SlackMetadata{EventType: "routine_nudge", EventPayload: map[string]any{"id": "r1"}})

	channel, ts, err := api.PostMessageContext(ctx, "U1", slack.MsgOptionText("Monday coffee", false), blocks, meta)
	if err != nil {
		t.Fatalf("PostMessage: %v", err)
	}
	if channel != "DU1" || ts == "" {
		t.Fatalf("posted to %q at %q, want DU1 and a ts", channel, ts)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText("Monday coffee: done", false)); err != nil {
		t.Fatalf("UpdateMessage: %v", err)
	}
	msgs := srv.Messages("U1")
	if len(msgs) != 1 {
		t.Fatalf("messages in the DM = %d, want 1", len(msgs))
	}
	m := msgs[0]
	if m.Text != "Monday coffee: done" || !m.Edited || m.TS != ts || m.User != "UBOT" || m.Channel != "DU1" {
		t.Errorf("message = %+v, want the edited bot message at %s in DU1", m, ts)
	}
	if !strings.Contains(string(m.Blocks), `"action_id":"done"`) {
		t.Errorf("blocks = %s, want the original blocks kept", m.Blocks)
	}
	if !strings.Contains(string(m.Metadata), `"routine_nudge"`) {
		t.Errorf("metadata = %s, want routine_nudge", m.Metadata)
	}

	if _, _, _, err := api.UpdateMessageContext(ctx, channel, "1.000001", slack.MsgOptionText("x", false)); slackError(err) != "message_not_found" {
		t.Errorf("update of an unknown ts: error %v, want message_not_found", err)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, "U1", ts, slack.MsgOptionText("x", false)); slackError(err) != "channel_not_found" {
		t.Errorf("update by user id: error %v, want channel_not_found", err)
	}
	if _, _, err := api.DeleteMessageContext(ctx, channel, ts); err != nil {
		t.Fatalf("DeleteMessage: %v", err)
	}
	if got := srv.Messages("DU1"); len(got) != 0 {
		t.Errorf("messages after delete = %+v, want none", got)
	}
}

func TestPostMessageChecks(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team", Members: []string{"U1"}})
	srv.AddChannel(slackemu.Channel{ID: "G1", Name: "secret", IsPrivate: true, Members: []string{"U1"}})
	api := newAPI(srv)
	tooMany := make([]slack.Block, 51)
	for i := range tooMany {
		tooMany[i] = slack.NewDividerBlock()
	}
	cases := []struct {
		name    string
		channel string
		opts    []slack.MsgOption
		want    string
	}{
		{"unknown channel", "C404", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"private channel without the bot", "G1", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"unknown user", "U404", []slack.MsgOption{slack.MsgOptionText("x", false)}, "channel_not_found"},
		{"empty message", "C1", nil, "no_text"},
		{"51 blocks", "C1", []slack.MsgOption{slack.MsgOptionBlocks(tooMany...)}, "invalid_blocks"},
		{"public channel", "C1", []slack.MsgOption{slack.MsgOptionText("x", false)}, ""},
	}
	for _, tc := range cases {
		_, _, err := api.PostMessage(tc.channel, tc.opts...)
		if got := slackError(err); got != tc.want || (tc.want == "" && err != nil) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestPostEphemeral(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.AddUser(slackemu.User{ID: "U2"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team", Members: []string{"U1", "UBOT"}})
	api := newAPI(srv)

	if _, err := api.PostEphemeral("C1", "U1", slack.MsgOptionText("only you", false)); err != nil {
		t.Fatalf("PostEphemeral: %v", err)
	}
	got := srv.Ephemerals("U1")
	if len(got) != 1 || got[0].Text != "only you" || !got[0].Ephemeral || got[0].Recipient != "U1" || got[0].Channel != "C1" {
		t.Errorf("ephemerals = %+v, want one for U1 in C1", got)
	}
	if n := len(srv.Messages("C1")); n != 0 {
		t.Errorf("channel messages = %d, want 0", n)
	}
	if _, err := api.PostEphemeral("C1", "U2", slack.MsgOptionText("x", false)); slackError(err) != "user_not_in_channel" {
		t.Errorf("ephemeral to a non-member: error %v, want user_not_in_channel", err)
	}
}

func TestRateLimitAnswers429WithRetryAfter(t *testing.T) {
	clock := newFakeClock()
	srv := MustServer(t, slackemu.WithNow(clock.Now))
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.SetRateLimit("users.info", 2, 1) // one call per 30 s
	api := newAPI(srv)

	if _, err := api.GetUserInfo("U1"); err != nil {
		t.Fatalf("first call: %v", err)
	}
	_, err := api.GetUserInfo("U1")
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) {
		t.Fatalf("second call: error %v (%T), want *slack.RateLimitedError", err, err)
	}
	if rl.RetryAfter != 30*time.Second {
		t.Errorf("RetryAfter = %v, want 30s", rl.RetryAfter)
	}
	if got := srv.RateLimited("users.info"); got != 1 {
		t.Errorf("RateLimited = %d, want 1", got)
	}
	clock.Advance(20 * time.Second)
	if _, err := api.GetUserInfo("U1"); !errors.As(err, &rl) || rl.RetryAfter != 10*time.Second {
		t.Errorf("after 20 s: error %v, want RetryAfter 10s", err)
	}
	clock.Advance(10 * time.Second)
	if _, err := api.GetUserInfo("U1"); err != nil {
		t.Errorf("after 30 s: %v, want success", err)
	}
	calls := srv.Calls("users.info")
	if len(calls) != 4 || calls[1].Status != http.StatusTooManyRequests || calls[1].Error != "ratelimited" {
		t.Errorf("calls = %+v, want 4 with the second answered 429 ratelimited", calls)
	}
}

func TestSlackTiersPostMessagePerChannel(t *testing.T) {
	clock := newFakeClock()
	srv := MustServer(t, slackemu.WithNow(clock.Now), slackemu.SlackTiers())
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "a"})
	srv.AddChannel(slackemu.Channel{ID: "C2", Name: "b"})
	api := newAPI(srv)
	post := func(ch string) error {
		_, _, err := api.PostMessage(ch, slack.MsgOptionText("x", false))
		return err
	}
	for i := range 3 {
		if err := post("C1"); err != nil {
			t.Fatalf("burst post %d: %v", i, err)
		}
	}
	var rl *slack.RateLimitedError
	if err := post("C1"); !errors.As(err, &rl) || rl.RetryAfter != time.Second {
		t.Errorf("4th post in C1: error %v, want RetryAfter 1s", err)
	}
	if err := post("C2"); err != nil {
		t.Errorf("post in C2: %v, want its own bucket", err)
	}
	clock.Advance(time.Second)
	if err := post("C1"); err != nil {
		t.Errorf("post in C1 a second later: %v", err)
	}
	// chat.update is Tier 3: 50 per minute.
	_, ts, _ := api.PostMessage("C2", slack.MsgOptionText("x", false))
	for i := range 50 {
		if _, _, _, err := api.UpdateMessage("C2", ts, slack.MsgOptionText("y", false)); err != nil {
			t.Fatalf("update %d: %v", i, err)
		}
	}
	if _, _, _, err := api.UpdateMessage("C2", ts, slack.MsgOptionText("y", false)); !errors.As(err, &rl) || rl.RetryAfter != 2*time.Second {
		t.Errorf("51st update: error %v, want RetryAfter 2s", err)
	}
}

func TestFailNext(t *testing.T) {
	srv := MustServer(t)
	srv.FailNext("auth.test", http.StatusServiceUnavailable, 2)
	api := newAPI(srv)
	for i := range 2 {
		var se slack.StatusCodeError
		if _, err := api.AuthTest(); !errors.As(err, &se) || se.Code != http.StatusServiceUnavailable {
			t.Errorf("call %d: error %v, want a 503 StatusCodeError", i, err)
		}
	}
	if _, err := api.AuthTest(); err != nil {
		t.Errorf("third call: %v, want success", err)
	}
	srv.FailNext("auth.test", http.StatusTooManyRequests, 1)
	var rl *slack.RateLimitedError
	if _, err := api.AuthTest(); !errors.As(err, &rl) {
		t.Errorf("injected 429: error %v, want *slack.RateLimitedError", err)
	}
	if got := srv.RateLimited("auth.test"); got != 1 {
		t.Errorf("RateLimited = %d, want 1", got)
	}
}

func TestConversationsMembersPagination(t *testing.T) {
	srv := MustServer(t)
	var members []string
	for i := range 250 {
		members = append(members, fmt.Sprintf("U%03d", i))
	}
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "roster", Members: members})
	api := newAPI(srv)

	var got []string
	cursor, pages := "", 0
	for {
		page, next, err := api.GetUsersInConversation(&slack.GetUsersInConversationParameters{ChannelID: "C1", Cursor: cursor, Limit: 100})
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		got = append(got, page...)
		pages++
		if next == "" {
			break
		}
		cursor = next
	}
	if pages != 3 || len(got) != 250 || got[0] != members[0] || got[249] != members[249] {
		t.Errorf("got %d members in %d pages, want 250 in 3 in order", len(got), pages)
	}
	if _, _, err := api.GetUsersInConversation(&slack.GetUsersInConversationParameters{ChannelID: "C1", Cursor: "bogus"}); slackError(err) != "invalid_cursor" {
		t.Errorf("bad cursor: error %v, want invalid_cursor", err)
	}
	if _, _, err := api.GetUsersInConversation(&slack.GetUsersInConversationParameters{ChannelID: "C404"}); slackError(err) != "channel_not_found" {
		t.Errorf("unknown channel: error %v, want channel_not_found", err)
	}
}

func TestConversationsInfoOpenHistoryReactions(t *testing.T) {
	srv := MustServer(t)
	srv.AddUser(slackemu.User{ID: "U1"})
	srv.AddUser(slackemu.User{ID: "U2"})
	srv.AddChannel(slackemu.Channel{ID: "C1", Name: "team", Members: []string{"U1", "U2", "UBOT"}})
	api := newAPI(srv)

	ch, err := api.GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: "C1", IncludeNumMembers: true})
	if err != nil {
		t.Fatalf("GetConversationInfo: %v", err)
	}
	if ch.Name != "team" || !ch.IsChannel || ch.NumMembers != 3 || !ch.IsMember {
		t.Errorf("channel = %+v, want team, public, 3 members, bot a member", ch.GroupConversation)
	}
	dm, _, _, err := api.OpenConversation(&slack.OpenConversationParameters{Users: []string{"U1"}})
	if err != nil || dm.ID != "DU1" {
		t.Fatalf("OpenConversation = %v, %v; want DU1", dm, err)
	}
	mp, _, _, err := api.OpenConversation(&slack.OpenConversationParameters{Users: []string{"U2", "U1"}, ReturnIM: true})
	if err != nil || !mp.IsMpIM {
		t.Fatalf("group DM = %+v, %v; want an mpim", mp, err)
	}
	if _, _, _, err := api.OpenConversation(&slack.OpenConversationParameters{Users: []string{"U404"}}); slackError(err) != "user_not_found" {
		t.Errorf("open with an unknown user: error %v, want user_not_found", err)
	}

	_, ts1, _ := api.PostMessage("C1", slack.MsgOptionText("one", false))
	_, ts2, _ := api.PostMessage("C1", slack.MsgOptionText("two", false))
	_, _, _ = api.PostMessage("C1", slack.MsgOptionText("reply", false), slack.MsgOptionTS(ts1))
	h, err := api.GetConversationHistory(&slack.GetConversationHistoryParameters{ChannelID: "C1", Limit: 1})
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	if len(h.Messages) != 1 || h.Messages[0].Timestamp != ts2 || !h.HasMore || h.ResponseMetaData.NextCursor == "" {
		t.Errorf("history page = %+v, want the newest top-level message and more", h)
	}
	if err := api.AddReaction("white_check_mark", slack.NewRefToMessage("C1", ts2)); err != nil {
		t.Fatalf("AddReaction: %v", err)
	}
	if m, _ := srv.Message("C1", ts2); len(m.Reactions) != 1 || m.Reactions[0] != "white_check_mark" {
		t.Errorf("reactions = %v, want white_check_mark", m.Reactions)
	}
}

func TestWaitCallsFailsWhenTheContextEnds(t *testing.T) {
	srv := MustServer(t)
	if _, err := newAPI(srv).AuthTest(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, err := srv.WaitCalls(ctx, "auth.test", 2)
	if !errors.Is(err, context.Canceled) || len(got) != 1 {
		t.Errorf("WaitCalls = %d calls, %v; want the 1 call so far and context.Canceled", len(got), err)
	}
	if got, err := srv.WaitCalls(ctx, "auth.test", 1); err != nil || len(got) != 1 {
		t.Errorf("WaitCalls already satisfied = %d, %v; want 1, nil", len(got), err)
	}
}
