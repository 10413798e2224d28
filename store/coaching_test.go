package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"ctocoach/coaching"
	"ctocoach/routine"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

var ct0 = time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC)

func newCommitment(t *testing.T, card string, at time.Time) coaching.Commitment {
	t.Helper()
	c, err := coaching.NewCommitment(card, "try "+card, "en", at, routine.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCommitmentsCreateIsIdempotentAndUpdates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		c := newCommitment(t, "card-a", ct0)
		got, created, err := s.CreateCommitment(ctx, "T1", "U1", c)
		if err != nil || !created || got.ID != c.ID {
			t.Fatalf("create: %v %v %+v", err, created, got)
		}
		// Pressed again the same day: the same commitment.
		if again, created, err := s.CreateCommitment(ctx, "T1", "U1", newCommitment(t, "card-a", ct0.Add(time.Hour))); err != nil || created || again.ID != c.ID {
			t.Fatalf("again: %v %v %+v", err, created, again)
		}
		// Another day while still open: the open one.
		if again, created, _ := s.CreateCommitment(ctx, "T1", "U1", newCommitment(t, "card-a", ct0.AddDate(0, 0, 2))); created || again.ID != c.ID {
			t.Fatalf("open one not returned: %+v", again)
		}
		// Two replicas committing at once make one commitment.
		var wg sync.WaitGroup
		var mu sync.Mutex
		made := 0
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, created, err := s.CreateCommitment(ctx, "T1", "U1", newCommitment(t, "card-b", ct0))
				if err != nil {
					t.Error(err)
				}
				if created {
					mu.Lock()
					made++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if made != 1 {
			t.Fatalf("concurrent commits created %d", made)
		}
		up, err := s.UpdateCommitment(ctx, "T1", "U1", c.ID, func(c coaching.Commitment) (coaching.Commitment, error) {
			c, _, err := c.Apply(coaching.AnswerDone, 0, ct0.AddDate(0, 0, 7), routine.Settings{})
			return c, err
		})
		if err != nil || up.Status != coaching.StatusDone {
			t.Fatalf("update: %v %+v", err, up)
		}
		// fn's error aborts without writing.
		if _, err := s.UpdateCommitment(ctx, "T1", "U1", c.ID, func(c coaching.Commitment) (coaching.Commitment, error) {
			c.Action = "changed"
			return c, coaching.ErrClosed
		}); !errors.Is(err, coaching.ErrClosed) {
			t.Fatal(err)
		}
		if got, _ := s.Commitment(ctx, "T1", "U1", c.ID); got.Action != c.Action || got.Status != coaching.StatusDone {
			t.Fatalf("stored %+v", got)
		}
		if _, err := s.Commitment(ctx, "T1", "U1", "nope"); !errors.Is(err, store.ErrNotFound) || !errors.Is(err, coaching.ErrNotFound) {
			t.Fatalf("missing: %v", err)
		}
		if _, err := s.UpdateCommitment(ctx, "T1", "U1", "nope", func(c coaching.Commitment) (coaching.Commitment, error) { return c, nil }); !errors.Is(err, coaching.ErrNotFound) {
			t.Fatal(err)
		}
		// Once closed, committing to the same card again makes a new one.
		if re, created, err := s.CreateCommitment(ctx, "T1", "U1", newCommitment(t, "card-a", ct0.AddDate(0, 0, 8))); err != nil || !created || re.ID == c.ID {
			t.Fatalf("recommit after done: %v %v %+v", err, created, re)
		}
		all, err := s.Commitments(ctx, "T1", "U1")
		if err != nil || len(all) != 3 {
			t.Fatalf("list: %v %d", err, len(all))
		}
		if other, _ := s.Commitments(ctx, "T1", "U2"); len(other) != 0 {
			t.Fatal("another user sees commitments")
		}
	})
}

