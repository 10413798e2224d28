package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestKeyNamespacedByTeam(t *testing.T) {
	s := storetest.MustOpenMini(t)
	a, b := s.Key("T1", "user", "U1"), s.Key("T2", "user", "U1")
	if a == b {
		t.Fatalf("Key for two teams = %q twice, want different keys", a)
	}
	if got, want := a, s.Prefix()+"T1:user:U1"; got != want {
		t.Errorf("Key = %q, want %q", got, want)
	}
}

func TestFirstDelivery(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		first, err := s.FirstDelivery(ctx, "T1", "Ev1", time.Hour)
		if err != nil || !first {
			t.Fatalf("first FirstDelivery = %v, %v; want true, nil", first, err)
		}
		again, err := s.FirstDelivery(ctx, "T1", "Ev1", time.Hour)
		if err != nil || again {
			t.Fatalf("second FirstDelivery = %v, %v; want false, nil", again, err)
		}
		other, _ := s.FirstDelivery(ctx, "T2", "Ev1", time.Hour)
		if !other {
			t.Errorf("same id in another team was reported seen")
		}
	})
}

func TestProfileRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.Profile(ctx, "T1", "U1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Profile of unknown user: err = %v, want ErrNotFound", err)
		}
		want := store.Profile{UserID: "U1", Name: "ana", Locale: "fr-FR", TZ: "Europe/Paris", IsAdmin: true, FetchedAt: time.Unix(1700000000, 0).UTC()}
		if err := s.SaveProfile(ctx, "T1", want); err != nil {
			t.Fatal(err)
		}
		got, err := s.Profile(ctx, "T1", "U1")
		if err != nil || got != want {
			t.Fatalf("Profile = %+v, %v; want %+v", got, err, want)
		}
		ttl := s.Client().TTL(ctx, s.Key("T1", "user", "U1", "profile")).Val()
		if ttl <= 0 || ttl > store.ProfileTTL {
			t.Errorf("profile TTL = %v, want in (0, %v]", ttl, store.ProfileTTL)
		}
	})
}

func TestPrefs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.SetLang(ctx, "T1", "U1", "fr"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetCTOSince(ctx, "T1", "U1", "2025-03"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Prefs(ctx, "T1", "U1")
		if want := (store.Prefs{Lang: "fr", CTOSince: "2025-03"}); err != nil || got != want {
			t.Fatalf("Prefs = %+v, %v; want %+v", got, err, want)
		}
		_ = s.SetLang(ctx, "T1", "U1", "")
		got, _ = s.Prefs(ctx, "T1", "U1")
		if got.Lang != "" {
			t.Errorf("Lang after clearing = %q, want empty", got.Lang)
		}
	})
}

func TestFeedbackCountsEachPersonOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, v := range []struct {
			user string
			vote int
		}{{"U1", 1}, {"U1", 1}, {"U2", -1}, {"U3", 1}, {"U3", -1}} {
			if err := s.SetFeedback(ctx, "T1", "card-a", v.user, v.vote); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Feedback(ctx, "T1", "card-a")
		if want := (store.Feedback{Up: 1, Down: 2}); err != nil || got != want {
			t.Fatalf("Feedback = %+v, %v; want %+v", got, err, want)
		}
		if err := s.SetFeedback(ctx, "T1", "card-a", "U1", 5); err == nil {
			t.Errorf("vote 5 accepted, want error")
		}
	})
}

func TestUnavailable(t *testing.T) {
	s, mr := storetest.MiniServer(t)
	mr.Close()
	_, err := s.Prefs(context.Background(), "T1", "U1")
	if err == nil || !store.IsUnavailable(err) {
		t.Fatalf("Prefs with Redis down: err = %v, IsUnavailable = false; want an unavailable error", err)
	}
	if store.IsUnavailable(store.ErrNotFound) {
		t.Errorf("IsUnavailable(ErrNotFound) = true, want false")
	}
}

func TestBreakerFailsFastWhileRedisIsDown(t *testing.T) {
	s, mr := storetest.MiniServer(t)
	ctx := context.Background()
	if err := s.SetLang(ctx, "T1", "U1", "fr"); err != nil {
		t.Fatal(err)
	}
	mr.Close()
	if _, err := s.Prefs(ctx, "T1", "U1"); !store.IsUnavailable(err) {
		t.Fatalf("first call with Redis down: err = %v, want unavailable", err)
	}
	_, err := s.Prefs(ctx, "T1", "U1")
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("second call with Redis down: err = %v, want ErrUnavailable (fail fast)", err)
	}
}
