package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"ctocoach/coaching"
	"ctocoach/retro"
	"ctocoach/routine"
	"ctocoach/scheduler"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

// Users of the forget test: ids that no other string of the dump contains.
const (
	gone = "UGONE7"
	kept = "UKEPT9"
)

// seedUser writes data of every feature for user, as the features do.
func seedUser(t *testing.T, s *store.Store, user string) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.SaveProfile(ctx, "T1", store.Profile{UserID: user, Name: "name-" + user, TZ: "Europe/Paris", FetchedAt: ct0}))
	must(s.SetLang(ctx, "T1", user, "fr"))
	must(s.SaveRoutineSettings(ctx, "T1", user, routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "Europe/Paris"}))
	must(s.SaveRoster(ctx, "T1", user, store.Roster{Channel: "C9", Members: []string{"UTEAM1"}, UpdatedAt: ct0}))
	must(s.AddMeetings(ctx, "T1", user, routine.Meeting{With: "UTEAM1", At: ct0, Routine: "weekly-coffee"}))
	must(s.AddOutcome(ctx, "T1", user, routine.Outcome{Routine: "weekly-coffee", OccurrenceAt: ct0, Result: routine.Done, At: ct0}))
	_, err := s.AddContact(ctx, "T1", user, routine.Contact{Name: "Ana", Tier: routine.Tier1, CreatedAt: ct0})
	must(err)
	must(s.AddCheckupResult(ctx, "T1", user, store.CheckupResult{Checkup: "burnout", Score: 2, Size: 10, Level: "low", At: ct0}))
	must(s.SetFeedback(ctx, "T1", "card-x", user, 1))
	_, _, err = s.CreateCommitment(ctx, "T1", user, newCommitment(t, "card-x", ct0))
	must(err)
	must(s.AddNote(ctx, "T1", user, coaching.Note{ID: "n1", Commitment: coaching.CommitmentID("card-x", ct0), Text: "secret note of " + user, CreatedAt: ct0}))
	_, err = s.UpdateEnrolment(ctx, "T1", user, "delegation", func(coaching.Enrolment, bool) (coaching.Enrolment, error) {
		return coaching.Enrolment{Start: ct0, Status: coaching.EnrolActive, Answers: map[string][]string{"tasks": {"task of " + user}}}, nil
	})
	must(err)
	must(s.AddBudgetEntry(ctx, "T1", user, coaching.BudgetEntry{ID: "b1", Category: "books", Euros: 30, Date: "2026-12-01"}))
	must(s.AddJournalEntry(ctx, "T1", user, coaching.JournalEntry{ID: "j1", Date: "2026-12-04", Text: "journal of " + user}))
}

// wantFamilies are the families a seeded user's export lists.
var wantFamilies = []string{
	"checkups", "coaching:budget", "coaching:commitments", "coaching:journal", "coaching:notes", "coaching:programmes",
	"contacts", "feedback", "mastermind:CMM", "meetings", "outcomes", "outcomes:due", "prefs", "profile", "retro:owner:",
	"roster", "routines",
}

// familyNames are the export's names with the user id cut out.
func familyNames(ex coaching.Export) []string {
	out := ex.Names()
	for i := range out {
		out[i] = strings.TrimSuffix(out[i], ex.User)
	}
	return out
}

