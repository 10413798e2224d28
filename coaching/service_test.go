package coaching_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ctocoach/coaching"
	"ctocoach/coaching/mock"
	"ctocoach/retro"
	"ctocoach/routine"
)

// fixture is a Service on function-field mocks backed by maps.
type fixture struct {
	svc   *coaching.Service
	repo  *mock.Repository
	queue *mock.Queue
	clock *mock.Clock
	set   routine.Settings

	mu          sync.Mutex
	commitments map[string]coaching.Commitment
	notes       map[string]coaching.Note
	enrolments  map[string]coaching.Enrolment
	journal     []coaching.JournalEntry
	tasks       map[string]coaching.Task // pending
	scheduled   []string                 // every Schedule call, in order
	cancelled   []string
	calls       []string // export / forget order
	ids         int
}

var loc = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return l
}()

func paris(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

func newFixture(t *testing.T, now time.Time) *fixture {
	t.Helper()
	cat, err := coaching.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{
		clock: &mock.Clock{T: now}, set: routine.Settings{TZ: "Europe/Paris"},
		commitments: map[string]coaching.Commitment{}, notes: map[string]coaching.Note{},
		enrolments: map[string]coaching.Enrolment{}, tasks: map[string]coaching.Task{},
	}
	f.repo = &mock.Repository{
		CreateCommitmentFn: func(_ context.Context, team, user string, c coaching.Commitment) (coaching.Commitment, bool, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if old, ok := f.commitments[c.ID]; ok {
				return old, false, nil
			}
			f.commitments[c.ID] = c
			return c, true, nil
		},
		CommitmentFn: func(_ context.Context, team, user, id string) (coaching.Commitment, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			c, ok := f.commitments[id]
			if !ok {
				return c, coaching.ErrNotFound
			}
			return c, nil
		},
		CommitmentsFn: func(context.Context, string, string) ([]coaching.Commitment, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			var out []coaching.Commitment
			for _, c := range f.commitments {
				out = append(out, c)
			}
			return out, nil
		},
		UpdateCommitmentFn: func(_ context.Context, team, user, id string, fn func(coaching.Commitment) (coaching.Commitment, error)) (coaching.Commitment, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			c, ok := f.commitments[id]
			if !ok {
				return c, coaching.ErrNotFound
			}
			next, err := fn(c)
			if err != nil {
				return c, err
			}
			f.commitments[id] = next
			return next, nil
		},
		AddNoteFn: func(_ context.Context, team, user string, n coaching.Note) error {
			f.notes[n.ID] = n
			return nil
		},
		UpdateNoteFn: func(_ context.Context, team, user, id string, fn func(coaching.Note) (coaching.Note, error)) (coaching.Note, error) {
			n, ok := f.notes[id]
			if !ok {
				return n, coaching.ErrNotFound
			}
			n, err := fn(n)
			f.notes[id] = n
			return n, err
		},
		DeleteNoteFn: func(_ context.Context, team, user, id string) error {
			if _, ok := f.notes[id]; !ok {
				return coaching.ErrNotFound
			}
			delete(f.notes, id)
			return nil
		},
		NotesFn: func(_ context.Context, team, user, commitment string) ([]coaching.Note, error) {
			var out []coaching.Note
			for _, n := range f.notes {
				if commitment == "" || n.Commitment == commitment {
					out = append(out, n)
				}
			}
			slices.SortFunc(out, func(a, b coaching.Note) int { return a.CreatedAt.Compare(b.CreatedAt) })
			return out, nil
		},
		EnrolmentFn: func(_ context.Context, team, user, p string) (coaching.Enrolment, error) {
			e, ok := f.enrolments[p]
			if !ok {
				return e, coaching.ErrNotFound
			}
			return e, nil
		},
		UpdateEnrolmentFn: func(_ context.Context, team, user, p string, fn func(coaching.Enrolment, bool) (coaching.Enrolment, error)) (coaching.Enrolment, error) {
			cur, found := f.enrolments[p]
			next, err := fn(cur, found)
			if err != nil {
				return cur, err
			}
			next.Programme = p
			f.enrolments[p] = next
			return next, nil
		},
		AddJournalEntryFn: func(_ context.Context, team, user string, e coaching.JournalEntry) error {
			f.journal = append([]coaching.JournalEntry{e}, f.journal...)
			return nil
		},
	}
	f.queue = &mock.Queue{
		ScheduleFn: func(_ context.Context, t coaching.Task) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.scheduled = append(f.scheduled, t.ID)
			if _, ok := f.tasks[t.ID]; !ok {
				f.tasks[t.ID] = t
			}
			return nil
		},
		CancelFn: func(_ context.Context, id string) error {
			f.mu.Lock()
			defer f.mu.Unlock()
			f.cancelled = append(f.cancelled, id)
			delete(f.tasks, id)
			return nil
		},
	}
	f.svc = &coaching.Service{
		Repo: f.repo, Queue: f.queue, Clock: f.clock, Catalogue: cat,
		Settings: &mock.Settings{SettingsFn: func(context.Context, string, string) (routine.Settings, error) { return f.set, nil }},
		NewID: func() string {
			f.ids++
			return "id" + string(rune('0'+f.ids))
		},
	}
	return f
}

