package routine_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ctocoach/routine"
	"ctocoach/routine/mock"
)

func TestParsePauseUntil(t *testing.T) {
	today := time.Date(2026, 7, 10, 15, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   string
		want string
		err  error
	}{
		{"until 2026-08-23", "2026-08-23", nil},
		{"2026-08-23", "2026-08-23", nil},
		{"UNTIL 2026-07-10", "2026-07-10", nil}, // today: the rest of today is paused
		{"jusqu'au 2026-08-23", "2026-08-23", nil},
		{"jusqu’au 23/08/2026", "2026-08-23", nil},
		{"until 2026-07-09", "", routine.ErrPausePast},
		{"until 2027-08-01", "", routine.ErrPauseFar},
		{"until 2026-02-30", "", routine.ErrPauseSyntax},
		{"until tomorrow", "", routine.ErrPauseSyntax},
		{"", "", routine.ErrPauseSyntax},
		{"until 2026-08-23 please", "", routine.ErrPauseSyntax},
	} {
		got, err := routine.ParsePauseUntil(tt.in, today)
		if !errors.Is(err, tt.err) {
			t.Errorf("ParsePauseUntil(%q) error = %v, want %v", tt.in, err, tt.err)
			continue
		}
		if tt.err == nil && got.Format(time.DateOnly) != tt.want {
			t.Errorf("ParsePauseUntil(%q) = %s, want %s", tt.in, got.Format(time.DateOnly), tt.want)
		}
	}
}

// memSettings is a mock.Settings over one user's settings, counting saves.
type memSettings struct {
	repo  *mock.Settings
	s     routine.Settings
	saves int
}

func newMemSettings(s routine.Settings) *memSettings {
	m := &memSettings{s: s, repo: &mock.Settings{}}
	m.repo.SettingsFn = func(context.Context, string, string) (routine.Settings, error) { return m.s, nil }
	m.repo.SaveSettingsFn = func(_ context.Context, _, _ string, s routine.Settings) error {
		m.s, m.saves = s, m.saves+1
		return nil
	}
	return m
}

// pauses builds the use case at now on settings and a queue.
func pauses(t *testing.T, set routine.SettingsRepository, q routine.Queue, now time.Time) *routine.Pauses {
	t.Helper()
	return &routine.Pauses{Settings: set, Planner: &routine.Planner{Catalogue: mustCatalogue(t), Queue: q}, Now: func() time.Time { return now }}
}

var coffeeOnly = routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "Europe/Paris"}

func TestPauseInThePastIsRefusedAndChangesNothing(t *testing.T) {
	set := newMemSettings(coffeeOnly)
	q := newMemQueue()
	// 23:30 UTC on Friday 9 January is already Saturday 10 in Paris: the
	// 9th is in the past for this user.
	now := time.Date(2026, 1, 9, 23, 30, 0, 0, time.UTC)
	_, err := pauses(t, set.repo, q, now).Pause(context.Background(), "T1", "U1", "until 2026-01-09")
	if !errors.Is(err, routine.ErrPausePast) {
		t.Fatalf("Pause until yesterday (local) = %v, want ErrPausePast", err)
	}
	if set.saves != 0 || len(q.scheduled)+len(q.cancelled) != 0 {
		t.Errorf("a refused pause saved %d times, scheduled %v, cancelled %v; want nothing", set.saves, q.scheduled, q.cancelled)
	}
	// The same date is today for a user in UTC.
	utc := newMemSettings(routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "UTC"})
	if _, err := pauses(t, utc.repo, newMemQueue(), now).Pause(context.Background(), "T1", "U1", "until 2026-01-09"); err != nil {
		t.Errorf("Pause until today (UTC user) = %v, want it accepted", err)
	}
}

func TestPauseRefusesBadSyntaxAndFarDates(t *testing.T) {
	for want, args := range map[error]string{routine.ErrPauseSyntax: "next week", routine.ErrPauseFar: "until 2027-06-01"} {
		set := newMemSettings(coffeeOnly)
		_, err := pauses(t, set.repo, newMemQueue(), planNow).Pause(context.Background(), "T1", "U1", args)
		if !errors.Is(err, want) {
			t.Errorf("Pause %q = %v, want %v", args, err, want)
		}
		if set.saves != 0 {
			t.Errorf("Pause %q saved the settings", args)
		}
	}
}

func TestPauseSavesDropsTheNudgesInsideAndPlansTheFirstAfter(t *testing.T) {
	cat := mustCatalogue(t)
	coffee := mustByID(t, cat, "weekly-coffee")
	inside, _ := routine.Next(coffee, coffeeOnly, planNow) // Mon 5 Jan, 09:30 Paris
	q := newMemQueue(routine.NudgeTask("T1", "U1", coffee, inside, inside, false))
	set := newMemSettings(coffeeOnly)
	res, err := pauses(t, set.repo, q, planNow).Pause(context.Background(), "T1", "U1", "until 2026-01-13")
	if err != nil {
		t.Fatal(err)
	}
	if set.s.PausedUntil != "2026-01-13" || set.saves != 1 || res.Settings.PausedUntil != "2026-01-13" {
		t.Errorf("saved %+v (%d saves), result %+v; want paused until 2026-01-13, saved once", set.s, set.saves, res.Settings)
	}
	if res.Until.Format(time.DateOnly) != "2026-01-13" || res.Loc.String() != "Europe/Paris" || !res.Now.Equal(planNow) {
		t.Errorf("result until %s, zone %s, now %s", res.Until, res.Loc, res.Now)
	}
	first := time.Date(2026, 1, 19, 8, 30, 0, 0, time.UTC) // Monday after the pause, 09:30 Paris
	if len(res.Plan) != 1 || !res.Plan[0].At.Equal(first) {
		t.Fatalf("plan = %+v, want the coffee of %s only", res.Plan, first)
	}
	if len(q.pending) != 1 || q.pending[res.Plan[0].ID].ID == "" {
		t.Errorf("pending = %v, want only %s (the nudges inside the pause cancelled)", q.pending, res.Plan[0].ID)
	}
}

