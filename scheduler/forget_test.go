package scheduler

import (
	"context"
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestForgetPrefixKeepsOtherUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sc := mustNew(t, s, newClock(), Options{})
		for _, id := range []string{"T1:U1:a", "T1:U1:b", "T1:U10:a", "T1:U2:a"} {
			if err := sc.Schedule(ctx, Task{ID: id, Kind: "k", Team: "T1", Due: t0.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := sc.ForgetPrefix(ctx, "T1", "T1:U1"); err == nil {
			t.Fatal("a prefix without the trailing colon was accepted")
		}
		n, err := sc.ForgetPrefix(ctx, "T1", "T1:U1:")
		if err != nil || n != 2 {
			t.Fatalf("forget: %d %v", n, err)
		}
		left, _ := sc.Pending(ctx, "T1", "")
		if len(left) != 2 || left[0].ID == "T1:U1:a" || left[1].ID == "T1:U1:b" {
			t.Fatalf("left %+v", left)
		}
		// A forgotten id may be planned again (it is not marked done).
		if err := sc.Schedule(ctx, Task{ID: "T1:U1:a", Kind: "k", Team: "T1", Due: t0}); err != nil {
			t.Fatal(err)
		}
		if p, _ := sc.Pending(ctx, "T1", "T1:U1:"); len(p) != 1 {
			t.Fatalf("re-planned: %d", len(p))
		}
	})
}
