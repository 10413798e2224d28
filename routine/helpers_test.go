package routine

import (
	"testing"
	"time"
	_ "time/tzdata" // zones load on any machine
)

// MustLoc loads an IANA zone or fails the test.
func MustLoc(tb testing.TB, name string) *time.Location {
	tb.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("load zone %s: %v", name, err)
	}
	return l
}

// MustCatalogue loads the embedded catalogue or fails the test.
func MustCatalogue(tb testing.TB) *Catalogue {
	tb.Helper()
	c, err := LoadCatalogue()
	if err != nil {
		tb.Fatalf("LoadCatalogue: %v", err)
	}
	return c
}

// MustRoutine returns a catalogue routine or fails the test.
func MustRoutine(tb testing.TB, id string) Routine {
	tb.Helper()
	r, ok := MustCatalogue(tb).ByID(id)
	if !ok {
		tb.Fatalf("ByID(%q): not found", id)
	}
	return r
}

// at builds a local time in zone name.
func at(tb testing.TB, name string, y int, m time.Month, d, h, min int) time.Time {
	tb.Helper()
	return time.Date(y, m, d, h, min, 0, 0, MustLoc(tb, name))
}

// intp returns a pointer to v.
func intp(v int) *int { return &v }

// allDays is every day of the week.
var allDays = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