// take removes and returns the pending task with that id, failing when
// it is not planned.
func (f *fixture) take(t *testing.T, id string) coaching.Task {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	task, ok := f.tasks[id]
	if !ok {
		var ids []string
		for k := range f.tasks {
			ids = append(ids, k)
		}
		t.Fatalf("task %s not planned; pending: %v", id, ids)
	}
	delete(f.tasks, id)
	return task
}

func TestCommitPlansTheFollowUpOnce(t *testing.T) {
	f := newFixture(t, paris(2026, 12, 3, 17, 20))
	ctx := context.Background()
	c, created, err := f.svc.Commit(ctx, "T1", "U1", "delegation-basics", "Hand over the weekly report", "fr")
	if err != nil || !created {
		t.Fatal(err, created)
	}
	id := coaching.FollowUpTaskID("T1", "U1", c.ID, 1)
	if id != "T1:U1:coaching.followup:delegation-basics@20261203T162000Z:1" {
		t.Fatalf("task id %s", id)
	}
	task := f.take(t, id)
	if task.Kind != coaching.KindFollowUp || !task.Due.Equal(paris(2026, 12, 10, 9, 0)) {
		t.Fatalf("task %+v", task)
	}
	// A double click: the same commitment, the same task id.
	if again, created, err := f.svc.Commit(ctx, "T1", "U1", "delegation-basics", "Hand over the weekly report", "fr"); err != nil || created || again.ID != c.ID {
		t.Fatal(err, created)
	}
	if f.scheduled[1] != id {
		t.Fatalf("re-planned %v", f.scheduled)
	}
	// Bad input reaches neither the store nor the queue.
	f.repo.CreateCommitmentFn = nil
	if _, _, err := f.svc.Commit(ctx, "T1", "U1", "card", strings.Repeat("x", 41000), "en"); !errors.Is(err, coaching.ErrTooLong) {
		t.Fatal(err)
	}
}

func TestCommitStoreDownPlansNothing(t *testing.T) {
	f := newFixture(t, paris(2026, 12, 3, 17, 20))
	down := errors.New("redis: connection refused")
	f.repo.CreateCommitmentFn = func(context.Context, string, string, coaching.Commitment) (coaching.Commitment, bool, error) {
		return coaching.Commitment{}, false, down
	}
	if _, _, err := f.svc.Commit(context.Background(), "T1", "U1", "card", "act", "en"); !errors.Is(err, down) {
		t.Fatal(err)
	}
	if len(f.scheduled) != 0 {
		t.Fatal("planned a follow-up for a commitment that was not stored")
	}
}

