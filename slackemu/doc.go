// Package slackemu is an in-process emulator of the parts of Slack that
// ctocoach talks to: the Web API (auth, users, chat, views, conversations,
// reactions), Socket Mode (apps.connections.open plus the websocket that
// delivers envelopes and reads acks) and the response_url endpoints.
//
// It exists so that tests and benchmarks can drive the real bot, built on
// slack-go/slack and its socketmode package, end to end without a network.
// It is hand-written because no maintained Go Slack emulator covers Socket
// Mode: slack-go's own slacktest serves a handful of Web API methods and the
// retired RTM API only. The shapes served here follow what slack-go v0.35
// decodes (socketmode.Request, slack.SlashCommand, slack.InteractionCallback,
// slackevents.EventsAPICallbackEvent) and Slack's documented behaviour: 429
// with Retry-After, trigger_id expiry after 3 s, ack redelivery after 3 s,
// view hash conflicts, Block Kit limits.
//
// It is used by tests and by `ctocoach playground` (package ctocoach/playground);
// the bot itself never imports it.
//
// Typical use:
//
//	srv := slackemu.New(slackemu.WithLogger(logger))
//	defer srv.Close()
//	srv.AddUser(slackemu.User{ID: "U1", Name: "alice", Locale: "fr-FR", TZ: "Europe/Paris"})
//	api := slack.New("xoxb-test", slack.OptionAPIURL(srv.APIURL()),
//		slack.OptionAppLevelToken("xapp-test"))
//	client := socketmode.New(api) // run the bot on it
//	_ = srv.WaitConnections(ctx, 1)
//	ack, err := srv.Send(ctx, srv.SlashCommand("U1", "C1", "/cto", "onboarding"))
//	calls, err := srv.WaitCalls(ctx, "chat.postEphemeral", 1)
//
// The directory is strict, like Slack: the bot can post only to channels
// added with AddChannel (private ones only if the bot is a member) and to the
// DM of any added user, whose id is "D" + the user id; a user id given as
// chat.postMessage's channel posts to that DM. chat.update, chat.delete and
// conversations.* want the conversation id, not a user id.
//
// Everything the bot does is recorded (Calls, Messages, Ephemerals, Views,
// HomeView, Responses, Acks) and can be awaited without sleeping (WaitCalls,
// WaitResponses, WaitConnections, Wait). Rate limits (SetRateLimit,
// SlackTiers) and faults (FailNext) are off unless a test asks for them.
package slackemu
