// Package mock has function-field fakes of the interfaces bot/retro owns
// (benbjohnson/wtf style): each method calls the field of the same name;
// a nil field panics, so a test sees at once a dependency it did not expect.
package mock

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/retro"
	retromock "ctocoach/retro/mock"
	"ctocoach/store"
)

// Store fakes retrobot.Store (the check is in bot/retro's tests: this
// package cannot import the one it serves without a cycle in its tests).
type Store struct {
	// BoardRepository fakes the board methods retro.BoardService uses too
	// (OpenBoard, LastBoard, Board, NextBoardID, CreateBoard, SetPhase).
	retromock.BoardRepository
	BoardHeadFn           func(ctx context.Context, team, id string) (store.RetroBoard, error)
	SetBoardMessageFn     func(ctx context.Context, team, boardID, ts string) error
	AddCardFn             func(ctx context.Context, team, boardID string, in retro.CardInput, once string, now time.Time) (retro.Card, error)
	EditCardFn            func(ctx context.Context, team, boardID, cardID, userID, text string) error
	DeleteCardFn          func(ctx context.Context, team, boardID, cardID, userID string) error
	VoteFn                func(ctx context.Context, team, boardID, cardID, userID string) (store.VoteResult, error)
	UnvoteFn              func(ctx context.Context, team, boardID, cardID, userID string) (store.VoteResult, error)
	AddActionFn           func(ctx context.Context, team, boardID string, in retro.ActionInput, once string, now time.Time) (retro.Action, error)
	SetActionStatusFn     func(ctx context.Context, team, boardID, actionID string, status retro.ActionStatus, userID string, isAdmin bool, now time.Time) (retro.Action, error)
	ActionsOwnedByFn      func(ctx context.Context, team, user string) ([]retro.Action, error)
	PromoteFn             func(ctx context.Context, team, boardID, source string, std retro.Standard) error
	NextStandardIDFn      func(ctx context.Context, team string) (string, error)
	StandardFn            func(ctx context.Context, team, id string) (retro.Standard, error)
	StandardsFn           func(ctx context.Context, team string) ([]retro.Standard, error)
	UpdateStandardFn      func(ctx context.Context, team, id string, fn func(retro.Standard) (retro.Standard, error)) (retro.Standard, error)
	RetroScheduleFn       func(ctx context.Context, team, channel string) (store.RetroSchedule, error)
	UpdateRetroScheduleFn func(ctx context.Context, team, channel string, fn func(sc store.RetroSchedule, found bool) (store.RetroSchedule, error)) (store.RetroSchedule, error)
	DeleteRetroScheduleFn func(ctx context.Context, team, channel string) error
}

// BoardHead calls BoardHeadFn.
func (s *Store) BoardHead(ctx context.Context, team, id string) (store.RetroBoard, error) {
	return s.BoardHeadFn(ctx, team, id)
}

// SetBoardMessage calls SetBoardMessageFn.
func (s *Store) SetBoardMessage(ctx context.Context, team, boardID, ts string) error {
	return s.SetBoardMessageFn(ctx, team, boardID, ts)
}

// AddCard calls AddCardFn.
func (s *Store) AddCard(ctx context.Context, team, boardID string, in retro.CardInput, once string, now time.Time) (retro.Card, error) {
	return s.AddCardFn(ctx, team, boardID, in, once, now)
}

// EditCard calls EditCardFn.
func (s *Store) EditCard(ctx context.Context, team, boardID, cardID, userID, text string) error {
	return s.EditCardFn(ctx, team, boardID, cardID, userID, text)
}

// DeleteCard calls DeleteCardFn.
func (s *Store) DeleteCard(ctx context.Context, team, boardID, cardID, userID string) error {
	return s.DeleteCardFn(ctx, team, boardID, cardID, userID)
}