func TestCommitmentsBoundedAndOldOnesPruned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := range store.MaxCommitments {
			c := newCommitment(t, fmt.Sprintf("card-%d", i), ct0)
			if i == 0 {
				c.Status, c.ClosedAt = coaching.StatusDone, ct0
			}
			if _, _, err := s.CreateCommitment(ctx, "T1", "U1", c); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddNote(ctx, "T1", "U1", coaching.Note{ID: "n0", Commitment: coaching.CommitmentID("card-0", ct0), Text: "x", CreatedAt: ct0}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.CreateCommitment(ctx, "T1", "U1", newCommitment(t, "one-more", ct0)); !errors.Is(err, coaching.ErrFull) {
			t.Fatalf("past the cap: %v", err)
		}
		// 401 days later the closed one (and its note) is pruned to make room.
		later := ct0.Add(store.CommitmentRetention + 24*time.Hour)
		if _, created, err := s.CreateCommitment(ctx, "T1", "U1", newCommitment(t, "one-more", later)); err != nil || !created {
			t.Fatalf("after retention: %v %v", err, created)
		}
		if _, err := s.Commitment(ctx, "T1", "U1", coaching.CommitmentID("card-0", ct0)); !errors.Is(err, store.ErrNotFound) {
			t.Fatal("old closed commitment kept")
		}
		if ns, _ := s.Notes(ctx, "T1", "U1", ""); len(ns) != 0 {
			t.Fatal("its note kept")
		}
	})
}

func TestNotesPrivateEditableDeletable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		n := coaching.Note{ID: "n1", Commitment: "c1", Text: "first", CreatedAt: ct0}
		if err := s.AddNote(ctx, "T1", "U1", n); err != nil {
			t.Fatal(err)
		}
		if err := s.AddNote(ctx, "T1", "U1", n); !errors.Is(err, coaching.ErrInvalid) {
			t.Fatalf("same id twice: %v", err)
		}
		_ = s.AddNote(ctx, "T1", "U1", coaching.Note{ID: "n2", Commitment: "c2", Text: "other", CreatedAt: ct0.Add(time.Minute)})
		ed, err := s.UpdateNote(ctx, "T1", "U1", "n1", func(n coaching.Note) (coaching.Note, error) {
			n.Text, n.EditedAt, n.Commitment = "edited", ct0.Add(time.Hour), "hijack"
			return n, nil
		})
		if err != nil || ed.Text != "edited" || ed.Commitment != "c1" {
			t.Fatalf("edit: %v %+v", err, ed)
		}
		if ns, _ := s.Notes(ctx, "T1", "U1", "c1"); len(ns) != 1 || ns[0].Text != "edited" {
			t.Fatalf("notes of c1 %+v", ns)
		}
		if ns, _ := s.Notes(ctx, "T1", "U2", ""); len(ns) != 0 {
			t.Fatal("another user reads the notes")
		}
		if err := s.DeleteNote(ctx, "T1", "U2", "n1"); !errors.Is(err, coaching.ErrNotFound) {
			t.Fatal("another user deleted a note")
		}
		if err := s.DeleteNote(ctx, "T1", "U1", "n1"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteNote(ctx, "T1", "U1", "n1"); !errors.Is(err, coaching.ErrNotFound) {
			t.Fatal(err)
		}
		if ns, _ := s.Notes(ctx, "T1", "U1", ""); len(ns) != 1 || ns[0].ID != "n2" {
			t.Fatalf("after delete %+v", ns)
		}
	})
}