// TestFollowUpLoop: commit, the follow-up 7 days later, "not yet", the next
// one 7 days after the answer, then three silent follow-ups and a quiet close.
func TestFollowUpLoop(t *testing.T) {
	f := newFixture(t, paris(2026, 12, 3, 17, 20))
	ctx := context.Background()
	c, _, _ := f.svc.Commit(ctx, "T1", "U1", "card", "act", "en")
	note, err := f.svc.AddNote(ctx, "T1", "U1", c.ID, "  it is harder than I thought ")
	if err != nil {
		t.Fatal(err)
	}

	t1 := f.take(t, coaching.FollowUpTaskID("T1", "U1", c.ID, 1))
	f.clock.T = t1.Due
	msg, err := f.svc.FollowUpDue(ctx, t1)
	if err != nil || !msg.Send || msg.Seq != 1 || len(msg.Notes) != 1 || msg.Notes[0].Text != "it is harder than I thought" {
		t.Fatalf("follow-up 1: %v %+v", err, msg)
	}
	// The engine retries the same task (Slack failed): sent again, nothing new planned.
	n := len(f.tasks)
	if msg, _ := f.svc.FollowUpDue(ctx, t1); !msg.Send || len(f.tasks) != n {
		t.Fatalf("retry: %+v, %d tasks", msg, len(f.tasks))
	}
	// Not yet, an hour later: follow-up 2 is cancelled, 3 comes 7 days on.
	f.clock.Advance(time.Hour)
	got, changed, err := f.svc.Answer(ctx, "T1", "U1", c.ID, coaching.AnswerNotYet, 1)
	if err != nil || !changed || got.Pending != 3 {
		t.Fatalf("not yet: %v %v %+v", err, changed, got)
	}
	if !slices.Contains(f.cancelled, coaching.FollowUpTaskID("T1", "U1", c.ID, 2)) {
		t.Fatalf("follow-up 2 not cancelled: %v", f.cancelled)
	}
	// The same button again: nothing moves.
	before := len(f.scheduled)
	if _, changed, _ := f.svc.Answer(ctx, "T1", "U1", c.ID, coaching.AnswerNotYet, 1); changed || len(f.scheduled) != before {
		t.Fatal("a double press re-planned")
	}
	due := paris(2026, 12, 17, 9, 0)
	for seq := 3; seq <= 5; seq++ {
		task := f.take(t, coaching.FollowUpTaskID("T1", "U1", c.ID, seq))
		if !task.Due.Equal(due) {
			t.Fatalf("follow-up %d due %v, want %v", seq, task.Due, due)
		}
		f.clock.T = task.Due
		if msg, err := f.svc.FollowUpDue(ctx, task); err != nil || !msg.Send {
			t.Fatalf("follow-up %d: %v %+v", seq, err, msg)
		}
		due = due.AddDate(0, 0, 7)
	}
	// Three silent follow-ups (3, 4, 5): the sixth closes it quietly.
	last := f.take(t, coaching.FollowUpTaskID("T1", "U1", c.ID, 6))
	f.clock.T = last.Due
	msg, err = f.svc.FollowUpDue(ctx, last)
	if err != nil || msg.Send || !msg.Expired || msg.Commitment.Status != coaching.StatusExpired {
		t.Fatalf("expiry: %v %+v", err, msg)
	}
	if len(f.tasks) != 0 {
		t.Fatalf("tasks left after expiry: %v", f.tasks)
	}
	if _, _, err := f.svc.Answer(ctx, "T1", "U1", c.ID, coaching.AnswerDone, 0); !errors.Is(err, coaching.ErrClosed) {
		t.Fatal(err)
	}
	ov, err := f.svc.Overview(ctx, "T1", "U1")
	if err != nil || len(ov.Open) != 0 || ov.Kept.Expired != 1 || ov.Kept.Rate != 0 || len(ov.Notes) != 1 || ov.Notes[0].ID != note.ID {
		t.Fatalf("overview %v %+v", err, ov)
	}
}

func TestAnswerDoneCancelsThePendingFollowUp(t *testing.T) {
	f := newFixture(t, paris(2026, 12, 3, 17, 20))
	ctx := context.Background()
	c, _, _ := f.svc.Commit(ctx, "T1", "U1", "card", "act", "en")
	f.clock.Advance(24 * time.Hour)
	got, changed, err := f.svc.Answer(ctx, "T1", "U1", c.ID, coaching.AnswerDone, 0)
	if err != nil || !changed || got.Status != coaching.StatusDone {
		t.Fatal(err, got)
	}
	if len(f.tasks) != 0 || len(f.cancelled) != 1 {
		t.Fatalf("pending %v cancelled %v", f.tasks, f.cancelled)
	}
	// The cancelled task, if it still arrives (cancel raced), sends nothing.
	task := coaching.Task{ID: coaching.FollowUpTaskID("T1", "U1", c.ID, 1), Kind: coaching.KindFollowUp, Team: "T1", Payload: []byte(`{"user":"U1","commitment":"` + c.ID + `","seq":1}`)}
	if msg, err := f.svc.FollowUpDue(ctx, task); err != nil || msg.Send {
		t.Fatalf("stale: %v %+v", err, msg)
	}
	ov, _ := f.svc.Overview(ctx, "T1", "U1")
	if ov.Kept.Done != 1 || ov.Kept.Rate != 1 {
		t.Fatalf("kept %+v", ov.Kept)
	}
	// A follow-up of a forgotten commitment finishes without sending.
	task.Payload = []byte(`{"user":"U1","commitment":"gone","seq":1}`)
	if msg, err := f.svc.FollowUpDue(ctx, task); err != nil || msg.Send {
		t.Fatalf("forgotten: %v %+v", err, msg)
	}
	if _, err := f.svc.FollowUpDue(ctx, coaching.Task{ID: "x", Kind: coaching.KindFollowUp, Payload: []byte("garbage")}); !errors.Is(err, coaching.ErrInvalid) {
		t.Fatal(err)
	}
}

