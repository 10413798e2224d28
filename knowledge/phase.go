package knowledge

import "time"

// Phase is a stage of a CTO's tenure, in months since taking the role.
type Phase string

// The phases used by cards. PhaseAll on a card means it fits every phase;
// on a query it means the phase is unknown and no card is boosted.
const (
	PhaseEarly  Phase = "0-6"
	PhaseMiddle Phase = "6-18"
	PhaseLate   Phase = "18+"
	PhaseAll    Phase = "all"
)

// ParsePhase reports whether s is one of the four phase names.
func ParsePhase(s string) (Phase, bool) {
	switch p := Phase(s); p {
	case PhaseEarly, PhaseMiddle, PhaseLate, PhaseAll:
		return p, true
	}
	return "", false
}

// PhaseFor returns the phase of a CTO who took the role at since, seen at
// now: under 6 whole months is "0-6", under 18 is "6-18", then "18+".
// A zero since (start date unknown) gives PhaseAll.
func PhaseFor(since, now time.Time) Phase {
	if since.IsZero() {
		return PhaseAll
	}
	since = since.In(now.Location())
	months := (now.Year()-since.Year())*12 + int(now.Month()) - int(since.Month())
	if now.Day() < since.Day() {
		months--
	}
	switch {
	case months < 6:
		return PhaseEarly
	case months < 18:
		return PhaseMiddle
	default:
		return PhaseLate
	}
}
