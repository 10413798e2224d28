package routine_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"ctocoach/routine"
	"ctocoach/routine/mock"
)

// settingsService builds the use case at now on settings and a queue.
func settingsService(t *testing.T, set routine.SettingsRepository, q routine.Queue, now time.Time) *routine.SettingsService {
	t.Helper()
	cat := mustCatalogue(t)
	return &routine.SettingsService{Catalogue: cat, Settings: set, Planner: &routine.Planner{Catalogue: cat, Queue: q}, Now: func() time.Time { return now }}
}

// weekdays is Monday to Friday.
var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// validForm is a form every rule accepts.
func validForm() routine.SettingsForm {
	return routine.SettingsForm{Subscribed: []string{"weekly-coffee"}, WorkingDays: weekdays, TZ: "Europe/Paris", Lang: "en"}
}

// refused returns the fields of a *SettingsError, failing the test on any other error.
func refused(t *testing.T, err error) []routine.FieldError {
	t.Helper()
	se, ok := errors.AsType[*routine.SettingsError](err)
	if !ok {
		t.Fatalf("error = %v, want a *SettingsError", err)
	}
	return se.Fields
}

func TestSettingsCheckRefusesEachRuleOnItsField(t *testing.T) {
	s := settingsService(t, &mock.Settings{}, &mock.Queue{}, planNow) // an empty mock panics if Check does I/O
	cat := mustCatalogue(t)
	coffee := mustByID(t, cat, "weekly-coffee")
	for _, tt := range []struct {
		name    string
		edit    func(*routine.SettingsForm)
		field   routine.SettingsField
		rule    error
		routine string
		value   string
	}{
		{"time not HH:MM", func(f *routine.SettingsForm) { f.Time = "25:99" }, routine.FieldTime, routine.ErrNotAClock, "", ""},
		{"routine time not HH:MM", func(f *routine.SettingsForm) { f.Times = map[string]string{"weekly-coffee": "9h"} }, routine.FieldRoutineTime, routine.ErrNotAClock, "weekly-coffee", ""},
		{"no working day", func(f *routine.SettingsForm) { f.WorkingDays = nil }, routine.FieldWorkingDays, routine.ErrNoWorkingDay, "", ""},
		{"working day out of range", func(f *routine.SettingsForm) { f.WorkingDays = []time.Weekday{9} }, routine.FieldWorkingDays, routine.ErrBadWorkingDay, "", ""},
		{"unknown zone", func(f *routine.SettingsForm) { f.TZ = " Mars/Olympus " }, routine.FieldZone, routine.ErrUnknownZone, "", "Mars/Olympus"},
		{"empty zone", func(f *routine.SettingsForm) { f.TZ = "  " }, routine.FieldZone, routine.ErrUnknownZone, "", ""},
		{"Local", func(f *routine.SettingsForm) { f.TZ = "Local" }, routine.FieldZone, routine.ErrUnknownZone, "", "Local"},
		{"zone name too long", func(f *routine.SettingsForm) { f.TZ = "Europe/" + string(make([]byte, routine.MaxZoneName)) }, routine.FieldZone, routine.ErrUnknownZone, "", ""},
		{"quiet start not HH:MM", func(f *routine.SettingsForm) { f.QuietStart = "7pm" }, routine.FieldQuietStart, routine.ErrNotAClock, "", ""},
		{"quiet end not HH:MM", func(f *routine.SettingsForm) { f.QuietEnd = "8am" }, routine.FieldQuietEnd, routine.ErrNotAClock, "", ""},
		{"time in default quiet hours", func(f *routine.SettingsForm) { f.Time = "20:00" }, routine.FieldTime, routine.ErrInQuietHours, "", ""},
		{"time in quiet hours wrapping midnight", func(f *routine.SettingsForm) { f.Time, f.QuietStart, f.QuietEnd = "06:30", "22:00", "07:00" }, routine.FieldTime, routine.ErrInQuietHours, "", ""},
		{"routine time in quiet hours", func(f *routine.SettingsForm) { f.Times = map[string]string{"weekly-coffee": "08:30"} }, routine.FieldRoutineTime, routine.ErrInQuietHours, "weekly-coffee", ""},
		{"a language settings do not know", func(f *routine.SettingsForm) { f.Lang = "de" }, routine.FieldZone, routine.ErrInconsistent, "", ""},
		{"routine never arrives", func(f *routine.SettingsForm) { f.WorkingDays = []time.Weekday{time.Tuesday} }, routine.FieldWorkingDays, routine.ErrNeverArrives, "weekly-coffee", ""},
	} {
		f := validForm()
		tt.edit(&f)
		err := s.Check(f)
		fields := refused(t, err)
		if len(fields) != 1 {
			t.Errorf("%s: fields = %v, want one", tt.name, fields)
			continue
		}
		got := fields[0]
		if got.Field != tt.field || !errors.Is(err, tt.rule) || got.Routine.ID != tt.routine || (tt.value != "" && got.Value != tt.value) {
			t.Errorf("%s: refused %+v, want %s / %v / routine %q / value %q", tt.name, got, tt.field, tt.rule, tt.routine, tt.value)
		}
	}
	// The refusal names the routine and the day to tick.
	f := validForm()
	f.WorkingDays = []time.Weekday{time.Tuesday}
	got := refused(t, s.Check(f))[0]
	if got.Routine.EN.Title != coffee.EN.Title || !got.DayKnown || got.Day != time.Monday {
		t.Errorf("never arrives = %+v, want the coffee's title and Monday", got)
	}
	// Quiet hours off (start = end): any time is fine.
	f = validForm()
	f.Time, f.QuietStart, f.QuietEnd = "22:00", "12:00", "12:00"
	if err := s.Check(f); err != nil {
		t.Errorf("a late time with quiet hours off = %v, want accepted", err)
	}
	if err := s.Check(validForm()); err != nil {
		t.Errorf("a valid form = %v", err)
	}
}

