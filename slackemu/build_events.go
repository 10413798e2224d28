package slackemu

import "maps"

// AppHomeOpened builds the events_api envelope Slack sends when user opens
// the app's Home tab; it carries the user's published home view, if any.
func (s *Server) AppHomeOpened(user string) Envelope {
	fields := map[string]any{"user": user, "channel": dmChannelID(user), "tab": "home"}
	s.mu.Lock()
	if id, ok := s.views.home[user]; ok {
		fields["view"] = s.viewJSON(cloneView(s.views.byID[id]))
	}
	s.mu.Unlock()
	return s.Event("app_home_opened", fields)
}

// Event builds an events_api envelope: an event_callback with a fresh
// event_id whose inner event is fields plus "type" (and "event_ts" unless
// given). Use Envelope.WithRetry for Slack's redelivery of the same event.
func (s *Server) Event(eventType string, fields map[string]any) Envelope {
	now := s.now()
	inner := maps.Clone(fields)
	if inner == nil {
		inner = map[string]any{}
	}
	inner["type"] = eventType
	if _, ok := inner["event_ts"]; !ok {
		inner["event_ts"] = unixTS(now)
	}
	payload := map[string]any{
		"token":      "",
		"team_id":    s.cfg.teamID,
		"api_app_id": s.cfg.appID,
		"event":      inner,
		"type":       "event_callback",
		"event_id":   newEventID(),
		"event_time": now.Unix(),
		"authorizations": []any{map[string]any{
			"enterprise_id": nil, "team_id": s.cfg.teamID, "user_id": s.cfg.botUserID,
			"is_bot": true, "is_enterprise_install": false,
		}},
		"is_ext_shared_channel": false,
	}
	return newEnvelope(typeEventsAPI, payload, "", "")
}
