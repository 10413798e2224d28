package coaching

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"ctocoach/retro"
	"ctocoach/routine"
)

// Repository is the storage the use cases need (store.Store implements
// it). Lookups of a missing record return an error matching ErrNotFound.
type Repository interface {
	// CreateCommitment stores c, or returns the existing commitment with
	// the same id or an open one to the same card (created=false).
	CreateCommitment(ctx context.Context, team, user string, c Commitment) (Commitment, bool, error)
	Commitment(ctx context.Context, team, user, id string) (Commitment, error)
	Commitments(ctx context.Context, team, user string) ([]Commitment, error)
	// UpdateCommitment applies fn atomically; fn's error aborts.
	UpdateCommitment(ctx context.Context, team, user, id string, fn func(Commitment) (Commitment, error)) (Commitment, error)

	AddNote(ctx context.Context, team, user string, n Note) error
	UpdateNote(ctx context.Context, team, user, id string, fn func(Note) (Note, error)) (Note, error)
	DeleteNote(ctx context.Context, team, user, id string) error
	// Notes lists the notes of one commitment ("" for all), oldest first.
	Notes(ctx context.Context, team, user, commitment string) ([]Note, error)

	Enrolment(ctx context.Context, team, user, programme string) (Enrolment, error)
	Enrolments(ctx context.Context, team, user string) ([]Enrolment, error)
	// UpdateEnrolment applies fn atomically (found=false: none yet).
	UpdateEnrolment(ctx context.Context, team, user, programme string, fn func(cur Enrolment, found bool) (Enrolment, error)) (Enrolment, error)

	AddBudgetEntry(ctx context.Context, team, user string, e BudgetEntry) error
	BudgetEntries(ctx context.Context, team, user string) ([]BudgetEntry, error)
	DeleteBudgetEntry(ctx context.Context, team, user, id string) error

	AddJournalEntry(ctx context.Context, team, user string, e JournalEntry) error
	// Journal returns up to n entries, newest first (n <= 0: all).
	Journal(ctx context.Context, team, user string, n int) ([]JournalEntry, error)

	// Outcomes are the routine outcomes due at or after since.
	Outcomes(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error)
	// Contacts is the network list.
	Contacts(ctx context.Context, team, user string) ([]routine.Contact, error)

	// ExportUser returns every family of keys holding the user's data.
	ExportUser(ctx context.Context, team, user string) (Export, error)
	// ForgetUser deletes it.
	ForgetUser(ctx context.Context, team, user string) (int, error)
}

// Queue is the delivery engine (package scheduler behind an adapter that
// maps Task to scheduler.Task). Schedule is idempotent by id.
type Queue interface {
	Schedule(ctx context.Context, t Task) error
	// Cancel drops a pending task (no error when there is none).
	Cancel(ctx context.Context, id string) error
	// Pending lists the team's unfinished tasks whose id starts with prefix.
	Pending(ctx context.Context, team, prefix string) ([]Task, error)
	// Forget removes every task, done marker and failure under prefix
	// (scheduler.ForgetPrefix).
	Forget(ctx context.Context, team, prefix string) (int, error)
}

// Settings gives a user's routine settings, the defaults (their Slack
// zone and language) when they saved none.
type Settings interface {
	Settings(ctx context.Context, team, user string) (routine.Settings, error)
}

// Clock tells the time.
type Clock interface{ Now() time.Time }

// ClockFunc adapts a func to Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// Actions gives the open retro actions a user owns (optional;
// store.Store implements it).
type Actions interface {
	ActionsOwnedBy(ctx context.Context, team, user string) ([]retro.Action, error)
}

// Service holds the coaching use cases. Repo, Queue, Settings, Clock and
// Catalogue are required; Actions, Groups, Log and NewID are optional.
type Service struct {
	Repo      Repository
	Queue     Queue
	Settings  Settings
	Clock     Clock
	Catalogue *Catalogue
	Actions   Actions
	// Groups stores mastermind groups (needed by the mastermind methods only).
	Groups Groups
	Log    *slog.Logger
	// NewID returns a fresh id for notes, journal and budget entries
	// (12 random hex digits when nil).
	NewID func() string
}

func (s *Service) now() time.Time { return s.Clock.Now() }

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

