package slackemu

// usersInfo serves users.info; the locale is included only when asked for.
func (s *Server) usersInfo(r *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	u, ok := s.dir.users[r.str("user")]
	s.mu.Unlock()
	if !ok {
		return nil, fail("user_not_found")
	}
	return reply{"user": s.userJSON(u, r.str("include_locale") == "true" || r.str("include_locale") == "1")}, nil
}

// userJSON renders u as Slack's user object.
func (s *Server) userJSON(u User, includeLocale bool) map[string]any {
	m := map[string]any{
		"id":        u.ID,
		"team_id":   u.TeamID,
		"name":      u.Name,
		"deleted":   u.Deleted,
		"real_name": u.RealName,
		"tz":        u.TZ,
		"tz_label":  u.TZLabel,
		"tz_offset": u.TZOffset,
		"is_bot":    u.IsBot,
		"is_admin":  u.IsAdmin,
		"updated":   s.now().Unix(),
		"profile": map[string]any{
			"real_name":               u.RealName,
			"real_name_normalized":    u.RealName,
			"display_name":            u.Name,
			"display_name_normalized": u.Name,
			"team":                    u.TeamID,
		},
	}
	if u.IsBot {
		m["profile"].(map[string]any)["bot_id"] = s.cfg.botID
	}
	if includeLocale && u.Locale != "" {
		m["locale"] = u.Locale
	}
	return m
}
