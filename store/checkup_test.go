package store_test

import (
	"context"
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestCheckupHistoryNewestFirstAndBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		for i := range 105 {
			r := store.CheckupResult{Checkup: "burnout", Score: i % 12, Size: 12, Level: "low", At: t0.Add(time.Duration(i) * time.Hour)}
			if err := s.AddCheckupResult(ctx, "T1", "U1", r); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.CheckupHistory(ctx, "T1", "U1", 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 100 {
			t.Fatalf("history length = %d, want 100 (bounded)", len(got))
		}
		if want := t0.Add(104 * time.Hour); !got[0].At.Equal(want) {
			t.Errorf("newest = %v, want %v", got[0].At, want)
		}
		two, _ := s.CheckupHistory(ctx, "T1", "U1", 2)
		if len(two) != 2 {
			t.Errorf("CheckupHistory(n=2) returned %d", len(two))
		}
	})
}
