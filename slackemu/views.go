package slackemu

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// View is a modal or App Home view as the bot last set it.
type View struct {
	ID              string
	Type            string // "modal" or "home"
	User            string
	CallbackID      string
	PrivateMetadata string
	ExternalID      string
	Hash            string
	RootViewID      string
	PreviousViewID  string
	Title           string          // the title's text (modals)
	Blocks          json.RawMessage // the blocks array as the bot sent it
	JSON            json.RawMessage // the whole view object as the bot sent it
}

type viewStore struct {
	byID     map[string]*View
	stacks   map[string][]string // user -> open modal ids, bottom to top
	home     map[string]string   // user -> home view id
	external map[string]string   // external_id -> view id
}

func newViewStore() viewStore {
	return viewStore{byID: map[string]*View{}, stacks: map[string][]string{}, home: map[string]string{}, external: map[string]string{}}
}

// triggerKeep is how long an issued trigger_id is remembered (so that it
// answers expired_trigger_id rather than invalid_trigger_id).
const triggerKeep = 10 * time.Minute

// trigger is an issued trigger_id.
type trigger struct {
	user   string
	issued time.Time
	used   bool
}

// Views returns the modals open for user, bottom of the stack first.
func (s *Server) Views(user string) []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []View
	for _, id := range s.views.stacks[user] {
		out = append(out, cloneView(s.views.byID[id]))
	}
	return out
}

// HomeView returns the App Home view last published for user.
func (s *Server) HomeView(user string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.views.home[user]
	if !ok {
		return View{}, false
	}
	return cloneView(s.views.byID[id]), true
}

// View returns any view by id.
func (s *Server) View(id string) (View, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.views.byID[id]
	if !ok {
		return View{}, false
	}
	return cloneView(v), true
}

func cloneView(v *View) View {
	c := *v
	c.Blocks = slices.Clone(v.Blocks)
	c.JSON = slices.Clone(v.JSON)
	return c
}

// issueTriggerLocked returns a fresh trigger_id for user; s.mu must be held.
func (s *Server) issueTriggerLocked(user string) string {
	now := s.now()
	// Forget triggers long expired, oldest first, so the map stays small
	// under load; they answer invalid_trigger_id from then on.
	for len(s.triggerOrder) > 0 {
		t, ok := s.triggers[s.triggerOrder[0]]
		if ok && now.Sub(t.issued) <= max(triggerKeep, s.cfg.triggerTTL) {
			break
		}
		delete(s.triggers, s.triggerOrder[0])
		s.triggerOrder = s.triggerOrder[1:]
	}
	s.seq++
	id := fmt.Sprintf("%d.%d.%s", s.seq, now.Unix(), randomHex(10))
	s.triggers[id] = trigger{user: user, issued: now}
	s.triggerOrder = append(s.triggerOrder, id)
	return id
}

// IssueTrigger returns a fresh trigger_id for user, as a user interaction
// would produce.
func (s *Server) IssueTrigger(user string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.issueTriggerLocked(user)
}

// useTriggerLocked exchanges a trigger_id: it must have been issued, be
// unexpired and unused. It returns the trigger's user; s.mu must be held.
func (s *Server) useTriggerLocked(id string) (string, *apiError) {
	t, ok := s.triggers[id]
	switch {
	case id == "":
		return "", fail("invalid_arguments", "[ERROR] missing required field: trigger_id")
	case !ok:
		return "", fail("invalid_trigger_id")
	case t.used:
		return "", fail("exchanged_trigger_id")
	case s.now().Sub(t.issued) > s.cfg.triggerTTL:
		return "", fail("expired_trigger_id")
	}
	t.used = true
	s.triggers[id] = t
	return t.user, nil
}

// newHashLocked returns a view hash; s.mu must be held.
func (s *Server) newHashLocked() string {
	s.seq++
	return fmt.Sprintf("%d.%08x", s.now().Unix(), s.seq)
}
