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

func TestStandardsBook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if list, err := s.Standards(ctx, "T1"); err != nil || len(list) != 0 {
			t.Fatalf("empty book = %v, %v", list, err)
		}
		for i, title := range []string{"Pair on risky changes", "Deploy before 4 pm"} {
			id, err := s.NextStandardID(ctx, "T1")
			if err != nil {
				t.Fatal(err)
			}
			std, err := retro.NewStandard(retro.StandardInput{ID: id, TeamID: "T1", Title: title, CreatedBy: "UANA"}, t0.Add(time.Duration(i)*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveStandard(ctx, "T1", std); err != nil {
				t.Fatal(err)
			}
		}
		list, err := s.Standards(ctx, "T1")
		if err != nil || len(list) != 2 || list[0].ID != "S1" || list[1].Title != "Deploy before 4 pm" {
			t.Fatalf("book = %+v, %v; want S1 then S2", list, err)
		}
		if _, err := s.Standard(ctx, "T1", "S404"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown standard: err = %v, want ErrNotFound", err)
		}
		_, err = s.UpdateStandard(ctx, "T1", "S1", func(st retro.Standard) (retro.Standard, error) {
			return retro.EditStandard(st, "UBOB", false, "hijacked", "")
		})
		if !errors.Is(err, retro.ErrNotPromoter) {
			t.Errorf("edit by a stranger: err = %v, want ErrNotPromoter", err)
		}
		got, err := s.UpdateStandard(ctx, "T1", "S1", func(st retro.Standard) (retro.Standard, error) {
			return retro.RetireStandard(st, "UADMIN", true, true)
		})
		if err != nil || !got.Retired {
			t.Errorf("retire by an admin = %+v, %v", got, err)
		}
		if st, _ := s.Standard(ctx, "T1", "S1"); !st.Retired || st.Title != "Pair on risky changes" {
			t.Errorf("stored S1 = %+v, want retired with its title", st)
		}
	})
}

func TestStandardConcurrentUpdatesAllApply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		std, _ := retro.NewStandard(retro.StandardInput{ID: "S1", TeamID: "T1", Title: "t", CreatedBy: "UANA"}, t0)
		if err := s.SaveStandard(ctx, "T1", std); err != nil {
			t.Fatal(err)
		}
		const writers = 10
		var wg sync.WaitGroup
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.UpdateStandard(ctx, "T1", "S1", func(st retro.Standard) (retro.Standard, error) {
					return retro.EditStandard(st, "UANA", false, st.Title, st.Text+fmt.Sprint(i%10))
				})
				if err != nil {
					t.Errorf("UpdateStandard: %v", err)
				}
			}()
		}
		wg.Wait()
		got, _ := s.Standard(ctx, "T1", "S1")
		if len(got.Text) != writers {
			t.Errorf("text after %d appends = %q, want %d characters (no lost update)", writers, got.Text, writers)
		}
	})
}
