// Package mock has function-field fakes of the coaching package's
// interfaces (in the style of benbjohnson/wtf's mock package): each method
// calls the field of the same name, which a test sets; calling a method
// whose field is nil panics, so a test sees at once a dependency it did
// not expect.
package mock

import (
	"context"
	"time"

	"ctocoach/coaching"
	"ctocoach/retro"
	"ctocoach/routine"
)

// Repository fakes coaching.Repository.
type Repository struct {
	CreateCommitmentFn  func(ctx context.Context, team, user string, c coaching.Commitment) (coaching.Commitment, bool, error)
	CommitmentFn        func(ctx context.Context, team, user, id string) (coaching.Commitment, error)
	CommitmentsFn       func(ctx context.Context, team, user string) ([]coaching.Commitment, error)
	UpdateCommitmentFn  func(ctx context.Context, team, user, id string, fn func(coaching.Commitment) (coaching.Commitment, error)) (coaching.Commitment, error)
	AddNoteFn           func(ctx context.Context, team, user string, n coaching.Note) error
	UpdateNoteFn        func(ctx context.Context, team, user, id string, fn func(coaching.Note) (coaching.Note, error)) (coaching.Note, error)
	DeleteNoteFn        func(ctx context.Context, team, user, id string) error
	NotesFn             func(ctx context.Context, team, user, commitment string) ([]coaching.Note, error)
	EnrolmentFn         func(ctx context.Context, team, user, programme string) (coaching.Enrolment, error)
	EnrolmentsFn        func(ctx context.Context, team, user string) ([]coaching.Enrolment, error)
	UpdateEnrolmentFn   func(ctx context.Context, team, user, programme string, fn func(coaching.Enrolment, bool) (coaching.Enrolment, error)) (coaching.Enrolment, error)
	AddBudgetEntryFn    func(ctx context.Context, team, user string, e coaching.BudgetEntry) error
	BudgetEntriesFn     func(ctx context.Context, team, user string) ([]coaching.BudgetEntry, error)
	DeleteBudgetEntryFn func(ctx context.Context, team, user, id string) error
	AddJournalEntryFn   func(ctx context.Context, team, user string, e coaching.JournalEntry) error
	JournalFn           func(ctx context.Context, team, user string, n int) ([]coaching.JournalEntry, error)
	OutcomesFn          func(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error)
	ContactsFn          func(ctx context.Context, team, user string) ([]routine.Contact, error)
	ExportUserFn        func(ctx context.Context, team, user string) (coaching.Export, error)
	ForgetUserFn        func(ctx context.Context, team, user string) (int, error)
}

var _ coaching.Repository = (*Repository)(nil)

// CreateCommitment calls CreateCommitmentFn.
func (r *Repository) CreateCommitment(ctx context.Context, team, user string, c coaching.Commitment) (coaching.Commitment, bool, error) {
	return r.CreateCommitmentFn(ctx, team, user, c)
}

// Commitment calls CommitmentFn.
func (r *Repository) Commitment(ctx context.Context, team, user, id string) (coaching.Commitment, error) {
	return r.CommitmentFn(ctx, team, user, id)
}

// Commitments calls CommitmentsFn.
func (r *Repository) Commitments(ctx context.Context, team, user string) ([]coaching.Commitment, error) {
	return r.CommitmentsFn(ctx, team, user)
}

// UpdateCommitment calls UpdateCommitmentFn.
func (r *Repository) UpdateCommitment(ctx context.Context, team, user, id string, fn func(coaching.Commitment) (coaching.Commitment, error)) (coaching.Commitment, error) {
	return r.UpdateCommitmentFn(ctx, team, user, id, fn)
}

// AddNote calls AddNoteFn.
func (r *Repository) AddNote(ctx context.Context, team, user string, n coaching.Note) error {
	return r.AddNoteFn(ctx, team, user, n)
}

// UpdateNote calls UpdateNoteFn.
func (r *Repository) UpdateNote(ctx context.Context, team, user, id string, fn func(coaching.Note) (coaching.Note, error)) (coaching.Note, error) {
	return r.UpdateNoteFn(ctx, team, user, id, fn)
}

// DeleteNote calls DeleteNoteFn.
func (r *Repository) DeleteNote(ctx context.Context, team, user, id string) error {
	return r.DeleteNoteFn(ctx, team, user, id)
}

// Notes calls NotesFn.
func (r *Repository) Notes(ctx context.Context, team, user, commitment string) ([]coaching.Note, error) {
	return r.NotesFn(ctx, team, user, commitment)
}

// Enrolment calls EnrolmentFn.
func (r *Repository) Enrolment(ctx context.Context, team, user, programme string) (coaching.Enrolment, error) {
	return r.EnrolmentFn(ctx, team, user, programme)
}

// Enrolments calls EnrolmentsFn.
func (r *Repository) Enrolments(ctx context.Context, team, user string) ([]coaching.Enrolment, error) {
	return r.EnrolmentsFn(ctx, team, user)
}

// UpdateEnrolment calls UpdateEnrolmentFn.
func (r *Repository) UpdateEnrolment(ctx context.Context, team, user, programme string, fn func(coaching.Enrolment, bool) (coaching.Enrolment, error)) (coaching.Enrolment, error) {
	return r.UpdateEnrolmentFn(ctx, team, user, programme, fn)
}