func TestResumeComesBackWithoutABurstOfMissedNudges(t *testing.T) {
	cat := mustCatalogue(t)
	coffee, review := mustByID(t, cat, "weekly-coffee"), mustByID(t, cat, "weekly-review")
	paused := routine.Settings{Subscribed: []string{"weekly-coffee", "weekly-review"}, TZ: "Europe/Paris", PausedUntil: "2026-03-01"}
	// Planned when the pause began: the first occurrences after it.
	after := time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
	q := newMemQueue(routine.NudgeTask("T1", "U1", coffee, after, after, false), routine.NudgeTask("T1", "U1", review, after.Add(96*time.Hour), after.Add(96*time.Hour), false))
	set := newMemSettings(paused)
	// Resumed five weeks into the pause: five coffees and five reviews were
	// skipped, none of them is sent.
	now := time.Date(2026, 2, 10, 12, 0, 0, 0, time.UTC)
	res, err := pauses(t, set.repo, q, now).Resume(context.Background(), "T1", "U1")
	if err != nil {
		t.Fatal(err)
	}
	if set.s.PausedUntil != "" || set.saves != 1 {
		t.Errorf("saved %+v (%d saves), want the pause cleared", set.s, set.saves)
	}
	if len(res.Plan) != 2 || len(q.pending) != 2 {
		t.Fatalf("plan %+v, pending %d; want one nudge per routine", res.Plan, len(q.pending))
	}
	for _, p := range res.Plan {
		want, _ := routine.Next(p.Routine, set.s, now)
		if !p.At.Equal(want) || !p.At.After(now) || p.At.Sub(now) > 7*24*time.Hour {
			t.Errorf("%s planned at %s, want its next occurrence after now (%s), within a week", p.Routine.ID, p.At, want)
		}
		if _, ok := q.pending[p.ID]; !ok {
			t.Errorf("%s is not in the queue", p.ID)
		}
	}
}

func TestResumeWhenNotPausedSavesNothing(t *testing.T) {
	set := newMemSettings(coffeeOnly)
	q := newMemQueue()
	if _, err := pauses(t, set.repo, q, planNow).Resume(context.Background(), "T1", "U1"); !errors.Is(err, routine.ErrNotPaused) {
		t.Fatalf("Resume without a pause = %v, want ErrNotPaused", err)
	}
	if set.saves != 0 || len(q.scheduled) != 0 {
		t.Errorf("Resume without a pause saved %d times, scheduled %v", set.saves, q.scheduled)
	}
}

func TestPauseWhenTheSettingsCannotBeReadOrSaved(t *testing.T) {
	down := errors.New("redis down")
	read := &mock.Settings{SettingsFn: func(context.Context, string, string) (routine.Settings, error) { return routine.Settings{}, down }}
	if _, err := pauses(t, read, &mock.Queue{}, planNow).Pause(context.Background(), "T1", "U1", "until 2026-01-13"); !errors.Is(err, down) {
		t.Errorf("Pause with the settings unreadable = %v, want it wrapped", err)
	}
	if _, err := pauses(t, read, &mock.Queue{}, planNow).Resume(context.Background(), "T1", "U1"); !errors.Is(err, down) {
		t.Errorf("Resume with the settings unreadable = %v, want it wrapped", err)
	}
	save := newMemSettings(coffeeOnly)
	save.repo.SaveSettingsFn = func(context.Context, string, string, routine.Settings) error { return down }
	// An empty mock.Queue panics if the use case re-plans after a failed save.
	if _, err := pauses(t, save.repo, &mock.Queue{}, planNow).Pause(context.Background(), "T1", "U1", "until 2026-01-13"); !errors.Is(err, down) || errors.Is(err, routine.ErrPauseSyntax) {
		t.Errorf("Pause with the settings unsaved = %v, want it wrapped", err)
	}
}

func TestPauseSavedButNotReplannedSaysSo(t *testing.T) {
	down := errors.New("queue down")
	q := &mock.Queue{PendingFn: func(context.Context, string, string) ([]routine.Task, error) { return nil, down }}
	set := newMemSettings(coffeeOnly)
	res, err := pauses(t, set.repo, q, planNow).Pause(context.Background(), "T1", "U1", "until 2026-01-13")
	if err != nil {
		t.Fatalf("Pause with the queue down = %v, want the pause saved (nil)", err)
	}
	if !errors.Is(res.Unplanned, down) || set.s.PausedUntil != "2026-01-13" {
		t.Errorf("Unplanned = %v, saved %q; want the queue's error and the pause saved", res.Unplanned, set.s.PausedUntil)
	}
}
