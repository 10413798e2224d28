package slackemu

import "strings"

// authTest serves auth.test.
func (s *Server) authTest(_ *apiRequest) (reply, *apiError) {
	return reply{
		"url":                   "https://" + s.cfg.teamDomain + ".slack.com/",
		"team":                  s.cfg.teamDomain,
		"user":                  "ctocoach",
		"team_id":               s.cfg.teamID,
		"user_id":               s.cfg.botUserID,
		"bot_id":                s.cfg.botID,
		"is_enterprise_install": false,
	}, nil
}

// appsConnectionsOpen serves apps.connections.open: it issues a one-use
// ticket and returns the websocket URL carrying it.
func (s *Server) appsConnectionsOpen(_ *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	ticket := s.newIDLocked("tk")
	s.sock.tickets[ticket] = true
	s.mu.Unlock()
	ws := "ws://" + strings.TrimPrefix(s.base, "http://") + "/link/?ticket=" + ticket + "&app_id=" + s.cfg.appID
	return reply{"url": ws}, nil
}
