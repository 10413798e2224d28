// Package mock has function-field fakes of the interfaces bot/routines owns
// (Store, API, Profiles; benbjohnson/wtf style): a test sets the functions
// it expects to be called; an unexpected call panics, naming the method.
package mock

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/routine"
	"ctocoach/store"
)

// Store fakes routines.Store.
type Store struct {
	RoutineSettingsFn     func(ctx context.Context, team, user string) (routine.Settings, error)
	SaveRoutineSettingsFn func(ctx context.Context, team, user string, s routine.Settings) error
	OutcomesFn            func(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error)
	AddOutcomeFn          func(ctx context.Context, team, user string, o routine.Outcome) error
	RosterFn              func(ctx context.Context, team, user string) (store.Roster, error)
	SaveRosterFn          func(ctx context.Context, team, user string, r store.Roster) error
	MeetingsFn            func(ctx context.Context, team, user string) ([]routine.Meeting, error)
	AddMeetingsFn         func(ctx context.Context, team, user string, ms ...routine.Meeting) error
	ContactsFn            func(ctx context.Context, team, user string) ([]routine.Contact, error)
	ContactFn             func(ctx context.Context, team, user, id string) (routine.Contact, error)
	AddContactFn          func(ctx context.Context, team, user string, c routine.Contact) (routine.Contact, error)
	TouchContactFn        func(ctx context.Context, team, user, id string, at time.Time) (routine.Contact, error)
	RemoveContactFn       func(ctx context.Context, team, user, id string) error
}

func unexpected(method string) { panic("mock: unexpected " + method) }

// RoutineSettings calls RoutineSettingsFn.
func (s *Store) RoutineSettings(ctx context.Context, team, user string) (routine.Settings, error) {
	if s.RoutineSettingsFn == nil {
		unexpected("RoutineSettings")
	}
	return s.RoutineSettingsFn(ctx, team, user)
}

// SaveRoutineSettings calls SaveRoutineSettingsFn.
func (s *Store) SaveRoutineSettings(ctx context.Context, team, user string, rs routine.Settings) error {
	if s.SaveRoutineSettingsFn == nil {
		unexpected("SaveRoutineSettings")
	}
	return s.SaveRoutineSettingsFn(ctx, team, user, rs)
}

// Outcomes calls OutcomesFn.
func (s *Store) Outcomes(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error) {
	if s.OutcomesFn == nil {
		unexpected("Outcomes")
	}
	return s.OutcomesFn(ctx, team, user, since)
}

// AddOutcome calls AddOutcomeFn.
func (s *Store) AddOutcome(ctx context.Context, team, user string, o routine.Outcome) error {
	if s.AddOutcomeFn == nil {
		unexpected("AddOutcome")
	}
	return s.AddOutcomeFn(ctx, team, user, o)
}

// Roster calls RosterFn.
func (s *Store) Roster(ctx context.Context, team, user string) (store.Roster, error) {
	if s.RosterFn == nil {
		unexpected("Roster")
	}
	return s.RosterFn(ctx, team, user)
}

// SaveRoster calls SaveRosterFn.
func (s *Store) SaveRoster(ctx context.Context, team, user string, r store.Roster) error {
	if s.SaveRosterFn == nil {
		unexpected("SaveRoster")
	}
	return s.SaveRosterFn(ctx, team, user, r)
}

// Meetings calls MeetingsFn.
func (s *Store) Meetings(ctx context.Context, team, user string) ([]routine.Meeting, error) {
	if s.MeetingsFn == nil {
		unexpected("Meetings")
	}
	return s.MeetingsFn(ctx, team, user)
}

// AddMeetings calls AddMeetingsFn.
func (s *Store) AddMeetings(ctx context.Context, team, user string, ms ...routine.Meeting) error {
	if s.AddMeetingsFn == nil {
		unexpected("AddMeetings")
	}
	return s.AddMeetingsFn(ctx, team, user, ms...)
}

// Contacts calls ContactsFn.
func (s *Store) Contacts(ctx context.Context, team, user string) ([]routine.Contact, error) {
	if s.ContactsFn == nil {
		unexpected("Contacts")
	}
	return s.ContactsFn(ctx, team, user)
}

