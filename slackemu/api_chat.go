package slackemu

import (
	"encoding/json"
	"slices"
)

// messageContent is the text, blocks and metadata of a post or update.
type messageContent struct {
	text     string
	blocks   json.RawMessage
	metadata json.RawMessage
}

// readContent validates the text and blocks of a chat.* request; required
// says whether an empty message is an error (no_text).
func readContent(r *apiRequest, required bool) (messageContent, *apiError) {
	c := messageContent{text: r.str("text"), blocks: r.raw("blocks"), metadata: r.raw("metadata")}
	if _, e := parseBlocks(c.blocks, maxMessageBlocks, "/blocks"); e != nil {
		return c, e
	}
	if required && c.text == "" && c.blocks == nil && r.raw("attachments") == nil {
		return c, fail("no_text")
	}
	if len([]rune(c.text)) > maxTextLen {
		return c, fail("msg_too_long")
	}
	if c.metadata != nil && !json.Valid(c.metadata) {
		return c, fail("invalid_metadata_format")
	}
	return c, nil
}

// chatPostMessage serves chat.postMessage. A user id as channel posts to the
// bot's DM with that user ("D" + user id).
func (s *Server) chatPostMessage(r *apiRequest) (reply, *apiError) {
	c, e := readContent(r, true)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	conv := s.resolveLocked(r.str("channel"))
	if !s.botCanSeeLocked(conv) {
		return nil, fail("channel_not_found")
	}
	m := &Message{Channel: conv.ID, TS: s.newTSLocked(), ThreadTS: r.str("thread_ts"), Text: c.text,
		Blocks: c.blocks, User: s.cfg.botUserID, Metadata: c.metadata}
	s.addMessageLocked(m)
	return reply{"channel": m.Channel, "ts": m.TS, "message": s.messageJSON(*m)}, nil
}

// chatPostEphemeral serves chat.postEphemeral.
func (s *Server) chatPostEphemeral(r *apiRequest) (reply, *apiError) {
	c, e := readContent(r, true)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	user := r.str("user")
	if _, ok := s.dir.users[user]; !ok {
		return nil, fail("user_not_found")
	}
	conv := s.resolveLocked(r.str("channel"))
	if !s.botCanSeeLocked(conv) {
		return nil, fail("channel_not_found")
	}
	if !conv.IsIM && len(conv.Members) > 0 && !slices.Contains(conv.Members, user) {
		return nil, fail("user_not_in_channel")
	}
	m := &Message{Channel: conv.ID, TS: s.newTSLocked(), ThreadTS: r.str("thread_ts"), Text: c.text,
		Blocks: c.blocks, User: s.cfg.botUserID, Metadata: c.metadata, Ephemeral: true, Recipient: user}
	s.addMessageLocked(m)
	return reply{"message_ts": m.TS}, nil
}

// chatUpdate serves chat.update. Like Slack it wants the conversation id
// (not a user id) and keeps the previous blocks when none are sent.
func (s *Server) chatUpdate(r *apiRequest) (reply, *apiError) {
	c, e := readContent(r, false)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.ownMessageLocked(r.str("channel"), r.str("ts"), "cant_update_message")
	if e != nil {
		return nil, e
	}
	if r.has("text") || c.blocks != nil {
		m.Text = c.text
	}
	if c.blocks != nil {
		m.Blocks = c.blocks
	}
	if c.metadata != nil {
		m.Metadata = c.metadata
	}
	m.Edited = true
	s.notifyLocked()
	return reply{"channel": m.Channel, "ts": m.TS, "text": m.Text, "message": s.messageJSON(*m)}, nil
}

// chatDelete serves chat.delete.
func (s *Server) chatDelete(r *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.ownMessageLocked(r.str("channel"), r.str("ts"), "cant_delete_message")
	if e != nil {
		return nil, e
	}
	s.msgs.channels[m.Channel] = deleteMessage(s.msgs.channels[m.Channel], m.TS)
	s.notifyLocked()
	return reply{"channel": m.Channel, "ts": m.TS}, nil
}

// ownMessageLocked finds a bot message by conversation id and ts; s.mu must
// be held.
func (s *Server) ownMessageLocked(channel, ts, notOwn string) (*Message, *apiError) {
	if isUserID(channel) {
		return nil, fail("channel_not_found")
	}
	conv := s.resolveLocked(channel)
	if !s.botCanSeeLocked(conv) {
		return nil, fail("channel_not_found")
	}
	m := findMessage(s.msgs.channels[conv.ID], ts)
	if m == nil {
		return nil, fail("message_not_found")
	}
	if m.User != s.cfg.botUserID {
		return nil, fail(notOwn)
	}
	return m, nil
}
