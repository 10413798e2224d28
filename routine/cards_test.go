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
	for _, r := range cat.All() {
		if len(r.Cards) == 0 {
			t.Errorf("routine %s links to no card", r.ID)
		}
		for _, id := range r.Cards {
			if _, ok := corpus.Card(id); !ok {
				t.Errorf("routine %s links to unknown card %q", r.ID, id)
			}
		}
	}
}
