package routine

import (
	"slices"
	"testing"
	"time"
)

func TestNameTeammates(t *testing.T) {
	coffee, skip := MustRoutine(t, "weekly-coffee"), MustRoutine(t, "monthly-skip-level")
	now := time.Date(2026, 1, 5, 8, 30, 0, 0, time.UTC)
	roster := []string{"UBEN", "UCAT", "UDAN", "UEVE"}
	history := []Meeting{{With: "UBEN", At: now.AddDate(0, 0, -7), Routine: "weekly-coffee"}}

	got := NameTeammates(coffee, "UANA", roster, history, now, now)
	if len(got.Users) != 1 || got.Users[0] == "UBEN" || got.Missing != "" {
		t.Errorf("coffee named %+v, want one teammate not met last week", got)
	}
	if again := NameTeammates(coffee, "UANA", roster, history, now, now.Add(time.Minute)); !slices.Equal(again.Users, got.Users) {
		t.Errorf("a retry of the same occurrence named %v, then %v; want the same person", got.Users, again.Users)
	}
	sk := NameTeammates(skip, "UANA", roster, history, now, now)
	if len(sk.Users) != SkipLevelPeople || slices.Contains(sk.Users, "UBEN") {
		t.Errorf("skip-level named %v, want %d people not met lately", sk.Users, SkipLevelPeople)
	}
	for name, r := range map[string][]string{"no roster": nil, "only self": {"UANA"}} {
		if got := NameTeammates(coffee, "UANA", r, nil, now, now); got.Missing != MissingRoster || len(got.Users) != 0 {
			t.Errorf("%s: named %+v, want nobody and MissingRoster", name, got)
		}
	}
	if got := NameTeammates(MustRoutine(t, "weekly-review"), "UANA", roster, nil, now, now); got.Missing != "" || len(got.Users) != 0 || got.Contact != nil {
		t.Errorf("a routine that names no teammate named %+v, want the zero Named", got)
	}
}

func TestNameContact(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	if got := NameContact(nil, now); got.Missing != MissingContacts || got.Contact != nil {
		t.Errorf("empty list named %+v, want MissingContacts", got)
	}
	fresh := Contact{ID: "c1", Name: "Fresh", Tier: Tier1, LastContact: now.AddDate(0, 0, -3)}
	if got := NameContact([]Contact{fresh}, now); got.Missing != MissingDue || got.Contact != nil {
		t.Errorf("nobody due named %+v, want MissingDue", got)
	}
	late := Contact{ID: "c2", Name: "Late", Tier: Tier2, LastContact: now.AddDate(0, -5, 0)}
	later := Contact{ID: "c3", Name: "Later", Tier: Tier1, LastContact: now.AddDate(0, -2, 0)} // due a month ago
	if got := NameContact([]Contact{fresh, later, late}, now); got.Contact == nil || got.Contact.ID != "c2" {
		t.Errorf("named %+v, want the most overdue (c2, due two months ago)", got.Contact)
	}
}

func TestRosterOfLeavesOutSelfAndBots(t *testing.T) {
	bots := map[string]bool{"UROBOT": true}
	got := RosterOf([]string{"UANA", "UBEN", "UROBOT", "UCAT"}, "UANA", func(id string) bool { return bots[id] })
	if !slices.Equal(got, []string{"UBEN", "UCAT"}) {
		t.Errorf("RosterOf = %v, want [UBEN UCAT]", got)
	}
}

func TestByDueMostOverdueFirstThenName(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	last := now.AddDate(0, -2, 0)
	in := []Contact{
		{ID: "a", Name: "zoe", Tier: Tier3, LastContact: last},   // due in ten months
		{ID: "b", Name: "Bob", Tier: Tier1, LastContact: last},   // due a month ago
		{ID: "c", Name: "alice", Tier: Tier1, LastContact: last}, // same day as Bob: by name, case aside
	}
	got := ByDue(in, now)
	var ids []string
	for _, c := range got {
		ids = append(ids, c.ID)
	}
	if !slices.Equal(ids, []string{"c", "b", "a"}) || in[0].ID != "a" {
		t.Errorf("ByDue = %v (input now %s first), want [c b a], the input unchanged", ids, in[0].ID)
	}
}
