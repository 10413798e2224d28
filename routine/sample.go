package routine

import (
	"errors"
	"strings"
)

// Errors of Catalogue.Sample.
var (
	// ErrNothingSubscribed: no routine named and none subscribed.
	ErrNothingSubscribed = errors.New("routine: sample: no routine subscribed")
	// ErrUnknownRoutine: the name matches no routine (or several).
	ErrUnknownRoutine = errors.New("routine: sample: unknown routine")
)

// Sample picks the routine of a sample nudge ("/cto routines test
// [name]"): the one named (Find), else the first the user subscribed to,
// in catalogue order.
func (c *Catalogue) Sample(s Settings, name string) (Routine, error) {
	if name == "" {
		for _, rt := range c.routines {
			if s.IsSubscribed(rt.ID) {
				return rt, nil
			}
		}
		return Routine{}, ErrNothingSubscribed
	}
	if rt, ok := c.Find(name); ok {
		return rt, nil
	}
	return Routine{}, ErrUnknownRoutine
}

// Find finds a routine by id, or by its title in either language: the
// whole title, else the one title that contains name (case-insensitive,
// accents as typed, spaces and quotes around it trimmed).
func (c *Catalogue) Find(name string) (Routine, bool) {
	if rt, ok := c.ByID(strings.ToLower(name)); ok {
		return rt, true
	}
	want := strings.ToLower(strings.Trim(strings.TrimSpace(name), "“”«»\"' "))
	if want == "" {
		return Routine{}, false
	}
	var found []Routine
	for _, rt := range c.routines {
		for _, title := range []string{rt.EN.Title, rt.FR.Title} {
			t := strings.ToLower(title)
			if t == want {
				return rt, true
			}
			if strings.Contains(t, want) {
				found = append(found, rt)
				break
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return Routine{}, false
}