func TestSettingsCheckStagesAndLists(t *testing.T) {
	s := settingsService(t, &mock.Settings{}, &mock.Queue{}, planNow)
	// Every format error at once, in the form's order; the later stages
	// (quiet hours, never arrives) wait until the formats are right.
	f := validForm()
	f.Time, f.WorkingDays, f.TZ, f.QuietEnd = "x", []time.Weekday{time.Tuesday}, "Nowhere", "y"
	f.Times = map[string]string{"weekly-review": "z", "weekly-coffee": "08:00"}
	var got []routine.SettingsField
	for _, fe := range refused(t, s.Check(f)) {
		got = append(got, fe.Field)
	}
	want := []routine.SettingsField{routine.FieldTime, routine.FieldRoutineTime, routine.FieldZone, routine.FieldQuietEnd}
	if !slices.Equal(got, want) {
		t.Errorf("fields = %v, want %v (formats only)", got, want)
	}
	// Every routine that never arrives, in catalogue order.
	f = validForm()
	f.Subscribed = []string{"weekly-review", "weekly-coffee", "weekly-peer-lunch"}
	f.WorkingDays = []time.Weekday{time.Wednesday}
	var ids []string
	for _, fe := range refused(t, s.Check(f)) {
		ids = append(ids, fe.Routine.ID)
	}
	if !slices.Equal(ids, []string{"weekly-coffee", "weekly-review"}) {
		t.Errorf("never arrive = %v, want coffee then review", ids)
	}
	// A pause does not make a routine "never arrive".
	paused := newMemSettings(routine.Settings{PausedUntil: "2026-12-31"})
	if _, err := settingsService(t, paused.repo, newMemQueue(), planNow).Save(context.Background(), "T1", "U1", validForm()); err != nil {
		t.Errorf("a save while paused = %v, want accepted", err)
	}
}

func TestSettingsSaveMergesSavesAndReplans(t *testing.T) {
	cat := mustCatalogue(t)
	review := mustByID(t, cat, "weekly-review")
	set := newMemSettings(routine.Settings{PausedUntil: "2026-01-04", Subscribed: []string{"weekly-review"},
		Times: map[string]string{"weekly-review": "15:00", "weekly-coffee": "11:00"}})
	stale := routine.NudgeTask("T1", "U1", review, planNow.Add(time.Hour), planNow.Add(time.Hour), false)
	q := newMemQueue(stale)
	f := routine.SettingsForm{
		Subscribed:  []string{"weekly-coffee", "weekly-coffee", "nope", "weekly-peer-lunch"},
		Time:        "10:30",
		Times:       map[string]string{"weekly-coffee": "", "weekly-peer-lunch": "12:00"}, // review not shown: keeps 15:00
		WorkingDays: []time.Weekday{time.Wednesday, time.Monday, time.Monday},
		TZ:          " Europe/Paris ", QuietStart: "19:00", QuietEnd: "08:00", Lang: "fr",
	}
	res, err := settingsService(t, set.repo, q, planNow).Save(context.Background(), "T1", "U1", f)
	if err != nil {
		t.Fatal(err)
	}
	s := set.s
	if set.saves != 1 || !slices.Equal(s.Subscribed, []string{"weekly-coffee", "weekly-peer-lunch"}) ||
		s.Hour == nil || *s.Hour != 10 || *s.Minute != 30 || !slices.Equal(s.WorkingDays, []time.Weekday{time.Monday, time.Wednesday}) ||
		s.TZ != "Europe/Paris" || s.QuietStart != "19:00" || s.QuietEnd != "08:00" || s.Lang != "fr" || s.PausedUntil != "2026-01-04" {
		t.Errorf("saved %+v (%d saves)", s, set.saves)
	}
	if len(s.Times) != 2 || s.Times["weekly-review"] != "15:00" || s.Times["weekly-peer-lunch"] != "12:00" {
		t.Errorf("times = %v, want review kept (not shown), coffee back to the common time, lunch 12:00", s.Times)
	}
	if res.Settings.TZ != s.TZ || res.Loc.String() != "Europe/Paris" || !res.Now.Equal(planNow) || res.Unplanned != nil {
		t.Errorf("result = %+v", res)
	}
	coffeeAt := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC) // today 10:30 Paris
	lunchAt := time.Date(2026, 1, 7, 11, 0, 0, 0, time.UTC)  // Wednesday 12:00 Paris
	if len(res.Plan) != 2 || !res.Plan[0].At.Equal(coffeeAt) || !res.Plan[1].At.Equal(lunchAt) {
		t.Fatalf("plan = %+v, want the coffee at %s and the lunch at %s", res.Plan, coffeeAt, lunchAt)
	}
	if _, ok := q.pending[stale.ID]; ok || len(q.pending) != 2 {
		t.Errorf("pending = %v, want the two planned, the unsubscribed review cancelled", q.pending)
	}
	// Saved again (a surface delivering the form twice): same settings, nothing planned twice.
	scheduled := len(q.scheduled)
	res2, err := settingsService(t, set.repo, q, planNow).Save(context.Background(), "T1", "U1", f)
	if err != nil || len(res2.Plan) != 2 || len(q.pending) != 2 || len(q.scheduled) != scheduled {
		t.Errorf("second save = %v, plan %d, pending %d, scheduled %d more; want the same plan, nothing new", err, len(res2.Plan), len(q.pending), len(q.scheduled)-scheduled)
	}
}