// TestExportThenForgetLeavesNothing seeds one user's data in every feature
// (and scheduler tasks: pending, delivered, failed), exports it, forgets
// it, and scans every key and value under the store's prefix: the user's
// id appears nowhere, while another user's data is untouched.
func TestExportThenForgetLeavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		seedUser(t, s, gone)
		seedUser(t, s, kept)
		members := []string{gone, kept, "UM1", "UM2", "UM3", "UM4"}
		_, err := s.UpdateMastermind(ctx, "T1", "CMM", func(coaching.Mastermind, bool) (coaching.Mastermind, error) {
			m := coaching.Mastermind{Members: members, WeekOfMonth: 2, Weekday: time.Thursday, Hour: 18, TZ: "Europe/Paris", CreatedBy: gone, Presenters: []string{gone}}
			return m.AddAction(gone, "call the auditor")
		})
		if err != nil {
			t.Fatal(err)
		}

		// A retro action each owns: the board keeps it (the channel's
		// record), the per-user index goes.
		b := mustBoard(t, s, 0)
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseActions)
		for _, u := range []string{gone, kept} {
			if _, err := s.AddAction(ctx, "T1", b.ID, retro.ActionInput{Text: "action of " + u, Owner: u}, "", t0); err != nil {
				t.Fatal(err)
			}
		}
		if owned, err := s.ActionsOwnedBy(ctx, "T1", gone); err != nil || len(owned) != 1 {
			t.Fatalf("owned actions before forget: %v %v", err, owned)
		}

		// Scheduler state for both users: a pending nudge, a pending
		// follow-up, one task delivered (done marker), one failed (stream).
		now := ct0
		// Retries off (MaxAttempts 1) so that "bad" lands in the failed
		// stream on its first try, and a short poll so the due tasks run at
		// once: forget's clean-up of that state is under test here; retries
		// are covered in scheduler/retry_test.go, the default poll in
		// BenchmarkLateness.
		eng := scheduler.New(s.Client(), s.Prefix(), scheduler.Options{Now: func() time.Time { return now }, MaxAttempts: 1, Poll: 10 * time.Millisecond})
		eng.Handle("ok", func(context.Context, scheduler.Task) error { return nil })
		eng.Handle("bad", func(context.Context, scheduler.Task) error { return errors.New("boom") })
		eng.Handle(coaching.KindFollowUp, func(context.Context, scheduler.Task) error { return nil })
		eng.Handle("routine.nudge", func(context.Context, scheduler.Task) error { return nil })
		for _, u := range []string{gone, kept} {
			p := coaching.UserPrefix("T1", u)
			for _, task := range []scheduler.Task{
				{ID: routine.OccurrenceID("T1", u, "weekly-coffee", now.Add(24*time.Hour)), Kind: "routine.nudge", Team: "T1", Due: now.Add(24 * time.Hour), Payload: []byte(`{"user":"` + u + `"}`)},
				{ID: coaching.FollowUpTaskID("T1", u, coaching.CommitmentID("card-x", ct0), 1), Kind: coaching.KindFollowUp, Team: "T1", Due: now.Add(48 * time.Hour), Payload: []byte(`{"user":"` + u + `"}`)},
				{ID: p + "delivered", Kind: "ok", Team: "T1", Due: now},
				{ID: p + "failed", Kind: "bad", Team: "T1", Due: now},
			} {
				if err := eng.Schedule(ctx, task); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := eng.Start(ctx); err != nil {
			t.Fatal(err)
		}
		// Wait, by condition, for the due tasks to finish (delivered or failed).
		deadline := time.Now().Add(10 * time.Second)
		for {
			fs, _ := eng.Failed(ctx, 10)
			pend, _ := eng.Pending(ctx, "T1", "")
			if len(fs) == 2 && len(pend) == 4 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("tasks did not finish: %d failed, %d pending", len(fs), len(pend))
			}
			time.Sleep(5 * time.Millisecond)
		}
		eng.Stop()

		ex, err := s.ExportUser(ctx, "T1", gone)
		if err != nil {
			t.Fatal(err)
		}
		if got := familyNames(ex); !slices.Equal(got, wantFamilies) {
			t.Fatalf("export families\n got %v\nwant %v", got, wantFamilies)
		}
		for _, f := range ex.Families {
			if strings.Contains(string(f.Data), kept) && f.Name != "mastermind:CMM" {
				t.Errorf("export of %s holds %s's data in %s", gone, kept, f.Name)
			}
			if f.Name == "coaching:notes" && !strings.Contains(string(f.Data), "secret note of "+gone) {
				t.Errorf("notes export %s", f.Data)
			}
		}

		before := storetest.Dump(t, s)
		if n, err := s.ForgetUser(ctx, "T1", gone); err != nil || n < len(wantFamilies) {
			t.Fatalf("forget: %d %v", n, err)
		}
		if n, err := eng.ForgetPrefix(ctx, "T1", coaching.UserPrefix("T1", gone)); err != nil || n != 5 { // 2 pending, 2 done markers, 1 failed entry
			t.Fatalf("forget tasks: %d %v", n, err)
		}
		after := storetest.Dump(t, s)
		boards := s.Key("T1", "retro", "board") + ":"
		for k, v := range after {
			if strings.HasPrefix(k, boards) {
				continue // the channel's shared record, kept on purpose (store/forget.go)
			}
			if strings.Contains(k, gone) || strings.Contains(v, gone) {
				t.Errorf("after forget, %s still holds %s: %.200s", k, gone, v)
			}
		}
		// The other user's data is all there.
		for k, v := range before {
			if strings.Contains(k, kept) && after[k] != v {
				t.Errorf("%s's key %s changed", kept, k)
			}
		}
		if owned, err := s.ActionsOwnedBy(ctx, "T1", gone); err != nil || len(owned) != 0 {
			t.Fatalf("owned actions after forget: %v %v", err, owned)
		}
		ex2, err := s.ExportUser(ctx, "T1", kept)
		if err != nil || len(ex2.Families) != len(wantFamilies) {
			t.Fatalf("the other user's export: %v %v", err, ex2.Names())
		}
		if m, err := s.Mastermind(ctx, "T1", "CMM"); err != nil || len(m.Members) != 5 || len(m.Actions) != 0 {
			t.Fatalf("group after forget: %v %+v", err, m)
		}
		if pend, _ := eng.Pending(ctx, "T1", coaching.UserPrefix("T1", kept)); len(pend) != 2 {
			t.Fatalf("the other user's tasks: %d", len(pend))
		}
		if empty, err := s.ExportUser(ctx, "T1", gone); err != nil || len(empty.Families) != 0 {
			t.Fatalf("export after forget: %v %v", err, empty.Names())
		}
	})
}

func TestForgetRefusesPatternIDs(t *testing.T) {
	s := storetest.MustOpenMini(t)
	for _, u := range []string{"", "U*", "U?", "U[1]", "U:1"} {
		if _, err := s.ForgetUser(context.Background(), "T1", u); !errors.Is(err, coaching.ErrInvalid) {
			t.Errorf("forget %q: %v", u, err)
		}
	}
}
