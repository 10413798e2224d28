package knowledge

import "testing"

func TestCheckupsLoadAndLinkToCards(t *testing.T) {
	c, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	list, err := Checkups(c)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, ck := range list {
		got[ck.ID] = ck.Size()
	}
	for id, want := range map[string]int{"stagnation": 12, "isolation": 8, "burnout": 12} {
		if got[id] != want {
			t.Errorf("checklist %s has %d signals, want %d", id, got[id], want)
		}
	}
}

func TestCheckupScore(t *testing.T) {
	list, err := Checkups(nil)
	if err != nil {
		t.Fatal(err)
	}
	var iso Checkup
	for _, ck := range list {
		if ck.ID == "isolation" {
			iso = ck
		}
	}
	tests := []struct {
		ticked []string
		n      int
		level  Level
	}{
		{nil, 0, LevelLow},
		{[]string{"organisational.monologues"}, 1, LevelLow},
		{[]string{"organisational.monologues", "personal.no-peer-lunch"}, 2, LevelWatch},
		{[]string{"organisational.monologues", "organisational.monologues", "bogus.item"}, 1, LevelLow},
		{[]string{"organisational.monologues", "organisational.easy-yes", "personal.no-hallway", "personal.misunderstood"}, 4, LevelHigh},
	}
	for _, tt := range tests {
		n, level := iso.Score(tt.ticked)
		if n != tt.n || level != tt.level {
			t.Errorf("Score(%v) = %d, %s; want %d, %s", tt.ticked, n, level, tt.n, tt.level)
		}
	}
}
