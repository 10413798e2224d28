package routine_test

import (
	"errors"
	"testing"

	"ctocoach/routine"
)

func TestCatalogueFind(t *testing.T) {
	cat := mustCatalogue(t)
	for name, want := range map[string]string{
		"weekly-coffee":                               "weekly-coffee",           // id
		"WEEKLY-REVIEW":                               "weekly-review",           // id, any case
		" «Quarterly team building» ":                 "quarterly-team-building", // whole title, quotes trimmed
		"le café du lundi avec un membre de l'équipe": "weekly-coffee",           // French title
		"skip-level meeting":                          "monthly-skip-level",      // the one title containing it
		"coffee":                                      "weekly-coffee",
		"friday":                                      "", // two titles contain it
		"":                                            "",
		"nope":                                        "",
	} {
		rt, ok := cat.Find(name)
		if ok != (want != "") || rt.ID != want {
			t.Errorf("Find(%q) = %q, %v; want %q", name, rt.ID, ok, want)
		}
	}
}

func TestCatalogueSample(t *testing.T) {
	cat := mustCatalogue(t)
	s := routine.Settings{Subscribed: []string{"monthly-feedback", "weekly-review"}}
	if rt, err := cat.Sample(s, ""); err != nil || rt.ID != "weekly-review" {
		t.Errorf("Sample(no name) = %q, %v; want the first subscribed in catalogue order (weekly-review)", rt.ID, err)
	}
	if rt, err := cat.Sample(s, "coffee"); err != nil || rt.ID != "weekly-coffee" {
		t.Errorf("Sample(coffee) = %q, %v; want weekly-coffee (named, subscribed or not)", rt.ID, err)
	}
	if _, err := cat.Sample(routine.Settings{}, ""); !errors.Is(err, routine.ErrNothingSubscribed) {
		t.Errorf("Sample(nothing subscribed) = %v, want ErrNothingSubscribed", err)
	}
	if _, err := cat.Sample(s, "friday"); !errors.Is(err, routine.ErrUnknownRoutine) {
		t.Errorf("Sample(ambiguous) = %v, want ErrUnknownRoutine", err)
	}
}
