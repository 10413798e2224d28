package slackemu

import (
	"bytes"
	"encoding/json"
	"slices"
)

// applyAckLocked gives an ack payload the effect Slack gives it; s.mu must
// be held.
func (s *Server) applyAckLocked(env Envelope, ack Ack) {
	switch env.Type {
	case "slash_commands":
		s.applyCommandAckLocked(env, ack.Payload)
	case "interactive":
		var p struct {
			Type string `json:"type"`
			User struct {
				ID string `json:"id"`
			} `json:"user"`
			View struct {
				ID string `json:"id"`
			} `json:"view"`
		}
		if json.Unmarshal(env.Payload, &p) == nil && p.Type == "view_submission" {
			s.applySubmissionAckLocked(p.User.ID, p.View.ID, ack.Payload)
		}
	}
}

// applyCommandAckLocked shows a slash command's ack text or blocks: to the
// user alone, or in the channel when response_type is "in_channel".
func (s *Server) applyCommandAckLocked(env Envelope, payload json.RawMessage) {
	var cmd struct {
		UserID    string `json:"user_id"`
		ChannelID string `json:"channel_id"`
	}
	var r responseBody
	if json.Unmarshal(env.Payload, &cmd) != nil || json.Unmarshal(payload, &r) != nil {
		return
	}
	if r.Text == "" && !hasBlocks(r.Blocks) {
		return
	}
	m := &Message{Channel: cmd.ChannelID, TS: s.newTSLocked(), Text: r.Text, Blocks: nonNullJSON(r.Blocks), User: s.cfg.botUserID}
	if r.ResponseType != "in_channel" {
		m.Ephemeral, m.Recipient = true, cmd.UserID
	}
	s.addMessageLocked(m)
}

// applySubmissionAckLocked applies a view_submission ack: no payload closes
// the submitted modal; response_action clear, update, push or errors do what
// Slack does.
func (s *Server) applySubmissionAckLocked(user, viewID string, payload json.RawMessage) {
	var r struct {
		ResponseAction string          `json:"response_action"`
		View           json.RawMessage `json:"view"`
	}
	_ = json.Unmarshal(payload, &r)
	stack := s.views.stacks[user]
	switch r.ResponseAction {
	case "clear":
		delete(s.views.stacks, user)
	case "update":
		vr, e := readView(r.View, "modal")
		if v, ok := s.views.byID[viewID]; ok && e == nil {
			s.replaceViewLocked(v, vr)
		} else if e != nil {
			s.log.Warn("slackemu: invalid view in update ack", "messages", e.messages)
		}
	case "push":
		vr, e := readView(r.View, "modal")
		if e != nil || len(stack) == 0 || len(stack) >= maxModalStack {
			s.log.Warn("slackemu: push ack not applied", "stack", len(stack))
			return
		}
		v := s.storeViewLocked(vr, user, stack[0], stack[len(stack)-1])
		s.views.stacks[user] = append(stack, v.ID)
	case "errors":
	default:
		if i := slices.Index(stack, viewID); i >= 0 {
			stack = stack[:i]
		}
		if len(stack) == 0 {
			delete(s.views.stacks, user)
		} else {
			s.views.stacks[user] = stack
		}
	}
}

// hasBlocks reports whether raw is a non-empty blocks array.
func hasBlocks(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && !bytes.Equal(t, []byte("null")) && !bytes.Equal(t, []byte("[]"))
}

// nonNullJSON maps JSON null or nothing to nil.
func nonNullJSON(raw json.RawMessage) json.RawMessage {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return nil
	}
	return slices.Clone(t)
}
