package routines

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// A nudge is sent at most once even when the replica sending it is killed.
// Every nudge carries Slack message metadata naming its task, so that a task whose earlier claim died
// (scheduler Task.Reclaimed) or whose earlier attempt failed is first looked
// for in the user's DM (conversations.history with include_all_metadata,
// scope im:history) and not posted again when it is there.

// nudgeEventType is the metadata event_type of a nudge message.
const nudgeEventType = "ctocoach_nudge"

// nudgeHistoryDepth is how many recent DM messages are searched for an
// earlier copy: a re-claimed nudge comes back one lease (30 s) after the
// dead claim, so its copy is among the last few messages of a DM with the
// bot.
const nudgeHistoryDepth = 50

func nudgeMetadata(task string) slack.MsgOption {
	return slack.MsgOptionMetadata(slack.SlackMetadata{EventType: nudgeEventType, EventPayload: map[string]any{"task": task}})
}

// nudgeAlreadySent reports whether the DM with user holds a nudge tagged
// with task.
func (b *Feature) nudgeAlreadySent(ctx context.Context, user, task string) (bool, error) {
	ch, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}})
	if err != nil {
		return false, fmt.Errorf("bot: open DM with %s to look for nudge %s: %w", user, task, err)
	}
	h, err := b.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
		ChannelID: ch.ID, Limit: nudgeHistoryDepth, IncludeAllMetadata: true,
	})
	if err != nil {
		return false, fmt.Errorf("bot: read DM with %s to look for nudge %s: %w", user, task, err)
	}
	for _, m := range h.Messages {
		if m.Metadata.EventType == nudgeEventType && fmt.Sprint(m.Metadata.EventPayload["task"]) == task {
			return true, nil
		}
	}
	return false, nil
}
