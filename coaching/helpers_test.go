package coaching

import (
	"testing"
	"time"

	"ctocoach/routine"
)

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// at is a Paris wall time.
func at(t testing.TB, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, paris(t))
}

func parisSettings() routine.Settings { return routine.Settings{TZ: "Europe/Paris"} }

func mustCatalogue(t testing.TB) *Catalogue {
	t.Helper()
	c, err := LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustProgramme(t testing.TB, id string) Programme {
	t.Helper()
	p, ok := mustCatalogue(t).Programme(id)
	if !ok {
		t.Fatalf("no programme %s", id)
	}
	return p
}
