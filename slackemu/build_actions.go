package slackemu

import (
	"encoding/json"
	"strings"
	"time"
)

// BlockAction builds the block_actions envelope of user activating the
// element actionID in msg (a message in channel; channel "" means
// msg.Channel). The element's block_id and type are looked up in msg.Blocks,
// and value is rendered as that type expects: a button's value, a select's
// or radio's selected option, a date, a time, a user or conversation id, or
// comma-separated values for checkboxes and multi-selects. An unknown action
// is sent as a button with an empty block_id. The container names the
// message (is_ephemeral for ephemerals) so the bot can update it, and the
// response_url acts on it (replace_original, delete_original).
func (s *Server) BlockAction(user, channel string, msg *Message, actionID, value string) Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	if channel == "" && msg != nil {
		channel = msg.Channel
	}
	target := respondTarget{user: user, channel: channel}
	container := map[string]any{"type": "message", "channel_id": channel, "is_ephemeral": msg == nil || msg.Ephemeral}
	var blocks json.RawMessage
	if msg != nil {
		target.messageTS, target.ephemeral = msg.TS, msg.Ephemeral
		container["message_ts"] = msg.TS
		if msg.ThreadTS != "" {
			container["thread_ts"] = msg.ThreadTS
		}
		blocks = msg.Blocks
	}
	trigger := s.issueTriggerLocked(user)
	rid, url := s.issueResponseLocked(target)
	p := s.interactionBaseLocked("block_actions", user, trigger)
	p["container"] = container
	p["channel"] = s.channelRefLocked(channel)
	p["response_url"] = url
	p["state"] = map[string]any{"values": map[string]any{}}
	p["actions"] = []any{buildAction(blocks, actionID, value, s.now())}
	if msg != nil && !msg.Ephemeral {
		p["message"] = s.messageJSON(*msg)
	}
	return newEnvelope(typeInteractive, p, rid, trigger)
}

// BlockActionInView builds the block_actions envelope of user activating
// actionID inside the view viewID (a modal or the App Home). Such payloads
// carry the view and no response_url.
func (s *Server) BlockActionInView(user, viewID, actionID, value string) Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	trigger := s.issueTriggerLocked(user)
	p := s.interactionBaseLocked("block_actions", user, trigger)
	p["container"] = map[string]any{"type": "view", "view_id": viewID}
	var blocks json.RawMessage
	if v, ok := s.views.byID[viewID]; ok {
		p["view"] = s.viewJSON(cloneView(v))
		blocks = v.Blocks
	} else {
		p["view"] = map[string]any{"id": viewID, "type": "modal", "blocks": []any{}}
	}
	p["state"] = map[string]any{"values": map[string]any{}}
	p["actions"] = []any{buildAction(blocks, actionID, value, s.now())}
	return newEnvelope(typeInteractive, p, "", trigger)
}

// buildAction renders one entry of "actions" for the element actionID.
func buildAction(blocks json.RawMessage, actionID, value string, now time.Time) map[string]any {
	el, ok := findElement(blocks, actionID)
	if !ok {
		el = element{typ: "button"}
	}
	a := map[string]any{"action_id": actionID, "block_id": el.blockID, "type": el.typ, "action_ts": unixTS(now)}
	if t, ok := el.raw["text"]; ok && el.typ == "button" {
		a["text"] = t
	}
	for k, v := range selectionJSON(el, Value{Type: el.typ, Value: value, Values: splitValues(value)}) {
		a[k] = v
	}
	return a
}

// splitValues splits comma-separated values, "" giving none.
func splitValues(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}
