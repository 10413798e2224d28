package slackemu

import (
	"encoding/json"
)

// Socket Mode envelope types.
const (
	typeSlashCommands = "slash_commands"
	typeInteractive   = "interactive"
	typeEventsAPI     = "events_api"
)

// newEnvelope wraps payload in an envelope with a fresh id.
func newEnvelope(typ string, payload any, responseID, triggerID string) Envelope {
	raw, err := json.Marshal(payload)
	if err != nil {
		panic("slackemu: marshal payload: " + err.Error()) // payloads are built from JSON-safe values
	}
	return Envelope{ID: newEnvelopeID(), Type: typ, Payload: raw, AcceptsResponsePayload: typ != typeEventsAPI,
		ResponseID: responseID, TriggerID: triggerID}
}

// userRefLocked is the "user" object of interaction payloads.
func (s *Server) userRefLocked(user string) map[string]any {
	name := user
	if u, ok := s.dir.users[user]; ok && u.Name != "" {
		name = u.Name
	}
	return map[string]any{"id": user, "username": name, "name": name, "team_id": s.cfg.teamID}
}

// userNameLocked is user's handle, or the id when unknown.
func (s *Server) userNameLocked(user string) string {
	if u, ok := s.dir.users[user]; ok && u.Name != "" {
		return u.Name
	}
	return user
}

// teamRef is the "team" object of interaction payloads.
func (s *Server) teamRef() map[string]any {
	return map[string]any{"id": s.cfg.teamID, "domain": s.cfg.teamDomain}
}

// channelNameLocked is what Slack sends as channel_name.
func (s *Server) channelNameLocked(channel string) string {
	conv := s.resolveLocked(channel)
	switch {
	case conv.IsIM:
		return "directmessage"
	case conv.IsMPIM:
		return "mpdm"
	case conv.IsPrivate:
		return "privategroup"
	}
	return conv.Name
}

// channelRefLocked is the "channel" object of interaction payloads.
func (s *Server) channelRefLocked(channel string) map[string]any {
	return map[string]any{"id": channel, "name": s.channelNameLocked(channel)}
}

// interactionBaseLocked holds the fields every interaction payload carries.
func (s *Server) interactionBaseLocked(typ, user, trigger string) map[string]any {
	return map[string]any{
		"type":                  typ,
		"token":                 "",
		"team":                  s.teamRef(),
		"user":                  s.userRefLocked(user),
		"api_app_id":            s.cfg.appID,
		"trigger_id":            trigger,
		"action_ts":             unixTS(s.now()),
		"is_enterprise_install": false,
		"enterprise":            nil,
	}
}

// SlashCommand builds a slash_commands envelope, as Slack sends when user
// types "command text" in channel. It carries a fresh trigger_id and a
// response_url (Envelope.ResponseID).
func (s *Server) SlashCommand(user, channel, command, text string) Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	trigger := s.issueTriggerLocked(user)
	rid, url := s.issueResponseLocked(respondTarget{user: user, channel: channel})
	payload := map[string]any{
		"token":        "",
		"team_id":      s.cfg.teamID,
		"team_domain":  s.cfg.teamDomain,
		"channel_id":   channel,
		"channel_name": s.channelNameLocked(channel),
		"user_id":      user,
		"user_name":    s.userNameLocked(user),
		"command":      command,
		"text":         text,
		"api_app_id":   s.cfg.appID,
		"response_url": url,
		"trigger_id":   trigger,
	}
	return newEnvelope(typeSlashCommands, payload, rid, trigger)
}

// GlobalShortcut builds the interactive envelope of a global shortcut.
func (s *Server) GlobalShortcut(user, callbackID string) Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	trigger := s.issueTriggerLocked(user)
	p := s.interactionBaseLocked("shortcut", user, trigger)
	p["callback_id"] = callbackID
	return newEnvelope(typeInteractive, p, "", trigger)
}

// MessageShortcut builds the interactive envelope of a message shortcut run
// by user on msg in channel. Its response_url posts to the channel.
func (s *Server) MessageShortcut(user, channel string, msg Message, callbackID string) Envelope {
	s.mu.Lock()
	defer s.mu.Unlock()
	trigger := s.issueTriggerLocked(user)
	rid, url := s.issueResponseLocked(respondTarget{user: user, channel: channel})
	p := s.interactionBaseLocked("message_action", user, trigger)
	p["callback_id"] = callbackID
	p["message_ts"] = msg.TS
	p["message"] = s.messageJSON(msg)
	p["channel"] = s.channelRefLocked(channel)
	p["response_url"] = url
	return newEnvelope(typeInteractive, p, rid, trigger)
}
