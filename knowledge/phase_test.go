package knowledge

import (
	"testing"
	"time"
)

func TestPhaseFor(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, time.UTC) }
	now := day(2025, time.June, 15)
	cases := []struct {
		since time.Time
		want  Phase
	}{
		{time.Time{}, PhaseAll},
		{day(2025, time.June, 1), PhaseEarly},
		{day(2024, time.December, 16), PhaseEarly}, // 5 months 30 days
		{day(2024, time.December, 15), PhaseMiddle},
		{day(2023, time.December, 16), PhaseMiddle}, // 17 months
		{day(2023, time.December, 15), PhaseLate},
		{day(2015, time.January, 1), PhaseLate},
		{day(2026, time.January, 1), PhaseEarly}, // in the future
	}
	for _, c := range cases {
		if got := PhaseFor(c.since, now); got != c.want {
			t.Errorf("PhaseFor(%s, %s) = %q, want %q", c.since.Format(time.DateOnly), now.Format(time.DateOnly), got, c.want)
		}
	}
}

func TestParsePhase(t *testing.T) {
	for _, s := range []string{"0-6", "6-18", "18+", "all"} {
		if p, ok := ParsePhase(s); !ok || string(p) != s {
			t.Errorf("ParsePhase(%q) = %q, %v; want it back, true", s, p, ok)
		}
	}
	for _, s := range []string{"", "0-12", "ALL"} {
		if _, ok := ParsePhase(s); ok {
			t.Errorf("ParsePhase(%q) ok, want false", s)
		}
	}
}

func TestHasPhase(t *testing.T) {
	c := &Card{Phases: []Phase{PhaseEarly}}
	if !c.HasPhase(PhaseEarly) || c.HasPhase(PhaseLate) {
		t.Errorf("HasPhase on [0-6]: early=%v late=%v, want true false", c.HasPhase(PhaseEarly), c.HasPhase(PhaseLate))
	}
	all := &Card{Phases: []Phase{PhaseAll}}
	if !all.HasPhase(PhaseLate) {
		t.Errorf("HasPhase(18+) on [all] = false, want true")
	}
}
