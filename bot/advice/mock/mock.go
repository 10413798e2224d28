// Package mock has function-field fakes of the interfaces bot/advice owns
// (benbjohnson/wtf style): a test sets the functions it expects to be
// called; an unexpected call panics, naming the method.
package mock

import (
	"context"

	"ctocoach/bot"
	"ctocoach/store"
)

// Store fakes advice.Store.
type Store struct {
	SetFeedbackFn      func(ctx context.Context, team, cardID, user string, vote int) error
	SetCTOSinceFn      func(ctx context.Context, team, user, since string) error
	AddCheckupResultFn func(ctx context.Context, team, user string, r store.CheckupResult) error
	CheckupHistoryFn   func(ctx context.Context, team, user string, n int) ([]store.CheckupResult, error)
}

// SetFeedback calls SetFeedbackFn.
func (s *Store) SetFeedback(ctx context.Context, team, cardID, user string, vote int) error {
	if s.SetFeedbackFn == nil {
		panic("mock: unexpected SetFeedback")
	}
	return s.SetFeedbackFn(ctx, team, cardID, user, vote)
}

// SetCTOSince calls SetCTOSinceFn.
func (s *Store) SetCTOSince(ctx context.Context, team, user, since string) error {
	if s.SetCTOSinceFn == nil {
		panic("mock: unexpected SetCTOSince")
	}
	return s.SetCTOSinceFn(ctx, team, user, since)
}

// AddCheckupResult calls AddCheckupResultFn.
func (s *Store) AddCheckupResult(ctx context.Context, team, user string, r store.CheckupResult) error {
	if s.AddCheckupResultFn == nil {
		panic("mock: unexpected AddCheckupResult")
	}
	return s.AddCheckupResultFn(ctx, team, user, r)
}

// CheckupHistory calls CheckupHistoryFn.
func (s *Store) CheckupHistory(ctx context.Context, team, user string, n int) ([]store.CheckupResult, error) {
	if s.CheckupHistoryFn == nil {
		panic("mock: unexpected CheckupHistory")
	}
	return s.CheckupHistoryFn(ctx, team, user, n)
}

// Profiles fakes advice.Profiles: Users holds the cached users by
// "team/user"; Forgotten records Forget calls.
type Profiles struct {
	Users     map[string]bot.User
	Forgotten []string
}

// Cached returns Users[team/user].
func (p *Profiles) Cached(team, user string) (bot.User, bool) {
	u, ok := p.Users[team+"/"+user]
	return u, ok
}

// Forget records the call.
func (p *Profiles) Forget(team, user string) { p.Forgotten = append(p.Forgotten, team+"/"+user) }