// Vote calls VoteFn.
func (s *Store) Vote(ctx context.Context, team, boardID, cardID, userID string) (store.VoteResult, error) {
	return s.VoteFn(ctx, team, boardID, cardID, userID)
}

// Unvote calls UnvoteFn.
func (s *Store) Unvote(ctx context.Context, team, boardID, cardID, userID string) (store.VoteResult, error) {
	return s.UnvoteFn(ctx, team, boardID, cardID, userID)
}

// AddAction calls AddActionFn.
func (s *Store) AddAction(ctx context.Context, team, boardID string, in retro.ActionInput, once string, now time.Time) (retro.Action, error) {
	return s.AddActionFn(ctx, team, boardID, in, once, now)
}

// SetActionStatus calls SetActionStatusFn.
func (s *Store) SetActionStatus(ctx context.Context, team, boardID, actionID string, status retro.ActionStatus, userID string, isAdmin bool, now time.Time) (retro.Action, error) {
	return s.SetActionStatusFn(ctx, team, boardID, actionID, status, userID, isAdmin, now)
}

// ActionsOwnedBy calls ActionsOwnedByFn.
func (s *Store) ActionsOwnedBy(ctx context.Context, team, user string) ([]retro.Action, error) {
	return s.ActionsOwnedByFn(ctx, team, user)
}

// Promote calls PromoteFn.
func (s *Store) Promote(ctx context.Context, team, boardID, source string, std retro.Standard) error {
	return s.PromoteFn(ctx, team, boardID, source, std)
}

// NextStandardID calls NextStandardIDFn.
func (s *Store) NextStandardID(ctx context.Context, team string) (string, error) {
	return s.NextStandardIDFn(ctx, team)
}

// Standard calls StandardFn.
func (s *Store) Standard(ctx context.Context, team, id string) (retro.Standard, error) {
	return s.StandardFn(ctx, team, id)
}

// Standards calls StandardsFn.
func (s *Store) Standards(ctx context.Context, team string) ([]retro.Standard, error) {
	return s.StandardsFn(ctx, team)
}

// UpdateStandard calls UpdateStandardFn.
func (s *Store) UpdateStandard(ctx context.Context, team, id string, fn func(retro.Standard) (retro.Standard, error)) (retro.Standard, error) {
	return s.UpdateStandardFn(ctx, team, id, fn)
}

// RetroSchedule calls RetroScheduleFn.
func (s *Store) RetroSchedule(ctx context.Context, team, channel string) (store.RetroSchedule, error) {
	return s.RetroScheduleFn(ctx, team, channel)
}

// UpdateRetroSchedule calls UpdateRetroScheduleFn.
func (s *Store) UpdateRetroSchedule(ctx context.Context, team, channel string, fn func(sc store.RetroSchedule, found bool) (store.RetroSchedule, error)) (store.RetroSchedule, error) {
	return s.UpdateRetroScheduleFn(ctx, team, channel, fn)
}

// DeleteRetroSchedule calls DeleteRetroScheduleFn.
func (s *Store) DeleteRetroSchedule(ctx context.Context, team, channel string) error {
	return s.DeleteRetroScheduleFn(ctx, team, channel)
}

// API fakes retrobot.API (checked in bot/retro's tests).
type API struct {
	PostMessageFn            func(ctx context.Context, channel string, options ...slack.MsgOption) (string, string, error)
	PostEphemeralFn          func(ctx context.Context, channel, user string, options ...slack.MsgOption) (string, error)
	UpdateMessageFn          func(ctx context.Context, channel, ts string, options ...slack.MsgOption) (string, string, string, error)
	GetUsersInConversationFn func(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error)
}

// PostMessageContext calls PostMessageFn.
func (a *API) PostMessageContext(ctx context.Context, channel string, options ...slack.MsgOption) (string, string, error) {
	return a.PostMessageFn(ctx, channel, options...)
}

