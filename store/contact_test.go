package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"ctocoach/routine"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

func TestContactsAddListTouchRemove(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		t0 := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
		a, err := s.AddContact(ctx, "T1", "U1", routine.Contact{Name: "Ana", Tier: routine.Tier1, CreatedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == "" {
			t.Fatalf("AddContact returned no id")
		}
		b, err := s.AddContact(ctx, "T1", "U1", routine.Contact{Name: "Ben", SlackUser: "UBEN", Tier: routine.Tier3, Note: "met at a meetup", CreatedAt: t0.Add(time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Contacts(ctx, "T1", "U1")
		if err != nil || len(got) != 2 || got[0].ID != a.ID || got[1].ID != b.ID || got[1].Note != "met at a meetup" {
			t.Fatalf("Contacts = %+v, %v; want Ana then Ben", got, err)
		}
		touched, err := s.TouchContact(ctx, "T1", "U1", a.ID, t0.Add(48*time.Hour))
		if err != nil || !touched.LastContact.Equal(t0.Add(48*time.Hour)) {
			t.Fatalf("TouchContact = %+v, %v; want last contact two days later", touched, err)
		}
		again, _ := s.Contact(ctx, "T1", "U1", a.ID)
		if !again.LastContact.Equal(t0.Add(48 * time.Hour)) {
			t.Errorf("stored last contact = %v, want %v", again.LastContact, t0.Add(48*time.Hour))
		}
		if err := s.RemoveContact(ctx, "T1", "U1", b.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveContact(ctx, "T1", "U1", b.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second RemoveContact: err = %v, want ErrNotFound", err)
		}
		if _, err := s.TouchContact(ctx, "T1", "U1", b.ID, t0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("TouchContact of a removed contact: err = %v, want ErrNotFound", err)
		}
		if left, _ := s.Contacts(ctx, "T1", "U1"); len(left) != 1 {
			t.Errorf("contacts after removal = %d, want 1", len(left))
		}
	})
}

func TestContactSameSlackUserReplaces(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		first, err := s.AddContact(ctx, "T1", "U1", routine.Contact{Name: "Ben", SlackUser: "UBEN", Tier: routine.Tier2})
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.AddContact(ctx, "T1", "U1", routine.Contact{Name: "Ben B.", SlackUser: "UBEN", Tier: routine.Tier1})
		if err != nil {
			t.Fatal(err)
		}
		if second.ID != first.ID {
			t.Errorf("second add of UBEN got id %s, want the first id %s", second.ID, first.ID)
		}
		got, _ := s.Contacts(ctx, "T1", "U1")
		if len(got) != 1 || got[0].Tier != routine.Tier1 || got[0].Name != "Ben B." {
			t.Errorf("Contacts = %+v, want one Ben B. in tier 1", got)
		}
	})
}

func TestContactValidationAndLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.AddContact(ctx, "T1", "U1", routine.Contact{Name: "  ", Tier: 1}); err == nil {
			t.Errorf("blank name accepted")
		}
		if _, err := s.AddContact(ctx, "T1", "U1", routine.Contact{Name: "Ana", Tier: 4}); err == nil {
			t.Errorf("tier 4 accepted")
		}
		for i := range store.MaxStoredContacts {
			if _, err := s.AddContact(ctx, "T1", "U2", routine.Contact{ID: fmt.Sprintf("c%03d", i), Name: "x", Tier: 3}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.AddContact(ctx, "T1", "U2", routine.Contact{Name: "one more", Tier: 3}); !errors.Is(err, store.ErrContactLimit) {
			t.Errorf("contact past the hard limit: err = %v, want ErrContactLimit", err)
		}
		if _, err := s.AddContact(ctx, "T1", "U2", routine.Contact{ID: "c000", Name: "renamed", Tier: 1}); err != nil {
			t.Errorf("replacing a listed contact at the limit: %v", err)
		}
	})
}
