package bot

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/slack-go/slack"
)

// onceFake is a DM whose history holds what was posted with metadata.
type onceFake struct {
	posts int
	meta  []slack.SlackMetadata
}

func (f *onceFake) PostMessageContext(_ context.Context, _ string, opts ...slack.MsgOption) (string, string, error) {
	f.posts++
	_, vals, err := slack.UnsafeApplyMsgOptions("", "C", "https://x/", opts...)
	if err != nil {
		return "", "", err
	}
	if m := vals.Get("metadata"); m != "" {
		var md slack.SlackMetadata
		if err := json.Unmarshal([]byte(m), &md); err != nil {
			return "", "", err
		}
		f.meta = append(f.meta, md)
	}
	return "D1", "1.0", nil
}

func (f *onceFake) OpenConversationContext(context.Context, *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error) {
	ch := &slack.Channel{}
	ch.ID = "D1"
	return ch, false, false, nil
}

func (f *onceFake) GetConversationHistoryContext(context.Context, *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error) {
	h := &slack.GetConversationHistoryResponse{}
	for _, m := range f.meta {
		msg := slack.Message{}
		msg.Metadata = m
		h.Messages = append(h.Messages, msg)
	}
	return h, nil
}

func TestPostOnceLooksInTheDMOnlyWhenAnEarlierRunMayHaveSent(t *testing.T) {
	ctx := context.Background()
	f := &onceFake{}
	if posted, err := PostOnce(ctx, f, "U1", "ev", "T:U1:k:1", MaybeSent(0, 0), slack.MsgOptionText("hi", false)); err != nil || !posted {
		t.Fatalf("first post = %v, %v", posted, err)
	}
	if posted, err := PostOnce(ctx, f, "U1", "ev", "T:U1:k:1", MaybeSent(0, 1), slack.MsgOptionText("hi", false)); err != nil || posted {
		t.Errorf("a reclaimed task already in the DM posted = %v, %v; want not posted", posted, err)
	}
	if posted, err := PostOnce(ctx, f, "U1", "other", "T:U1:k:1", MaybeSent(1, 0), slack.MsgOptionText("hi", false)); err != nil || !posted {
		t.Errorf("another event type's copy stopped the post: %v, %v", posted, err)
	}
	if posted, err := PostOnce(ctx, f, "U1", "ev", "T:U1:k:2", MaybeSent(1, 0), slack.MsgOptionText("hi", false)); err != nil || !posted {
		t.Errorf("another task's copy stopped the post: %v, %v", posted, err)
	}
	if f.posts != 3 {
		t.Errorf("%d posts, want 3", f.posts)
	}
}
