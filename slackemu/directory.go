package slackemu

import (
	"slices"
	"strings"
)

// User is a workspace member as users.info describes it.
type User struct {
	ID       string
	TeamID   string // default: the server's team
	Name     string
	RealName string
	Locale   string // e.g. "en-US", "fr-FR"; sent only with include_locale
	TZ       string // e.g. "Europe/Paris"
	TZLabel  string // e.g. "Central European Summer Time"
	TZOffset int    // seconds east of UTC
	IsBot    bool
	IsAdmin  bool
	Deleted  bool
}

// Channel is a public or private channel.
type Channel struct {
	ID        string
	Name      string
	Members   []string
	IsPrivate bool
}

type directory struct {
	users    map[string]User
	channels map[string]Channel
	mpims    map[string]bool // group DMs opened with conversations.open
}

func newDirectory() directory {
	return directory{users: map[string]User{}, channels: map[string]Channel{}, mpims: map[string]bool{}}
}

// AddUser adds or replaces a user.
func (s *Server) AddUser(u User) {
	if u.TeamID == "" {
		u.TeamID = s.cfg.teamID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir.users[u.ID] = u
}

// AddChannel adds or replaces a channel. Members are returned by
// conversations.members in the given order.
func (s *Server) AddChannel(c Channel) {
	c.Members = slices.Clone(c.Members)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir.channels[c.ID] = c
}

// isUserID reports whether id looks like a user id (U… or W…).
func isUserID(id string) bool {
	return strings.HasPrefix(id, "U") || strings.HasPrefix(id, "W")
}

// dmChannelID is the id of the bot's DM with user: "D" + user id.
func dmChannelID(user string) string { return "D" + user }

// conversation is a channel, a DM or a group DM as the API sees it.
type conversation struct {
	Channel
	IsIM    bool
	IsMPIM  bool
	IMUser  string
	Unknown bool
}

// resolveLocked finds the conversation an id names. A user id resolves to the
// bot's DM with that user when the user exists. s.mu must be held.
func (s *Server) resolveLocked(id string) conversation {
	if isUserID(id) {
		if _, ok := s.dir.users[id]; !ok {
			return conversation{Unknown: true}
		}
		id = dmChannelID(id)
	}
	if c, ok := s.dir.channels[id]; ok {
		return conversation{Channel: c, IsMPIM: s.dir.mpims[id]}
	}
	if user, ok := strings.CutPrefix(id, "D"); ok {
		if _, known := s.dir.users[user]; known {
			return conversation{Channel: Channel{ID: id, Members: []string{user, s.cfg.botUserID}, IsPrivate: true}, IsIM: true, IMUser: user}
		}
	}
	return conversation{Unknown: true}
}

// botCanSeeLocked reports whether the bot may read or post in c: public
// channels always, private ones only when the bot is a member.
func (s *Server) botCanSeeLocked(c conversation) bool {
	if c.Unknown {
		return false
	}
	if c.IsIM || !c.IsPrivate {
		return true
	}
	return slices.Contains(c.Members, s.cfg.botUserID)
}