func (s *Service) newID() string {
	if s.NewID != nil {
		return s.NewID()
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// maxAt returns t, or now when t is earlier (a step due in the past goes
// at once).
func maxAt(t, now time.Time) time.Time {
	if t.Before(now) {
		return now
	}
	return t
}

// Commit records the user's commitment to a card's action and plans its
// first follow-up seven days later at their slot. Committing again to an
// open one returns it (created=false) and re-plans its pending follow-up
// (idempotent), which heals a crash between the store and the queue.
func (s *Service) Commit(ctx context.Context, team, user, card, action, lang string) (Commitment, bool, error) {
	set, err := s.Settings.Settings(ctx, team, user)
	if err != nil {
		return Commitment{}, false, fmt.Errorf("coaching: commit %s: %w", user, err)
	}
	c, err := NewCommitment(card, action, lang, s.now(), set)
	if err != nil {
		return c, false, err
	}
	got, created, err := s.Repo.CreateCommitment(ctx, team, user, c)
	if err != nil {
		return c, false, fmt.Errorf("coaching: commit %s to %s: %w", user, card, err)
	}
	if got.Open() && got.Pending > 0 {
		if err := s.Queue.Schedule(ctx, followUpTask(team, user, got.ID, got.Pending, got.Due)); err != nil {
			return got, created, fmt.Errorf("coaching: plan follow-up of %s: %w", got.ID, err)
		}
	}
	return got, created, nil
}

// FollowUpMessage is what to send for a follow-up task.
type FollowUpMessage struct {
	// Send is false when nothing is to be sent (stale, expired, forgotten).
	Send bool
	// Expired is true when this task closed the commitment quietly.
	Expired    bool
	User       string
	Seq        int
	Commitment Commitment
	// Notes are the commitment's notes, oldest first.
	Notes []Note
}

// FollowUpDue decides what a due follow-up task sends, records it and
// plans the next one. A task whose delivery failed comes back with the
// same id; it is sent again without planning twice. A commitment that no
// longer exists sends nothing (no error, so the task finishes).
func (s *Service) FollowUpDue(ctx context.Context, t Task) (FollowUpMessage, error) {
	p, err := DecodePayload(t)
	if err != nil || t.Kind != KindFollowUp {
		return FollowUpMessage{}, fmt.Errorf("coaching: follow-up %s: %w", t.ID, errors.Join(err, ErrInvalid))
	}
	set, err := s.Settings.Settings(ctx, t.Team, p.User)
	if err != nil {
		return FollowUpMessage{}, fmt.Errorf("coaching: follow-up %s: %w", t.ID, err)
	}
	now := s.now()
	var decision FollowUp
	c, err := s.Repo.UpdateCommitment(ctx, t.Team, p.User, p.Commitment, func(c Commitment) (Commitment, error) {
		c, decision = c.FollowUpDue(p.Seq, now, set)
		return c, nil
	})
	if errors.Is(err, ErrNotFound) {
		return FollowUpMessage{}, nil
	}
	if err != nil {
		return FollowUpMessage{}, fmt.Errorf("coaching: follow-up %s: %w", t.ID, err)
	}
	msg := FollowUpMessage{User: p.User, Seq: p.Seq, Commitment: c}
	switch decision {
	case FollowUpExpire:
		msg.Expired = true
		s.log().Info("commitment closed after unanswered follow-ups", "team", t.Team, "commitment", c.ID)
		return msg, nil
	case FollowUpStale:
		return msg, nil
	}
	if c.Pending > 0 {
		if err := s.Queue.Schedule(ctx, followUpTask(t.Team, p.User, c.ID, c.Pending, c.Due)); err != nil {
			return msg, fmt.Errorf("coaching: plan follow-up %d of %s: %w", c.Pending, c.ID, err)
		}
	}
	notes, err := s.Repo.Notes(ctx, t.Team, p.User, c.ID)
	if err != nil {
		return msg, fmt.Errorf("coaching: follow-up %s: %w", t.ID, err)
	}
	msg.Send, msg.Notes = true, notes
	return msg, nil
}

// Answer records the user's answer to follow-up seq (0 from App Home) and
// moves the planned follow-up: closing answers cancel it, Not yet plans a
// new one seven days on. changed is false for a repeated press.
func (s *Service) Answer(ctx context.Context, team, user, id string, a Answer, seq int) (Commitment, bool, error) {
	set, err := s.Settings.Settings(ctx, team, user)
	if err != nil {
		return Commitment{}, false, fmt.Errorf("coaching: answer %s: %w", id, err)
	}
	now := s.now()
	var before Commitment
	var changed bool
	c, err := s.Repo.UpdateCommitment(ctx, team, user, id, func(c Commitment) (Commitment, error) {
		before = c
		next, ch, err := c.Apply(a, seq, now, set)
		changed = ch
		return next, err
	})
	if err != nil {
		return c, false, fmt.Errorf("coaching: answer %s of %s: %w", a, id, err)
	}
	if !changed {
		return c, false, nil
	}
	if before.Pending > 0 && before.Pending != c.Pending {
		if err := s.Queue.Cancel(ctx, FollowUpTaskID(team, user, id, before.Pending)); err != nil {
			// The old follow-up is stale anyway (FollowUpDue drops it).
			s.log().Warn("cannot cancel a replaced follow-up", "commitment", id, "err", err)
		}
	}
	if c.Pending > 0 && c.Pending != before.Pending {
		if err := s.Queue.Schedule(ctx, followUpTask(team, user, id, c.Pending, c.Due)); err != nil {
			return c, true, fmt.Errorf("coaching: plan follow-up of %s: %w", id, err)
		}
	}
	return c, true, nil
}

// AddNote adds a private note to one of the user's commitments.
func (s *Service) AddNote(ctx context.Context, team, user, commitment, text string) (Note, error) {
	text, err := CleanNote(text)
	if err != nil {
		return Note{}, err
	}
	if _, err := s.Repo.Commitment(ctx, team, user, commitment); err != nil {
		return Note{}, fmt.Errorf("coaching: note on %s: %w", commitment, err)
	}
	n := Note{ID: s.newID(), Commitment: commitment, Text: text, CreatedAt: s.now()}
	if err := s.Repo.AddNote(ctx, team, user, n); err != nil {
		return Note{}, fmt.Errorf("coaching: note on %s: %w", commitment, err)
	}
	return n, nil
}

// EditNote replaces a note's text.
func (s *Service) EditNote(ctx context.Context, team, user, id, text string) (Note, error) {
	text, err := CleanNote(text)
	if err != nil {
		return Note{}, err
	}
	now := s.now()
	n, err := s.Repo.UpdateNote(ctx, team, user, id, func(n Note) (Note, error) {
		n.Text, n.EditedAt = text, now
		return n, nil
	})
	if err != nil {
		return n, fmt.Errorf("coaching: edit note %s: %w", id, err)
	}
	return n, nil
}

// DeleteNote deletes a note.
func (s *Service) DeleteNote(ctx context.Context, team, user, id string) error {
	if err := s.Repo.DeleteNote(ctx, team, user, id); err != nil {
		return fmt.Errorf("coaching: delete note %s: %w", id, err)
	}
	return nil
}

// OverviewNotes is how many recent notes Overview returns.
const OverviewNotes = 5

// Overview is what /cto commitments and App Home show.
type Overview struct {
	// Open are the open commitments, soonest follow-up first.
	Open []Commitment
	Kept Kept
	// Notes are the latest notes, newest first (at most OverviewNotes).
	Notes []Note
}

// Overview lists the open commitments, the 12-week kept-rate and the last notes.
func (s *Service) Overview(ctx context.Context, team, user string) (Overview, error) {
	cs, err := s.Repo.Commitments(ctx, team, user)
	if err != nil {
		return Overview{}, fmt.Errorf("coaching: overview of %s: %w", user, err)
	}
	ns, err := s.Repo.Notes(ctx, team, user, "")
	if err != nil {
		return Overview{}, fmt.Errorf("coaching: overview of %s: %w", user, err)
	}
	var o Overview
	for _, c := range cs {
		if c.Open() {
			o.Open = append(o.Open, c)
		}
	}
	slices.SortFunc(o.Open, func(a, b Commitment) int { return a.Due.Compare(b.Due) })
	o.Kept = KeptRate(cs, s.now())
	slices.Reverse(ns)
	o.Notes = ns[:min(len(ns), OverviewNotes)]
	return o, nil
}

// location is the user's time zone from their settings (UTC when the zone
// does not load).
func (s *Service) location(ctx context.Context, team, user string) (*time.Location, error) {
	set, err := s.Settings.Settings(ctx, team, user)
	if err != nil {
		return nil, err
	}
	loc, err := set.Location()
	if err != nil {
		return time.UTC, nil
	}
	return loc, nil
}

// WeeklyReview computes the user's weekly review for the current week.
func (s *Service) WeeklyReview(ctx context.Context, team, user string) (Review, error) {
	loc, err := s.location(ctx, team, user)
	if err != nil {
		return Review{}, fmt.Errorf("coaching: review of %s: %w", user, err)
	}
	now := s.now()
	in := ReviewInput{Now: now, Loc: loc, User: user}
	if in.Outcomes, err = s.Repo.Outcomes(ctx, team, user, WeekStart(now, loc)); err != nil {
		return Review{}, fmt.Errorf("coaching: review of %s: %w", user, err)
	}
	if in.Commitments, err = s.Repo.Commitments(ctx, team, user); err != nil {
		return Review{}, fmt.Errorf("coaching: review of %s: %w", user, err)
	}
	if in.Contacts, err = s.Repo.Contacts(ctx, team, user); err != nil {
		return Review{}, fmt.Errorf("coaching: review of %s: %w", user, err)
	}
	if s.Actions != nil {
		if in.RetroActions, err = s.Actions.ActionsOwnedBy(ctx, team, user); err != nil {
			return Review{}, fmt.Errorf("coaching: review of %s: %w", user, err)
		}
	}
	return WeeklyReview(in, s.Catalogue.Reflection), nil
}

// WriteJournal stores a private journal entry (the answer to a review's
// prompt, or free text with prompt "").
func (s *Service) WriteJournal(ctx context.Context, team, user, prompt, text string) (JournalEntry, error) {
	loc, err := s.location(ctx, team, user)
	if err != nil {
		return JournalEntry{}, fmt.Errorf("coaching: journal of %s: %w", user, err)
	}
	e, err := NewJournalEntry(s.newID(), prompt, text, s.now(), loc)
	if err != nil {
		return e, err
	}
	if err := s.Repo.AddJournalEntry(ctx, team, user, e); err != nil {
		return e, fmt.Errorf("coaching: journal of %s: %w", user, err)
	}
	return e, nil
}

// Journal returns the user's latest n entries, newest first.
func (s *Service) Journal(ctx context.Context, team, user string, n int) ([]JournalEntry, error) {
	es, err := s.Repo.Journal(ctx, team, user, n)
	if err != nil {
		return nil, fmt.Errorf("coaching: journal of %s: %w", user, err)
	}
	return es, nil
}

// AddBudget logs one development expense.
func (s *Service) AddBudget(ctx context.Context, team, user, category string, euros int, label, date string) (BudgetEntry, error) {
	e := BudgetEntry{ID: s.newID(), Category: category, Euros: euros, Label: label, Date: date, CreatedAt: s.now()}
	if err := e.Validate(s.Catalogue.Budget); err != nil {
		return e, err
	}
	if err := s.Repo.AddBudgetEntry(ctx, team, user, e); err != nil {
		return e, fmt.Errorf("coaching: budget of %s: %w", user, err)
	}
	return e, nil
}

// Budget sums the user's expenses of one year against the typical ranges.
func (s *Service) Budget(ctx context.Context, team, user string, year int) (BudgetSummary, []BudgetEntry, error) {
	es, err := s.Repo.BudgetEntries(ctx, team, user)
	if err != nil {
		return BudgetSummary{}, nil, fmt.Errorf("coaching: budget of %s: %w", user, err)
	}
	return SummariseBudget(es, year, s.Catalogue.Budget), es, nil
}

// Export returns everything stored about the user, and their planned
// deliveries.
func (s *Service) Export(ctx context.Context, team, user string) (Export, error) {
	ex, err := s.Repo.ExportUser(ctx, team, user)
	if err != nil {
		return ex, fmt.Errorf("coaching: export %s: %w", user, err)
	}
	ex.Team, ex.User, ex.At = team, user, s.now()
	if ex.Tasks, err = s.Queue.Pending(ctx, team, UserPrefix(team, user)); err != nil {
		return ex, fmt.Errorf("coaching: export %s: %w", user, err)
	}
	return ex, nil
}

// Forget deletes everything stored about the user: their deliveries first
// (so no follow-up recreates anything), then their data, then the
// deliveries again (one that was running meanwhile).
func (s *Service) Forget(ctx context.Context, team, user string) error {
	prefix := UserPrefix(team, user)
	if _, err := s.Queue.Forget(ctx, team, prefix); err != nil {
		return fmt.Errorf("coaching: forget %s: %w", user, err)
	}
	if _, err := s.Repo.ForgetUser(ctx, team, user); err != nil {
		return fmt.Errorf("coaching: forget %s: %w", user, err)
	}
	if _, err := s.Queue.Forget(ctx, team, prefix); err != nil {
		return fmt.Errorf("coaching: forget %s: %w", user, err)
	}
	s.log().Info("user data forgotten", "team", team)
	return nil
}
