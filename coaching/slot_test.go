package coaching

import (
	"testing"
	"time"

	"ctocoach/routine"
)

func TestSlotUsesRoutineRules(t *testing.T) {
	ten := 10
	twenty := 20
	cases := []struct {
		name string
		s    routine.Settings
		day  time.Time
		want time.Time
	}{
		{"default hour", parisSettings(), at(t, 2026, 12, 10, 17, 0), at(t, 2026, 12, 10, 9, 0)},
		{"user hour", routine.Settings{TZ: "Europe/Paris", Hour: &ten}, at(t, 2026, 12, 10, 17, 0), at(t, 2026, 12, 10, 10, 0)},
		{"saturday moves to monday", parisSettings(), at(t, 2026, 12, 12, 11, 0), at(t, 2026, 12, 14, 9, 0)},
		// 20:00 is in quiet hours (18:00-09:00): the day's message comes when
		// they end, 09:00 (routine's rule: the previous evening's slot moves
		// to this morning); on a Saturday, to Monday 09:00.
		{"quiet hour moves to the end of quiet hours", routine.Settings{TZ: "Europe/Paris", Hour: &twenty}, at(t, 2026, 12, 11, 8, 0), at(t, 2026, 12, 11, 9, 0)},
		{"quiet hour on a weekend", routine.Settings{TZ: "Europe/Paris", Hour: &twenty}, at(t, 2026, 12, 13, 8, 0), at(t, 2026, 12, 14, 9, 0)},
		{"paused until that day", routine.Settings{TZ: "Europe/Paris", PausedUntil: "2026-12-16"}, at(t, 2026, 12, 14, 8, 0), at(t, 2026, 12, 17, 9, 0)},
		{"own coaching time", routine.Settings{TZ: "Europe/Paris", Times: map[string]string{"coaching": "11:30"}}, at(t, 2026, 12, 10, 8, 0), at(t, 2026, 12, 10, 11, 30)},
		{"spring forward sunday to monday", parisSettings(), at(t, 2026, 3, 29, 12, 0), time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Slot(c.s, c.day)
			if !ok || !got.Equal(c.want) {
				t.Fatalf("Slot = %v %v, want %v", got, ok, c.want)
			}
		})
	}
}

func TestSlotInvalidSettings(t *testing.T) {
	if _, ok := Slot(routine.Settings{TZ: "Mars/Olympus"}, time.Now()); ok {
		t.Fatal("an unknown zone gave a slot")
	}
}

func TestSlotAtKeepsTheInstantWhenAllowed(t *testing.T) {
	s := parisSettings()
	// Wednesday 15:00 is allowed: unchanged, seconds kept.
	w := at(t, 2026, 12, 9, 15, 0).Add(30 * time.Second)
	if got, ok := SlotAt(s, w); !ok || !got.Equal(w) {
		t.Fatalf("SlotAt(wed 15:00:30) = %v, want itself", got)
	}
	// Saturday 15:00 moves to Monday 15:00.
	if got, _ := SlotAt(s, at(t, 2026, 12, 12, 15, 0)); !got.Equal(at(t, 2026, 12, 14, 15, 0)) {
		t.Fatalf("SlotAt(sat 15:00) = %v, want mon 15:00", got)
	}
	// Friday 20:00 (quiet) moves to Monday 09:00.
	if got, _ := SlotAt(s, at(t, 2026, 12, 11, 20, 0)); !got.Equal(at(t, 2026, 12, 14, 9, 0)) {
		t.Fatalf("SlotAt(fri 20:00) = %v, want mon 09:00", got)
	}
}