// Contact calls ContactFn.
func (s *Store) Contact(ctx context.Context, team, user, id string) (routine.Contact, error) {
	if s.ContactFn == nil {
		unexpected("Contact")
	}
	return s.ContactFn(ctx, team, user, id)
}

// AddContact calls AddContactFn.
func (s *Store) AddContact(ctx context.Context, team, user string, c routine.Contact) (routine.Contact, error) {
	if s.AddContactFn == nil {
		unexpected("AddContact")
	}
	return s.AddContactFn(ctx, team, user, c)
}

// TouchContact calls TouchContactFn.
func (s *Store) TouchContact(ctx context.Context, team, user, id string, at time.Time) (routine.Contact, error) {
	if s.TouchContactFn == nil {
		unexpected("TouchContact")
	}
	return s.TouchContactFn(ctx, team, user, id, at)
}

// RemoveContact calls RemoveContactFn.
func (s *Store) RemoveContact(ctx context.Context, team, user, id string) error {
	if s.RemoveContactFn == nil {
		unexpected("RemoveContact")
	}
	return s.RemoveContactFn(ctx, team, user, id)
}

// API fakes routines.API.
type API struct {
	PostMessageFn            func(ctx context.Context, channel string, options ...slack.MsgOption) (string, string, error)
	UpdateMessageFn          func(ctx context.Context, channel, ts string, options ...slack.MsgOption) (string, string, string, error)
	OpenConversationFn       func(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	GetConversationHistoryFn func(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
	GetConversationInfoFn    func(ctx context.Context, input *slack.GetConversationInfoInput) (*slack.Channel, error)
	GetUsersInConversationFn func(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error)
}

// PostMessageContext calls PostMessageFn.
func (a *API) PostMessageContext(ctx context.Context, channel string, options ...slack.MsgOption) (string, string, error) {
	if a.PostMessageFn == nil {
		unexpected("PostMessageContext")
	}
	return a.PostMessageFn(ctx, channel, options...)
}

// UpdateMessageContext calls UpdateMessageFn.
func (a *API) UpdateMessageContext(ctx context.Context, channel, ts string, options ...slack.MsgOption) (string, string, string, error) {
	if a.UpdateMessageFn == nil {
		unexpected("UpdateMessageContext")
	}
	return a.UpdateMessageFn(ctx, channel, ts, options...)
}

// OpenConversationContext calls OpenConversationFn.
func (a *API) OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error) {
	if a.OpenConversationFn == nil {
		unexpected("OpenConversationContext")
	}
	return a.OpenConversationFn(ctx, params)
}

// GetConversationHistoryContext calls GetConversationHistoryFn.
func (a *API) GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error) {
	if a.GetConversationHistoryFn == nil {
		unexpected("GetConversationHistoryContext")
	}
	return a.GetConversationHistoryFn(ctx, params)
}

// GetConversationInfoContext calls GetConversationInfoFn.
func (a *API) GetConversationInfoContext(ctx context.Context, input *slack.GetConversationInfoInput) (*slack.Channel, error) {
	if a.GetConversationInfoFn == nil {
		unexpected("GetConversationInfoContext")
	}
	return a.GetConversationInfoFn(ctx, input)
}

// GetUsersInConversationContext calls GetUsersInConversationFn.
func (a *API) GetUsersInConversationContext(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error) {
	if a.GetUsersInConversationFn == nil {
		unexpected("GetUsersInConversationContext")
	}
	return a.GetUsersInConversationFn(ctx, params)
}

// Profiles fakes routines.Profiles.
type Profiles struct {
	GetFn  func(ctx context.Context, team, user string) bot.User
	LangFn func(team, user string) string
}

// Get calls GetFn.
func (p *Profiles) Get(ctx context.Context, team, user string) bot.User {
	if p.GetFn == nil {
		unexpected("Profiles.Get")
	}
	return p.GetFn(ctx, team, user)
}

// Lang calls LangFn.
func (p *Profiles) Lang(team, user string) string {
	if p.LangFn == nil {
		unexpected("Profiles.Lang")
	}
	return p.LangFn(team, user)
}