// AddBudgetEntry calls AddBudgetEntryFn.
func (r *Repository) AddBudgetEntry(ctx context.Context, team, user string, e coaching.BudgetEntry) error {
	return r.AddBudgetEntryFn(ctx, team, user, e)
}

// BudgetEntries calls BudgetEntriesFn.
func (r *Repository) BudgetEntries(ctx context.Context, team, user string) ([]coaching.BudgetEntry, error) {
	return r.BudgetEntriesFn(ctx, team, user)
}

// DeleteBudgetEntry calls DeleteBudgetEntryFn.
func (r *Repository) DeleteBudgetEntry(ctx context.Context, team, user, id string) error {
	return r.DeleteBudgetEntryFn(ctx, team, user, id)
}

// AddJournalEntry calls AddJournalEntryFn.
func (r *Repository) AddJournalEntry(ctx context.Context, team, user string, e coaching.JournalEntry) error {
	return r.AddJournalEntryFn(ctx, team, user, e)
}

// Journal calls JournalFn.
func (r *Repository) Journal(ctx context.Context, team, user string, n int) ([]coaching.JournalEntry, error) {
	return r.JournalFn(ctx, team, user, n)
}

// Outcomes calls OutcomesFn.
func (r *Repository) Outcomes(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error) {
	return r.OutcomesFn(ctx, team, user, since)
}

// Contacts calls ContactsFn.
func (r *Repository) Contacts(ctx context.Context, team, user string) ([]routine.Contact, error) {
	return r.ContactsFn(ctx, team, user)
}

// ExportUser calls ExportUserFn.
func (r *Repository) ExportUser(ctx context.Context, team, user string) (coaching.Export, error) {
	return r.ExportUserFn(ctx, team, user)
}

// ForgetUser calls ForgetUserFn.
func (r *Repository) ForgetUser(ctx context.Context, team, user string) (int, error) {
	return r.ForgetUserFn(ctx, team, user)
}

// Queue fakes coaching.Queue.
type Queue struct {
	ScheduleFn func(ctx context.Context, t coaching.Task) error
	CancelFn   func(ctx context.Context, id string) error
	PendingFn  func(ctx context.Context, team, prefix string) ([]coaching.Task, error)
	ForgetFn   func(ctx context.Context, team, prefix string) (int, error)
}

var _ coaching.Queue = (*Queue)(nil)

// Schedule calls ScheduleFn.
func (q *Queue) Schedule(ctx context.Context, t coaching.Task) error { return q.ScheduleFn(ctx, t) }

// Cancel calls CancelFn.
func (q *Queue) Cancel(ctx context.Context, id string) error { return q.CancelFn(ctx, id) }

// Pending calls PendingFn.
func (q *Queue) Pending(ctx context.Context, team, prefix string) ([]coaching.Task, error) {
	return q.PendingFn(ctx, team, prefix)
}

// Forget calls ForgetFn.
func (q *Queue) Forget(ctx context.Context, team, prefix string) (int, error) {
	return q.ForgetFn(ctx, team, prefix)
}

// Settings fakes coaching.Settings.
type Settings struct {
	SettingsFn func(ctx context.Context, team, user string) (routine.Settings, error)
}

var _ coaching.Settings = (*Settings)(nil)

// Settings calls SettingsFn.
func (s *Settings) Settings(ctx context.Context, team, user string) (routine.Settings, error) {
	return s.SettingsFn(ctx, team, user)
}

// Actions fakes coaching.Actions.
type Actions struct {
	ActionsOwnedByFn func(ctx context.Context, team, user string) ([]retro.Action, error)
}

var _ coaching.Actions = (*Actions)(nil)

// ActionsOwnedBy calls ActionsOwnedByFn.
func (a *Actions) ActionsOwnedBy(ctx context.Context, team, user string) ([]retro.Action, error) {
	return a.ActionsOwnedByFn(ctx, team, user)
}

// Clock is a settable clock (coaching.Clock).
type Clock struct{ T time.Time }

var _ coaching.Clock = (*Clock)(nil)

// Now returns T.
func (c *Clock) Now() time.Time { return c.T }

// Advance moves T by d.
func (c *Clock) Advance(d time.Duration) { c.T = c.T.Add(d) }

// Groups fakes coaching.Groups.
type Groups struct {
	MastermindFn       func(ctx context.Context, team, channel string) (coaching.Mastermind, error)
	UpdateMastermindFn func(ctx context.Context, team, channel string, fn func(coaching.Mastermind, bool) (coaching.Mastermind, error)) (coaching.Mastermind, error)
}

var _ coaching.Groups = (*Groups)(nil)

// Mastermind calls MastermindFn.
func (g *Groups) Mastermind(ctx context.Context, team, channel string) (coaching.Mastermind, error) {
	return g.MastermindFn(ctx, team, channel)
}

// UpdateMastermind calls UpdateMastermindFn.
func (g *Groups) UpdateMastermind(ctx context.Context, team, channel string, fn func(coaching.Mastermind, bool) (coaching.Mastermind, error)) (coaching.Mastermind, error) {
	return g.UpdateMastermindFn(ctx, team, channel, fn)
}
