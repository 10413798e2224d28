package bot

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// Exactly-once DMs for scheduled deliveries (any feature's). Each message
// carries Slack message metadata naming its task (event_type chosen by
// the feature, event_payload {"task": id}), so that a task whose earlier
// claim died (scheduler Task.Reclaimed) or whose earlier attempt failed
// (Task.Attempt) — maybe after Slack had taken the message — is first
// looked for in the user's DM (conversations.history with
// include_all_metadata, scope im:history) and not posted again when it is
// there. bot/nudge_once.go is the nudges' older copy of this.

// OnceHistoryDepth is how many recent DM messages AlreadySent searches: a
// re-claimed task comes back one lease (30 s) or one retry back-off after
// the dead attempt, so its copy is among the last few messages of a DM
// with the bot.
const OnceHistoryDepth = 50

// OnceAPI is the part of the Web API PostOnce and AlreadySent use
// (*slack.Client, SlackAPI).
type OnceAPI interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
}

// OnceMetadata tags a message with the task that sends it.
func OnceMetadata(eventType, task string) slack.MsgOption {
	return slack.MsgOptionMetadata(slack.SlackMetadata{EventType: eventType, EventPayload: map[string]any{"task": task}})
}

// MaybeSent reports whether an earlier run of a task may have posted its
// message: a claim of it died or an attempt of it failed.
func MaybeSent(attempt, reclaimed int) bool { return attempt > 0 || reclaimed > 0 }

// AlreadySent reports whether the DM with user holds a message tagged
// (OnceMetadata) with eventType and task.
func AlreadySent(ctx context.Context, api OnceAPI, user, eventType, task string) (bool, error) {
	ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return false, fmt.Errorf("bot: open DM with %s to look for %s %s: %w", user, eventType, task, err)
	}
	h, err := api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID: ch.ID, Limit: OnceHistoryDepth, IncludeAllMetadata: true,
	})
	if err != nil {
		return false, fmt.Errorf("bot: read DM with %s to look for %s %s: %w", user, eventType, task, err)
	}
	for _, m := range h.Messages {
		if m.Metadata.EventType == eventType && fmt.Sprint(m.Metadata.EventPayload["task"]) == task {
			return true, nil
		}
	}
	return false, nil
}

// PostOnce DMs user the message of task, tagged with eventType and task.
// When maybeSent (see MaybeSent) it first looks for the message in the DM
// and posts nothing when it is there (posted false, nil error). Errors of
// the post are returned as slack-go gives them (a *slack.RateLimitedError
// stays one), wrapped with the operation.
func PostOnce(ctx context.Context, api OnceAPI, user, eventType, task string, maybeSent bool, opts ...slack.MsgOption) (posted bool, err error) {
	if maybeSent {
		sent, err := AlreadySent(ctx, api, user, eventType, task)
		if err != nil {
			return false, err
		}
		if sent {
			return false, nil
		}
	}
	opts = append(opts[:len(opts):len(opts)], OnceMetadata(eventType, task))
	if _, _, err := api.PostMessageContext(ctx, user, opts...); err != nil {
		return false, fmt.Errorf("bot: DM %s %s to %s: %w", eventType, task, user, err)
	}
	return true, nil
}
