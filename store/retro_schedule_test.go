package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"ctocoach/retro"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestRetroScheduleRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.RetroSchedule(ctx, "T1", "C1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("no schedule: err = %v, want ErrNotFound", err)
		}
		want := retro.Schedule{Cadence: retro.CadenceWeekly, Weekday: time.Thursday, Hour: 16, TZ: "Europe/Paris", Formats: []string{"sailboat", "4ls"}}
		_, err := s.UpdateRetroSchedule(ctx, "T1", "C1", func(sc store.RetroSchedule, found bool) (store.RetroSchedule, error) {
			if found {
				t.Errorf("found a schedule before any was set")
			}
			return store.RetroSchedule{Schedule: want, Lang: "fr", SetBy: "UANA", Version: sc.Version + 1}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.RetroSchedule(ctx, "T1", "C1")
		if err != nil || got.Cadence != want.Cadence || got.Weekday != want.Weekday || got.ChannelID != "C1" || got.Version != 1 || len(got.Formats) != 2 {
			t.Errorf("schedule = %+v, %v", got, err)
		}
		chans, _ := s.RetroScheduleChannels(ctx, "T1")
		if len(chans) != 1 || chans[0] != "C1" {
			t.Errorf("channels = %v, want [C1]", chans)
		}
		boom := errors.New("boom")
		if _, err := s.UpdateRetroSchedule(ctx, "T1", "C1", func(store.RetroSchedule, bool) (store.RetroSchedule, error) { return store.RetroSchedule{}, boom }); !errors.Is(err, boom) {
			t.Errorf("aborted update: err = %v, want boom", err)
		}
		if err := s.DeleteRetroSchedule(ctx, "T1", "C1"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RetroSchedule(ctx, "T1", "C1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("after delete: err = %v, want ErrNotFound", err)
		}
		if chans, _ := s.RetroScheduleChannels(ctx, "T1"); len(chans) != 0 {
			t.Errorf("channels after delete = %v, want none", chans)
		}
	})
}

func TestRetroScheduleConcurrentUpdatesKeepHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const writers = 8
		var wg sync.WaitGroup
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.UpdateRetroSchedule(ctx, "T1", "C1", func(sc store.RetroSchedule, _ bool) (store.RetroSchedule, error) {
					sc.Facilitators = append(sc.Facilitators, fmt.Sprint("U", i))
					return sc, nil
				})
				if err != nil {
					t.Errorf("UpdateRetroSchedule: %v", err)
				}
			}()
		}
		wg.Wait()
		got, _ := s.RetroSchedule(ctx, "T1", "C1")
		if len(got.Facilitators) != writers {
			t.Errorf("history = %v, want %d entries (no lost update)", got.Facilitators, writers)
		}
		_, _ = s.UpdateRetroSchedule(ctx, "T1", "C1", func(sc store.RetroSchedule, _ bool) (store.RetroSchedule, error) {
			for i := range 2 * store.MaxFacilitatorHistory {
				sc.Facilitators = append(sc.Facilitators, fmt.Sprint("V", i))
			}
			return sc, nil
		})
		got, _ = s.RetroSchedule(ctx, "T1", "C1")
		if len(got.Facilitators) != store.MaxFacilitatorHistory || got.Facilitators[len(got.Facilitators)-1] != fmt.Sprint("V", 2*store.MaxFacilitatorHistory-1) {
			t.Errorf("history = %v, want the last %d", got.Facilitators, store.MaxFacilitatorHistory)
		}
	})
}
