package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"ctocoach/routine"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestRoutineSettingsRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.RoutineSettings(ctx, "T1", "U1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("RoutineSettings of a new user: err = %v, want ErrNotFound", err)
		}
		hour := 8
		want := routine.Settings{
			Subscribed: []string{"weekly-coffee", "monthly-skip-level"}, Hour: &hour,
			WorkingDays: []time.Weekday{time.Monday, time.Saturday}, TZ: "Europe/Paris",
			QuietStart: "19:00", QuietEnd: "08:00", PausedUntil: "2026-08-23", Lang: "fr",
		}
		if err := s.SaveRoutineSettings(ctx, "T1", "U1", want); err != nil {
			t.Fatal(err)
		}
		got, err := s.RoutineSettings(ctx, "T1", "U1")
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("RoutineSettings = %+v, %v; want %+v", got, err, want)
		}
		if _, err := s.RoutineSettings(ctx, "T2", "U1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("settings leaked to another team: err = %v, want ErrNotFound", err)
		}
		if ttl := s.Client().TTL(ctx, s.Key("T1", "user", "U1", "routines")).Val(); ttl != -1 {
			t.Errorf("settings TTL = %v, want none (-1)", ttl)
		}
	})
}

func TestRosterRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.Roster(ctx, "T1", "U1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Roster of a new user: err = %v, want ErrNotFound", err)
		}
		want := store.Roster{Channel: "C1", Members: []string{"U2", "U3"}, UpdatedAt: time.Unix(1767600000, 0).UTC()}
		if err := s.SaveRoster(ctx, "T1", "U1", want); err != nil {
			t.Fatal(err)
		}
		got, err := s.Roster(ctx, "T1", "U1")
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("Roster = %+v, %v; want %+v", got, err, want)
		}
	})
}

func TestMeetingsNewestFirstAndCapped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		base := time.Unix(1767600000, 0).UTC()
		for i := range store.MaxMeetings + 5 {
			m := routine.Meeting{With: fmt.Sprintf("U%d", i), At: base.Add(time.Duration(i) * time.Hour), Routine: "weekly-coffee"}
			if err := s.AddMeetings(ctx, "T1", "U1", m); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Meetings(ctx, "T1", "U1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != store.MaxMeetings {
			t.Fatalf("len(Meetings) = %d, want %d", len(got), store.MaxMeetings)
		}
		if want := fmt.Sprintf("U%d", store.MaxMeetings+4); got[0].With != want || !got[0].At.Equal(base.Add(time.Duration(store.MaxMeetings+4)*time.Hour)) {
			t.Errorf("newest meeting = %+v, want with %s", got[0], want)
		}
		if got[len(got)-1].With != "U5" {
			t.Errorf("oldest kept meeting = %s, want U5 (U0..U4 dropped)", got[len(got)-1].With)
		}
		if err := s.AddMeetings(ctx, "T1", "U1"); err != nil {
			t.Errorf("AddMeetings with nothing: %v", err)
		}
	})
}

func TestOutcomesLatestPerOccurrence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		occ := time.Date(2026, 1, 5, 8, 30, 0, 0, time.UTC)
		add := func(routineID string, at time.Time, res routine.Result, recorded time.Time) {
			t.Helper()
			if err := s.AddOutcome(ctx, "T1", "U1", routine.Outcome{Routine: routineID, OccurrenceAt: at, Result: res, At: recorded}); err != nil {
				t.Fatal(err)
			}
		}
		add("weekly-coffee", occ, routine.Missed, occ)
		add("weekly-coffee", occ, routine.Done, occ.Add(time.Hour))
		add("weekly-coffee", occ, routine.Done, occ.Add(2*time.Hour)) // pressed twice
		add("weekly-review", occ.Add(4*24*time.Hour), routine.Skipped, occ.Add(4*24*time.Hour))
		got, err := s.Outcomes(ctx, "T1", "U1", occ.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("Outcomes = %+v, want 2 (one per occurrence)", got)
		}
		if got[0].Routine != "weekly-coffee" || got[0].Result != routine.Done || !got[0].OccurrenceAt.Equal(occ) {
			t.Errorf("first outcome = %+v, want weekly-coffee done at %v", got[0], occ)
		}
		if got[1].Result != routine.Skipped {
			t.Errorf("second outcome = %+v, want skipped", got[1])
		}
		later, err := s.Outcomes(ctx, "T1", "U1", occ.Add(time.Hour))
		if err != nil || len(later) != 1 || later[0].Routine != "weekly-review" {
			t.Errorf("Outcomes since after the coffee = %+v, %v; want only the review", later, err)
		}
		done, total, _ := routine.DoneRate(got, occ.Add(7*24*time.Hour), 4)
		if done != 1 || total != 2 {
			t.Errorf("DoneRate over stored outcomes = %d/%d, want 1/2", done, total)
		}
	})
}

func TestOutcomesExpireAfterRetention(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		old := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
		now := old.Add(store.OutcomeRetention + 24*time.Hour)
		for _, o := range []routine.Outcome{
			{Routine: "weekly-coffee", OccurrenceAt: old, Result: routine.Done, At: old},
			{Routine: "weekly-coffee", OccurrenceAt: now, Result: routine.Done, At: now},
		} {
			if err := s.AddOutcome(ctx, "T1", "U1", o); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Outcomes(ctx, "T1", "U1", time.Time{})
		if err != nil || len(got) != 1 || !got[0].OccurrenceAt.Equal(now) {
			t.Fatalf("Outcomes after retention = %+v, %v; want only the recent one", got, err)
		}
		if n := s.Client().HLen(ctx, s.Key("T1", "user", "U1", "outcomes")).Val(); n != 1 {
			t.Errorf("outcome hash has %d fields, want 1 (old one deleted)", n)
		}
	})
}

func TestRoutineStateUnavailable(t *testing.T) {
	s, mr := storetest.MiniServer(t)
	mr.Close()
	ctx := context.Background()
	_, err := s.RoutineSettings(ctx, "T1", "U1")
	if !store.IsUnavailable(err) {
		t.Errorf("RoutineSettings with Redis down: err = %v, want unavailable", err)
	}
	if _, err := s.Outcomes(ctx, "T1", "U1", time.Time{}); !store.IsUnavailable(err) {
		t.Errorf("Outcomes with Redis down: err = %v, want unavailable", err)
	}
	if _, err := s.Contacts(ctx, "T1", "U1"); !store.IsUnavailable(err) {
		t.Errorf("Contacts with Redis down: err = %v, want unavailable", err)
	}
}