func TestNotes(t *testing.T) {
	f := newFixture(t, paris(2026, 12, 3, 17, 20))
	ctx := context.Background()
	c, _, _ := f.svc.Commit(ctx, "T1", "U1", "card", "act", "en")
	if _, err := f.svc.AddNote(ctx, "T1", "U1", "unknown", "x"); !errors.Is(err, coaching.ErrNotFound) {
		t.Fatal(err)
	}
	f.repo.AddNoteFn = nil // the checks below must not reach the store
	if _, err := f.svc.AddNote(ctx, "T1", "U1", c.ID, strings.Repeat("x", coaching.MaxNoteText+1)); !errors.Is(err, coaching.ErrTooLong) {
		t.Fatal(err)
	}
	if _, err := f.svc.AddNote(ctx, "T1", "U1", c.ID, "   "); !errors.Is(err, coaching.ErrEmpty) {
		t.Fatal(err)
	}
	f.repo.AddNoteFn = func(_ context.Context, _, _ string, n coaching.Note) error { f.notes[n.ID] = n; return nil }
	n, err := f.svc.AddNote(ctx, "T1", "U1", c.ID, "first")
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Minute)
	ed, err := f.svc.EditNote(ctx, "T1", "U1", n.ID, "second")
	if err != nil || ed.Text != "second" || !ed.EditedAt.Equal(f.clock.T) || ed.Commitment != c.ID {
		t.Fatal(err, ed)
	}
	if err := f.svc.DeleteNote(ctx, "T1", "U1", n.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.DeleteNote(ctx, "T1", "U1", n.ID); !errors.Is(err, coaching.ErrNotFound) {
		t.Fatal(err)
	}
}