func TestEnrolmentsBudgetJournalMastermind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		cat, err := coaching.LoadCatalogue()
		if err != nil {
			t.Fatal(err)
		}
		p, _ := cat.Programme("delegation")
		e, err := s.UpdateEnrolment(ctx, "T1", "U1", p.ID, func(cur coaching.Enrolment, found bool) (coaching.Enrolment, error) {
			if found {
				t.Error("found before enrolling")
			}
			return coaching.NewEnrolment(p, ct0, "fr"), nil
		})
		if err != nil || e.Status != coaching.EnrolActive {
			t.Fatal(err)
		}
		_, err = s.UpdateEnrolment(ctx, "T1", "U1", p.ID, func(cur coaching.Enrolment, found bool) (coaching.Enrolment, error) {
			cur, _ = cur.Arrive(p, cur.Run(), 1, ct0)
			return cur.Complete(p, 1, map[string][]string{"tasks": {"a", "b"}}, ct0)
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Enrolment(ctx, "T1", "U1", p.ID)
		if err != nil || len(got.Answers["tasks"]) != 2 || got.Sent != 1 || !got.Start.Equal(ct0) {
			t.Fatalf("enrolment %v %+v", err, got)
		}
		if es, _ := s.Enrolments(ctx, "T1", "U1"); len(es) != 1 {
			t.Fatal(es)
		}
		if _, err := s.Enrolment(ctx, "T1", "U1", "mentoring"); !errors.Is(err, coaching.ErrNotFound) {
			t.Fatal(err)
		}

		b := coaching.BudgetEntry{ID: "b1", Category: "books", Euros: 40, Date: "2026-12-03", CreatedAt: ct0}
		if err := s.AddBudgetEntry(ctx, "T1", "U1", b); err != nil {
			t.Fatal(err)
		}
		if es, _ := s.BudgetEntries(ctx, "T1", "U1"); len(es) != 1 || es[0].Euros != 40 {
			t.Fatal(es)
		}
		if err := s.DeleteBudgetEntry(ctx, "T1", "U1", "b1"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteBudgetEntry(ctx, "T1", "U1", "b1"); !errors.Is(err, coaching.ErrNotFound) {
			t.Fatal(err)
		}

		for i := range store.MaxJournalEntries + 3 {
			if err := s.AddJournalEntry(ctx, "T1", "U1", coaching.JournalEntry{ID: fmt.Sprint(i), Text: "t", Date: "2026-12-03"}); err != nil {
				t.Fatal(err)
			}
		}
		j, err := s.Journal(ctx, "T1", "U1", 0)
		if err != nil || len(j) != store.MaxJournalEntries || j[0].ID != fmt.Sprint(store.MaxJournalEntries+2) {
			t.Fatalf("journal: %v %d first %s", err, len(j), j[0].ID)
		}
		if j, _ := s.Journal(ctx, "T1", "U1", 2); len(j) != 2 {
			t.Fatal(len(j))
		}

		m, err := s.UpdateMastermind(ctx, "T1", "C1", func(cur coaching.Mastermind, found bool) (coaching.Mastermind, error) {
			if found {
				t.Error("found before creation")
			}
			return coaching.Mastermind{Members: []string{"U1", "U2"}, CreatedBy: "U1", TZ: "UTC", WeekOfMonth: 1}, nil
		})
		if err != nil || m.Channel != "C1" {
			t.Fatal(err, m)
		}
		if chs, _ := s.Masterminds(ctx, "T1"); len(chs) != 1 || chs[0] != "C1" {
			t.Fatal(chs)
		}
		if got, err := s.Mastermind(ctx, "T1", "C1"); err != nil || len(got.Members) != 2 {
			t.Fatal(err, got)
		}
		if err := s.DeleteMastermind(ctx, "T1", "C1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Mastermind(ctx, "T1", "C1"); !errors.Is(err, coaching.ErrNotFound) {
			t.Fatal(err)
		}
		if chs, _ := s.Masterminds(ctx, "T1"); len(chs) != 0 {
			t.Fatal(chs)
		}
	})
}

// TestCoachingKeysUnderTheUserNamespace checks every coaching key of a user
// is under "<T>:user:<U>:" and none has a TTL (bounded by size instead).
func TestCoachingKeysUnderTheUserNamespace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, _, _ = s.CreateCommitment(ctx, "T1", "U1", newCommitment(t, "card", ct0))
		_ = s.AddNote(ctx, "T1", "U1", coaching.Note{ID: "n", Commitment: "c", Text: "x"})
		_ = s.AddBudgetEntry(ctx, "T1", "U1", coaching.BudgetEntry{ID: "b", Category: "books", Euros: 1, Date: "2026-01-01"})
		_ = s.AddJournalEntry(ctx, "T1", "U1", coaching.JournalEntry{ID: "j", Text: "x"})
		_, _ = s.UpdateEnrolment(ctx, "T1", "U1", "delegation", func(coaching.Enrolment, bool) (coaching.Enrolment, error) {
			return coaching.Enrolment{Start: ct0}, nil
		})
		dump := storetest.Dump(t, s)
		if len(dump) != 5 {
			t.Fatalf("%d keys: %v", len(dump), dump)
		}
		for k := range dump {
			if !strings.HasPrefix(k, s.Key("T1", "user", "U1", "coaching")+":") {
				t.Errorf("key %s outside the user's namespace", k)
			}
			if ttl := s.Client().TTL(ctx, k).Val(); ttl != -1 {
				t.Errorf("key %s has TTL %v", k, ttl)
			}
		}
	})
}

// The store is the coaching service's repository.
var _ coaching.Repository = (*store.Store)(nil)

// The store keeps the service's mastermind groups.
var _ coaching.Groups = (*store.Store)(nil)

// The store gives the weekly review the retro actions a user owns.
var _ coaching.Actions = (*store.Store)(nil)