// PostEphemeralContext calls PostEphemeralFn.
func (a *API) PostEphemeralContext(ctx context.Context, channel, user string, options ...slack.MsgOption) (string, error) {
	return a.PostEphemeralFn(ctx, channel, user, options...)
}

// UpdateMessageContext calls UpdateMessageFn.
func (a *API) UpdateMessageContext(ctx context.Context, channel, ts string, options ...slack.MsgOption) (string, string, string, error) {
	return a.UpdateMessageFn(ctx, channel, ts, options...)
}

// GetUsersInConversationContext calls GetUsersInConversationFn.
func (a *API) GetUsersInConversationContext(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error) {
	return a.GetUsersInConversationFn(ctx, params)
}

// Profiles fakes retrobot.Profiles.
type Profiles struct {
	CachedFn      func(team, user string) (bot.User, bool)
	GetFn         func(ctx context.Context, team, user string) bot.User
	DefaultLangFn func() string
}

// Cached calls CachedFn.
func (p *Profiles) Cached(team, user string) (bot.User, bool) { return p.CachedFn(team, user) }

// Get calls GetFn.
func (p *Profiles) Get(ctx context.Context, team, user string) bot.User {
	return p.GetFn(ctx, team, user)
}

// DefaultLang calls DefaultLangFn.
func (p *Profiles) DefaultLang() string { return p.DefaultLangFn() }

// UpdaterStore fakes retrobot.UpdaterStore (checked in bot/retro's tests).
type UpdaterStore struct {
	MarkBoardDirtyFn     func(ctx context.Context, team, boardID string) (int64, error)
	BoardRenderStateFn   func(ctx context.Context, team, boardID string) (store.BoardRender, error)
	SetBoardRenderedFn   func(ctx context.Context, team, boardID string, version int64, at time.Time) error
	ReserveBoardUpdateFn func(ctx context.Context, team string, now time.Time, perMinute float64, burst int) (time.Duration, error)
	LockBoardFn          func(ctx context.Context, team, boardID, owner string, ttl time.Duration) (bool, error)
	UnlockBoardFn        func(ctx context.Context, team, boardID, owner string) error
	BoardFn              func(ctx context.Context, team, id string) (store.RetroBoard, error)
}

// MarkBoardDirty calls MarkBoardDirtyFn.
func (s *UpdaterStore) MarkBoardDirty(ctx context.Context, team, boardID string) (int64, error) {
	return s.MarkBoardDirtyFn(ctx, team, boardID)
}

// BoardRenderState calls BoardRenderStateFn.
func (s *UpdaterStore) BoardRenderState(ctx context.Context, team, boardID string) (store.BoardRender, error) {
	return s.BoardRenderStateFn(ctx, team, boardID)
}

// SetBoardRendered calls SetBoardRenderedFn.
func (s *UpdaterStore) SetBoardRendered(ctx context.Context, team, boardID string, version int64, at time.Time) error {
	return s.SetBoardRenderedFn(ctx, team, boardID, version, at)
}

// ReserveBoardUpdate calls ReserveBoardUpdateFn.
func (s *UpdaterStore) ReserveBoardUpdate(ctx context.Context, team string, now time.Time, perMinute float64, burst int) (time.Duration, error) {
	return s.ReserveBoardUpdateFn(ctx, team, now, perMinute, burst)
}

// LockBoard calls LockBoardFn.
func (s *UpdaterStore) LockBoard(ctx context.Context, team, boardID, owner string, ttl time.Duration) (bool, error) {
	return s.LockBoardFn(ctx, team, boardID, owner, ttl)
}

// UnlockBoard calls UnlockBoardFn.
func (s *UpdaterStore) UnlockBoard(ctx context.Context, team, boardID, owner string) error {
	return s.UnlockBoardFn(ctx, team, boardID, owner)
}

// Board calls BoardFn.
func (s *UpdaterStore) Board(ctx context.Context, team, id string) (store.RetroBoard, error) {
	return s.BoardFn(ctx, team, id)
}