func TestSettingsSaveRefusedSavesNothing(t *testing.T) {
	// An empty mock.Settings and mock.Queue panic if a refused form reaches them.
	f := validForm()
	f.WorkingDays = []time.Weekday{time.Sunday}
	_, err := settingsService(t, &mock.Settings{}, &mock.Queue{}, planNow).Save(context.Background(), "T1", "U1", f)
	if !errors.Is(err, routine.ErrNeverArrives) {
		t.Errorf("Save of a routine that never arrives = %v, want ErrNeverArrives", err)
	}
}

func TestSettingsSaveWhenTheRepositoryOrQueueFails(t *testing.T) {
	down := errors.New("redis down")
	read := &mock.Settings{SettingsFn: func(context.Context, string, string) (routine.Settings, error) { return routine.Settings{}, down }}
	if _, err := settingsService(t, read, &mock.Queue{}, planNow).Save(context.Background(), "T1", "U1", validForm()); !errors.Is(err, down) {
		t.Errorf("Save with the settings unreadable = %v, want it wrapped", err)
	}
	save := newMemSettings(routine.Settings{})
	save.repo.SaveSettingsFn = func(context.Context, string, string, routine.Settings) error { return down }
	_, err := settingsService(t, save.repo, &mock.Queue{}, planNow).Save(context.Background(), "T1", "U1", validForm())
	if !errors.Is(err, down) {
		t.Errorf("Save with the settings unsaved = %v, want it wrapped", err)
	}
	if _, refusal := errors.AsType[*routine.SettingsError](err); refusal {
		t.Errorf("a failed save is reported as a refusal: %v", err)
	}
	q := &mock.Queue{PendingFn: func(context.Context, string, string) ([]routine.Task, error) { return nil, down }}
	set := newMemSettings(routine.Settings{})
	res, err := settingsService(t, set.repo, q, planNow).Save(context.Background(), "T1", "U1", validForm())
	if err != nil || !errors.Is(res.Unplanned, down) || set.saves != 1 {
		t.Errorf("Save with the queue down = %v, unplanned %v, %d saves; want saved, Unplanned set", err, res.Unplanned, set.saves)
	}
}

func TestRoutineWeekday(t *testing.T) {
	cat := mustCatalogue(t)
	for id, want := range map[string]time.Weekday{"weekly-coffee": time.Monday, "weekly-review": time.Friday, "monthly-skip-level": time.Tuesday} {
		if d, ok := mustByID(t, cat, id).Weekday(); !ok || d != want {
			t.Errorf("%s.Weekday() = %s, %v; want %s", id, d, ok, want)
		}
	}
}

func TestSettingsQuietHoursDefaults(t *testing.T) {
	for _, tt := range []struct {
		s          routine.Settings
		start, end string
	}{
		{routine.Settings{}, routine.DefaultQuietStart, routine.DefaultQuietEnd},
		{routine.Settings{QuietStart: "20:00"}, "20:00", routine.DefaultQuietEnd},
		{routine.Settings{QuietStart: "12:00", QuietEnd: "12:00"}, "12:00", "12:00"},
	} {
		if start, end := tt.s.QuietHours(); start != tt.start || end != tt.end {
			t.Errorf("%+v.QuietHours() = %s-%s, want %s-%s", tt.s, start, end, tt.start, tt.end)
		}
	}
}
