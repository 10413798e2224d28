package slackemu

import (
	"encoding/json"
	"slices"
)

// Message is a message as the emulator holds it, after updates and deletes.
type Message struct {
	Channel   string
	TS        string
	ThreadTS  string
	Text      string
	Blocks    json.RawMessage // the blocks JSON array as the bot sent it, nil if none
	User      string          // the author: the bot for everything the bot posts
	Metadata  json.RawMessage // the metadata object as the bot sent it, nil if none
	Ephemeral bool            // posted with chat.postEphemeral or as an ephemeral response
	Recipient string          // who sees an ephemeral message
	Edited    bool            // changed since posted (chat.update or replace_original)
	Reactions []string        // reaction names added with reactions.add
}

type messageStore struct {
	channels   map[string][]*Message // by channel, in ts order
	ephemerals map[string][]*Message // by recipient, in ts order
}

func newMessageStore() messageStore {
	return messageStore{channels: map[string][]*Message{}, ephemerals: map[string][]*Message{}}
}

// Messages returns the messages of channel (a channel id, or a user id for the
// bot's DM with that user) in posting order, thread replies included.
func (s *Server) Messages(channel string) []Message {
	if isUserID(channel) {
		channel = dmChannelID(channel)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyMessages(s.msgs.channels[channel])
}

// Ephemerals returns the ephemeral messages shown to user, in posting order.
func (s *Server) Ephemerals(user string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return copyMessages(s.msgs.ephemerals[user])
}

// Message returns one message of channel by ts.
func (s *Server) Message(channel, ts string) (Message, bool) {
	if isUserID(channel) {
		channel = dmChannelID(channel)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := findMessage(s.msgs.channels[channel], ts)
	if m == nil {
		return Message{}, false
	}
	return cloneMessage(m), true
}

// PostAsUser records a message written by a human user in channel (for
// message shortcuts and history), returning it.
func (s *Server) PostAsUser(user, channel, text string) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &Message{Channel: channel, TS: s.newTSLocked(), Text: text, User: user}
	s.addMessageLocked(m)
	return cloneMessage(m)
}

// addMessageLocked stores m (channel or ephemeral) and wakes waiters.
func (s *Server) addMessageLocked(m *Message) {
	if m.Ephemeral {
		s.msgs.ephemerals[m.Recipient] = append(s.msgs.ephemerals[m.Recipient], m)
	} else {
		s.msgs.channels[m.Channel] = append(s.msgs.channels[m.Channel], m)
	}
	s.notifyLocked()
}

// deleteMessageLocked removes the message with ts from list and returns the
// shortened list.
func deleteMessage(list []*Message, ts string) []*Message {
	return slices.DeleteFunc(list, func(m *Message) bool { return m.TS == ts })
}

func findMessage(list []*Message, ts string) *Message {
	for _, m := range list {
		if m.TS == ts {
			return m
		}
	}
	return nil
}

func cloneMessage(m *Message) Message {
	c := *m
	c.Blocks = slices.Clone(m.Blocks)
	c.Metadata = slices.Clone(m.Metadata)
	c.Reactions = slices.Clone(m.Reactions)
	return c
}

func copyMessages(list []*Message) []Message {
	out := make([]Message, 0, len(list))
	for _, m := range list {
		out = append(out, cloneMessage(m))
	}
	return out
}

// messageJSON renders m as Slack's message object.
func (s *Server) messageJSON(m Message) map[string]any {
	j := map[string]any{"type": "message", "user": m.User, "text": m.Text, "ts": m.TS, "team": s.cfg.teamID}
	if m.User == s.cfg.botUserID {
		j["bot_id"] = s.cfg.botID
		j["app_id"] = s.cfg.appID
	}
	if m.ThreadTS != "" {
		j["thread_ts"] = m.ThreadTS
	}
	if m.Blocks != nil {
		j["blocks"] = m.Blocks
	}
	if m.Metadata != nil {
		j["metadata"] = m.Metadata
	}
	if m.Edited {
		j["edited"] = map[string]any{"user": m.User, "ts": m.TS}
	}
	return j
}
