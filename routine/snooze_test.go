package routine

import (
	"testing"
	"time"
)

func TestSnoozeUntil(t *testing.T) {
	const paris = "Europe/Paris"
	coffee := MustRoutine(t, "weekly-coffee")
	tests := []struct {
		name   string
		choice string
		now    time.Time
		s      Settings
		want   time.Time
	}{
		{"tomorrow on Monday", SnoozeTomorrow, at(t, paris, 2026, 1, 5, 9, 35), Settings{TZ: paris}, at(t, paris, 2026, 1, 6, 9, 30)},
		{"tomorrow on Friday is Monday", SnoozeTomorrow, at(t, paris, 2026, 1, 9, 16, 0), Settings{TZ: paris}, at(t, paris, 2026, 1, 12, 9, 30)},
		{"tomorrow late in the evening", SnoozeTomorrow, at(t, paris, 2026, 1, 6, 23, 50), Settings{TZ: paris}, at(t, paris, 2026, 1, 7, 9, 30)},
		{"next week from Wednesday", SnoozeNextWeek, at(t, paris, 2026, 1, 7, 11, 0), Settings{TZ: paris}, at(t, paris, 2026, 1, 12, 9, 30)},
		{"next week from Sunday", SnoozeNextWeek, at(t, paris, 2026, 1, 11, 11, 0), Settings{TZ: paris}, at(t, paris, 2026, 1, 12, 9, 30)},
		{"next week from Monday", SnoozeNextWeek, at(t, paris, 2026, 1, 5, 9, 31), Settings{TZ: paris}, at(t, paris, 2026, 1, 12, 9, 30)},
		{"next week, Tuesday-Saturday worker", SnoozeNextWeek, at(t, paris, 2026, 1, 7, 11, 0), Settings{TZ: paris, WorkingDays: []time.Weekday{2, 3, 4, 5, 6}}, at(t, paris, 2026, 1, 13, 9, 30)},
		{"tomorrow on Friday with Saturday chosen", SnoozeTomorrow, at(t, paris, 2026, 1, 9, 16, 0), Settings{TZ: paris, WorkingDays: []time.Weekday{1, 2, 3, 4, 5, 6}}, at(t, paris, 2026, 1, 10, 9, 30)},
		{"user time before quiet end", SnoozeTomorrow, at(t, paris, 2026, 1, 5, 9, 0), Settings{TZ: paris, Hour: intp(8)}, at(t, paris, 2026, 1, 6, 9, 0)},
		{"user time override", SnoozeTomorrow, at(t, paris, 2026, 1, 5, 9, 0), Settings{TZ: paris, Times: map[string]string{"weekly-coffee": "15:10"}}, at(t, paris, 2026, 1, 6, 15, 10)},
		{"past a pause", SnoozeTomorrow, at(t, paris, 2026, 1, 5, 9, 35), Settings{TZ: paris, PausedUntil: "2026-01-20"}, at(t, paris, 2026, 1, 21, 9, 30)},
		{"past a pause ending on Friday", SnoozeTomorrow, at(t, paris, 2026, 1, 5, 9, 35), Settings{TZ: paris, PausedUntil: "2026-01-16"}, at(t, paris, 2026, 1, 19, 9, 30)},
		{"in Tokyo", SnoozeTomorrow, at(t, "Asia/Tokyo", 2026, 1, 5, 9, 35), Settings{TZ: "Asia/Tokyo"}, at(t, "Asia/Tokyo", 2026, 1, 6, 9, 30)},
		{"across the spring change", SnoozeTomorrow, at(t, paris, 2026, 3, 27, 10, 0), Settings{TZ: paris}, at(t, paris, 2026, 3, 30, 9, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SnoozeUntil(tt.choice, coffee, tt.now, tt.s)
			if err != nil {
				t.Fatalf("SnoozeUntil: %v", err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("SnoozeUntil(%s, now %v): got %v, want %v", tt.choice, tt.now, got, tt.want)
			}
		})
	}
}

func TestSnoozeUntilErrors(t *testing.T) {
	coffee := MustRoutine(t, "weekly-coffee")
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	if _, err := SnoozeUntil("forever", coffee, now, Settings{}); err == nil {
		t.Errorf("SnoozeUntil(forever): got nil error, want one")
	}
	if _, err := SnoozeUntil(SnoozeTomorrow, coffee, now, Settings{TZ: "Nowhere/Land"}); err == nil {
		t.Errorf("SnoozeUntil with an unknown zone: got nil error, want one")
	}
}
