package slackemu

import (
	"encoding/base64"
	"slices"
	"strconv"
	"strings"
)

// defaultPageSize is Slack's default limit for paginated methods.
const defaultPageSize = 100

// conversationsMembers serves conversations.members with cursor pagination.
func (s *Server) conversationsMembers(r *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	conv := s.resolveLocked(r.str("channel"))
	visible := s.botCanSeeLocked(conv)
	s.mu.Unlock()
	if isUserID(r.str("channel")) || !visible {
		return nil, fail("channel_not_found")
	}
	page, next, e := paginate(conv.Members, r.str("cursor"), r.str("limit"))
	if e != nil {
		return nil, e
	}
	return reply{"members": page, "response_metadata": map[string]any{"next_cursor": next}}, nil
}

// paginate cuts list into a page from an opaque cursor ("" for the first
// page) and returns the next cursor ("" after the last page).
func paginate[T any](list []T, cursor, limit string) ([]T, string, *apiError) {
	n := defaultPageSize
	if limit != "" {
		v, err := strconv.Atoi(limit)
		if err != nil || v < 0 {
			return nil, "", fail("invalid_limit")
		}
		if v > 0 {
			n = min(v, 1000)
		}
	}
	off := 0
	if cursor != "" {
		raw, err := base64.StdEncoding.DecodeString(cursor)
		rest, ok := strings.CutPrefix(string(raw), "offset:")
		if err != nil || !ok {
			return nil, "", fail("invalid_cursor")
		}
		if off, err = strconv.Atoi(rest); err != nil || off < 0 || off > len(list) {
			return nil, "", fail("invalid_cursor")
		}
	}
	end := min(off+n, len(list))
	page := slices.Clone(list[off:end])
	if page == nil {
		page = []T{}
	}
	next := ""
	if end < len(list) {
		next = base64.StdEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(end)))
	}
	return page, next, nil
}

// conversationsInfo serves conversations.info.
func (s *Server) conversationsInfo(r *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	conv := s.resolveLocked(r.str("channel"))
	if isUserID(r.str("channel")) || !s.botCanSeeLocked(conv) {
		return nil, fail("channel_not_found")
	}
	return reply{"channel": s.conversationJSONLocked(conv, r.str("include_num_members") == "true")}, nil
}

// conversationJSONLocked renders conv as Slack's conversation object.
func (s *Server) conversationJSONLocked(conv conversation, numMembers bool) map[string]any {
	j := map[string]any{
		"id":              conv.ID,
		"created":         0,
		"is_channel":      !conv.IsIM && !conv.IsMPIM && !conv.IsPrivate,
		"is_group":        !conv.IsIM && !conv.IsMPIM && conv.IsPrivate,
		"is_im":           conv.IsIM,
		"is_mpim":         conv.IsMPIM,
		"is_private":      conv.IsPrivate,
		"is_archived":     false,
		"is_member":       conv.IsIM || slices.Contains(conv.Members, s.cfg.botUserID),
		"is_open":         true,
		"context_team_id": s.cfg.teamID,
	}
	if conv.IsIM {
		j["user"] = conv.IMUser
	} else {
		j["name"] = conv.Name
		j["name_normalized"] = conv.Name
	}
	if numMembers {
		j["num_members"] = len(conv.Members)
	}
	return j
}

// conversationsOpen serves conversations.open: one user gives the bot's DM
// ("D" + user id), several give a group DM.
func (s *Server) conversationsOpen(r *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ch := r.str("channel"); ch != "" {
		conv := s.resolveLocked(ch)
		if !s.botCanSeeLocked(conv) {
			return nil, fail("channel_not_found")
		}
		return reply{"channel": s.openJSONLocked(conv, r), "already_open": true, "no_op": true}, nil
	}
	users := strings.Split(r.str("users"), ",")
	if r.str("users") == "" {
		return nil, fail("users_list_not_supplied")
	}
	if len(users) > 8 {
		return nil, fail("too_many_users")
	}
	for _, u := range users {
		if _, ok := s.dir.users[u]; !ok {
			return nil, fail("user_not_found")
		}
	}
	if len(users) == 1 {
		return reply{"channel": s.openJSONLocked(s.resolveLocked(users[0]), r)}, nil
	}
	members := append(slices.Sorted(slices.Values(users)), s.cfg.botUserID)
	id := "G" + strings.Join(members, "")
	if _, ok := s.dir.channels[id]; !ok {
		s.dir.channels[id] = Channel{ID: id, Name: "mpdm-" + strings.Join(members, "--"), Members: members, IsPrivate: true}
		s.dir.mpims[id] = true
	}
	return reply{"channel": s.openJSONLocked(s.resolveLocked(id), r)}, nil
}

// openJSONLocked is the channel object of a conversations.open answer: just
// the id unless return_im is set.
func (s *Server) openJSONLocked(conv conversation, r *apiRequest) map[string]any {
	if r.str("return_im") == "true" {
		return s.conversationJSONLocked(conv, false)
	}
	return map[string]any{"id": conv.ID}
}

// conversationsHistory serves conversations.history: top-level messages,
// newest first, with cursor pagination.
func (s *Server) conversationsHistory(r *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	conv := s.resolveLocked(r.str("channel"))
	visible := s.botCanSeeLocked(conv)
	var msgs []map[string]any
	list := s.msgs.channels[conv.ID]
	for i := len(list) - 1; i >= 0; i-- {
		m := list[i]
		if m.ThreadTS != "" && m.ThreadTS != m.TS {
			continue
		}
		j := s.messageJSON(cloneMessage(m))
		if !withMetadata(r) {
			delete(j, "metadata") // Slack returns metadata only when asked
		}
		msgs = append(msgs, j)
	}
	s.mu.Unlock()
	if isUserID(r.str("channel")) || !visible {
		return nil, fail("channel_not_found")
	}
	page, next, e := paginate(msgs, r.str("cursor"), r.str("limit"))
	if e != nil {
		return nil, e
	}
	return reply{"messages": page, "has_more": next != "", "response_metadata": map[string]any{"next_cursor": next}}, nil
}

// reactionsAdd serves reactions.add.
func (s *Server) reactionsAdd(r *apiRequest) (reply, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	conv := s.resolveLocked(r.str("channel"))
	if isUserID(r.str("channel")) || !s.botCanSeeLocked(conv) {
		return nil, fail("channel_not_found")
	}
	m := findMessage(s.msgs.channels[conv.ID], r.str("timestamp"))
	if m == nil {
		return nil, fail("message_not_found")
	}
	name := r.str("name")
	if name == "" {
		return nil, fail("invalid_name")
	}
	if slices.Contains(m.Reactions, name) {
		return nil, fail("already_reacted")
	}
	m.Reactions = append(m.Reactions, name)
	s.notifyLocked()
	return reply{}, nil
}
