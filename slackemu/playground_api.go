package slackemu

// This file holds what the playground (a browser client on the emulator,
// see package ctocoach/playground) needs beyond what tests use: a change
// signal to push updates to browsers and the user closing a modal.

// Changed returns a channel closed at the next recorded event (call, ack,
// response, message, view); take a new one after it fires.
func (s *Server) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// CloseView is the user pressing a modal's close (all false: back arrow,
// pops the top modal only; all true: the ✕, closes the whole stack), as
// Slack does when notify_on_close is not set. It reports whether a modal
// was open.
func (s *Server) CloseView(user string, all bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	stack := s.views.stacks[user]
	if len(stack) == 0 {
		return false
	}
	if all || len(stack) == 1 {
		delete(s.views.stacks, user)
	} else {
		s.views.stacks[user] = stack[:len(stack)-1]
	}
	s.notifyLocked()
	return true
}

// Users returns the workspace's users (the bot included), in no order.
func (s *Server) Users() []User {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]User, 0, len(s.dir.users))
	for _, u := range s.dir.users {
		out = append(out, u)
	}
	return out
}

// PostAsUserInThread records a reply written by a human user in the thread
// of threadTS in channel, returning it.
func (s *Server) PostAsUserInThread(user, channel, threadTS, text string) Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := &Message{Channel: channel, TS: s.newTSLocked(), ThreadTS: threadTS, Text: text, User: user}
	s.addMessageLocked(m)
	return cloneMessage(m)
}
