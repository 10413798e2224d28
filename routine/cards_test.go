package routine_test

import (
	"testing"

	"ctocoach/knowledge"
	"ctocoach/routine"
)

func TestEveryRoutineLinksToExistingCards(t *testing.T) {
	corpus, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := routine.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	checkups, err := knowledge.Checkups(corpus)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, c := range checkups {
		known[c.ID] = true
	}
	offers := 0
	for _, r := range cat.All() {
		for _, id := range r.Checkups {
			offers++
			if !known[id] {
				t.Errorf("routine %s offers unknown self-check %q", r.ID, id)
			}
		}
		if len(r.Cards) == 0 {
			t.Errorf("routine %s links to no card", r.ID)
		}
		for _, id := range r.Cards {
			if _, ok := corpus.Card(id); !ok {
				t.Errorf("routine %s links to unknown card %q", r.ID, id)
			}
		}
	}
	if offers == 0 {
		t.Errorf("no routine offers the self-checks (the monthly check-in)")
	}
}