// TestDelegationProgramme runs the six steps on their dates: each step is
// planned when the previous one is sent, and the week-1 list comes back.
func TestDelegationProgramme(t *testing.T) {
	f := newFixture(t, paris(2027, 1, 4, 8, 0)) // Monday 08:00, before the 09:00 slot
	ctx := context.Background()
	e, err := f.svc.Enroll(ctx, "T1", "U1", "delegation", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := f.svc.Enroll(ctx, "T1", "U1", "delegation", "fr"); again.Run() != e.Run() {
		t.Fatal("enrolling twice started a new run")
	}
	wantDue := []time.Time{
		paris(2027, 1, 4, 9, 0), paris(2027, 1, 11, 9, 0), paris(2027, 1, 18, 9, 0),
		paris(2027, 2, 4, 9, 0), paris(2027, 3, 4, 9, 0), paris(2027, 6, 4, 9, 0),
	}
	answers := []map[string][]string{
		{"tasks": {"weekly report", "code reviews", "vendor calls"}},
		{"delegable": {"weekly report", "vendor calls"}},
		{"trained": {"weekly report"}, "person": {"U42"}},
		{"harder": {"vendor calls"}},
		nil,
		{"kept": {"code reviews"}},
	}
	for i, due := range wantDue {
		seq := i + 1
		task := f.take(t, coaching.StepTaskID("T1", "U1", "delegation", e.Run(), seq))
		if !task.Due.Equal(due) {
			t.Fatalf("step %d due %v, want %v", seq, task.Due, due)
		}
		f.clock.T = task.Due
		msg, err := f.svc.StepDue(ctx, task)
		if err != nil || !msg.Send || msg.Occurrence.Seq != seq || msg.Lang != "fr" {
			t.Fatalf("step %d: %v %+v", seq, err, msg)
		}
		if seq >= 2 {
			if len(msg.Shown) == 0 {
				t.Fatalf("step %d shows nothing back", seq)
			}
			if seq == 2 && strings.Join(msg.Shown[0].Values, ",") != "weekly report,code reviews,vendor calls" {
				t.Fatalf("week 2 shows %+v", msg.Shown)
			}
		}
		if answers[i] != nil {
			if _, err := f.svc.CompleteStep(ctx, "T1", "U1", "delegation", seq, answers[i]); err != nil {
				t.Fatalf("complete %d: %v", seq, err)
			}
		}
	}
	if len(f.tasks) != 0 {
		t.Fatalf("tasks after the last step: %v", f.tasks)
	}
	got := f.enrolments["delegation"]
	if got.Status != coaching.EnrolCompleted || strings.Join(got.Answers["kept"], ",") != "code reviews" {
		t.Fatalf("end: %+v", got)
	}
}

func TestAfterEventProgrammeAndLaterStop(t *testing.T) {
	f := newFixture(t, paris(2027, 1, 13, 18, 0))
	ctx := context.Background()
	done := paris(2027, 1, 13, 16, 0) // Wednesday
	es, err := f.svc.RoutineDone(ctx, "T1", "U1", "monthly-networking-event", done, "en")
	if err != nil || len(es) != 1 {
		t.Fatal(err, es)
	}
	if _, err := f.svc.RoutineDone(ctx, "T1", "U1", "monthly-networking-event", done, "en"); err != nil {
		t.Fatal(err)
	}
	if es, _ := f.svc.RoutineDone(ctx, "T1", "U1", "weekly-coffee", done, "en"); len(es) != 0 {
		t.Fatal("a routine without a programme started one")
	}
	id := coaching.StepTaskID("T1", "U1", "after-event", done.Unix(), 1)
	if len(f.tasks) != 1 || !f.tasks[id].Due.Equal(paris(2027, 1, 15, 16, 0)) {
		t.Fatalf("48 h later: %v", f.tasks)
	}
	task := f.take(t, id)
	f.clock.T = task.Due
	msg, err := f.svc.StepDue(ctx, task)
	if err != nil || !msg.Send || msg.Step.ID != "follow-up" {
		t.Fatal(err, msg)
	}
	// Later: back on Monday at the slot (Friday + 1 day is Saturday).
	at, ok, err := f.svc.LaterStep(ctx, "T1", "U1", "after-event", 1)
	if err != nil || !ok || !at.Equal(paris(2027, 1, 18, 9, 0)) {
		t.Fatal(err, ok, at)
	}
	later := f.take(t, coaching.StepLaterTaskID("T1", "U1", "after-event", done.Unix(), 1, 1))
	if msg, err := f.svc.StepDue(ctx, later); err != nil || !msg.Send {
		t.Fatal(err, msg)
	}
	if _, err := f.svc.CompleteStep(ctx, "T1", "U1", "after-event", 1, map[string][]string{"contacts": {"Ana (Acme)", "Bo (Beta)"}}); err != nil {
		t.Fatal(err)
	}
	if msg, _ := f.svc.StepDue(ctx, later); msg.Send {
		t.Fatal("a later reminder of a completed step was sent")
	}

	// Stop cancels the pending step of a long programme.
	e, _ := f.svc.Enroll(ctx, "T1", "U1", "mentoring", "en")
	if _, err := f.svc.StopProgramme(ctx, "T1", "U1", "mentoring"); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(f.cancelled, coaching.StepTaskID("T1", "U1", "mentoring", e.Run(), 1)) {
		t.Fatalf("cancelled %v", f.cancelled)
	}
	if _, err := f.svc.Enroll(ctx, "T1", "U1", "after-event", "en"); !errors.Is(err, coaching.ErrInvalid) {
		t.Fatal("enrolled by hand in a triggered programme")
	}
	if _, err := f.svc.StopProgramme(ctx, "T1", "U1", "yearly-plan"); !errors.Is(err, coaching.ErrNotEnrolled) {
		t.Fatal(err)
	}
}

func TestWeeklyReviewAndJournal(t *testing.T) {
	f := newFixture(t, paris(2027, 1, 15, 15, 0))
	ctx := context.Background()
	var since time.Time
	f.repo.OutcomesFn = func(_ context.Context, _, _ string, s time.Time) ([]routine.Outcome, error) {
		since = s
		return []routine.Outcome{{Routine: "weekly-coffee", OccurrenceAt: paris(2027, 1, 11, 9, 0), Result: routine.Done, At: paris(2027, 1, 11, 10, 0)}}, nil
	}
	f.repo.ContactsFn = func(context.Context, string, string) ([]routine.Contact, error) { return nil, nil }
	f.svc.Actions = &mock.Actions{ActionsOwnedByFn: func(_ context.Context, _, user string) ([]retro.Action, error) {
		return []retro.Action{{ID: "a1", Owner: user, Status: retro.ActionOpen}}, nil
	}}
	_, _, _ = f.svc.Commit(ctx, "T1", "U1", "card", "act", "en") // due next Friday 09:00, before next week's review: in it
	r, err := f.svc.WeeklyReview(ctx, "T1", "U1")
	if err != nil {
		t.Fatal(err)
	}
	if !since.Equal(paris(2027, 1, 11, 0, 0)) || r.Done != 1 || len(r.RetroActions) != 1 || len(r.CommitmentsDue) != 1 || r.Prompt.ID == "" {
		t.Fatalf("review since %v: %+v", since, r)
	}
	e, err := f.svc.WriteJournal(ctx, "T1", "U1", r.Prompt.ID, "I handed over the release notes")
	if err != nil || e.Date != "2027-01-15" || e.Prompt != r.Prompt.ID {
		t.Fatal(err, e)
	}
	f.repo.JournalFn = func(_ context.Context, _, _ string, n int) ([]coaching.JournalEntry, error) { return f.journal, nil }
	if j, _ := f.svc.Journal(ctx, "T1", "U1", 10); len(j) != 1 || j[0].Text != "I handed over the release notes" {
		t.Fatal(j)
	}
	down := errors.New("redis down")
	f.repo.OutcomesFn = func(context.Context, string, string, time.Time) ([]routine.Outcome, error) { return nil, down }
	if _, err := f.svc.WeeklyReview(ctx, "T1", "U1"); !errors.Is(err, down) {
		t.Fatal(err)
	}
}

func TestExportAndForget(t *testing.T) {
	f := newFixture(t, paris(2027, 1, 15, 15, 0))
	ctx := context.Background()
	f.repo.ExportUserFn = func(_ context.Context, team, user string) (coaching.Export, error) {
		f.calls = append(f.calls, "export")
		return coaching.Export{Families: []coaching.Family{{Name: "coaching:notes"}}}, nil
	}
	f.queue.PendingFn = func(_ context.Context, team, prefix string) ([]coaching.Task, error) {
		if prefix != "T1:U1:" {
			t.Errorf("pending prefix %q", prefix)
		}
		return []coaching.Task{{ID: "T1:U1:x"}}, nil
	}
	ex, err := f.svc.Export(ctx, "T1", "U1")
	if err != nil || ex.User != "U1" || !ex.At.Equal(f.clock.T) || len(ex.Tasks) != 1 || len(ex.Families) != 1 {
		t.Fatal(err, ex)
	}
	f.queue.ForgetFn = func(_ context.Context, team, prefix string) (int, error) {
		f.calls = append(f.calls, "queue:"+prefix)
		return 1, nil
	}
	f.repo.ForgetUserFn = func(_ context.Context, team, user string) (int, error) {
		f.calls = append(f.calls, "repo:"+user)
		return 3, nil
	}
	if err := f.svc.Forget(ctx, "T1", "U1"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.calls, " "); got != "export queue:T1:U1: repo:U1 queue:T1:U1:" {
		t.Fatalf("forget order: %s", got)
	}
	f.repo.ForgetUserFn = func(context.Context, string, string) (int, error) { return 0, errors.New("down") }
	if err := f.svc.Forget(ctx, "T1", "U1"); err == nil {
		t.Fatal("a failed forget reported success")
	}
}

func TestBudget(t *testing.T) {
	f := newFixture(t, paris(2027, 1, 15, 15, 0))
	ctx := context.Background()
	var stored []coaching.BudgetEntry
	f.repo.AddBudgetEntryFn = func(_ context.Context, _, _ string, e coaching.BudgetEntry) error {
		stored = append(stored, e)
		return nil
	}
	f.repo.BudgetEntriesFn = func(context.Context, string, string) ([]coaching.BudgetEntry, error) { return stored, nil }
	if _, err := f.svc.AddBudget(ctx, "T1", "U1", "training", 12000, "exec course", "2027-01-10"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.AddBudget(ctx, "T1", "U1", "yachts", 1, "", "2027-01-10"); !errors.Is(err, coaching.ErrInvalid) {
		t.Fatal(err)
	}
	sum, es, err := f.svc.Budget(ctx, "T1", "U1", 2027)
	if err != nil || len(es) != 1 || sum.Euros != 12000 || !sum.Below || sum.Total != (coaching.Range{Min: 25, Max: 40}) {
		t.Fatal(err, sum)
	}
}
